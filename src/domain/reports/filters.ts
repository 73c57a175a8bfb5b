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

/** Whether a responsible user passes the manager and department filters (deals and companies alike). */
export function responsiblePredicate(filter: ReportFilter, ctx: FilterContext): (userId: number) => boolean {
  const managers = filter.managerIds?.length ? new Set(filter.managerIds) : null
  const departments = filter.departmentId ? ctx.tree.subtree(filter.departmentId) : null
  return (userId) => (!managers || managers.has(userId)) && (!departments || departments.has(primaryDepartment(ctx.users.get(userId))))
}

/**
 * The yearly tab's companies and their status moves under the manager and department filters: a
 * company counts for its responsible's department, as its deals count for theirs.
 */
export function filterCompanies<C extends { ID: string | number; ASSIGNED_BY_ID?: string | number | null }, M extends { companyId: number }>(
  companies: readonly C[],
  moves: readonly M[],
  filter: ReportFilter,
  ctx: FilterContext,
): { companies: C[]; moves: M[] } {
  const keep = responsiblePredicate(filter, ctx)
  const kept = companies.filter((company) => keep(Number(company.ASSIGNED_BY_ID ?? 0)))
  const ids = new Set(kept.map((company) => Number(company.ID)))
  return { companies: kept, moves: moves.filter((move) => ids.has(move.companyId)) }
}

export function dealPredicate(filter: ReportFilter, ctx: FilterContext): (deal: ReportDeal) => boolean {
  const categories = filter.categoryIds?.length ? new Set(filter.categoryIds) : null
  const responsible = responsiblePredicate(filter, ctx)
  const byClose = filter.periodField === 'closed'
  const from = filter.from ?? Number.NEGATIVE_INFINITY
  const to = filter.to ?? Number.POSITIVE_INFINITY
  const hasPeriod = filter.from !== undefined || filter.to !== undefined

  return (deal) => {
    if (categories && !categories.has(deal.categoryId)) return false
    if (!responsible(deal.assignedById)) return false
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
