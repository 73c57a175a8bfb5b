import type { GroupRow } from './aggregate'

/**
 * Bars of the «amount and receivables by group» chart: the largest groups by amount first, at most
 * `limit` of them, and one last bar that sums every group left out («и ещё 11»), so no group's
 * money disappears from the chart however many stages or managers a portal has.
 */
export interface AmountBar {
  /** group key; `REST_BAR_KEY` for the bar of the groups left out */
  key: string
  /** portal name; null when it has none (the page shows «Без …») */
  label: string | null
  /** minor units of the report's currency */
  amount: number
  /** receivables (won or invoiced, unpaid) */
  receivable: number
  /** how many groups the bar sums: 1 for a group, more for the rest bar */
  groups: number
}

export const REST_BAR_KEY = '__rest__'

export function amountBars(rows: readonly GroupRow[], limit = 15): AmountBar[] {
  // Stable sort: equal amounts keep the portal's order.
  const sorted = [...rows].sort((a, b) => b.totals.amount - a.totals.amount)
  const bars: AmountBar[] = sorted
    .slice(0, limit)
    .map((row) => ({ key: row.key, label: row.label, amount: row.totals.amount, receivable: row.totals.receivable, groups: 1 }))
  const rest = sorted.slice(limit)
  if (rest.length > 0) {
    bars.push({
      key: REST_BAR_KEY,
      label: null,
      amount: rest.reduce((sum, row) => sum + row.totals.amount, 0),
      receivable: rest.reduce((sum, row) => sum + row.totals.receivable, 0),
      groups: rest.length,
    })
  }
  return bars
}
