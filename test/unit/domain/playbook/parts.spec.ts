// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { formatMoney, parseStepKey, stepKey, toMinorUnits } from '@/domain/playbook'
import { revisionToken } from '@/domain/playbook/keys'
import { formatSpan } from '@/domain/playbook/time'
import { describeCondition, evaluateCondition } from '@/domain/playbook/conditions'

describe('idempotency keys', () => {
  it('round-trip deal, stage, step, occurrence and revision', () => {
    const parts = { dealId: 42, pipelineKey: 'goods', stageKey: 'quote', stepId: 'kp-feedback-new-date', index: 3, revision: '202503101200' }
    const key = stepKey(parts)
    expect(key).toBe('pb:42:goods:quote:kp-feedback-new-date:3:202503101200')
    expect(parseStepKey(key)).toEqual(parts)
    expect(parseStepKey('pb:42:goods:quote:send-kp:0')).toEqual({ dealId: 42, pipelineKey: 'goods', stageKey: 'quote', stepId: 'send-kp', index: 0 })
    expect(parseStepKey('something else')).toBeNull()
  })

  it('revision of a date is its UTC minute, whatever the offset it was written with; other values hash stably', () => {
    expect(revisionToken('2025-03-10T15:00:00+03:00', true)).toBe('202503101200')
    expect(revisionToken('Самовывоз', false)).toBe(revisionToken('Самовывоз', false))
    expect(revisionToken('Самовывоз', false)).not.toBe(revisionToken('Доставка', false))
  })
})

describe('money in minor units', () => {
  it.each([
    ['60000', 6_000_000],
    ['60000.5', 6_000_050],
    ['60 000,25', 6_000_025],
    ['100000|RUB', 10_000_000],
    ['-10.01', -1001],
    ['', null],
    ['abc', null],
  ])('%s → %s', (text, minor) => {
    expect(toMinorUnits(text)).toBe(minor)
  })

  it('formats ru and en with the currency sign', () => {
    expect(formatMoney(12_345_678, 'RUB', 'ru')).toBe('123\u00a0456,78\u00a0₽')
    expect(formatMoney(12_345_600, 'USD', 'en')).toBe('$123,456')
    // The same sign and place as every other money on screen (the shared format), kopecks only when there are any.
    expect(formatMoney(2_000_000, 'RUB', 'en')).toBe('₽20,000')
    expect(formatMoney(2_000_000, 'RUB', 'ru')).toBe('20\u00a0000\u00a0₽')
  })
})

describe('durations', () => {
  it('shows the two largest units', () => {
    expect(formatSpan(27 * 3_600_000 + 5 * 60_000)).toEqual({ ru: '1 д 3 ч', en: '1 d 3 h' })
    expect(formatSpan(45 * 60_000)).toEqual({ ru: '45 мин', en: '45 min' })
    expect(formatSpan(2 * 86_400_000)).toEqual({ ru: '2 д', en: '2 d' })
  })
})

describe('conditions', () => {
  const ctx = (fields: Record<string, unknown>) => ({
    field: (key: string) => fields[key] as never,
    money: { paid: 6_000_000, amount: 10_000_000, debt: 4_000_000 },
    nowMs: Date.parse('2025-03-03T09:00:00Z'),
  })

  it('is unknown while a field it needs is empty, and names that field', () => {
    expect(evaluateCondition({ type: 'field', field: 'contractNeeded', op: 'isTrue' }, ctx({}))).toEqual({ value: 'unknown', missing: ['contractNeeded'] })
    expect(evaluateCondition({ type: 'field', field: 'originalsReceived', op: 'isNotTrue' }, ctx({}))).toEqual({ value: true, missing: [] })
  })

  it('all: any false decides; any: any true decides', () => {
    const unknownPart = { type: 'field' as const, field: 'deliveryCondition' as const, op: 'eq' as const, value: 'pickup' }
    const falsePart = { type: 'money' as const, left: 'paid' as const, op: 'gte' as const, right: 'amount' as const }
    expect(evaluateCondition({ type: 'all', of: [unknownPart, falsePart] }, ctx({})).value).toBe(false)
    expect(evaluateCondition({ type: 'any', of: [unknownPart, falsePart] }, ctx({})).value).toBe('unknown')
    expect(evaluateCondition({ type: 'not', of: falsePart }, ctx({})).value).toBe(true)
  })

  it('a date in the future', () => {
    const future = { type: 'field' as const, field: 'kpFeedbackDate' as const, op: 'future' as const }
    expect(evaluateCondition(future, ctx({ kpFeedbackDate: '2025-03-04T00:00:00Z' })).value).toBe(true)
    expect(evaluateCondition(future, ctx({ kpFeedbackDate: '2025-03-01T00:00:00Z' })).value).toBe(false)
  })

  it('describes itself in both languages', () => {
    expect(describeCondition({ type: 'field', field: 'deliveryCondition', op: 'neq', value: 'pickup' })).toEqual({
      ru: '«Условие доставки» ≠ Самовывоз',
      en: '«Delivery terms» ≠ Pickup',
    })
  })
})
