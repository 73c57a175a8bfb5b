import type { MinorUnits } from '@/domain/money'
import { optionJson } from '@/domain/option-json'
import { primaryDepartment, type DepartmentTree } from './departments'
import type { ReportDeal, ReportUser } from './types'

/**
 * Plan vs fact (issue 15, R6). A plan is an amount for one calendar month, for one manager or one
 * department, in one currency. The fact it is held against is the amount won: deals in a won stage
 * (STAGE_SEMANTIC_ID «S») whose CLOSEDATE falls in the month, summed in the plan's currency only
 * (a deal in another currency never counts towards it). The month of a deal is the month of its
 * CLOSEDATE as the portal wrote it, so no time zone moves a deal into the next month.
 * A department's fact counts the deals of every manager whose first department is in its subtree.
 */

/** App option holding the plans (JSON text: app.option.set is admin-only on the portal). */
export const SALES_PLANS_OPTION = 'sales_plans'

export type PlanOwner = 'manager' | 'department'

export interface PlanEntry {
  /** `YYYY-MM` */
  month: string
  owner: PlanOwner
  /** Bitrix24 user ID or department ID */
  id: number
  currency: string
  amount: MinorUnits
}

export interface SalesPlans {
  version: 1
  entries: PlanEntry[]
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const CURRENCY = /^[A-Z]{3}$/

function isEntry(value: unknown): value is PlanEntry {
  if (!value || typeof value !== 'object') return false
  const e = value as Record<string, unknown>
  return (
    typeof e.month === 'string' && MONTH.test(e.month) &&
    (e.owner === 'manager' || e.owner === 'department') &&
    typeof e.id === 'number' && Number.isSafeInteger(e.id) && e.id > 0 &&
    typeof e.currency === 'string' && CURRENCY.test(e.currency) &&
    typeof e.amount === 'number' && Number.isSafeInteger(e.amount) && e.amount > 0
  )
}

/** The option's value as stored (JSON text or an object); entries that do not read are left out. */
export function parseSalesPlans(raw: unknown): SalesPlans {
  const value = optionJson(raw)
  const entries = value && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries) ? (value as { entries: unknown[] }).entries : []
  return { version: 1, entries: entries.filter(isEntry).map((e) => ({ month: e.month, owner: e.owner, id: e.id, currency: e.currency, amount: e.amount })) }
}

const sameSlot = (a: Omit<PlanEntry, 'amount'>, b: Omit<PlanEntry, 'amount'>) => a.month === b.month && a.owner === b.owner && a.id === b.id && a.currency === b.currency

/** The plans with one slot set to `amount` (0 removes it); the others untouched. */
export function setPlan(plans: SalesPlans, entry: PlanEntry): SalesPlans {
  const others = plans.entries.filter((e) => !sameSlot(e, entry))
  return { version: 1, entries: entry.amount > 0 ? [...others, { ...entry }] : others }
}

/** The plans with one month's slots in one currency replaced by `amounts` (`owner:id` → minor units). */
export function setMonthPlans(plans: SalesPlans, month: string, currency: string, amounts: ReadonlyMap<string, MinorUnits>): SalesPlans {
  const others = plans.entries.filter((e) => !(e.month === month && e.currency === currency))
  const added: PlanEntry[] = []
  for (const [slot, amount] of amounts) {
    const [owner, id] = slot.split(':')
    if ((owner === 'manager' || owner === 'department') && amount > 0) added.push({ month, owner, id: Number(id), currency, amount })
  }
  return { version: 1, entries: [...others, ...added] }
}

/** `owner:id` → amount of one month in one currency. */
export function monthAmounts(plans: SalesPlans, month: string, currency: string): Map<string, MinorUnits> {
  return new Map(plans.entries.filter((e) => e.month === month && e.currency === currency).map((e) => [`${e.owner}:${e.id}`, e.amount]))
}

/** `YYYY-MM` of a portal date (`2026-12-05T10:00:00+03:00`), '' when there is none. */
export function monthOfIso(iso: string): string {
  const month = iso.slice(0, 7)
  return MONTH.test(month) ? month : ''
}

