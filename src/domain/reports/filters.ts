import { primaryDepartment, type DepartmentTree } from './departments'
import type { ReportDeal, ReportUser } from './types'

/**
 * Filters of the report page. They run in the browser over the deals already read, so changing a
 * filter costs no request; rights are the portal's (REST returns only what the user may see).
 */
export interface ReportFilter {
  /** Inclusive period, epoch ms; which date it applies to is `periodField`. */
  from?: number
  to?: number
  /** `created` = DATE_CREATE (default), `closed` = CLOSEDATE. */
  periodField?: 'created' | 'closed'
  categoryIds?: readonly number[]
  /** A department includes its sub-departments. */
  departmentId?: number
  managerIds?: readonly number[]
}

export interface FilterContext {
  users: ReadonlyMap<number, ReportUser>
  tree: DepartmentTree
}

export function dealPredicate(filter: ReportFilter, ctx: FilterContext): (deal: ReportDeal) => boolean {
  const categories = filter.categoryIds?.length ? new Set(filter.categoryIds) : null
  const managers = filter.managerIds?.length ? new Set(filter.managerIds) : null
  const departments = filter.departmentId ? ctx.tree.subtree(filter.departmentId) : null
  const byClose = filter.periodField === 'closed'
  const from = filter.from ?? Number.NEGATIVE_INFINITY
  const to = filter.to ?? Number.POSITIVE_INFINITY
  const hasPeriod = filter.from !== undefined || filter.to !== undefined

  return (deal) => {
    if (categories && !categories.has(deal.categoryId)) return false
    if (managers && !managers.has(deal.assignedById)) return false
    if (departments && !departments.has(primaryDepartment(ctx.users.get(deal.assignedById)))) return false
    if (hasPeriod) {
      const at = byClose ? deal.closeAt : deal.createdAt
      if (!(at >= from && at <= to)) return false
    }
    return true
  }
}

export function applyFilter(deals: readonly ReportDeal[], filter: ReportFilter, ctx: FilterContext): ReportDeal[] {
  const keep = dealPredicate(filter, ctx)
  return deals.filter(keep)
}
