import { GatewayError, toGatewayError } from '@/b24/gateway'
import type { Params, RestTransport } from '@/b24/gateway'
import { MAX_BATCH_COMMANDS } from '@/b24/gateway/screen'
import { refsIn, resolveRefs, settle, stepState, unfinishedSteps, withStep } from '@/domain/write-plan'
import type { StepFailure, WritePlan, WriteStep } from '@/domain/write-plan'
import { findStepRecord } from './find-step'
import type { PlanJournal } from './journal'
import { meaningOf } from './outcome'

/*
 * Runs a write plan to its end or to a clear stop. Each round sends the unfinished steps in
 * order in one `batch` with halt (so what follows a failed step never runs), after saving
 * them as `sent` in the journal. Then:
 * - a step with a result is done, one with a refusal fails the plan (incomplete, the user
 *   is told and may repeat);
 * - limits (503/429, whole request or one command) mean nothing ran: wait and send again,
 *   telling the screen how long;
 * - a lost reply, a timeout or a 5xx leaves the steps `sent`: before anything is sent
 *   again each create is looked up by its key, so nothing is made twice.
 * The same function resumes a plan loaded from the journal after a reload or a crash.
 */

export interface PlanWait {
  /** Why the plan waits: the portal's limit, or a reply that did not come. */
  reason: 'limit' | 'unknown'
  /** When the next attempt goes out (ms since epoch). */
  until: number
  error: GatewayError
}

export interface RunPlanOptions {
  transport: RestTransport
  journal: PlanJournal
  signal?: AbortSignal
  /** The client timeout of one request, after which its outcome is unknown (default 20 s). */
  timeoutMs?: number
  /** Waits on limits before the plan stops as incomplete (default 4: 2 + 4 + 8 + 16 s). */
  limitWaits?: number
  /** Rounds after an unknown outcome before the plan stops as incomplete (default 2). */
  unknownRetries?: number
  baseDelayMs?: number
  onChange?: (plan: WritePlan) => void
  onWait?: (wait: PlanWait | null) => void
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
}

const DEFAULTS = { timeoutMs: 20_000, limitWaits: 4, unknownRetries: 2, baseDelayMs: 2_000 }

export class PlanCancelled extends Error {
  constructor() {
    super('The write was cancelled')
    this.name = 'PlanCancelled'
  }
}

const failureOf = (error: GatewayError): StepFailure => ({ kind: error.kind, code: error.code, description: error.description })

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PlanCancelled())
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new PlanCancelled())
    }, { once: true })
  })
}

function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new GatewayError('network', 'REQUEST_TIMEOUT', `No reply in ${Math.round(ms / 1000)} s`)), ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(new PlanCancelled())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** The ID a step's result carries (`idPath`), `true` for a step without one, undefined when a check found nothing. */
function valueOf(step: WriteStep, result: unknown): unknown {
  if (!step.idPath) return step.kind === 'create' && result !== undefined && result !== null ? result : true
  let value = result
  for (const segment of step.idPath) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined
  if (step.kind === 'check') return value === undefined || value === null || value === '' ? undefined : value
  return value ?? true
}

const VERSION_MOVED = new GatewayError('conflict', 'VERSION_MOVED', 'The record was changed by someone else')

/** A check counts only together with the steps that depend on it: re-read it whenever one of them is still to do. */
function recheckGuards(plan: WritePlan): WritePlan {
  let next = plan
  for (const step of plan.steps) {
    if (step.kind !== 'check' || stepState(next, step.key).status !== 'done') continue
    const dependants = plan.steps.filter((other) => refsIn(other.params).includes(step.key))
    if (dependants.some((other) => stepState(next, other.key).status !== 'done')) next = withStep(next, step.key, { ...stepState(next, step.key), status: 'pending' })
  }
  return next
}

/** The params of a step with its references filled: a value already known, or `$result[...]` of a command in the same batch. */
function paramsFor(plan: WritePlan, step: WriteStep): Params {
  return resolveRefs(step.params, (key) => {
    const state = stepState(plan, key)
    if (state.status === 'done') return state.value
    const source = plan.steps.find((s) => s.key === key)
    return `$result[${key}]${(source?.idPath ?? []).map((segment) => `[${segment}]`).join('')}`
  }) as Params
}

/**
 * The step with its finder's references filled from the steps already done (a comment on a
 * company made earlier in the plan is looked up among that company's comments). Null when a
 * referred step is not done: the record it would hang on is not known, so neither is this one.
 */
function finderFor(plan: WritePlan, step: WriteStep): WriteStep | null {
  if (!step.find) return step
  const refs = refsIn(step.find.params)
  if (refs.some((key) => stepState(plan, key).status !== 'done')) return null
  if (refs.length === 0) return step
  return { ...step, find: { ...step.find, params: resolveRefs(step.find.params, (key) => stepState(plan, key).value) as Params } }
}

