import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { DealEvaluation, StepView } from '@/domain/playbook'
import { formatSpan } from '@/domain/playbook/time'

type Lang = 'ru' | 'en'

/**
 * «Что сделать сейчас»: the person's own steps that can be done now. A blocked step is not
 * among them: it waits on something else (a payment, a field) and is listed under «Что блокирует».
 */
export function doNowSteps(steps: readonly StepView[]): StepView[] {
  return steps.filter((s) => !s.automatic && (s.state === 'todo' || s.state === 'overdue'))
}

/**
 * The fields steps wait for, each once, in step order: «Что сделать сейчас» asks for them
 * («Нужен ли договор» left empty is a question to answer now, not «nothing to do»).
 */
export function fieldsToFill(steps: readonly StepView[]): PlaybookFieldKey[] {
  return [...new Set(steps.flatMap((s) => (s.state === 'waiting' && s.waitingOn?.kind === 'fields' ? s.waitingOn.fields : [])))]
}

/**
 * «Просрочено»: the overdue steps «Что сделать сейчас» does not already show with their lateness
 * (a blocked task past its deadline), so no step's lateness is said twice on the screen.
 */
export function overdueElsewhere(evaluation: Pick<DealEvaluation, 'steps' | 'overdue'>): DealEvaluation['overdue'] {
  const shown = new Set(doNowSteps(evaluation.steps).map((s) => s.id))
  return evaluation.overdue.filter((item) => !shown.has(item.stepId))
}

/** Steps whose deadline is told above «Шаги стадии» (in «Что сделать сейчас» or «Просрочено»): the list gives their state, not the time again. */
export function timedAbove(evaluation: Pick<DealEvaluation, 'steps' | 'overdue'>): Set<string> {
  return new Set([...doNowSteps(evaluation.steps).map((s) => s.id), ...overdueElsewhere(evaluation).map((item) => item.stepId)])
}

export interface StepLines {
  /** Why the step is in its state; absent when the timing line already says it. */
  explanation: string | null
  /** The deadline counted live against `nowMs`. */
  timing: { overdue: boolean; span: string } | null
}

/** The lines under a step's title, each said once: an overdue step's lateness is the live timing line only. */
export function stepLines(step: StepView, nowMs: number, lang: Lang): StepLines {
  const counts = step.state !== 'done' && step.state !== 'skipped' && step.deadline !== undefined
  const left = counts ? Date.parse(step.deadline ?? '') - nowMs : 0
  const timing = counts ? { overdue: left < 0, span: formatSpan(Math.abs(left))[lang] } : null
  const saysLateness = step.state === 'overdue' && timing !== null
  return { explanation: step.explanation && !saysLateness ? step.explanation[lang] : null, timing }
}
