import { DEFAULT_PLAYBOOK, evaluateDeal, stepKey } from '@/domain/playbook'
import type { DealEvaluation, DealSnapshot, DealTask, EvaluateDealInput, StepView } from '@/domain/playbook'

/** A LEMUS deal on a stage, entered at 09:00 UTC on 3 March 2025; responsible 3, head 2, product manager 5. */
export const ENTERED = '2025-03-03T09:00:00.000Z'
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export const at = (offsetMs: number): string => new Date(Date.parse(ENTERED) + offsetMs).toISOString()

export interface Scenario {
  pipeline: 'Товары' | 'Услуги' | 'Продажи ППК Косино'
  stage: string
  fields?: DealSnapshot['fields']
  amountMinor?: number
  movedById?: number | null
  responsibleId?: number
  tasks?: DealTask[]
  performed?: string[]
  /** Time since the deal entered the stage. */
  after?: number
  people?: EvaluateDealInput['people']
}

export function evaluate(s: Scenario): DealEvaluation {
  return evaluateDeal({
    playbook: DEFAULT_PLAYBOOK,
    deal: {
      id: 42,
      pipelineName: s.pipeline,
      stageName: s.stage,
      amountMinor: s.amountMinor ?? 10_000_000,
      currency: 'RUB',
      responsibleId: s.responsibleId ?? 3,
      movedById: s.movedById ?? null,
      stageEnteredAt: ENTERED,
      fields: s.fields ?? {},
    },
    tasks: s.tasks ?? [],
    people: s.people ?? { headId: 2, productManagerId: 5, roles: { executor: 9 } },
    performedActionKeys: s.performed ?? [],
    now: at(s.after ?? HOUR),
  })
}

const PIPELINE_KEYS = { Товары: 'goods', Услуги: 'services', 'Продажи ППК Косино': 'kosino' } as const

export function keyOf(pipeline: Scenario['pipeline'], stageKey: string, stepId: string, index = 0, revision?: string): string {
  return stepKey({ dealId: 42, pipelineKey: PIPELINE_KEYS[pipeline], stageKey, stepId, index, ...(revision ? { revision } : {}) })
}

let nextTaskId = 100

/** A task the app created earlier for a step (tagged with its key). */
export function task(tag: string, title: string, opts: { closedAfter?: number; createdAfter?: number; deadlineAfter?: number } = {}): DealTask {
  const closed = opts.closedAfter !== undefined
  return {
    id: nextTaskId++,
    title,
    status: closed ? 5 : 2,
    createdAt: at(opts.createdAfter ?? 0),
    closedAt: closed ? at(opts.closedAfter ?? 0) : null,
    deadline: opts.deadlineAfter !== undefined ? at(opts.deadlineAfter) : null,
    responsibleId: 3,
    tag,
  }
}

export function step(result: DealEvaluation, id: string): StepView {
  const found = result.steps.find((s) => s.id === id)
  if (!found) throw new Error(`no step ${id} in ${result.steps.map((s) => s.id).join(', ')}`)
  return found
}

export function created(result: DealEvaluation, stepId: string) {
  return result.tasksToCreate.find((t) => t.stepId === stepId)
}

export const NBSP = '\u00a0'
