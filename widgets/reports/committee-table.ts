import { HISTORY_EVENT_TYPES } from '@/domain/client-profile/history'
import type { ExportTable, ExportValue } from '@/domain/reports/export-table'
import { minorToNumber } from '@/domain/reports/format'
import {
  averageTerm,
  type ClientSteps,
  type CommunicationYear,
  type LeadFigures,
  type LeadTypeRow,
  type ObjectSales,
  type ObjectSalesFigures,
} from '@/domain/reports/committee'
import { labelText, type DirectoryLabel } from '@/domain/sale/objects-directory'

/**
 * The committee views as one table shape: the screen renders it, the CSV and XLSX are made from
 * it, so what is shown, printed and exported is the same rows and figures.
 */
export type CellKind = 'text' | 'count' | 'money' | 'decimal'
export type Cell = string | number | null

export interface CommitteeColumn {
  key: string
  label: string
  kind: CellKind
}

export interface CommitteeRow {
  key: string
  depth: number
  cells: Record<string, Cell>
}

export interface CommitteeTable {
  columns: CommitteeColumn[]
  rows: CommitteeRow[]
  total: CommitteeRow
}

type Translate = (key: string, params?: Record<string, unknown>) => string
type Lang = 'ru' | 'en'

const col = (t: Translate, key: string, kind: CellKind): CommitteeColumn => ({ key, label: t(`committee.columns.${key}`), kind })

export function stepsTable(steps: ClientSteps, t: Translate, lang: Lang): CommitteeTable {
  return {
    columns: [col(t, 'step', 'text'), col(t, 'clients', 'count')],
    rows: steps.rows.map((row) => ({
      key: row.key,
      depth: row.depth,
      cells: { step: row.ladder === 'SECTORS_1_2' ? t('committee.sectors12', { label: row.label[lang] }) : row.label[lang], clients: row.count },
    })),
    total: { key: 'total', depth: 0, cells: { step: t('committee.total'), clients: steps.total } },
  }
}

const objectCells = (f: ObjectSalesFigures): Record<string, Cell> => ({
  deals: f.deals,
  won: f.won,
  places: f.places,
  area: f.areaM2,
  term: averageTerm(f),
  amount: f.amount,
})

export function objectsTable(sales: ObjectSales, t: Translate, lang: Lang): CommitteeTable {
  const name = (label: DirectoryLabel | null, code: string) => (label ? labelText(label, lang) : t('committee.unknownCode', { code }))
  return {
    columns: [col(t, 'object', 'text'), col(t, 'deals', 'count'), col(t, 'won', 'count'), col(t, 'places', 'count'), col(t, 'area', 'decimal'), col(t, 'term', 'decimal'), col(t, 'amount', 'money')],
    rows: sales.rows.map((row) => ({ key: row.key, depth: row.depth, cells: { object: name(row.label, row.code), ...objectCells(row.figures) } })),
    total: { key: 'total', depth: 0, cells: { object: t('committee.total'), ...objectCells(sales.total) } },
  }
}

const leadCells = (f: LeadFigures): Record<string, Cell> => ({ leads: f.total, open: f.open, converted: f.converted, junk: f.junk })

export function leadsTable(result: { rows: LeadTypeRow[]; total: LeadFigures }, t: Translate, lang: Lang): CommitteeTable {
  return {
    columns: [col(t, 'department', 'text'), col(t, 'objectType', 'text'), col(t, 'leads', 'count'), col(t, 'open', 'count'), col(t, 'converted', 'count'), col(t, 'junk', 'count')],
    rows: result.rows.map((row) => ({
      key: row.code || 'none',
      depth: 0,
      cells: {
        department: row.departmentLabel ? labelText(row.departmentLabel, lang) : t('committee.noDepartment'),
        objectType: row.code === '' ? t('committee.noObjectType') : row.label ? labelText(row.label, lang) : t('committee.unknownCode', { code: row.code }),
        ...leadCells(row.figures),
      },
    })),
    total: { key: 'total', depth: 0, cells: { department: t('committee.total'), objectType: '', ...leadCells(result.total) } },
  }
}

const yearCells = (y: CommunicationYear): Record<string, Cell> => ({
  events: y.total,
  ...Object.fromEntries(HISTORY_EVENT_TYPES.map((type) => [type.code, y.byType[type.code]])),
  clients: y.companies,
})

export function communicationsTable(result: { years: CommunicationYear[]; total: CommunicationYear }, t: Translate, lang: Lang): CommitteeTable {
  return {
    columns: [
      col(t, 'year', 'text'),
      col(t, 'events', 'count'),
      ...HISTORY_EVENT_TYPES.map((type) => ({ key: type.code, label: type.label[lang], kind: 'count' as const })),
      col(t, 'clients', 'count'),
    ],
    rows: result.years.map((y) => ({ key: String(y.year), depth: 0, cells: { year: String(y.year), ...yearCells(y) } })),
    total: { key: 'total', depth: 0, cells: { year: t('committee.total'), ...yearCells(result.total) } },
  }
}

/** Indentation of a nested row's name in the files (the screen indents with padding). */
const INDENT = '\u00a0\u00a0'

/**
 * The table for the CSV and XLSX: money in major units, m² and years to two decimals. Nested rows
 * repeat their parent's figures and a term is an average, so no column may be summed: the screen's
 * total row is written last as a row of values.
 */
export function committeeExportTable(table: CommitteeTable): ExportTable {
  const value = (column: CommitteeColumn, cell: Cell): ExportValue => {
    if (cell === null) return null
    if (column.kind === 'money') return minorToNumber(Number(cell))
    if (column.kind === 'decimal') return Math.round(Number(cell) * 100) / 100
    return cell
  }
  const line = (row: CommitteeRow): ExportValue[] =>
    table.columns.map((column, index) => (index === 0 ? `${INDENT.repeat(row.depth)}${String(row.cells[column.key] ?? '')}` : value(column, row.cells[column.key] ?? null)))
  return {
    header: table.columns.map((column) => column.label),
    rows: [...table.rows.map(line), line(table.total)],
    moneyColumns: table.columns.flatMap((column, index) => (column.kind === 'money' ? [index] : [])),
    dateColumns: [],
    totals: [],
  }
}
