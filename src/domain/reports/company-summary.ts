import type { ClientStatus } from '@/domain/client-profile/status-transitions'
import { totalsOf, type Totals } from './aggregate'
import { debtOf } from './debt'
import type { Pipeline, ReportDeal, StageSemantic, StatusMove } from './types'

/**
 * The company summary tab «Сводка» (R2): the company's deals, totals, paid, debt, its client status
 * and the history of that status, at a glance.
 */
export interface CompanySummary {
  /** the company's deals by outcome, every currency counted */
  counts: Pick<Totals, 'count' | 'open' | 'won' | 'lost'>
  /**
   * Money per currency, each summed on its own (minor units of `currency`), never added together;
   * every deal is in exactly one entry. The requested currency first, then most deals first.
   */
  byCurrency: CurrencyTotals[]
  /** newest first */
  deals: Array<ReportDeal & { debt: number }>
  /** the status the company's fields hold; without them the last recorded one; null when neither */
  currentStatus: ClientStatus | null
  /** the company's status moves, oldest first */
  history: StatusMove[]
  firstDealAt: number | null
  lastDealAt: number | null
}

/**
 * A company's deals in one currency: how many, and their money in minor units of `currency`;
 * what is unpaid split as the report splits it — receivables (a sale made) apart from the open
 * pipeline's unpaid amount, which is not a debt.
 */
export type CurrencyTotals = { currency: string } & Pick<Totals, 'count' | 'amount' | 'wonAmount' | 'paid' | 'debt' | 'debtors' | 'receivable' | 'openUnpaid' | 'buckets'>

function totalsByCurrency(deals: readonly ReportDeal[], ctx: { now: number; first?: string; overdueByDeal: ReadonlyMap<number, number> }): CurrencyTotals[] {
  const groups = new Map<string, ReportDeal[]>()
  for (const deal of deals) {
    const group = groups.get(deal.currency)
    if (group) group.push(deal)
    else groups.set(deal.currency, [deal])
  }
  const rank = (currency: string) => (currency === ctx.first ? 0 : 1)
  return [...groups.entries()]
    .sort(([a, dealsA], [b, dealsB]) => rank(a) - rank(b) || dealsB.length - dealsA.length || a.localeCompare(b))
    .map(([currency, inCurrency]) => {
      const { count, amount, wonAmount, paid, debt, debtors, receivable, openUnpaid, buckets } = totalsOf(inCurrency, { now: ctx.now, currency, overdueByDeal: ctx.overdueByDeal })
      return { currency, count, amount, wonAmount, paid, debt, debtors, receivable, openUnpaid, buckets }
    })
}

export function companySummary(input: {
  companyId: number
  deals: Iterable<ReportDeal>
  moves: Iterable<StatusMove>
  /** from the company's status, sub-status and inactive fields (`companyStatusOf`) */
  status?: ClientStatus | null
  now: number
  /** listed first when the company has deals in it (the portal's base currency) */
  currency?: string
  overdueByDeal?: ReadonlyMap<number, number>
}): CompanySummary {
  const deals = [...input.deals].filter((deal) => deal.companyId === input.companyId)
  const overdueByDeal = input.overdueByDeal ?? new Map<number, number>()
  const byCurrency = totalsByCurrency(deals, { now: input.now, first: input.currency, overdueByDeal })
  const { count, open, won, lost } = totalsOf(deals, { now: input.now, currency: '', overdueByDeal })
  // The log is kept newest last; the sort is stable, so moves of the same moment keep that order.
  const history = [...input.moves].filter((move) => move.companyId === input.companyId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
  const created = deals.map((deal) => deal.createdAt).filter((at) => !Number.isNaN(at))
  return {
    counts: { count, open, won, lost },
    byCurrency,
    deals: deals.map((deal) => ({ ...deal, debt: debtOf(deal) })).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id),
    currentStatus: input.status ?? history.at(-1)?.to ?? null,
    history,
    firstDealAt: created.length ? created.reduce((a, b) => Math.min(a, b)) : null,
    lastDealAt: created.length ? created.reduce((a, b) => Math.max(a, b)) : null,
  }
}

/** One chip of «Статусы сделок»: a stage of one pipeline and how many of the company's deals are in it. */
export interface StageChip {
  /** `<pipeline ID>:<stage ID>` */
  key: string
  /** the pipeline's name; null when all the company's deals are in one pipeline */
  pipeline: string | null
  stage: string
  semantic: StageSemantic
  count: number
}

/** How many of a company's deals are in one stage of one pipeline (the first deal's semantic when the portal lists no such stage). */
export interface StageCount {
  categoryId: number
  stageId: string
  semantic: StageSemantic
  count: number
}

/** The deals counted per pipeline and stage, in the order first met. */
export function stageCounts(deals: Iterable<Pick<ReportDeal, 'categoryId' | 'stageId' | 'semantic'>>): StageCount[] {
  const counts = new Map<string, StageCount>()
  for (const deal of deals) {
    const key = `${deal.categoryId}:${deal.stageId}`
    const entry = counts.get(key)
    if (entry) entry.count++
    else counts.set(key, { categoryId: deal.categoryId, stageId: deal.stageId, semantic: deal.semantic, count: 1 })
  }
  return [...counts.values()]
}

/**
 * The company's deals per stage of each pipeline — same-named stages of different pipelines stay
 * apart — in the portal's order (pipelines, then stages by sort); a stage or pipeline the portal
 * no longer lists comes after the known ones, named by its code.
 */
export function stageChips(deals: Iterable<ReportDeal>, pipelines: readonly Pipeline[]): StageChip[] {
  return stageChipsOf(stageCounts(deals), pipelines)
}

/** `stageChips` from counts already made (a summary kept on the company). */
export function stageChipsOf(counts: Iterable<StageCount>, pipelines: readonly Pipeline[]): StageChip[] {
  const pipelineOrder = new Map(pipelines.map((pipeline, index) => [pipeline.id, index]))
  const chips: Array<StageChip & { order: [number, number, number] }> = []
  let unknown = 0
  for (const entry of counts) {
    const pipelineIndex = pipelineOrder.get(entry.categoryId)
    const pipeline = pipelineIndex === undefined ? undefined : pipelines[pipelineIndex]
    const stageIndex = pipeline?.stages.findIndex((stage) => stage.id === entry.stageId) ?? -1
    const stage = stageIndex >= 0 ? pipeline?.stages[stageIndex] : undefined
    chips.push({
      key: `${entry.categoryId}:${entry.stageId}`,
      pipeline: pipeline?.name || `#${entry.categoryId}`,
      stage: stage?.name ?? entry.stageId,
      semantic: stage?.semantic ?? entry.semantic,
      count: entry.count,
      // known pipelines in their order, then unknown ones as met; known stages by sort, then unknown ones
      order: [pipelineIndex ?? pipelines.length + unknown, stageIndex >= 0 ? stageIndex : Number.MAX_SAFE_INTEGER, unknown++],
    })
  }
  const sorted = chips.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2])
  const several = new Set(sorted.map((chip) => chip.key.split(':')[0])).size > 1
  return sorted.map(({ order: _order, ...chip }) => ({ ...chip, pipeline: several ? chip.pipeline : null }))
}
