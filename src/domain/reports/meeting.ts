import { receivableOf } from './debt'
import { primaryDepartment } from './departments'
import type { AggregateContext } from './aggregate'
import type { ReportDeal } from './types'

/**
 * Report for operational meetings by department (R3, Kosino «Оперативные совещания комитетов»):
 * what happened in the period and what stands open now, per department with its sub-departments,
 * and per manager inside each department.
 */
/**
 * Money per currency in minor units (`{ RUB: 300000, USD: 1700000 }`): deals in different
 * currencies are never added together, so a USD win is not «0,00 ₽».
 */
export type CurrencySums = Record<string, number>

export interface MeetingFigures {
  createdCount: number
  createdAmount: CurrencySums
  wonCount: number
  wonAmount: CurrencySums
  lostCount: number
  openCount: number
  openAmount: CurrencySums
  debt: CurrencySums
  overdueActions: number
}

export interface MeetingManagerRow {
  userId: number
  name: string | null
  figures: MeetingFigures
}

export interface MeetingDepartmentRow {
  departmentId: number
  name: string | null
  /** 0 for a root department: indentation in the table */
  depth: number
  /** Department with all its sub-departments. */
  figures: MeetingFigures
  /** Managers whose own department is this one. */
  managers: MeetingManagerRow[]
}

export interface Period {
  from: number
  to: number
}

function emptyFigures(): MeetingFigures {
  return { createdCount: 0, createdAmount: {}, wonCount: 0, wonAmount: {}, lostCount: 0, openCount: 0, openAmount: {}, debt: {}, overdueActions: 0 }
}

function inPeriod(at: number, period: Period): boolean {
  return at >= period.from && at <= period.to
}

export function addSum(sums: CurrencySums, currency: string, minor: number): void {
  sums[currency] = (sums[currency] ?? 0) + minor
}

/** The sums to show: the report's currency first, then the others by code; «0» in the report's currency when there are none. */
export function currencySums(sums: CurrencySums, mainCurrency: string): Array<[currency: string, minor: number]> {
  const entries = Object.entries(sums).sort(([a], [b]) => (a === mainCurrency ? -1 : b === mainCurrency ? 1 : a.localeCompare(b)))
  return entries.length > 0 ? entries : [[mainCurrency, 0]]
}

export function addToFigures(figures: MeetingFigures, deal: ReportDeal, period: Period, ctx: Pick<AggregateContext, 'overdueByDeal'>): void {
  if (inPeriod(deal.createdAt, period)) {
    figures.createdCount++
    addSum(figures.createdAmount, deal.currency, deal.amount)
  }
  if (deal.semantic === 'S' && inPeriod(deal.closeAt, period)) {
    figures.wonCount++
    addSum(figures.wonAmount, deal.currency, deal.amount)
  }
  if (deal.semantic === 'F' && inPeriod(deal.closeAt, period)) figures.lostCount++
  if (deal.semantic === 'P') {
    figures.openCount++
    addSum(figures.openAmount, deal.currency, deal.amount)
  }
  const debt = receivableOf(deal)
  if (debt > 0) addSum(figures.debt, deal.currency, debt)
  figures.overdueActions += ctx.overdueByDeal.get(deal.id) ?? 0
}

function addFigures(target: MeetingFigures, source: MeetingFigures): void {
  target.createdCount += source.createdCount
  target.wonCount += source.wonCount
  target.lostCount += source.lostCount
  target.openCount += source.openCount
  target.overdueActions += source.overdueActions
  for (const key of ['createdAmount', 'wonAmount', 'openAmount', 'debt'] as const) {
    for (const [currency, minor] of Object.entries(source[key])) addSum(target[key], currency, minor)
  }
}

function isEmpty(figures: MeetingFigures): boolean {
  return Object.values(figures).every((value) => (typeof value === 'number' ? value === 0 : Object.values(value).every((minor) => minor === 0)))
}

/**
 * Rows in tree order (parents before children, siblings by name); departments whose subtree has
 * nothing to report are left out. Deals of users without a department go to a row with ID 0.
 */
export function meetingReport(deals: Iterable<ReportDeal>, period: Period, ctx: AggregateContext): MeetingDepartmentRow[] {
  const own = new Map<number, MeetingFigures>()
  const byManager = new Map<number, Map<number, MeetingFigures>>()
  for (const deal of deals) {
    const departmentId = primaryDepartment(ctx.users.get(deal.assignedById))
    let figures = own.get(departmentId)
    if (!figures) own.set(departmentId, (figures = emptyFigures()))
    addToFigures(figures, deal, period, ctx)
    let managers = byManager.get(departmentId)
    if (!managers) byManager.set(departmentId, (managers = new Map()))
    let managerFigures = managers.get(deal.assignedById)
    if (!managerFigures) managers.set(deal.assignedById, (managerFigures = emptyFigures()))
    addToFigures(managerFigures, deal, period, ctx)
  }

  const rows: MeetingDepartmentRow[] = []
  const managerRows = (departmentId: number): MeetingManagerRow[] =>
    [...(byManager.get(departmentId) ?? new Map<number, MeetingFigures>())]
      .map(([userId, figures]) => ({ userId, name: ctx.users.get(userId)?.name ?? null, figures }))
      .sort((a, b) => (b.figures.wonAmount[ctx.currency] ?? 0) - (a.figures.wonAmount[ctx.currency] ?? 0) || (a.name ?? '').localeCompare(b.name ?? '', 'ru'))

  const byName = (ids: readonly number[]) =>
    [...ids].sort((a, b) => (ctx.tree.byId.get(a)?.name ?? '').localeCompare(ctx.tree.byId.get(b)?.name ?? '', 'ru'))

  // Post-order sums the subtree; rows are placed pre-order so a parent precedes its children.
  const visit = (id: number, depth: number, seen: Set<number>): MeetingFigures => {
    seen.add(id)
    const index = rows.length
    rows.push({ departmentId: id, name: ctx.tree.byId.get(id)?.name ?? null, depth, figures: emptyFigures(), managers: managerRows(id) })
    const figures = emptyFigures()
    addFigures(figures, own.get(id) ?? emptyFigures())
    for (const child of byName(ctx.tree.childrenOf(id))) {
      if (!seen.has(child)) addFigures(figures, visit(child, depth + 1, seen))
    }
    rows[index]!.figures = figures
    return figures
  }
  const seen = new Set<number>()
  for (const root of byName(ctx.tree.roots())) visit(root, 0, seen)
  // Departments the user may not read (or deleted ones) still show their deals, flat.
  for (const id of own.keys()) {
    if (seen.has(id)) continue
    const figures = emptyFigures()
    addFigures(figures, own.get(id)!)
    rows.push({ departmentId: id, name: ctx.tree.byId.get(id)?.name ?? null, depth: 0, figures, managers: managerRows(id) })
  }
  return rows.filter((row) => !isEmpty(row.figures))
}
