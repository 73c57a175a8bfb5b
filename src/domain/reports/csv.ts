/**
 * CSV as Russian Excel opens it with a double click: UTF-8 with a BOM (otherwise Cyrillic turns
 * to mojibake), `;` between fields (Excel's list separator in the ru locale, where `,` is the
 * decimal mark), CRLF line ends and RFC 4180 quoting. Numbers are written with a decimal comma
 * for the same reason. Text that starts like a formula (= + - @) gets a leading apostrophe, so
 * CRM data cannot run as an Excel formula (CSV injection); real numbers are never touched. A Date
 * is a calendar day (UTC midnight) and is written as `2026-05-20`, which Excel reads as a date.
 */
export type CsvCell = string | number | Date | null | undefined

export interface CsvOptions {
  separator?: string
  bom?: boolean
  decimalComma?: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CsvCell, options: CsvOptions = {}): string {
  const separator = options.separator ?? ';'
  if (value === null || value === undefined) return ''
  let text: string
  if (value instanceof Date) {
    text = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  } else if (typeof value === 'number') {
    text = Number.isFinite(value) ? String(value) : ''
    if (options.decimalComma ?? true) text = text.replace('.', ',')
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value
  }
  const needsQuotes = text.includes(separator) || text.includes('"') || text.includes('\n') || text.includes('\r')
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ';'
  const body = rows.map((row) => row.map((cell) => csvCell(cell, options)).join(separator)).join('\r\n')
  return `${options.bom ?? true ? '\uFEFF' : ''}${body}\r\n`
}

/**
 * Reads CSV written by `toCsv` (and any RFC 4180 text) back into rows: used by tests and by the
 * export check in the browser test. Strips the BOM; quoted fields may hold separators and newlines.
 */
export function parseCsv(text: string, separator = ';'): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
      continue
    }
    if (char === '"') quoted = true
    else if (char === separator) {
      row.push(field)
      field = ''
    } else if (char === '\r' && input[i + 1] === '\n') {
      continue
    } else if (char === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
