// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { debtAgeDays, debtBucket, debtOf, restAmountToMinor, toReportDeal } from '@/domain/reports'

// Paid sum as double or money UF ("300|RUB"): b24restdocs api-reference/crm/universal/user-defined-fields/crm-userfield-types.md
describe('amounts from REST in kopecks', () => {
  it.each([
    ['1000000.00', 100_000_000],
    [1000.5, 100_050],
    ['300|RUB', 30_000],
    ['0.005', 1],
    ['', 0],
    [null, 0],
    ['abc', 0],
  ])('%s → %i', (input, expected) => {
    expect(restAmountToMinor(input)).toBe(expected)
  })
})

describe('debt = amount − paid (N6)', () => {
  it('is the unpaid part, never negative, and zero for a lost deal', () => {
    expect(debtOf({ amount: 10_000_000, paid: 6_000_000, semantic: 'P' })).toBe(4_000_000)
    expect(debtOf({ amount: 10_000_000, paid: 6_000_000, semantic: 'S' })).toBe(4_000_000)
    expect(debtOf({ amount: 10_000_000, paid: 12_000_000, semantic: 'S' })).toBe(0)
    expect(debtOf({ amount: 10_000_000, paid: 0, semantic: 'F' })).toBe(0)
  })

  it('reads a deal row with the paid sum as money field', () => {
    const deal = toReportDeal({ ID: '5', OPPORTUNITY: '100000.00', STAGE_SEMANTIC_ID: 'S', UF_CRM_LMS_PAID_AMOUNT: '60000|RUB' })
    expect(debtOf(deal)).toBe(4_000_000)
  })
})

describe('debt age buckets', () => {
  const now = Date.parse('2026-03-15T12:00:00+03:00')
  const daysAgo = (days: number) => now - days * 86_400_000

  it.each([
    [-1, 'notDue'],
    [0, 'd0_30'],
    [30, 'd0_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'd90plus'],
    [1000, 'd90plus'],
    [Number.NaN, 'notDue'],
  ])('%i days → %s', (days, bucket) => {
    expect(debtBucket(days)).toBe(bucket)
  })

  it('ages from the payment due date when there is one, else from the invoice date, else from CLOSEDATE', () => {
    const none = Number.NaN
    expect(debtAgeDays({ dueAt: none, invoiceAt: none, closeAt: daysAgo(45) }, now)).toBe(45)
    expect(debtAgeDays({ dueAt: daysAgo(10), invoiceAt: daysAgo(20), closeAt: daysAgo(45) }, now)).toBe(10)
    expect(debtAgeDays({ dueAt: none, invoiceAt: daysAgo(20), closeAt: daysAgo(45) }, now)).toBe(20)
    expect(debtAgeDays({ dueAt: none, invoiceAt: none, closeAt: none }, now)).toBeNaN()
    expect(debtAgeDays({ dueAt: none, invoiceAt: none, closeAt: now + 3_600_000 }, now)).toBe(-1)
  })

  it('uses the mapped due-date field of the portal', () => {
    const deal = toReportDeal(
      { ID: '1', CLOSEDATE: '2025-01-01T00:00:00+03:00', UF_CRM_PAY_DUE: '2026-03-01T00:00:00+03:00' },
      { paid: 'UF_CRM_P', scansReceived: 'UF_CRM_S', originalsReceived: 'UF_CRM_O', paymentDue: 'UF_CRM_PAY_DUE' },
    )
    expect(debtBucket(debtAgeDays(deal, now))).toBe('d0_30')
  })
})
