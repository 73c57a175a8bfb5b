import type { StageSemantic } from './types'

/**
 * The funnel of one pipeline over a period, from the deals' stage history as `crm.stagehistory.list`
 * keeps it (b24restdocs `api-reference/crm/crm-stage-history-list.md`): one row per stage a deal entered
 * (TYPE_ID 1 created, 2 intermediate, 3 final, 5 another pipeline). A deal stays in a row's stage until its
 * next row. Pure: the read gives the rows of the period plus each deal's last row before it.
 *
 * Per stage, for the period [from, to]:
 * - entered: deals that entered the stage in the period;
 * - left: stays that ended in the period, by where the deal went: forward (a later stage of the pipeline),
 *   won, lost, back (an earlier stage);
 * - conversion to next: of the deals that entered the stage in the period, the share that went forward
 *   (a later stage or won) by the end of the period; conversion to won: the share that was won by then;
 * - median and p90 (nearest rank) of the stays that ended in the period, and how many of them were longer
 *   than the playbook's norm for the stage;
 * - stalled: open deals in the stage now, in it longer than the norm (or, without one, the stage's p90).
 */

export interface HistoryRow {
  id: number
  ownerId: number
  /** Epoch ms of entering the stage (CREATED_TIME). */
  time: number
  stageId: string
  semantic: StageSemantic
}

export interface FunnelStageDef {
  id: string
  name: string
  semantic: StageSemantic
}

export interface OpenDeal {
  id: number
  stageId: string
  /** Epoch ms of entering its current stage. */
  enteredAt: number
}

export interface FunnelInput {
  /** The pipeline's stages in the portal's order. */
  stages: readonly FunnelStageDef[]
  rows: readonly HistoryRow[]
  from: number
  to: number
  now: number
  /** Norm of time in stage, ms, by stage id (only stages the playbook sets one for). */
  norms: ReadonlyMap<string, number>
  /** Open deals of the pipeline now. */
  open: readonly OpenDeal[]
}

export type Exit = 'forward' | 'won' | 'lost' | 'back'

export interface FunnelStageFigures {
  stageId: string
  name: string
  semantic: StageSemantic
  entered: number[]
  left: Record<Exit, number[]>
  leftTotal: number
  /** 0…1, null when nobody entered. */
  conversionNext: number | null
  conversionWon: number | null
  medianMs: number | null
  p90Ms: number | null
  normMs: number | null
  overNorm: number[]
  stalled: number[]
}

export interface Funnel {
  stages: FunnelStageFigures[]
  /** Deals that entered the pipeline's first stage or were created in it in the period. */
  started: number
  won: number
  lost: number
}

