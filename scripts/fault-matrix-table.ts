/**
 * The fault matrix as a table, from the JSON lines the e2e cells write to FAULT_MATRIX_OUT
 * (test/e2e/helpers/fault-matrix.ts). A cell is clean when nothing typed was lost, nothing
 * doubled, no false success, the card consistent and the user told.
 *
 * Usage: tsx scripts/fault-matrix-table.ts <file.jsonl>
 */
import { existsSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { FAULT_KINDS, FAULT_TITLES, type CellOutcome } from '../test/e2e/helpers/fault-matrix'

export function isClean(cell: CellOutcome): boolean {
  return cell.lost === 0 && cell.doubled === 0 && !cell.falseSaved && !cell.inconsistent && cell.told
}

function describeCell(cell: CellOutcome | undefined): string {
  if (!cell) return '—'
  if (isClean(cell)) return `ok ${cell.seconds.toFixed(1)} s`
  const problems = [
    cell.lost ? `${cell.lost} lost` : '',
    cell.doubled ? `${cell.doubled} doubled` : '',
    cell.falseSaved ? 'false success' : '',
    cell.inconsistent ? 'inconsistent' : '',
    cell.told ? '' : 'not told',
  ].filter(Boolean)
  return `FAIL: ${problems.join(', ')}`
}

export function matrixTable(cells: readonly CellOutcome[]): string {
  const writes = [...new Set(cells.map((cell) => cell.write))]
  const last = new Map(cells.map((cell) => [`${cell.write}|${cell.fault}`, cell]))
  const header = `| write | ${FAULT_KINDS.map((kind) => FAULT_TITLES[kind]).join(' | ')} |`
  const rule = `|---|${FAULT_KINDS.map(() => '---').join('|')}|`
  const rows = writes.map((write) => `| ${write} | ${FAULT_KINDS.map((kind) => describeCell(last.get(`${write}|${kind}`))).join(' | ')} |`)
  const all = [...last.values()]
  const sum = (pick: (cell: CellOutcome) => number) => all.reduce((total, cell) => total + pick(cell), 0)
  const totals = `cells: ${all.length}, clean: ${all.filter(isClean).length}; lost edits: ${sum((c) => c.lost)}, duplicates: ${sum((c) => c.doubled)}, false success: ${sum((c) => Number(c.falseSaved))}, inconsistent cards: ${sum((c) => Number(c.inconsistent))}, not told: ${sum((c) => Number(!c.told))}`
  return [header, rule, ...rows, '', totals].join('\n')
}

export function readCells(file: string): CellOutcome[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CellOutcome)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2]
  if (!file) {
    console.error('Usage: tsx scripts/fault-matrix-table.ts <file.jsonl>')
    process.exit(2)
  }
  console.log(matrixTable(readCells(file)))
}