export async function runPlan(start: WritePlan, options: RunPlanOptions): Promise<WritePlan> {
  const settings = { ...DEFAULTS, ...options }
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? sleepFor
  let plan: WritePlan = { ...start, status: 'running' }
  // A repeat after a refusal sends the failed step again; a `sent` one is looked up first.
  for (const step of plan.steps) {
    const state = stepState(plan, step.key)
    if (state.status === 'failed') plan = withStep(plan, step.key, { status: 'pending', attempts: state.attempts })
  }
  const save = async () => {
    await options.journal.save(plan)
    options.onChange?.(plan)
  }
  const stop = async (error: GatewayError, key?: string) => {
    if (key) plan = withStep(plan, key, { ...stepState(plan, key), status: 'failed', error: failureOf(error) })
    plan = settle(plan, 'incomplete')
    if (!key) plan = { ...plan, meta: { ...plan.meta, lastError: failureOf(error) } }
    await save()
    return plan
  }
  const wait = async (reason: 'limit' | 'unknown', error: GatewayError, ms: number) => {
    options.onWait?.({ reason, until: now() + ms, error })
    try {
      await sleep(ms, options.signal)
    } finally {
      options.onWait?.(null)
    }
  }

  let limitWaits = 0
  let unknownRounds = 0
  await save()
  try {
    for (;;) {
      options.signal?.throwIfAborted()
      // 1. Creates whose outcome is unknown are looked up before anything is sent again.
      for (const step of unfinishedSteps(plan)) {
        const state = stepState(plan, step.key)
        if (state.status !== 'sent') continue
        if (step.kind === 'create') {
          const finder = finderFor(plan, step)
          const found = finder ? await withTimeout(findStepRecord(settings.transport, finder), settings.timeoutMs, options.signal) : null
          plan = withStep(plan, step.key, found !== null ? { status: 'done', value: found, attempts: state.attempts } : { ...state, status: 'pending' })
        } else {
          plan = withStep(plan, step.key, { ...state, status: 'pending' })
        }
      }
      plan = recheckGuards(plan)
      const left = unfinishedSteps(plan)
      if (left.length === 0) {
        plan = settle(plan, 'incomplete')
        await options.journal.remove(plan.id)
        options.onChange?.(plan)
        return plan
      }
      // 2. The next round: the unfinished steps in order, journaled as sent before the request.
      const round = left.slice(0, MAX_BATCH_COMMANDS)
      const commands: Record<string, [string, Params]> = {}
      for (const step of round) commands[step.key] = [step.method, paramsFor(plan, step)]
      for (const step of round) {
        const state = stepState(plan, step.key)
        plan = withStep(plan, step.key, { status: 'sent', attempts: state.attempts + 1 })
      }
      await save()

      let reply
      try {
        reply = await withTimeout(settings.transport.batch(commands, { halt: true }), settings.timeoutMs, options.signal)
      } catch (raw) {
        if (raw instanceof PlanCancelled) throw raw
        const error = toGatewayError(raw)
        const meaning = meaningOf(error)
        if (meaning === 'refused-retry') {
          // The portal refused the whole request before running it.
          for (const step of round) plan = withStep(plan, step.key, { ...stepState(plan, step.key), status: 'pending' })
          if (limitWaits >= settings.limitWaits) return await stop(error)
          await save()
          await wait('limit', error, settings.baseDelayMs * 2 ** limitWaits++)
          continue
        }
        if (meaning === 'refused') {
          for (const step of round) plan = withStep(plan, step.key, { ...stepState(plan, step.key), status: 'pending' })
          return await stop(error, round[0]!.key)
        }
        if (unknownRounds >= settings.unknownRetries) return await stop(error)
        await wait('unknown', error, settings.baseDelayMs / 2)
        unknownRounds++
        continue
      }

      // 3. Each command's own outcome, in order.
      let refused: { key: string; error: GatewayError } | null = null
      let limited: GatewayError | null = null
      let unknown: GatewayError | null = null
      for (const step of round) {
        const state = stepState(plan, step.key)
        if (step.key in reply.results) {
          const value = valueOf(step, reply.results[step.key])
          if (value === undefined) {
            refused ??= { key: step.key, error: VERSION_MOVED }
            plan = withStep(plan, step.key, { ...state, status: 'pending' })
          } else {
            plan = withStep(plan, step.key, { status: 'done', value, attempts: state.attempts })
          }
          continue
        }
        const error = reply.errors[step.key]
        if (!error) {
          plan = withStep(plan, step.key, { ...state, status: 'pending' }) // not run: an earlier command stopped the batch
          continue
        }
        const meaning = meaningOf(error)
        if (meaning === 'refused') {
          refused ??= { key: step.key, error }
          plan = withStep(plan, step.key, { ...state, status: 'pending' })
        } else if (meaning === 'refused-retry') {
          plan = withStep(plan, step.key, { ...state, status: 'pending' })
          limited = error
        } else {
          unknown = error // stays `sent`: looked up before the next round
        }
      }
      if (refused) return await stop(refused.error, refused.key)
      await save()
      if (limited) {
        if (limitWaits >= settings.limitWaits) return await stop(limited)
        await wait('limit', limited, settings.baseDelayMs * 2 ** limitWaits++)
      } else if (unknown) {
        if (unknownRounds >= settings.unknownRetries) return await stop(unknown)
        await wait('unknown', unknown, settings.baseDelayMs / 2)
        unknownRounds++
      }
    }
  } catch (raw) {
    if (raw instanceof PlanCancelled || options.signal?.aborted) {
      plan = settle(plan, 'incomplete')
      plan = { ...plan, meta: { ...plan.meta, lastError: { kind: 'cancelled', code: 'CANCELLED', description: '' } } }
      await save()
      return plan
    }
    return await stop(toGatewayError(raw))
  }
}
