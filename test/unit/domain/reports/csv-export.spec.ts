// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  csvCell,
  dealExportTable,
  groupDeals,
  groupExportTable,
  parseCsv,
  reportContext,
  toCsv,
  toReportDeal,
  toReportUser,
} from '@/domain/reports'
import { generateDeals, NOW, seededRandom, USERS } from './generated-data'

describe('CSV for Russian Excel', () => {
  it('starts with a BOM, separates by «;», ends lines with CRLF', () => {
    const text = toCsv([
      ['Группа', 'Сумма'],
      ['Товары', 1234.5],
    ])
    expect(text).toBe('\uFEFFГруппа;Сумма\r\nТовары;1234,5\r\n')
  })

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('ООО «Ромашка»; филиал')).toBe('"ООО «Ромашка»; филиал"')
    expect(csvCell('Сказал "да"')).toBe('"Сказал ""да"""')
    expect(csvCell('две\nстроки')).toBe('"две\nстроки"')
    expect(csvCell(null)).toBe('')
  })

  it('neutralises text that Excel would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell(-5.25)).toBe('-5,25')
  })

  it('round-trips random text (not formula-like) through parseCsv', () => {
    const random = seededRandom(3)
    const alphabet = ['а', 'b', ';', '"', '\n', '\r\n', ' ', 'Ё', ',', 'x']
    const rows = Array.from({ length: 50 }, () =>
      Array.from({ length: 4 }, () => 'ж' + Array.from({ length: Math.floor(random() * 8) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')),
    )
    expect(parseCsv(toCsv(rows))).toEqual(rows)
  })
})

describe('export tables', () => {
  const deals = generateDeals(300, 8).map((row) => toReportDeal(row))
  const ctx = reportContext({ deals, users: USERS.map(toReportUser), departments: [], pipelines: [], overdue: [], readAt: NOW }, NOW)

  it('group table: one row per group, money in rubles with kopecks', () => {
    const groups = groupDeals(deals, 'manager', ctx)
    const table = groupExportTable(groups, 'ru', 'Без ответственного')
    expect(table.header[0]).toBe('Группа')
    expect(table.rows).toHaveLength(groups.length)
    const first = table.rows[0]!
    expect(first[1]).toBe(groups[0]!.totals.count)
    expect(table.header[7]).toBe('Дебиторская задолженность')
    expect(Math.round((first[7] as number) * 100)).toBe(groups[0]!.totals.receivable)
    expect(table.header[13]).toBe('Не оплачено по сделкам в работе')
    expect(Math.round((first[13] as number) * 100)).toBe(groups[0]!.totals.openUnpaid)
    expect(table.rows.at(-1)![0]).toBe('Без ответственного')
    const csv = parseCsv(toCsv([table.header, ...table.rows]))
    expect(csv).toHaveLength(groups.length + 1)
    expect(csv[1]![5]).toBe(String(first[5]).replace('.', ','))
  })

  it('deal table: names resolved, dates as days', () => {
    const table = dealExportTable(deals.slice(0, 3), 'en', { pipeline: (id) => `P${id}`, stage: (id) => `S:${id}`, user: (id) => `U${id}` })
    expect(table.header).toContain('Unpaid')
    expect(table.rows[0]![0]).toBe(deals[0]!.id)
    expect(table.rows[0]![2]).toBe(`P${deals[0]!.categoryId}`)
    const created = table.rows[0]![9] as Date
    expect(created).toBeInstanceOf(Date)
    expect(created.toISOString()).toBe(`${deals[0]!.createdIso.slice(0, 10)}T00:00:00.000Z`)
    expect(parseCsv(toCsv([table.rows[0]!]))[0]![9]).toBe(deals[0]!.createdIso.slice(0, 10))
  })
})
