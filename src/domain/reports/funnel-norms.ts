import { normalizeName, type Playbook, type PlaybookStage } from '../playbook/schema'
import { spanMs } from '../playbook/time'
import type { Pipeline } from './types'

/**
 * Norms of time in stage from the playbook: a stage's norm is the longest fixed deadline («after N
 * hours/days») among the steps that start when a deal enters the stage unconditionally (no trigger, no
 * condition) — tasks by their deadline, notifications by their moment. LEMUS «Экспресс-идентификация»:
 * the task and the reminder both say 5 hours, so its norm is 5 hours. Deadlines that hang on a field or
 * on the deal's complexity are no fixed norm. Pipelines and stages are matched by name, as the playbook does.
 */
export function stageNorm(stage: PlaybookStage): number | null {
  let norm: number | null = null
  for (const step of stage.steps) {
    if (step.after || step.when || step.waitUntil) continue
    const rule = step.kind === 'task' ? step.deadline : step.kind === 'notify' ? step.at : null
    if (!rule || rule.kind !== 'after') continue
    const ms = spanMs(rule)
    if (ms > 0) norm = Math.max(norm ?? 0, ms)
  }
  return norm
}

export function funnelNorms(playbook: Playbook, pipeline: Pipeline): Map<string, number> {
  const norms = new Map<string, number>()
  const book = playbook.pipelines.find((p) => normalizeName(p.name) === normalizeName(pipeline.name))
  if (!book) return norms
  for (const stage of pipeline.stages) {
    const rule = book.stages.find((s) => normalizeName(s.name) === normalizeName(stage.name))
    const norm = rule ? stageNorm(rule) : null
    if (norm !== null) norms.set(stage.id, norm)
  }
  return norms
}
