import { debtAgeDays, debtBucket, debtOf, emptyBuckets, openUnpaidOf, receivableOf, type DebtBucket, type DebtBuckets } from './debt'
import { primaryDepartment, type DepartmentTree } from './departments'
import type { Pipeline, ReportDeal, ReportUser } from './types'

/** What every figure of the deals report (R1) adds up. Money in minor units of `currency`. */
export interface Totals {
  count: number
  open: number
  won: number
  lost: number
  amount: number
  wonAmount: number
  paid: number
  /** everything unpaid, receivables and open deals together («Сводка» shows it; the report shows the two apart) */
  debt: number
  /** deals that owe something */
  debtors: number
  /** receivables: won (or invoiced) deals not paid in full */
  receivable: number
  receivableDeals: number
  /** the open pipeline's unpaid amount: open deals not invoiced yet — not a debt */
  openUnpaid: number
  openUnpaidDeals: number
  /** receivables by age (from the due, invoice or close date) */
  buckets: DebtBuckets
  scansReceived: number
  originalsReceived: number
  /** won deals whose scans have not arrived */
  scansMissing: number
  /** won deals whose originals have not arrived («выиграно без оригиналов») */
  originalsMissing: number
  /** overdue open tasks bound to the deals */
  overdueActions: number
  /** deals with at least one overdue task */
  overdueDeals: number
  /** deals in another currency: counted, not summed */
  otherCurrency: number
}

export function emptyTotals(): Totals {
  return {
    count: 0,
    open: 0,
    won: 0,
    lost: 0,
    amount: 0,
    wonAmount: 0,
    paid: 0,
    debt: 0,
    debtors: 0,
    receivable: 0,
    receivableDeals: 0,
    openUnpaid: 0,
    openUnpaidDeals: 0,
    buckets: emptyBuckets(),
    scansReceived: 0,
    originalsReceived: 0,
    scansMissing: 0,
    originalsMissing: 0,
    overdueActions: 0,
    overdueDeals: 0,
    otherCurrency: 0,
  }
}

export interface AggregateContext {
  now: number
  /** The report's currency; deals in others are counted only. */
  currency: string
  users: ReadonlyMap<number, ReportUser>
  tree: DepartmentTree
  pipelines: readonly Pipeline[]
  /** overdue task count by deal ID */
  overdueByDeal: ReadonlyMap<number, number>
}

export function addDeal(totals: Totals, deal: ReportDeal, ctx: Pick<AggregateContext, 'now' | 'currency' | 'overdueByDeal'>): void {
  totals.count++
  if (deal.semantic === 'S') totals.won++
  else if (deal.semantic === 'F') totals.lost++
  else totals.open++
  if (deal.scansReceived) totals.scansReceived++
  if (deal.originalsReceived) totals.originalsReceived++
  if (deal.semantic === 'S' && !deal.scansReceived) totals.scansMissing++
  if (deal.semantic === 'S' && !deal.originalsReceived) totals.originalsMissing++
  const overdue = ctx.overdueByDeal.get(deal.id) ?? 0
  totals.overdueActions += overdue
  if (overdue > 0) totals.overdueDeals++
  if (deal.currency !== ctx.currency) {
    totals.otherCurrency++
    return
  }
  totals.amount += deal.amount
  totals.paid += deal.paid
  if (deal.semantic === 'S') totals.wonAmount += deal.amount
  const debt = debtOf(deal)
  if (debt > 0) {
    totals.debt += debt
    totals.debtors++
  }
  const receivable = receivableOf(deal)
  if (receivable > 0) {
    totals.receivable += receivable
    totals.receivableDeals++
    totals.buckets[debtBucket(debtAgeDays(deal, ctx.now))] += receivable
  }
  const openUnpaid = openUnpaidOf(deal)
  if (openUnpaid > 0) {
    totals.openUnpaid += openUnpaid
    totals.openUnpaidDeals++
  }
}

export function totalsOf(deals: Iterable<ReportDeal>, ctx: Pick<AggregateContext, 'now' | 'currency' | 'overdueByDeal'>): Totals {
  const totals = emptyTotals()
  for (const deal of deals) addDeal(totals, deal, ctx)
  return totals
}

export const DIMENSIONS = ['pipeline', 'stage', 'department', 'manager'] as const
export type Dimension = (typeof DIMENSIONS)[number]

export interface GroupRow {
  dimension: Dimension
  /** Stable key: pipeline ID, stage ID, department ID, user ID (as text). */
  key: string
  /** Portal name; null when the portal has none (the UI shows «Без …»). */
  label: string | null
  /** Order of the portal (pipeline sort, stage sort within pipeline); names break ties. */
  sort: number
  totals: Totals
}

/** Key of a deal along a dimension. */
export function dimensionKey(deal: ReportDeal, dimension: Dimension, users: ReadonlyMap<number, ReportUser>): string {
  switch (dimension) {
    case 'pipeline':
      return String(deal.categoryId)
    case 'stage':
      return deal.stageId
    case 'department':
      return String(primaryDepartment(users.get(deal.assignedById)))
    case 'manager':
      return String(deal.assignedById)
  }
}

