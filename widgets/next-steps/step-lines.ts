import type { StepView } from '@/domain/playbook'
import { formatSpan } from '@/domain/playbook/time'

type Lang = 'ru' | 'en'

/**
 * «Что сделать сейчас»: the person's own steps that can be done now. A blocked step is not
 * among them: it waits on something else (a payment, a field) and is listed under «Что блокирует».
 */
export function doNowSteps(steps: readonly StepView[]): StepView[] {
  return steps.filter((s) => !s.automatic && (s.state === 'todo' || s.state === 'overdue'))
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