/** `YYYY-MM` of a local date. */
export function monthOfDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`
}

/** `count` months ending with `last` and `after` months after it, newest first. */
export function monthsAround(last: string, count: number, after = 0): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number]
  const out: string[] = []
  for (let k = after; k > -count; k--) out.push(monthOfDate(new Date(y, m - 1 + k, 1)))
  return out
}

export interface PlanFactRow {
  owner: PlanOwner
  id: number
  currency: string
  /** null when no plan is set for the month */
  plan: MinorUnits | null
  fact: MinorUnits
  /** won deals counted in the fact */
  deals: number
  /** fact ÷ plan (1 = 100 %), null without a plan */
  done: number | null
  /** departments: the sum of their managers' plans in the same month and currency */
  managersPlan?: MinorUnits
  /** departments: depth in the tree, for indenting */
  depth?: number
}

export interface PlanFactInput {
  plans: SalesPlans
  month: string
  /** the report's deals under its filters (pipeline, department, manager), the period aside */
  deals: readonly ReportDeal[]
  users: ReadonlyMap<number, ReportUser>
  tree: DepartmentTree
  /** the report's department and manager filters: which plan rows are shown */
  departmentId?: number
  managerIds?: readonly number[]
}

export interface PlanFact {
  departments: PlanFactRow[]
  managers: PlanFactRow[]
}

const done = (plan: number | null, fact: number) => (plan && plan > 0 ? fact / plan : null)

/** The month's plan and fact per manager and department, each row in one currency. */
export function planFact(input: PlanFactInput): PlanFact {
  const { month, users, tree } = input
  const won = input.deals.filter((d) => d.semantic === 'S' && monthOfIso(d.closeIso) === month)
  const plans = input.plans.entries.filter((e) => e.month === month)
  const managerFilter = input.managerIds?.length ? new Set(input.managerIds) : null
  const departmentFilter = input.departmentId ? tree.subtree(input.departmentId) : null
  const managerShown = (id: number) => (!managerFilter || managerFilter.has(id)) && (!departmentFilter || departmentFilter.has(primaryDepartment(users.get(id))))

  // Managers: every one with a plan or a won deal in the month, per currency.
  const managers = new Map<string, PlanFactRow>()
  const managerRow = (id: number, currency: string) => {
    const key = `${id}:${currency}`
    let row = managers.get(key)
    if (!row) managers.set(key, (row = { owner: 'manager', id, currency, plan: null, fact: 0, deals: 0, done: null }))
    return row
  }
  for (const e of plans) if (e.owner === 'manager' && managerShown(e.id)) managerRow(e.id, e.currency).plan = e.amount
  for (const d of won) {
    const row = managerRow(d.assignedById, d.currency)
    row.fact += d.amount
    row.deals += 1
  }

  // Departments: those with a plan, unless the report is narrowed to managers.
  const departments: PlanFactRow[] = []
  if (!managerFilter) {
    for (const e of plans) {
      if (e.owner !== 'department' || (departmentFilter && !departmentFilter.has(e.id))) continue
      const subtree = tree.subtree(e.id)
      const inside = (userId: number) => subtree.has(primaryDepartment(users.get(userId)))
      const facts = won.filter((d) => d.currency === e.currency && inside(d.assignedById))
      const managersPlan = plans.filter((p) => p.owner === 'manager' && p.currency === e.currency && inside(p.id)).reduce((sum, p) => sum + p.amount, 0)
      departments.push({
        owner: 'department',
        id: e.id,
        currency: e.currency,
        plan: e.amount,
        fact: facts.reduce((sum, d) => sum + d.amount, 0),
        deals: facts.length,
        done: null,
        managersPlan,
        depth: tree.depth(e.id),
      })
    }
  }

  const finish = (rows: PlanFactRow[]) => rows.map((row) => ({ ...row, done: done(row.plan, row.fact) }))
  const order = (a: PlanFactRow, b: PlanFactRow) => a.currency.localeCompare(b.currency) || (b.plan ?? 0) - (a.plan ?? 0) || b.fact - a.fact || a.id - b.id
  return {
    departments: finish(departments).sort((a, b) => (a.depth ?? 0) - (b.depth ?? 0) || order(a, b)),
    managers: finish([...managers.values()].filter((row) => managerShown(row.id))).sort(order),
  }
}
