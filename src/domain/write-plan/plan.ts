/*
 * A write as data. Bitrix24 has no transactions, so every change a person or the runner
 * makes is a plan of REST steps, ordered so any prefix leaves the record consistent. The
 * plan and each step's state are journaled before a step is sent; after a fault, a reload
 * or a crash the same plan resumes where it stopped and never repeats a finished step.
 * Pure data and pure transitions: the tab and the runner share them.
 */

export type Params = Record<string, unknown>

/** A bilingual text kept in the journal, so a plan resumed by another screen can still say what it does. */
export interface PlanText {
  ru: string
  en: string
}

/** A value that is the ID produced by an earlier step of the same plan. */
export interface StepRef {
  $step: string
}

/**
 * How to tell whether a create already reached the portal: a list call whose rows are
 * searched for the step's idempotency key in one field. Declarative, so it survives the journal.
 */
export interface StepFinder {
  method: string
  params: Params
  /** Path to the rows inside the list method's result (`tasks` for tasks.task.list). */
  rowsAt?: string[]
  /** The field holding the key, and whether it equals the key or contains it (a tag in a text). */
  field: string
  match: 'equals' | 'contains'
  /** The text searched for (the key, or the tag made from it). */
  needle: string
  /** Where the record's ID is in a row. */
  idField: string
}

export interface WriteStep {
  /** Unique in the plan; the idempotency key searched for by `find`. */
  key: string
  method: string
  /** May hold StepRef values, resolved when the step is sent. */
  params: Params
  label: PlanText
  /**
   * `set`: sending it again writes the same state (update, set, complete) and is safe.
   * `create`: a second send would make a second record, so `find` must be asked first.
   * `check`: a read that must find the record as it was (compare-and-set); the steps that
   * refer to it take the ID from it, so when it finds nothing they fail and the batch halts.
   */
  kind: 'set' | 'create' | 'check'
  find?: StepFinder
  /** Path to the created record's ID in the method's result (`['task','id']`); absent = the result is the ID. */
  idPath?: string[]
}

export type StepStatus = 'pending' | 'sent' | 'done' | 'failed'

export interface StepFailure {
  kind: string
  code: string
  description: string
}

export interface StepState {
  status: StepStatus
  /** The created record's ID (creates) or `true`. */
  value?: unknown
  error?: StepFailure
  /** How many times the step went out; a `sent` step was sent and its outcome is unknown. */
  attempts: number
}

export type PlanStatus = 'running' | 'done' | 'incomplete'

export interface WritePlan {
  id: string
  /** What the plan writes to, e.g. `company:1`: a card lists its own unfinished plans. */
  scope: string
  title: PlanText
  createdAt: string
  status: PlanStatus
  steps: WriteStep[]
  state: Record<string, StepState>
  /** Anything the screen needs to redo its view after the plan (the draft that was saved). */
  meta?: Params
}

export function newPlan(input: { id: string; scope: string; title: PlanText; steps: WriteStep[]; now: Date; meta?: Params }): WritePlan {
  const keys = new Set<string>()
  for (const step of input.steps) {
    if (keys.has(step.key)) throw new Error(`Write plan ${input.id}: step key "${step.key}" is used twice`)
    if (step.kind === 'create' && !step.find) throw new Error(`Write plan ${input.id}: create step "${step.key}" has no finder`)
    keys.add(step.key)
    for (const ref of [...refsIn(step.params), ...refsIn(step.find?.params)]) {
      if (!keys.has(ref) || ref === step.key) throw new Error(`Write plan ${input.id}: step "${step.key}" refers to "${ref}", which does not come before it`)
    }
  }
  return {
    id: input.id,
    scope: input.scope,
    title: input.title,
    createdAt: input.now.toISOString(),
    status: 'running',
    steps: input.steps,
    state: Object.fromEntries(input.steps.map((step) => [step.key, { status: 'pending', attempts: 0 } satisfies StepState])),
    ...(input.meta ? { meta: input.meta } : {}),
  }
}

export function isStepRef(value: unknown): value is StepRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as StepRef).$step === 'string' && Object.keys(value).length === 1
}

/** The step keys a value refers to. */
export function refsIn(value: unknown): string[] {
  if (isStepRef(value)) return [value.$step]
  if (Array.isArray(value)) return value.flatMap(refsIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(refsIn)
  return []
}

/** Replaces each StepRef by what `resolve` gives for it. */
export function resolveRefs(value: unknown, resolve: (stepKey: string) => unknown): unknown {
  if (isStepRef(value)) return resolve(value.$step)
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, resolve))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, resolve)]))
  return value
}

export function stepState(plan: WritePlan, key: string): StepState {
  return plan.state[key] ?? { status: 'pending', attempts: 0 }
}

/** Returns a copy of the plan with one step's state replaced (plans are values: the journal keeps each version). */
export function withStep(plan: WritePlan, key: string, state: StepState): WritePlan {
  return { ...plan, state: { ...plan.state, [key]: state } }
}

export function unfinishedSteps(plan: WritePlan): WriteStep[] {
  return plan.steps.filter((step) => stepState(plan, step.key).status !== 'done')
}

export function finishedSteps(plan: WritePlan): WriteStep[] {
  return plan.steps.filter((step) => stepState(plan, step.key).status === 'done')
}

/** `done` when every step is, else the status given (running while it works, incomplete when it stopped). */
export function settle(plan: WritePlan, otherwise: PlanStatus): WritePlan {
  return { ...plan, status: unfinishedSteps(plan).length === 0 ? 'done' : otherwise }
}

/** For the screen: what is done and what is left, in the user's language. */
export function planProgress(plan: WritePlan, locale: 'ru' | 'en'): { done: string[]; left: string[]; failure?: StepFailure } {
  const failed = plan.steps.find((step) => stepState(plan, step.key).status === 'failed')
  return {
    done: finishedSteps(plan).map((step) => step.label[locale]),
    left: unfinishedSteps(plan).map((step) => step.label[locale]),
    ...(failed ? { failure: stepState(plan, failed.key).error } : {}),
  }
}
