// @vitest-environment node
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import {
  dealExportTable,
  groupDeals,
  groupExportTable,
  minorToNumber,
  reportContext,
  toOverdueActions,
  toReportDeal,
  toReportUser,
  totalsOf,
  type ExportTable,
} from '@/domain/reports'
import { generateDeals, generateTasks, NOW, USERS } from '../../test/unit/domain/reports/generated-data'
import { reportWorkbook, type WorkbookOptions } from './xlsx'

// The workbook is written and read back with ExcelJS (the same library the page loads), as Excel would open it.
const deals = generateDeals(400, 21).map((row) => toReportDeal(row))
const ctx = reportContext({ deals, users: USERS.map(toReportUser), departments: [], pipelines: [], overdue: toOverdueActions(generateTasks(300, 400, 5), NOW), readAt: NOW }, NOW)
const names = { pipeline: (id: number) => `Воронка ${id}`, stage: (id: string) => id, user: (id: number) => `Сотрудник ${id}` }
const filters: WorkbookOptions['filters'] = [
  { label: 'Период', value: 'Свой период' },
  { label: 'С', value: new Date(Date.UTC(2026, 0, 1)) },
  { label: 'По', value: new Date(Date.UTC(2026, 2, 31)) },
  { label: 'Ответственный', value: 'Вера Восточная' },
  { label: 'Сформирован', value: new Date(Date.UTC(2026, 2, 15, 9, 30)), time: true },
]

async function roundTrip(table: ExportTable, locale: 'ru' | 'en' = 'ru'): Promise<ExcelJS.Workbook> {
  const bytes = await reportWorkbook(ExcelJS, table, { sheetName: 'Отчёт', locale, filters }).xlsx.writeBuffer()
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as ArrayBuffer)
  return workbook
}

describe('XLSX export of the deals report', () => {
  it('deal dates are real Excel dates with a date format, not text', async () => {
    const table = dealExportTable(deals.slice(0, 50), 'ru', names)
    const sheet = (await roundTrip(table)).getWorksheet('Отчёт')!
    const created = sheet.getRow(2).getCell(10)
    expect(created.type).toBe(ExcelJS.ValueType.Date)
    expect((created.value as Date).toISOString()).toBe(`${deals[0]!.createdIso.slice(0, 10)}T00:00:00.000Z`)
    expect(created.numFmt).toBe('dd.mm.yyyy')
    const withClose = deals.slice(0, 50).findIndex((d) => d.closeIso !== '')
    expect(sheet.getRow(withClose + 2).getCell(11).type).toBe(ExcelJS.ValueType.Date)
    const en = (await roundTrip(dealExportTable(deals.slice(0, 5), 'en', names), 'en')).getWorksheet('Отчёт')!
    expect(en.getRow(2).getCell(10).numFmt).toBe('dd/mm/yyyy')
  })

  it('the group table ends with a totals row: SUM formulas whose results are the report totals', async () => {
    const groups = groupDeals(deals, 'manager', ctx)
    const sheet = (await roundTrip(groupExportTable(groups, 'ru', 'Без ответственного'))).getWorksheet('Отчёт')!
    expect(sheet.rowCount).toBe(groups.length + 2)
    const total = sheet.getRow(groups.length + 2)
    expect(total.getCell(1).value).toBe('Итого')
    const expected = totalsOf(deals, ctx)
    const formulaOf = (column: number) => total.getCell(column).value as ExcelJS.CellFormulaValue
    expect(formulaOf(2)).toEqual({ formula: `SUM(B2:B${groups.length + 1})`, result: expected.count })
    expect(formulaOf(6).result).toBe(minorToNumber(expected.amount))
    expect(formulaOf(8).result).toBe(minorToNumber(expected.receivable))
    expect(formulaOf(13).result).toBe(minorToNumber(expected.buckets.d90plus))
    expect(formulaOf(14).result).toBe(minorToNumber(expected.openUnpaid))
    expect(formulaOf(17).result).toBe(expected.overdueActions)
    expect(total.getCell(6).numFmt).toBe('#,##0.00')
    expect(expected.amount).toBeGreaterThan(0)
    expect(expected.overdueActions).toBeGreaterThan(0)
  })

  it('the deal table has one totals row per currency (SUMIF on the currency column), never a mixed sum', async () => {
    const some = deals.slice(0, 200)
    expect(new Set(some.map((d) => d.currency))).toEqual(new Set(['RUB', 'USD']))
    const sheet = (await roundTrip(dealExportTable(some, 'ru', names))).getWorksheet('Отчёт')!
    const rows = [sheet.getRow(some.length + 2), sheet.getRow(some.length + 3)]
    expect(rows.map((r) => r.getCell(1).value)).toEqual(['Итого, RUB', 'Итого, USD'])
    for (const [index, currency] of ['RUB', 'USD'].entries()) {
      const amount = rows[index]!.getCell(6).value as ExcelJS.CellFormulaValue
      expect(amount.formula).toBe(`SUMIF(I2:I${some.length + 1},"${currency}",F2:F${some.length + 1})`)
      expect(amount.result).toBe(minorToNumber(some.filter((d) => d.currency === currency).reduce((s, d) => s + d.amount, 0)))
    }
  })

  it('a second sheet «Фильтры» says which filters made the file', async () => {
    const workbook = await roundTrip(groupExportTable(groupDeals(deals, 'pipeline', ctx), 'ru', '—'))
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Отчёт', 'Фильтры'])
    const sheet = workbook.getWorksheet('Фильтры')!
    const values = sheet.getSheetValues().slice(1).map((row) => (row as ExcelJS.CellValue[]).slice(1))
    expect(values.map((row) => row[0])).toEqual(['Период', 'С', 'По', 'Ответственный', 'Сформирован'])
    expect(values[3]![1]).toBe('Вера Восточная')
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Date)
    expect(sheet.getCell('B2').numFmt).toBe('dd.mm.yyyy')
    expect((sheet.getCell('B3').value as Date).toISOString()).toBe('2026-03-31T00:00:00.000Z')
    expect(sheet.getCell('B5').numFmt).toBe('dd.mm.yyyy hh:mm')
    const en = await roundTrip(groupExportTable([], 'en', '—'), 'en')
    expect(en.worksheets.map((s) => s.name)).toEqual(['Отчёт', 'Filters'])
  })
})
