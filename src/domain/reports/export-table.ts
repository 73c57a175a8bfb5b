import { minorToNumber } from './format'
import { emptyTotals, type GroupRow, type Totals } from './aggregate'
import type { ReportDeal } from './types'
import { debtOf } from './debt'

/**
 * Tables for CSV and XLSX export: a header and rows of plain values (money as numbers in major
 * units, so Excel can sum them; calendar days as dates). The same table feeds both formats, so
 * they never disagree. The XLSX adds the totals rows below the data.
 */
export type ExportLocale = 'ru' | 'en'
/** A calendar day is a Date at UTC midnight of that day (the XLSX writes it as that day, whatever the zone). */
export type ExportValue = string | number | Date | null

/**
 * A totals row: the sum of each listed column over the data rows (exact, from minor units), or over
 * the rows whose `where` column equals a value (one row per currency: sums never mix currencies).
 */
export interface ExportTotals {
  label: string
  /** column index → the total */
  values: Record<number, number>
  where?: { column: number; equals: string }
}

export interface ExportTable {
  header: string[]
  rows: ExportValue[][]
  /** which columns hold money (XLSX formats them with two decimals) */
  moneyColumns: number[]
  /** which columns hold calendar days (XLSX: real dates with a date format) */
  dateColumns: number[]
  totals: ExportTotals[]
}

const TOTAL_LABEL: Record<ExportLocale, string> = { ru: 'Итого', en: 'Total' }

/** Calendar day of a portal date-time as it was written (`2026-05-20T10:00:00+03:00` → 20 May), null when empty. */
export function exportDay(iso: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : null
}

const GROUP_HEADER: Record<ExportLocale, string[]> = {
  ru: ['Группа', 'Сделок', 'В работе', 'Выиграно', 'Проиграно', 'Сумма', 'Оплачено', 'Дебиторская задолженность', 'Дебиторка: срок не наступил', 'Дебиторка 0–30 дн.', 'Дебиторка 31–60 дн.', 'Дебиторка 61–90 дн.', 'Дебиторка 90+ дн.', 'Не оплачено по сделкам в работе', 'Сканы получены', 'Оригиналы получены', 'Просроченные дела', 'Выиграно без сканов', 'Выиграно без оригиналов'],
  en: ['Group', 'Deals', 'Open', 'Won', 'Lost', 'Amount', 'Paid', 'Receivables', 'Receivables not due', 'Receivables 0–30 d', 'Receivables 31–60 d', 'Receivables 61–90 d', 'Receivables 90+ d', 'Unpaid on open deals', 'Scans received', 'Originals received', 'Overdue actions', 'Won without scans', 'Won without originals'],
}

const groupCells = (t: Totals): number[] => [
  t.count,
  t.open,
  t.won,
  t.lost,
  minorToNumber(t.amount),
  minorToNumber(t.paid),
  minorToNumber(t.receivable),
  minorToNumber(t.buckets.notDue),
  minorToNumber(t.buckets.d0_30),
  minorToNumber(t.buckets.d31_60),
  minorToNumber(t.buckets.d61_90),
  minorToNumber(t.buckets.d90plus),
  minorToNumber(t.openUnpaid),
  t.scansReceived,
  t.originalsReceived,
  t.overdueActions,
  t.scansMissing,
  t.originalsMissing,
]

/** Totals of several groups, field by field in minor units. */
function sumTotals(all: readonly Totals[]): Totals {
  const sum = emptyTotals()
  for (const t of all) {
    for (const key of Object.keys(sum) as Array<keyof Totals>) {
      if (key === 'buckets') for (const bucket of Object.keys(sum.buckets) as Array<keyof Totals['buckets']>) sum.buckets[bucket] += t.buckets[bucket]
      else sum[key] += t[key]
    }
  }
  return sum
}

export function groupExportTable(rows: readonly GroupRow[], locale: ExportLocale, unnamed: string): ExportTable {
  const total = groupCells(sumTotals(rows.map((row) => row.totals)))
  return {
    header: GROUP_HEADER[locale],
    moneyColumns: [5, 6, 7, 8, 9, 10, 11, 12, 13],
    dateColumns: [],
    rows: rows.map((row) => [row.label ?? unnamed, ...groupCells(row.totals)]),
    totals: [{ label: TOTAL_LABEL[locale], values: Object.fromEntries(total.map((value, index) => [index + 1, value])) }],
  }
}

const DEAL_HEADER: Record<ExportLocale, string[]> = {
  ru: ['ID', 'Название', 'Воронка', 'Стадия', 'Ответственный', 'Сумма', 'Оплачено', 'Не оплачено', 'Валюта', 'Создана', 'Дата закрытия', 'Сканы', 'Оригиналы'],
  en: ['ID', 'Title', 'Pipeline', 'Stage', 'Responsible', 'Amount', 'Paid', 'Unpaid', 'Currency', 'Created', 'Close date', 'Scans', 'Originals'],
}

export interface DealNames {
  pipeline(categoryId: number): string
  stage(stageId: string): string
  user(userId: number): string
}

export function dealExportTable(deals: readonly ReportDeal[], locale: ExportLocale, names: DealNames): ExportTable {
  const yes = locale === 'ru' ? 'да' : 'yes'
  const no = locale === 'ru' ? 'нет' : 'no'
  const byCurrency = new Map<string, { amount: number; paid: number; debt: number }>()
  for (const deal of deals) {
    const sums = byCurrency.get(deal.currency) ?? { amount: 0, paid: 0, debt: 0 }
    sums.amount += deal.amount
    sums.paid += deal.paid
    sums.debt += debtOf(deal)
    byCurrency.set(deal.currency, sums)
  }
  return {
    header: DEAL_HEADER[locale],
    moneyColumns: [5, 6, 7],
    dateColumns: [9, 10],
    rows: deals.map((deal) => [
      deal.id,
      deal.title,
      names.pipeline(deal.categoryId),
      names.stage(deal.stageId),
      names.user(deal.assignedById),
      minorToNumber(deal.amount),
      minorToNumber(deal.paid),
      minorToNumber(debtOf(deal)),
      deal.currency,
      exportDay(deal.createdIso),
      exportDay(deal.closeIso),
      deal.scansReceived ? yes : no,
      deal.originalsReceived ? yes : no,
    ]),
    // One totals row per currency (column 8): amounts in different currencies are never added.
    totals: [...byCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sums]) => ({
        label: `${TOTAL_LABEL[locale]}, ${currency}`,
        values: { 5: minorToNumber(sums.amount), 6: minorToNumber(sums.paid), 7: minorToNumber(sums.debt) },
        where: { column: 8, equals: currency },
      })),
  }
}