/** Nearest-rank percentile of sorted values (p in 0…1). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null
  const rank = Math.max(1, Math.ceil(p * sorted.length))
  return sorted[rank - 1]!
}

/** Median of sorted values: the middle one, or the mean of the two middle ones. */
export function median(sorted: readonly number[]): number | null {
  if (!sorted.length) return null
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const ascending = (a: number, b: number) => a - b

function byOwner(rows: readonly HistoryRow[]): Map<number, HistoryRow[]> {
  const map = new Map<number, HistoryRow[]>()
  for (const row of rows) {
    const list = map.get(row.ownerId) ?? []
    list.push(row)
    map.set(row.ownerId, list)
  }
  for (const list of map.values()) list.sort((a, b) => a.time - b.time || a.id - b.id)
  return map
}

export function computeFunnel(input: FunnelInput): Funnel {
  const { stages, from, to } = input
  const order = new Map(stages.map((s, i) => [s.id, i]))
  const inPeriod = (t: number) => t >= from && t <= to
  const figures = new Map<string, { entered: Set<number>; left: Record<Exit, number[]>; stays: number[]; overNorm: number[]; forward: Set<number>; won: Set<number> }>()
  for (const s of stages) figures.set(s.id, { entered: new Set(), left: { forward: [], won: [], lost: [], back: [] }, stays: [], overNorm: [], forward: new Set(), won: new Set() })

  for (const [owner, list] of byOwner(input.rows)) {
    const seq = list.filter((r) => r.time <= to && order.has(r.stageId))
    seq.forEach((row, k) => {
      const f = figures.get(row.stageId)!
      const enteredHere = inPeriod(row.time)
      if (enteredHere) f.entered.add(owner)
      const next = seq[k + 1]
      if (!next) return
      if (inPeriod(next.time)) {
        const exit: Exit =
          next.semantic === 'S' ? 'won' : next.semantic === 'F' ? 'lost' : order.get(next.stageId)! > order.get(row.stageId)! ? 'forward' : 'back'
        f.left[exit].push(owner)
        const stay = next.time - row.time
        f.stays.push(stay)
        const norm = input.norms.get(row.stageId)
        if (norm !== undefined && stay > norm) f.overNorm.push(owner)
      }
      if (enteredHere) {
        // Conversions follow the deal to the end of the period from this entry.
        const later = seq.slice(k + 1)
        if (later.some((r) => r.semantic === 'S' || (r.semantic === 'P' && order.get(r.stageId)! > order.get(row.stageId)!))) f.forward.add(owner)
        if (later.some((r) => r.semantic === 'S')) f.won.add(owner)
      }
    })
  }

  const result: FunnelStageFigures[] = stages.map((s) => {
    const f = figures.get(s.id)!
    const sorted = [...f.stays].sort((a, b) => a - b)
    const p90 = percentile(sorted, 0.9)
    const norm = input.norms.get(s.id) ?? null
    const limit = norm ?? p90
    const stalled =
      s.semantic === 'P' && limit !== null ? input.open.filter((d) => d.stageId === s.id && input.now - d.enteredAt > limit).map((d) => d.id) : []
    const entered = [...f.entered].sort(ascending)
    const left = { forward: f.left.forward.sort(ascending), won: f.left.won.sort(ascending), lost: f.left.lost.sort(ascending), back: f.left.back.sort(ascending) }
    return {
      stageId: s.id,
      name: s.name,
      semantic: s.semantic,
      entered,
      left,
      leftTotal: left.forward.length + left.won.length + left.lost.length + left.back.length,
      conversionNext: entered.length && s.semantic === 'P' ? f.forward.size / entered.length : null,
      conversionWon: entered.length && s.semantic === 'P' ? f.won.size / entered.length : null,
      medianMs: median(sorted),
      p90Ms: p90,
      normMs: norm,
      overNorm: f.overNorm.sort(ascending),
      stalled,
    }
  })
  const first = result.find((s) => s.semantic === 'P')
  return {
    stages: result,
    started: first?.entered.length ?? 0,
    won: result.filter((s) => s.semantic === 'S').reduce((n, s) => n + s.entered.length, 0),
    lost: result.filter((s) => s.semantic === 'F').reduce((n, s) => n + s.entered.length, 0),
  }
}

/** `crm.stagehistory.list` item of a deal (entityTypeId 2). */
export interface RawHistoryRow {
  ID: number | string
  OWNER_ID: number | string
  CREATED_TIME: string
  STAGE_ID: string
  STAGE_SEMANTIC_ID?: string | null
}

/** The fields the funnel asks for: the keyset key, the deal, the moment and the stage. */
export const HISTORY_SELECT = ['ID', 'OWNER_ID', 'CREATED_TIME', 'STAGE_ID', 'STAGE_SEMANTIC_ID']

/** One pipeline's whole history by ID keyset (b24restdocs `api-reference/crm/crm-stage-history-list.md`). */
export function historyRead(categoryId: number) {
  return {
    method: 'crm.stagehistory.list',
    params: { entityTypeId: 2, select: HISTORY_SELECT, filter: { CATEGORY_ID: categoryId } },
    idKey: 'ID',
    itemsKey: 'items',
  }
}

export function toHistoryRow(raw: RawHistoryRow): HistoryRow {
  const semantic = raw.STAGE_SEMANTIC_ID === 'S' || raw.STAGE_SEMANTIC_ID === 'F' ? raw.STAGE_SEMANTIC_ID : 'P'
  return { id: Number(raw.ID), ownerId: Number(raw.OWNER_ID), time: Date.parse(raw.CREATED_TIME), stageId: String(raw.STAGE_ID), semantic }
}

/**
 * The funnel of one pipeline for the deals the page shows (its department and manager filters): rows of
 * other deals are left out; the open deals are those of the list still in a process stage, entered at their
 * last history row. Without a period bound the funnel spans the whole history.
 */
export function pipelineFunnel(options: {
  stages: readonly FunnelStageDef[]
  rows: readonly HistoryRow[]
  deals: ReadonlyArray<{ id: number; categoryId: number; stageId: string; semantic: StageSemantic }>
  categoryId: number
  from?: number
  to?: number
  now: number
  norms: ReadonlyMap<string, number>
}): Funnel {
  const kept = new Map(options.deals.filter((d) => d.categoryId === options.categoryId).map((d) => [d.id, d]))
  const rows = options.rows.filter((r) => kept.has(r.ownerId))
  const last = new Map<number, HistoryRow>()
  for (const r of rows) {
    const seen = last.get(r.ownerId)
    if (!seen || r.time > seen.time || (r.time === seen.time && r.id > seen.id)) last.set(r.ownerId, r)
  }
  const open: OpenDeal[] = []
  for (const deal of kept.values()) {
    const entry = last.get(deal.id)
    if (deal.semantic === 'P' && entry && entry.stageId === deal.stageId) open.push({ id: deal.id, stageId: deal.stageId, enteredAt: entry.time })
  }
  return computeFunnel({
    stages: options.stages,
    rows,
    from: options.from ?? Number.NEGATIVE_INFINITY,
    to: options.to ?? Number.POSITIVE_INFINITY,
    now: options.now,
    norms: options.norms,
    open,
  })
}
