import type * as ExcelJSModule from 'exceljs'
import type { ExportLocale, ExportTable } from '@/domain/reports/export-table'

/**
 * The XLSX of a report table: the data sheet (bold header, money with two decimals, calendar days
 * as real Excel dates, totals rows as SUM / SUMIF formulas with their results), and a second sheet
 * «Фильтры» / «Filters» saying which filters made the file. The ExcelJS module is passed in: the
 * page loads its browser build on demand, tests pass the Node one.
 */
type ExcelJS = typeof ExcelJSModule

/** One line of the filters sheet: a calendar day is a Date at UTC midnight, a moment a Date flagged `time`. */
export interface ExportFilter {
  label: string
  value: string | Date
  time?: boolean
}

export interface WorkbookOptions {
  sheetName: string
  locale: ExportLocale
  filters: readonly ExportFilter[]
}

const DATE_FORMAT: Record<ExportLocale, string> = { ru: 'dd.mm.yyyy', en: 'dd/mm/yyyy' }
const DATE_TIME_FORMAT: Record<ExportLocale, string> = { ru: 'dd.mm.yyyy hh:mm', en: 'dd/mm/yyyy hh:mm' }
const FILTERS_SHEET: Record<ExportLocale, string> = { ru: 'Фильтры', en: 'Filters' }
const MONEY_FORMAT = '#,##0.00'

/** Column letters of a 1-based index: 1 → A, 28 → AB. */
function letters(column: number): string {
  let out = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out
  return out
}

export function reportWorkbook(ExcelJS: ExcelJS, table: ExportTable, options: WorkbookOptions): ExcelJSModule.Workbook {
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date()
  // Excel recomputes the totals' formulas on open (the results written here are for readers that do not).
  workbook.calcProperties.fullCalcOnLoad = true
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31))
  sheet.addRow(table.header).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row)

  const first = 2
  const last = table.rows.length + 1
  const range = (column: number) => `${letters(column + 1)}${first}:${letters(column + 1)}${last}`
  for (const totals of table.totals) {
    const row = sheet.addRow([])
    row.font = { bold: true }
    row.getCell(1).value = totals.label
    for (const [key, result] of Object.entries(totals.values)) {
      const column = Number(key)
      const where = totals.where
      const formula = where ? `SUMIF(${range(where.column)},"${where.equals.replace(/"/g, '""')}",${range(column)})` : `SUM(${range(column)})`
      row.getCell(column + 1).value = table.rows.length > 0 ? { formula, result } : result
    }
  }

  for (const column of table.moneyColumns) sheet.getColumn(column + 1).numFmt = MONEY_FORMAT
  for (const column of table.dateColumns) sheet.getColumn(column + 1).numFmt = DATE_FORMAT[options.locale]
  sheet.columns.forEach((column, index) => {
    column.width = Math.min(50, Math.max(table.dateColumns.includes(index) ? 12 : 10, (table.header[index] ?? '').length + 2))
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]

  const filters = workbook.addWorksheet(FILTERS_SHEET[options.locale])
  for (const filter of options.filters) {
    const row = filters.addRow([filter.label, filter.value])
    row.getCell(1).font = { bold: true }
    if (filter.value instanceof Date) row.getCell(2).numFmt = (filter.time ? DATE_TIME_FORMAT : DATE_FORMAT)[options.locale]
  }
  filters.getColumn(1).width = Math.min(40, Math.max(12, ...options.filters.map((f) => f.label.length + 2)))
  filters.getColumn(2).width = 40
  return workbook
}
