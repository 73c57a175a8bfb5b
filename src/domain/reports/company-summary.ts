import type { ClientStatus } from '@/domain/client-profile/status-transitions'
import { totalsOf, type Totals } from './aggregate'
import { debtOf } from './debt'
import type { ReportDeal, StatusMove } from './types'

/**
 * The company summary tab «Сводка» (R2): the company's deals, totals, paid, debt, its client status
 * and the history of that status, at a glance.
 */
export interface CompanySummary {
  totals: Totals
  /** newest first */
  deals: Array<ReportDeal & { debt: number }>
  /** the status the company's fields hold; without them the last recorded one; null when neither */
  currentStatus: ClientStatus | null
  /** the company's status moves, oldest first */
  history: StatusMove[]
  firstDealAt: number | null
  lastDealAt: number | null
}

export function companySummary(input: {
  companyId: number
  deals: Iterable<ReportDeal>
  moves: Iterable<StatusMove>
  /** from the company's status, sub-status and inactive fields (`companyStatusOf`) */
  status?: ClientStatus | null
  now: number
  currency: string
  overdueByDeal?: ReadonlyMap<number, number>
}): CompanySummary {
  const deals = [...input.deals].filter((deal) => deal.companyId === input.companyId)
  const totals = totalsOf(deals, { now: input.now, currency: input.currency, overdueByDeal: input.overdueByDeal ?? new Map() })
  // The log is kept newest last; the sort is stable, so moves of the same moment keep that order.
  const history = [...input.moves].filter((move) => move.companyId === input.companyId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  const created = deals.map((deal) => deal.createdAt).filter((at) => !Number.isNaN(at))
  return {
    totals,
    deals: deals.map((deal) => ({ ...deal, debt: debtOf(deal) })).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id),
    currentStatus: input.status ?? history.at(-1)?.to ?? null,
    history,
    firstDealAt: created.length ? created.reduce((a, b) => Math.min(a, b)) : null,
    lastDealAt: created.length ? created.reduce((a, b) => Math.max(a, b)) : null,
  }
}
