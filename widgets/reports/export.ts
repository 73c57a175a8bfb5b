import { toCsv, type ExportTable } from '@/domain/reports'
import { loadExcelJs } from './load-exceljs'

/**
 * Downloads of the report: CSV for Russian Excel (BOM, «;», decimal comma — see
 * src/domain/reports/csv.ts) and XLSX written by ExcelJS, whose browser build is loaded only when
 * the user asks for it (see load-exceljs.ts), so its weight never loads with the page.
 */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function exportCsv(table: ExportTable, fileName: string): void {
  const text = toCsv([table.header, ...table.rows])
  download(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`)
}

export async function xlsxBytes(table: ExportTable, sheetName: string): Promise<ArrayBuffer> {
  const ExcelJS = await loadExcelJs()
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date()
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31))
  sheet.addRow(table.header).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row)
  for (const column of table.moneyColumns) sheet.getColumn(column + 1).numFmt = '#,##0.00'
  sheet.columns.forEach((column, index) => {
    column.width = Math.min(50, Math.max(10, (table.header[index] ?? '').length + 2))
  })
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer
}

export async function exportXlsx(table: ExportTable, fileName: string, sheetName: string): Promise<void> {
  const bytes = await xlsxBytes(table, sheetName)
  download(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${fileName}.xlsx`)
}
