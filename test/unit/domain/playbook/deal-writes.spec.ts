import { describe, expect, it } from 'vitest'
import { checkDateInput, checkMoneyInput, checkTextInput, keyFieldsPlan } from '@/domain/playbook'

// Shapes: b24restdocs api-reference/crm/deals/crm-deal-list.md (filter on ID and DATE_MODIFY), crm-deal-update.md.
describe('the key fields as a compare-and-set plan', () => {
  it('checks the deal’s version first and updates only the deal the check found', () => {
    const plan = keyFieldsPlan({ planId: 'k', dealId: 37, dateModify: '2026-12-06T10:00:00+03:00', fields: { UF_CRM_LMS_TRACK_NUMBER: 'CDEK-1' }, now: new Date() })
    expect(plan.scope).toBe('deal:37')
    expect(plan.steps.map((step) => [step.method, step.kind])).toEqual([
      ['crm.deal.list', 'check'],
      ['crm.deal.update', 'set'],
    ])
    expect(plan.steps[0]!.params).toEqual({ filter: { ID: 37, '=DATE_MODIFY': '2026-12-06T10:00:00+03:00' }, select: ['ID'] })
    expect(plan.steps[1]!.params).toEqual({ id: { $step: 'k-check' }, fields: { UF_CRM_LMS_TRACK_NUMBER: 'CDEK-1' } })
  })
})

describe('key field input checks', () => {
  const now = new Date(2026, 11, 6, 12, 0)

  it('takes money as digits with groups and up to two decimals, from 0 to 10^12 ₽', () => {
    for (const ok of ['0', '60000', '60 000,50', '60\u00a0000.5', '1 000 000 000 000']) expect(checkMoneyInput(ok), ok).toBeNull()
    for (const bad of ['1e5', '1E5', '0x10', 'шестьдесят', '', '12,3,4']) expect(checkMoneyInput(bad)?.ru, bad).toMatch(/Введите сумму/)
    expect(checkMoneyInput('-5')?.ru).toMatch(/отрицательной/)
    expect(checkMoneyInput('1,005')?.ru).toMatch(/двух знаков/)
    expect(checkMoneyInput('1000000000000.01')?.en).toMatch(/at most/)
    expect(checkMoneyInput('999999999999999999999')?.ru).toMatch(/не больше/)
  })

  it('takes a date from a year back to five years ahead and names the window otherwise', () => {
    expect(checkDateInput('2026-12-06T09:00', now)).toBeNull()
    expect(checkDateInput('2031-12-06T23:59', now)).toBeNull()
    expect(checkDateInput('2025-12-06T00:00', now)).toBeNull()
    expect(checkDateInput('2025-12-05T23:59', now)?.ru).toBe('Дата вне допустимого периода: с 06.12.2025 по 06.12.2031')
    expect(checkDateInput('2999-01-01T10:00', now)?.en).toBe('The date is out of range: from 06/12/2025 to 06/12/2031')
    expect(checkDateInput('2026-02-30T10:00', now)?.ru).toBe('Введите дату и время')
    expect(checkDateInput('06.12.2026 10:00', now)?.ru).toBe('Введите дату и время')
  })

  it('caps a one-line text at 255 characters', () => {
    expect(checkTextInput('x'.repeat(255))).toBeNull()
    expect(checkTextInput('x'.repeat(256))).toEqual({ ru: 'Не длиннее 255 символов', en: 'At most 255 characters' })
  })
})