function describe(dimension: Dimension, key: string, ctx: AggregateContext): { label: string | null; sort: number } {
  const id = Number(key)
  switch (dimension) {
    case 'pipeline': {
      const index = ctx.pipelines.findIndex((p) => p.id === id)
      return { label: ctx.pipelines[index]?.name ?? null, sort: index < 0 ? Number.MAX_SAFE_INTEGER : index }
    }
    case 'stage': {
      for (const [pipelineIndex, pipeline] of ctx.pipelines.entries()) {
        const stageIndex = pipeline.stages.findIndex((s) => s.id === key)
        const stage = pipeline.stages[stageIndex]
        if (stage) return { label: `${pipeline.name} / ${stage.name}`, sort: pipelineIndex * 1000 + stageIndex }
      }
      return { label: null, sort: Number.MAX_SAFE_INTEGER }
    }
    case 'department':
      return { label: ctx.tree.byId.get(id)?.name ?? null, sort: 0 }
    case 'manager':
      return { label: ctx.users.get(id)?.name ?? null, sort: 0 }
  }
}

/** Deals grouped along one dimension as they are added, a piece at a time if need be. */
export interface GroupBuilder {
  add(deal: ReportDeal): void
  rows(): GroupRow[]
}

export function groupBuilder(dimension: Dimension, ctx: AggregateContext): GroupBuilder {
  const byKey = new Map<string, Totals>()
  return {
    add(deal) {
      const key = dimensionKey(deal, dimension, ctx.users)
      let totals = byKey.get(key)
      if (!totals) {
        totals = emptyTotals()
        byKey.set(key, totals)
      }
      addDeal(totals, deal, ctx)
    },
    rows() {
      const rows: GroupRow[] = [...byKey].map(([key, totals]) => ({ dimension, key, totals, ...describe(dimension, key, ctx) }))
      return rows.sort((a, b) => {
        if ((a.label === null) !== (b.label === null)) return a.label === null ? 1 : -1
        if (a.sort !== b.sort) return a.sort - b.sort
        if (dimension === 'department' || dimension === 'manager') {
          if (a.totals.amount !== b.totals.amount) return b.totals.amount - a.totals.amount
        }
        return (a.label ?? a.key).localeCompare(b.label ?? b.key, 'ru')
      })
    },
  }
}

/**
 * Groups deals along one dimension in a single pass (100,000 deals: one Map, no re-scans).
 * Rows come in the portal's order for pipelines and stages and by amount (largest first) for
 * departments and managers; rows without a portal name go last.
 */
export function groupDeals(deals: Iterable<ReportDeal>, dimension: Dimension, ctx: AggregateContext): GroupRow[] {
  const builder = groupBuilder(dimension, ctx)
  for (const deal of deals) builder.add(deal)
  return builder.rows()
}

/** A figure a head can click: which deals stand behind it. */
export type Measure =
  | 'count'
  | 'open'
  | 'won'
  | 'lost'
  | 'receivable'
  | 'openUnpaid'
  | DebtBucket
  | 'scansReceived'
  | 'scansMissing'
  | 'originalsReceived'
  | 'originalsMissing'
  | 'overdue'

/** Whether a deal contributes to a measure (drill-down from a figure to its deals). */
export function dealHasMeasure(deal: ReportDeal, measure: Measure, ctx: Pick<AggregateContext, 'now' | 'currency' | 'overdueByDeal'>): boolean {
  switch (measure) {
    case 'count':
      return true
    case 'open':
      return deal.semantic === 'P'
    case 'won':
      return deal.semantic === 'S'
    case 'lost':
      return deal.semantic === 'F'
    case 'scansReceived':
      return deal.scansReceived
    case 'scansMissing':
      return deal.semantic === 'S' && !deal.scansReceived
    case 'originalsReceived':
      return deal.originalsReceived
    case 'originalsMissing':
      return deal.semantic === 'S' && !deal.originalsReceived
    case 'overdue':
      return (ctx.overdueByDeal.get(deal.id) ?? 0) > 0
    case 'receivable':
      return deal.currency === ctx.currency && receivableOf(deal) > 0
    case 'openUnpaid':
      return deal.currency === ctx.currency && openUnpaidOf(deal) > 0
    default:
      return deal.currency === ctx.currency && receivableOf(deal) > 0 && debtBucket(debtAgeDays(deal, ctx.now)) === measure
  }
}

/**
 * The deals behind one figure: a group row (dimension + key; omit both for the grand total) and a
 * measure. Sorted by the unpaid part, then amount, largest first, so the heaviest cases lead the list.
 */
export function drillDown(
  deals: Iterable<ReportDeal>,
  selection: { dimension?: Dimension; key?: string; measure: Measure },
  ctx: AggregateContext,
): ReportDeal[] {
  const result: ReportDeal[] = []
  for (const deal of deals) {
    if (selection.dimension && dimensionKey(deal, selection.dimension, ctx.users) !== selection.key) continue
    if (!dealHasMeasure(deal, selection.measure, ctx)) continue
    result.push(deal)
  }
  return result.sort((a, b) => debtOf(b) - debtOf(a) || b.amount - a.amount || a.id - b.id)
}

/** Overdue task counts keyed by deal, from the overdue actions list. */
export function countByDeal(actions: Iterable<{ dealId: number }>): Map<number, number> {
  const counts = new Map<number, number>()
  for (const action of actions) counts.set(action.dealId, (counts.get(action.dealId) ?? 0) + 1)
  return counts
}
