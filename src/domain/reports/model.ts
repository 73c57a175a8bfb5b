import { DepartmentTree } from './departments'
import { countByDeal, type AggregateContext } from './aggregate'
import type { OverdueAction, Pipeline, ReportDeal, ReportDepartment, ReportUser } from './types'

/** Everything the report page read, typed; what the cache keeps. */
export interface ReportData {
  deals: ReportDeal[]
  users: ReportUser[]
  departments: ReportDepartment[]
  pipelines: Pipeline[]
  overdue: OverdueAction[]
  /** epoch ms of the read */
  readAt: number
}

/** The currency most deals are in: the report sums in it. */
export function mainCurrency(deals: readonly ReportDeal[], fallback = 'RUB'): string {
  const counts = new Map<string, number>()
  let best = fallback
  let bestCount = 0
  for (const deal of deals) {
    const count = (counts.get(deal.currency) ?? 0) + 1
    counts.set(deal.currency, count)
    if (count > bestCount) {
      best = deal.currency
      bestCount = count
    }
  }
  return best
}

export function reportContext(data: ReportData, now: number, currency = mainCurrency(data.deals)): AggregateContext {
  return {
    now,
    currency,
    users: new Map(data.users.map((user) => [user.id, user])),
    tree: new DepartmentTree(data.departments),
    pipelines: data.pipelines,
    overdueByDeal: countByDeal(data.overdue),
  }
}
