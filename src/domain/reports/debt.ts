import type { ReportDeal } from './types'

/**
 * What a deal still owes = amount − paid, in minor units, never negative (an overpayment is
 * not a debt). Lost deals (semantic F) owe nothing: nothing was delivered.
 */
export function debtOf(deal: Pick<ReportDeal, 'amount' | 'paid' | 'semantic'>): number {
  if (deal.semantic === 'F') return 0
  return Math.max(0, deal.amount - deal.paid)
}

/**
 * A receivable («дебиторская задолженность»): the client owes for a sale made — the deal is won
 * (STAGE_SEMANTIC_ID `S`) or, still open, already invoiced (the portal's invoice-date field is
 * filled). An open deal without an invoice is the pipeline's money, not a debt.
 */
export function isReceivable(deal: Pick<ReportDeal, 'semantic' | 'invoiceAt'>): boolean {
  return deal.semantic === 'S' || (deal.semantic === 'P' && Number.isFinite(deal.invoiceAt))
}

/** The unpaid part of a receivable; 0 for a deal that is not one. */
export function receivableOf(deal: Pick<ReportDeal, 'amount' | 'paid' | 'semantic' | 'invoiceAt'>): number {
  return isReceivable(deal) ? debtOf(deal) : 0
}

/** The unpaid part of an open, not invoiced deal: the pipeline's money still to come. */
export function openUnpaidOf(deal: Pick<ReportDeal, 'amount' | 'paid' | 'semantic' | 'invoiceAt'>): number {
  return deal.semantic === 'P' && !isReceivable(deal) ? debtOf(deal) : 0
}

export const DEBT_BUCKETS = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd90plus'] as const
export type DebtBucket = (typeof DEBT_BUCKETS)[number]

const DAY_MS = 86_400_000

/**
 * Age of a receivable in whole days: from the payment due date when the portal has such a field,
 * else from the invoice date, else from CLOSEDATE («Дата завершения»: the day a won deal closed —
 * the portal sets it on closing when its close-date sync is on). NaN when the deal has none.
 */
export function debtAgeDays(deal: Pick<ReportDeal, 'dueAt' | 'invoiceAt' | 'closeAt'>, now: number): number {
  return ageDaysSince(debtFrom(deal), now)
}

/** The moment a receivable's age counts from (see `debtAgeDays`); NaN when the deal has none. */
export function debtFrom(deal: Pick<ReportDeal, 'dueAt' | 'invoiceAt' | 'closeAt'>): number {
  return [deal.dueAt, deal.invoiceAt, deal.closeAt].find((ms) => Number.isFinite(ms)) ?? Number.NaN
}

/** Whole days from `from` to `now` (NaN when `from` is). */
export function ageDaysSince(from: number, now: number): number {
  return Number.isFinite(from) ? Math.floor((now - from) / DAY_MS) : Number.NaN
}

/**
 * Bucket of a receivable: `notDue` while the date is ahead (or unknown), then 0–30, 31–60, 61–90,
 * 90+ days past it. Day 0 (the due day itself) is in 0–30.
 */
export function debtBucket(ageDays: number): DebtBucket {
  if (Number.isNaN(ageDays) || ageDays < 0) return 'notDue'
  if (ageDays <= 30) return 'd0_30'
  if (ageDays <= 60) return 'd31_60'
  if (ageDays <= 90) return 'd61_90'
  return 'd90plus'
}

export type DebtBuckets = Record<DebtBucket, number>

export function emptyBuckets(): DebtBuckets {
  return { notDue: 0, d0_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 }
}
