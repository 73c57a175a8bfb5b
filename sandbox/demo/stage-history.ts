import type { Store } from '../store/types'
import { HISTORY_TYPE, recordStageMove } from '../rest/methods/crm/stage-history'

/**
 * Plausible stage histories for seeded and generated deals (they are inserted straight into the
 * tables, so no write records their moves): the deal is created in the pipeline's first stage and walks
 * forward, sometimes stepping back once, to the stage it holds now; a won deal passes every stage, a
 * lost one leaves from some stage to its final stage. Deterministic for a given `random`.
 */

export interface PathStage {
  id: string
  semantic: 'P' | 'S' | 'F'
}

const HOUR = 3_600_000

/** The stages a deal passed, the first its creation stage, the last `current`. */
export function stagePath(process: string[], current: PathStage, random: () => number): PathStage[] {
  const index = process.indexOf(current.id)
  const reached = current.semantic === 'P' ? Math.max(0, index) : current.semantic === 'S' ? process.length - 1 : Math.floor(random() * process.length)
  const path: PathStage[] = process.slice(0, reached + 1).map((id) => ({ id, semantic: 'P' as const }))
  // One deal in ten goes back a stage once and returns.
  if (path.length >= 3 && random() < 0.1) {
    const at = 1 + Math.floor(random() * (path.length - 2))
    path.splice(at + 1, 0, path[at - 1]!, path[at]!)
  }
  if (current.semantic !== 'P') path.push(current)
  return path
}

/**
 * Times of entering each stage of the path: the first at `created`, the first stay short (half an hour to
 * nine hours, so a 5-hour norm splits them), the last entry at `end` when given, else after log-uniform
 * stays of an hour to ten days.
 */
export function pathTimes(length: number, created: number, end: number | null, random: () => number): number[] {
  if (length <= 1) return [created]
  const stays = Array.from({ length: length - 1 }, (_, k) =>
    k === 0 ? (0.5 + random() * 8.5) * HOUR : Math.exp(Math.log(HOUR) + random() * Math.log(240)),
  )
  const total = stays.reduce((a, b) => a + b, 0)
  const span = end === null ? total : Math.max(0, end - created)
  // Stretch or squeeze the stays to fit the span; the first keeps its length while it fits in half of it.
  const first = Math.min(stays[0]!, span / 2)
  const rest = total - stays[0]!
  const scale = rest > 0 ? (span - first) / rest : 0
  const times = [created]
  let t = created + first
  times.push(t)
  for (let k = 1; k < stays.length; k++) {
    t += stays[k]! * scale
    times.push(t)
  }
  if (end !== null) times[times.length - 1] = end
  return times.map(Math.round)
}

/** Writes the path's history rows for one deal; returns the time it entered its current stage. */
export function recordDealPath(store: Store, dealId: number, categoryId: number, path: PathStage[], times: number[]): number {
  path.forEach((stage, k) => {
    recordStageMove(store, {
      entityTypeId: 2,
      ownerId: dealId,
      typeId: k === 0 ? HISTORY_TYPE.created : stage.semantic === 'P' ? HISTORY_TYPE.intermediate : HISTORY_TYPE.final,
      stageId: stage.id,
      semantic: stage.semantic,
      categoryId,
      time: times[k]!,
    })
  })
  return times[times.length - 1]!
}
