import { readClientEmail } from '@/b24/deal-screen/client-email'
import { loadDealScreen, performedKeysOf } from '@/b24/deal-screen/data'
import { enumMapsFrom } from '@/b24/deal-screen/deal-fields'
import { toDealPeople, toDealSnapshot } from '@/b24/deal-screen/evaluation-input'
import { playbookFromOptions } from '@/b24/deal-screen/playbook-option'
import { toGatewayError } from '@/b24/gateway'
import { runPlan } from '@/b24/write-plan'
import { PERFORMED_ACTIONS_FIELD } from '@/domain/fields/next-steps'
import { evaluateDeal, nextLookAt, planDealEffects, runnerDealScope } from '@/domain/playbook'
import type { DealEffect } from '@/domain/playbook'
import { planProgress, type WritePlan } from '@/domain/write-plan'
import type { JobContext, JobHandler } from '../tick'
import { recordDealAutomation } from './deal-automation'

/*
 * A deal's turn: finish what an earlier turn left unfinished (its journal), read the deal as
 * the tab reads it, ask the playbook engine, and carry out what is due now as one write plan.
 * Answers when to look again: at once after it wrote (the deal changed), else when the
 * verdict next changes by time alone (a reminder, a repeat, a delay), else never — an
 * event about the deal or one of its tasks brings it back.
 */

const RETRY_MS = 60_000
/** Refusals a repeat will not change: the portal's state decides anew on the next read. */
const TRANSIENT = new Set(['limit', 'network', 'expired', 'unknown'])

function isTransientFailure(plan: WritePlan): boolean {
  const failure = planProgress(plan, 'ru').failure ?? (plan.meta?.lastError as { kind?: string } | undefined)
  return !failure || TRANSIENT.has(String(failure.kind))
}

type PlanOutcome = 'done' | 'retry' | 'refused'

async function carryOut(plan: WritePlan, context: JobContext): Promise<PlanOutcome> {
  const result = await runPlan(plan, { transport: context.transport, journal: context.store.journal })
  if (result.status === 'done') {
    await context.store.journal.remove(plan.id)
    return 'done'
  }
  if (isTransientFailure(result)) return 'retry'
  // The portal refused a step: the plan is dropped and the next read decides what is still due.
  await context.store.journal.remove(plan.id)
  return 'refused'
}

async function resumeUnfinished(dealId: number, context: JobContext): Promise<PlanOutcome> {
  let outcome: PlanOutcome = 'done'
  for (const plan of await context.store.journal.list(runnerDealScope(dealId))) {
    const result = await carryOut(plan, context)
    if (result === 'retry') return 'retry'
    if (result === 'refused') outcome = 'refused'
  }
  return outcome
}

export const dealJobHandler: JobHandler = async (job, context) => {
  const dealId = job.subject
  const later = new Date(context.now.getTime() + RETRY_MS)
  if ((await resumeUnfinished(dealId, context)) === 'retry') return later

  let screen
  try {
    screen = await loadDealScreen(context.gateway, dealId)
  } catch (raw) {
    // A deleted deal (or one the app may not read) needs nothing more.
    if (toGatewayError(raw).kind === 'notFound') return null
    throw raw
  }
  const evaluation = evaluateDeal({
    playbook: playbookFromOptions(screen.options).playbook,
    deal: toDealSnapshot(screen, enumMapsFrom(screen.userFields)),
    tasks: screen.tasks,
    people: toDealPeople(screen),
    performedActionKeys: performedKeysOf(screen.deal),
    now: context.now,
  })
  if (!evaluation.matched) return null

  const needsClient = evaluation.notificationsDue.some((due) => due.toClient)
  const { plan, effects } = planDealEffects({
    planId: `runner-deal-${dealId}-${context.now.getTime()}`,
    dealId,
    evaluation,
    stages: screen.stages,
    tasks: screen.tasks,
    performedKeys: performedKeysOf(screen.deal),
    performedField: PERFORMED_ACTIONS_FIELD,
    client: needsClient ? await readClientEmail(context.gateway, screen.deal) : null,
    now: context.now,
  })
  const next = nextLookAt(evaluation, context.now)
  if (!plan) {
    await recordDealAutomation(context.store, dealId, { at: context.now, next })
    return next?.at ?? null
  }
  const outcome = await carryOut(plan, context)
  await recordDealAutomation(context.store, dealId, { at: context.now, done: outcome === 'done' ? effects.map(describe) : [], next })
  if (outcome === 'retry') return later
  if (outcome === 'refused') throw new Error(`deal ${dealId}: the portal refused a step of the playbook's plan`)
  // What was written changes the verdict (a new stage, new tasks): look again on the next turn.
  return context.now
}

const describe = (effect: DealEffect) => ({ key: effect.key, title: effect.title })
