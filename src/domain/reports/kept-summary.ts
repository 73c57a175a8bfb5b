import { companySummary, stageCounts, type CompanySummary, type CurrencyTotals, type StageCount } from './company-summary'
import { ageDaysSince, debtBucket, debtFrom, emptyBuckets, receivableOf } from './debt'
import type { ReportDeal, StageSemantic } from './types'

/*
 * «Сводка» kept on the company (issue 14): the runner computes a company's deal figures with the
 * same pure function the tab uses (`companySummary`) and keeps them, as versioned JSON, in an app
 * field of the company. The tab reads the company and a one-page probe of the deals ITS viewer
 * can see in one request; when the probe's stamp equals the summary's, the viewer sees exactly
 * the deals the summary was made of, and the tab shows it without reading the deals. Pure.
 *
 * The stamp: how many deals, the newest DATE_MODIFY, and a hash of the newest page (ID and
 * DATE_MODIFY of up to STAMP_HEAD deals, DATE_MODIFY then ID descending). The portal updates
 * DATE_MODIFY on every change of a deal, so a change, an addition, a deletion or a deal moved in
 * or out changes the stamp; a viewer who sees fewer deals has a smaller count.
 */

/** The company's app field holding the kept summary (a string field). */
export { KEPT_SUMMARY_FIELD } from '@/domain/fields/summary'
export const KEPT_SUMMARY_VERSION = 1
/** Deals of the probe's page: one `crm.deal.list` page. */
export const STAMP_HEAD = 50
/**
 * Receivables still younger than this at the summary's making keep their date, so the tab ages
 * them on its own clock; older ones are past 90 days for good (two days spare for clocks apart).
 */
const AGED_OUT_DAYS = 92
/** Dated receivables a summary may hold; a company with more is left to the full read (the summary stays bounded). */
export const MAX_DATED = 400

/** A row of the probe: `crm.deal.list` with select ID, DATE_MODIFY (b24restdocs api-reference/crm/deals/crm-deal-list.md). */
export interface ProbeRow {
  ID: string | number
  DATE_MODIFY?: string | null
}

export interface SummaryStamp {
  count: number
  /** the newest DATE_MODIFY, epoch ms; null without deals */
  newest: number | null
  /** hash of the newest page's IDs and DATE_MODIFY */
  head: string
}

/** One currency's figures without the receivables' ages, which the tab works out on its own clock. */
export interface KeptCurrency extends Omit<CurrencyTotals, 'buckets'> {
  /** receivables whose bucket no longer moves: without a date (not due) and past 90 days */
  fixed: { notDue: number; d90plus: number }
  /** the others: [the moment their age counts from (ms), unpaid amount (minor units)], one entry per moment */
  dated: Array<[number, number]>
}

export interface KeptSummary {
  v: typeof KEPT_SUMMARY_VERSION
  stamp: SummaryStamp
  /** when it was made (the portal's time, ms) */
  at: number
  counts: CompanySummary['counts']
  currencies: KeptCurrency[]
  stages: StageCount[]
  /** the first and last deal's creation day as the portal wrote it (YYYY-MM-DD) */
  firstDay: string | null
  lastDay: string | null
}

const modifiedAt = (row: ProbeRow): number => Date.parse(String(row.DATE_MODIFY ?? ''))

/** FNV-1a, 32 bits: a short fingerprint, not a secret. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** DATE_MODIFY then ID, newest first: the probe's order (`order: PROBE_ORDER`). */
export const PROBE_ORDER = { DATE_MODIFY: 'DESC', ID: 'DESC' } as const

function byNewest(a: ProbeRow, b: ProbeRow): number {
  return (modifiedAt(b) || 0) - (modifiedAt(a) || 0) || Number(b.ID) - Number(a.ID)
}

/**
 * The stamp of a set of deals: `total` of them, `rows` their newest page in the probe's order
 * (or every deal, in any order: the newest page is taken from them).
 */
export function stampOf(total: number, rows: readonly ProbeRow[]): SummaryStamp {
  const head = [...rows].sort(byNewest).slice(0, STAMP_HEAD)
  const newest = head.length ? modifiedAt(head[0]!) : Number.NaN
  return {
    count: total,
    newest: Number.isFinite(newest) ? newest : null,
    head: fingerprint(head.map((row) => `${Number(row.ID)}:${modifiedAt(row) || 0}`).join(';')),
  }
}

export function sameStamp(a: SummaryStamp, b: SummaryStamp): boolean {
  return a.count === b.count && a.newest === b.newest && a.head === b.head
}

/**
 * The summary of a company's deals, to keep on the company. `modified`: every deal's ID and
 * DATE_MODIFY (the stamp); `now`: the portal's time. Null when it would not stay bounded.
 */
