import { runPlan } from '@/b24/write-plan'
import { effectSteps, type Effect } from '@/domain/approvals'
import { newPlan, type PlanText } from '@/domain/write-plan'
import type { JobContext } from '../tick'

/** A plan stopped by limits or a lost reply is looked at again a minute later. */
export const RETRY_MS = 60_000
/** A plan the portal keeps refusing for a day is given up; the next record of the deal or trip plans afresh. */
const GIVE_UP_MS = 24 * 3_600_000

/**
 * Finishes the approvals plans of `scope` a crash or a limit left unfinished. True when none is
 * left: only then may the caller read the portal and plan afresh (never beside a half-done plan).
 */
export async function finishUnfinished(scope: string, context: JobContext): Promise<boolean> {
  const journal = context.store.journal
  let clear = true
  for (const plan of await journal.list(scope)) {
    const result = await runPlan(plan, { transport: context.transport, journal, limitWaits: 1 })
    if (result.status === 'done') continue
    if (context.now.getTime() - Date.parse(plan.createdAt) > GIVE_UP_MS) await journal.remove(plan.id)
    else clear = false
  }
  return clear
}

/** Writes `effects` as one plan in the runner's journal, as the runner's user `me`; true when all is done. */
export async function runEffects(scope: string, title: PlanText, effects: readonly Effect[], me: number, context: JobContext): Promise<boolean> {
  if (effects.length === 0) return true
  const id = `${scope}:${context.now.getTime()}`
  const plan = newPlan({ id, scope, title, steps: effectSteps(effects, me, id), now: context.now })
  const result = await runPlan(plan, { transport: context.transport, journal: context.store.journal, limitWaits: 1 })
  return result.status === 'done'
}

export function retryLater(context: JobContext): Date {
  return new Date(context.now.getTime() + RETRY_MS)
}
