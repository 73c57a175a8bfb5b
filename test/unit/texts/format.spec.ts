// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { formatMoney } from '@/domain/money'
import { formatDate, formatDateTime, formatDay, formatMonth, formatNumber, formatParams, formatWallClock } from '@/ui/format'

const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('formats of the user’s language', () => {
  it('writes a calendar day as ru and en read it, the portal’s day kept whatever the browser’s zone', () => {
    expect(formatDate('2026-05-20', 'ru')).toBe('20.05.2026')
    expect(formatDate('2026-05-20', 'en')).toBe('20/05/2026')
    expect(formatDate('2026-05-20T23:30:00+03:00', 'ru')).toBe('20.05.2026')
  })

  it('names a calendar month as a month picker shows it', () => {
    expect(formatMonth('2026-11', 'ru')).toBe('Ноябрь 2026 г.')
    expect(formatMonth('2026-01', 'en')).toBe('January 2026')
    expect(formatMonth('soon', 'en')).toBe('soon')
  })

  it('names a day of the browser’s calendar (the weekly trend’s points)', () => {
    const may18 = new Date(2026, 4, 18, 0, 0).getTime()
    expect(formatDay(may18, 'ru')).toBe('18.05.2026')
    expect(formatDay(may18, 'en')).toBe('18/05/2026')
  })

  it('leaves empty and non-date text as it came', () => {
    expect(formatDate('', 'ru')).toBe('')
    expect(formatDate(null, 'ru')).toBe('')
    expect(formatDate('скоро', 'ru')).toBe('скоро')
    expect(formatDateTime('', 'en')).toBe('')
  })

  it('writes a moment with its time', () => {
    const iso = new Date(2026, 4, 20, 10, 5).toISOString()
    expect(formatDateTime(iso, 'ru')).toBe('20.05.2026, 10:05')
    expect(formatDateTime(iso, 'en')).toBe('20/05/2026, 10:05')
  })

  it('writes a moment already on the viewer’s clock as is, in the language’s form', () => {
    expect(formatWallClock('2026-11-29 00:03', 'ru')).toBe('29.11.2026, 00:03')
    expect(formatWallClock('2026-11-29 00:03', 'en')).toBe('29/11/2026, 00:03')
    expect(formatWallClock('2026-12-31T23:59', 'ru')).toBe('31.12.2026, 23:59')
    expect(formatWallClock('not a moment', 'en')).toBe('not a moment')
    expect(formatWallClock(null, 'ru')).toBe('')
  })

  it('groups numbers and money the way each language does', () => {
    expect(spaced(formatNumber(1234567.5, 'ru'))).toBe('1 234 567,5')
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5')
    expect(spaced(formatMoney(123456750, 'RUB', 'ru'))).toBe('1 234 567,50 ₽')
  })

  it('formats a message’s day and number parameters, leaving IDs plain', () => {
    const shown = formatParams({ min: '2026-05-20', max: 2000, length: 100000, id: 99999999, taskId: 12345, types: 'pdf, docx' }, 'ru')
    expect({ ...shown, max: spaced(String(shown.max)), length: spaced(String(shown.length)) }).toEqual({
      min: '20.05.2026',
      max: '2 000',
      length: '100 000',
      id: 99999999,
      taskId: 12345,
      types: 'pdf, docx',
    })
    expect(formatParams(undefined, 'en')).toEqual({})
  })
})
