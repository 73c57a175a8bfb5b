// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { dateTimeFormat, numberFormat } from '@/domain/intl-cache'

describe('kept Intl formatters', () => {
  it('builds one formatter per locale and options and gives it back after', () => {
    const money = numberFormat('ru-RU', { style: 'currency', currency: 'RUB' })
    expect(numberFormat('ru-RU', { style: 'currency', currency: 'RUB' })).toBe(money)
    expect(numberFormat('ru-RU', { style: 'currency', currency: 'USD' })).not.toBe(money)
    expect(numberFormat('en-US', { style: 'currency', currency: 'RUB' })).not.toBe(money)
    expect(money.format(1234567.5)).toBe(new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(1234567.5))
    const day = dateTimeFormat('ru-RU', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })
    expect(dateTimeFormat('ru-RU', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })).toBe(day)
    expect(day.format(Date.UTC(2026, 4, 20))).toBe('20.05.2026')
  })
})
