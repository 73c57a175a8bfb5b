import { toCsv } from '@/domain/reports/csv'
import type { ExportTable } from '@/domain/reports/export-table'
import { loadExcelJs } from './load-exceljs'
import { reportWorkbook, type WorkbookOptions } from './xlsx'

/**
 * Downloads of the report: CSV for Russian Excel (BOM, «;», decimal comma — see
 * src/domain/reports/csv.ts) and XLSX written by ExcelJS (see xlsx.ts), whose browser build is
 * loaded only when the user asks for it (see load-exceljs.ts), so its weight never loads with the page.
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

export async function exportXlsx(table: ExportTable, fileName: string, options: WorkbookOptions): Promise<void> {
  const ExcelJS = await loadExcelJs()
  const bytes = (await reportWorkbook(ExcelJS, table, options).xlsx.writeBuffer()) as ArrayBuffer
  download(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${fileName}.xlsx`)
}