export function keepSummary(input: { companyId: number; deals: readonly ReportDeal[]; modified: readonly ProbeRow[]; now: number }): KeptSummary | null {
  const deals = input.deals.filter((deal) => deal.companyId === input.companyId)
  const summary = companySummary({ companyId: input.companyId, deals, moves: [], now: input.now })
  const aging = new Map<string, { fixed: KeptCurrency['fixed']; dated: Map<number, number> }>()
  let dated = 0
  for (const deal of deals) {
    const receivable = receivableOf(deal)
    if (receivable <= 0) continue
    let entry = aging.get(deal.currency)
    if (!entry) aging.set(deal.currency, (entry = { fixed: { notDue: 0, d90plus: 0 }, dated: new Map() }))
    const from = debtFrom(deal)
    const age = ageDaysSince(from, input.now)
    if (Number.isNaN(age)) entry.fixed.notDue += receivable
    else if (age > AGED_OUT_DAYS) entry.fixed.d90plus += receivable
    else {
      if (!entry.dated.has(from)) dated++
      entry.dated.set(from, (entry.dated.get(from) ?? 0) + receivable)
    }
  }
  if (dated > MAX_DATED) return null
  const days = deals.map((deal) => deal.createdIso.slice(0, 10)).filter((day) => day !== '').sort()
  return {
    v: KEPT_SUMMARY_VERSION,
    stamp: stampOf(input.modified.length, input.modified),
    at: input.now,
    counts: summary.counts,
    currencies: summary.byCurrency.map(({ buckets: _buckets, ...totals }) => {
      const entry = aging.get(totals.currency)
      return { ...totals, fixed: entry?.fixed ?? { notDue: 0, d90plus: 0 }, dated: [...(entry?.dated ?? [])].sort((a, b) => a[0] - b[0]) }
    }),
    stages: stageCounts(summary.deals),
    firstDay: days[0] ?? null,
    lastDay: days.at(-1) ?? null,
  }
}

/** The kept figures as the tab shows them at `now`: the receivables aged on the tab's clock. */
export function keptTotals(kept: KeptSummary, now: number): { counts: CompanySummary['counts']; byCurrency: CurrencyTotals[] } {
  return {
    counts: kept.counts,
    byCurrency: kept.currencies.map(({ fixed, dated, ...totals }) => {
      const buckets = emptyBuckets()
      buckets.notDue += fixed.notDue
      buckets.d90plus += fixed.d90plus
      for (const [from, amount] of dated) buckets[debtBucket(ageDaysSince(from, now))] += amount
      return { ...totals, buckets }
    }),
  }
}

/** The field's text: what the runner writes. */
export function serializeKeptSummary(kept: KeptSummary): string {
  return JSON.stringify(kept)
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const SEMANTICS: readonly StageSemantic[] = ['P', 'S', 'F']

/** The field's value read back; null when it is empty, of another version or not a summary. */
export function parseKeptSummary(raw: unknown): KeptSummary | null {
  if (typeof raw !== 'string' || raw === '') return null
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  const kept = value as Partial<KeptSummary> | null
  if (!kept || kept.v !== KEPT_SUMMARY_VERSION || !kept.stamp || !isNumber(kept.stamp.count) || typeof kept.stamp.head !== 'string') return null
  if (!(kept.stamp.newest === null || isNumber(kept.stamp.newest)) || !isNumber(kept.at) || !kept.counts) return null
  if (!['count', 'open', 'won', 'lost'].every((key) => isNumber((kept.counts as Record<string, unknown>)[key]))) return null
  if (!Array.isArray(kept.currencies) || !Array.isArray(kept.stages)) return null
  const moneyKeys = ['count', 'amount', 'wonAmount', 'paid', 'debt', 'debtors', 'receivable', 'openUnpaid'] as const
  for (const entry of kept.currencies) {
    if (!entry || typeof entry.currency !== 'string' || !moneyKeys.every((key) => isNumber(entry[key]))) return null
    if (!entry.fixed || !isNumber(entry.fixed.notDue) || !isNumber(entry.fixed.d90plus)) return null
    if (!Array.isArray(entry.dated) || !entry.dated.every((pair) => Array.isArray(pair) && isNumber(pair[0]) && isNumber(pair[1]))) return null
  }
  for (const stage of kept.stages) {
    if (!stage || !isNumber(stage.categoryId) || typeof stage.stageId !== 'string' || !SEMANTICS.includes(stage.semantic) || !isNumber(stage.count)) return null
  }
  return kept as KeptSummary
}

/** Whether the viewer's probe (its `total` and first page) shows exactly the deals the summary was made of. */
export function keptSummaryHolds(kept: KeptSummary | null, probe: { total: number; rows: readonly ProbeRow[] } | null): kept is KeptSummary {
  return !!kept && !!probe && sameStamp(kept.stamp, stampOf(probe.total, probe.rows))
}
