import { readClientEmail } from '@/b24/deal-screen/client-email'
import type { DealScreen } from '@/b24/deal-screen/data'
import { performedKeysOf } from '@/b24/deal-screen/data'
import { enumMapsFrom } from '@/b24/deal-screen/deal-fields'
import { parseUsers } from '@/b24/deal-screen/dto'
import { loadDealScreens } from '@/b24/deal-screen/deal-screens'
import { toDealPeople, toDealSnapshot } from '@/b24/deal-screen/evaluation-input'
import { playbookFromOptions } from '@/b24/deal-screen/playbook-option'
import { runPlan } from '@/b24/write-plan'
import { PERFORMED_ACTIONS_FIELD } from '@/domain/fields/next-steps'
import { evaluateDeal, nextLookAt, planDealEffects } from '@/domain/playbook'
import type { DealEffect, DealPeople } from '@/domain/playbook'
import { newPlan, planProgress, type WritePlan } from '@/domain/write-plan'
import type { Job } from '../store/runner-store'
import type { BatchJobHandler, JobContext } from '../tick'
import { recordDealAutomation } from './deal-automation'

/*
 * The deals due in one turn: finish what an earlier turn left unfinished (the journal), read
 * all of them in two requests, ask the playbook engine about each, and carry out what is due
 * now as one write plan for all (batches of 50 commands). When the portal refuses a step of
 * the joint plan, each deal's own plan is run alone, so one deal cannot hold up the others.
 * Each deal answers when to look again: when its verdict next changes by time alone (a
 * reminder, a repeat, a delay), else never — an event about the deal or its tasks brings it
 * back, its own writes included.
 */

const RETRY_MS = 60_000
/** Failures a repeat may overcome; any other refusal is left to the next read of the portal. */
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
  // Refused: the plan is dropped; what is still due is decided by the next read of the portal.
  await context.store.journal.remove(plan.id)
  return 'refused'
}

/** Unfinished plans of earlier turns (a crash, a busy portal) go first; 'retry' while the portal is busy. */
async function resumeUnfinished(context: JobContext): Promise<'done' | 'retry'> {
  for (const plan of await context.store.journal.list()) {
    if (!plan.scope.startsWith('runner:deal')) continue
    if ((await carryOut(plan, context)) === 'retry') return 'retry'
  }
  return 'done'
}

interface DealTurn {
  dealId: number
  plan: WritePlan | null
  effects: DealEffect[]
  next: ReturnType<typeof nextLookAt>
}

/**
 * The people around the responsible the engine acts for. While the deal awaits its
 * reassignment (§5: whoever moved it becomes responsible), the head is the new responsible's,
 * not the former one's: the stage's tasks go out in the same plan as the reassignment.
 */
async function peopleOfNewResponsible(screen: DealScreen, responsibleId: number, context: JobContext): Promise<DealPeople> {
  // b24restdocs api-reference/user/user-get.md (UF_DEPARTMENT for the head)
  const users = await context.gateway.call('user.get', { ID: responsibleId }, { parse: parseUsers })
  return toDealPeople({ ...screen, deal: { ...screen.deal, ASSIGNED_BY_ID: responsibleId }, responsible: users[0] ?? null })
}

async function planTurn(screen: DealScreen, context: JobContext): Promise<DealTurn | null> {
  const dealId = Number(screen.deal.ID)
  const input = {
    playbook: playbookFromOptions(screen.options).playbook,
    deal: toDealSnapshot(screen, enumMapsFrom(screen.userFields)),
    tasks: screen.tasks,
    people: toDealPeople(screen),
    performedActionKeys: performedKeysOf(screen.deal),
    now: context.now,
  }
  let evaluation = evaluateDeal(input)
  if (evaluation.responsibleId !== input.deal.responsibleId) {
    evaluation = evaluateDeal({ ...input, people: await peopleOfNewResponsible(screen, evaluation.responsibleId, context) })
  }
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
  return { dealId, plan, effects, next: nextLookAt(evaluation, context.now) }
}

/** The turns' plans as one: each deal's steps in its own order, deal after deal. */
function jointPlan(turns: readonly DealTurn[], now: Date): WritePlan {
  return newPlan({
    id: `runner-deals-${now.getTime()}-${turns[0]!.dealId}`,
    scope: 'runner:deals',
    title: { ru: 'Автоматизация сделок', en: 'Deals automation' },
    now,
    meta: { kind: 'runner-deals', deals: turns.map((turn) => turn.dealId) },
    steps: turns.flatMap((turn) => turn.plan!.steps),
  })
}

async function carryOutTurns(turns: DealTurn[], context: JobContext): Promise<Map<number, PlanOutcome>> {
  const outcomes = new Map<number, PlanOutcome>()
  const writing = turns.filter((turn) => turn.plan)
  if (writing.length === 0) return outcomes
  const joint = writing.length === 1 ? writing[0]!.plan! : jointPlan(writing, context.now)
  const outcome = await carryOut(joint, context)
  if (outcome !== 'refused' || writing.length === 1) {
    for (const turn of writing) outcomes.set(turn.dealId, outcome)
    return outcomes
  }
  // One deal's step was refused: each deal alone now (what the joint plan did is found by its keys).
  for (const turn of writing) outcomes.set(turn.dealId, await carryOut({ ...turn.plan!, id: `${turn.plan!.id}-alone` }, context))
  return outcomes
}

export const dealBatchHandler: BatchJobHandler = async (jobs: readonly Job[], context) => {
  const answers = new Map<string, Date | null>()
  const later = new Date(context.now.getTime() + RETRY_MS)
  if ((await resumeUnfinished(context)) === 'retry') {
    for (const job of jobs) answers.set(job.id, later)
    return answers
  }
  const screens = await loadDealScreens(context.gateway, jobs.map((job) => job.subject))
  const turns: DealTurn[] = []
  for (const screen of screens.values()) {
    const turn = await planTurn(screen, context)
    if (turn) turns.push(turn)
  }
  const outcomes = await carryOutTurns(turns, context)
  for (const turn of turns) {
    const outcome = outcomes.get(turn.dealId)
    await recordDealAutomation(context.store, turn.dealId, { at: context.now, done: outcome === 'done' ? turn.effects.map(describe) : [], next: turn.next })
    answers.set(`deal:${turn.dealId}`, outcome === 'retry' || outcome === 'refused' ? later : (turn.next?.at ?? null))
  }
  // Deleted deals, deals out of the playbook: nothing more until an event about them.
  for (const job of jobs) if (!answers.has(job.id)) answers.set(job.id, null)
  return answers
}

const describe = (effect: DealEffect) => ({ key: effect.key, title: effect.title })
