import type { ReportDeal } from './types'

/**
 * Debt («сумма долга», N6) = amount − paid, in minor units, never negative (an overpayment is
 * not a debt). Lost deals (semantic F) owe nothing: nothing was delivered.
 */
export function debtOf(deal: Pick<ReportDeal, 'amount' | 'paid' | 'semantic'>): number {
  if (deal.semantic === 'F') return 0
  return Math.max(0, deal.amount - deal.paid)
}

export const DEBT_BUCKETS = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd90plus'] as const
export type DebtBucket = (typeof DEBT_BUCKETS)[number]

const DAY_MS = 86_400_000

/**
 * Age of a debt in whole days, counted from the payment due date when the portal has such a field,
 * otherwise from CLOSEDATE (the planned/actual close date is when the client is expected to have
 * paid). NaN when the deal has neither date.
 */
export function debtAgeDays(deal: Pick<ReportDeal, 'dueAt' | 'closeAt'>, now: number): number {
  const from = Number.isNaN(deal.dueAt) ? deal.closeAt : deal.dueAt
  if (Number.isNaN(from)) return Number.NaN
  return Math.floor((now - from) / DAY_MS)
}

/**
 * Bucket of a debt: `notDue` while the date is ahead (or unknown), then 0–30, 31–60, 61–90, 90+
 * days past it. Day 0 (the due day itself) is in 0–30.
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
