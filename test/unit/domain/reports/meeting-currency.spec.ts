// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  currencySums,
  meetingReport,
  reportContext,
  toReportDeal,
  toReportDepartment,
  toReportUser,
  type RawDealRow,
  type ReportData,
} from '@/domain/reports'
import { DEPARTMENTS, NOW, USERS } from './generated-data'

// Deal rows as crm.deal.list returns them (b24restdocs api-reference/crm/deals/crm-deal-list.md).
const deal = (id: number, fields: Partial<RawDealRow>): RawDealRow => ({
  ID: String(id),
  TITLE: `Сделка ${id}`,
  CATEGORY_ID: '0',
  STAGE_ID: 'NEW',
  STAGE_SEMANTIC_ID: 'P',
  ASSIGNED_BY_ID: '3',
  OPPORTUNITY: '1000.00',
  CURRENCY_ID: 'RUB',
  DATE_CREATE: '2026-03-01T10:00:00+03:00',
  CLOSEDATE: '2026-03-20T10:00:00+03:00',
  ...fields,
})
const rows = [
  deal(1, { OPPORTUNITY: '1000.00' }),
  deal(2, { OPPORTUNITY: '2000.00' }),
  deal(3, { STAGE_ID: 'WON', STAGE_SEMANTIC_ID: 'S', OPPORTUNITY: '17000.00', CURRENCY_ID: 'USD', CLOSEDATE: '2026-03-10T10:00:00+03:00' }),
  deal(4, { OPPORTUNITY: '500.50', CURRENCY_ID: 'EUR' }),
]
const data: ReportData = {
  deals: rows.map((row) => toReportDeal(row)),
  users: USERS.map(toReportUser),
  departments: DEPARTMENTS.map(toReportDepartment),
  pipelines: [],
  overdue: [],
  readAt: NOW,
}
const ctx = reportContext(data, NOW)
const month = { from: Date.parse('2026-03-01T00:00:00+03:00'), to: NOW }

describe('meeting report sums each currency apart, never a mix', () => {
  const east = meetingReport(data.deals, month, ctx).find((row) => row.departmentId === 4)!.figures

  it('a USD win in a rouble report is won for 17 000 $, not for 0 ₽', () => {
    expect(ctx.currency).toBe('RUB')
    expect(east.wonCount).toBe(1)
    expect(east.wonAmount).toEqual({ USD: 1_700_000 })
  })

  it('created and open amounts and the receivables keep each currency apart', () => {
    expect(east.createdCount).toBe(4)
    expect(east.createdAmount).toEqual({ RUB: 300_000, USD: 1_700_000, EUR: 50_050 })
    expect(east.openAmount).toEqual({ RUB: 300_000, EUR: 50_050 })
    // receivables only: the USD win; the open RUB and EUR deals are the pipeline, not a debt
    expect(east.debt).toEqual({ USD: 1_700_000 })
  })

  it('a parent department adds up its children per currency', () => {
    const report = meetingReport(data.deals, month, ctx)
    const company = report.find((row) => row.departmentId === 1)!.figures
    expect(company.wonAmount).toEqual({ USD: 1_700_000 })
    expect(company.createdAmount).toEqual(east.createdAmount)
  })

  it('lists the report currency first, then the others by code; nothing shows as zero of the report currency', () => {
    expect(currencySums(east.createdAmount, 'RUB')).toEqual([
      ['RUB', 300_000],
      ['EUR', 50_050],
      ['USD', 1_700_000],
    ])
    expect(currencySums(east.wonAmount, 'RUB')).toEqual([['USD', 1_700_000]])
    expect(currencySums({}, 'RUB')).toEqual([['RUB', 0]])
  })
})
