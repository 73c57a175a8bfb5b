import { addDeal, emptyTotals, groupBuilder, type AggregateContext, type Dimension, type GroupRow, type Totals } from './aggregate'
import { dealPredicate, type ReportFilter } from './filters'
import type { ReportDeal } from './types'

/**
 * The deals tab's figures — the filtered deals' totals and their groups along one dimension — as
 * one pass that can be fed a piece at a time. The report page runs it in a Web Worker over the
 * deals the worker holds (widgets/reports/deals-worker.ts), or, with no Worker, on the page's
 * thread in pieces with a pause between them: the same code either way.
 */
export interface FiguresRequest {
  filter: ReportFilter
  dimension: Dimension
}

export interface DealFigures {
  totals: Totals
  groups: GroupRow[]
}

export interface FiguresBuilder {
  /** Adds deals `from` (inclusive) to `to` (exclusive) of `deals`. */
  add(deals: readonly ReportDeal[], from?: number, to?: number): void
  result(): DealFigures
}

export function figuresBuilder(request: FiguresRequest, ctx: AggregateContext): FiguresBuilder {
  const keep = dealPredicate(request.filter, ctx)
  const totals = emptyTotals()
  const groups = groupBuilder(request.dimension, ctx)
  return {
    add(deals, from = 0, to = deals.length) {
      for (let i = from; i < to; i++) {
        const deal = deals[i]!
        if (!keep(deal)) continue
        addDeal(totals, deal, ctx)
        groups.add(deal)
      }
    },
    result: () => ({ totals, groups: groups.rows() }),
  }
}

/** The figures of all `deals` at once. */
export function dealFigures(deals: readonly ReportDeal[], request: FiguresRequest, ctx: AggregateContext): DealFigures {
  const builder = figuresBuilder(request, ctx)
  builder.add(deals)
  return builder.result()
}
