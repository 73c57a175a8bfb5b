import { dealApproverTaskEffects, replayTrips, tripRunnerStep } from '@/domain/approvals'
import { dealsOfApprovalComments, readDealApprovals } from '../approvals/read-deal'
import { readDecisionTasks, readTripFacts, type DecisionTask } from '../approvals/read-trip'
import { finishUnfinished, retryLater, runEffects } from '../approvals/run-effects'
import type { JobContext, KindHandler } from '../tick'

/*
 * The approvals the runner keeps moving (A1, A2, LEMUS §4), from the records the portal holds:
 * - `approval-comment` (a timeline comment was added): when it is a contract or report record
 *   on a deal, the approver of the round waiting for a decision has exactly one task with a
 *   deadline, and the tasks of decided rounds are closed;
 * - `approval-task` (a task was added): when it records a trip decision, the accountant's
 *   «Выдать ДС для командировки» exists once with a deadline, and what the approver's tab left
 *   undone of the decision's follow-ups is finished after a grace period.
 * People's own steps (records, decisions) are written by their tabs with their rights; the
 * runner writes only what follows from them, as its own user.
 */

const dealScope = (dealId: number) => `approvals:deal:${dealId}`
const tripScope = (requestTaskId: number) => `approvals:trip:${requestTaskId}`

/** The approver tasks of one deal; returns when to look again (an unfinished plan), or null. */
export async function keepDealApprovals(dealId: number, context: JobContext): Promise<Date | null> {
  const scope = dealScope(dealId)
  if (!(await finishUnfinished(scope, context))) return retryLater(context)
  const facts = await readDealApprovals(context.gateway, dealId)
  if (!facts) return null
  const effects = dealApproverTaskEffects({
    deal: facts.deal,
    comments: facts.comments,
    settings: facts.settings,
    runnerTasks: facts.runnerTasks,
    now: context.now,
  })
  const title = { ru: `Задачи утверждающему по сделке «${facts.deal.title}»`, en: `Approver tasks of deal «${facts.deal.title}»` }
  return (await runEffects(scope, title, effects, facts.me, context)) ? null : retryLater(context)
}

/** The accountant's payout task of one trip decision; returns when to look again, or null. */
export async function keepTripPayout(decision: DecisionTask, context: JobContext): Promise<Date | null> {
  const scope = tripScope(decision.requestTaskId)
  if (!(await finishUnfinished(scope, context))) return retryLater(context)
  const facts = await readTripFacts(context.gateway, decision)
  if (!facts) return null
  const trip = replayTrips(facts.tasks, facts.settings).trips.find((candidate) => candidate.requestTaskId === decision.requestTaskId)
  if (!trip) return null
  const step = tripRunnerStep({ trip, settings: facts.settings, initiatorName: facts.initiatorName, payoutCandidates: facts.payoutCandidates, runnerUser: facts.me, now: context.now })
  if ('wait' in step) return step.wait
  const destination = trip.state.request.destination
  const title = { ru: `Завершение решения по командировке «${destination}»`, en: `Finishing the decision on business trip «${destination}»` }
  return (await runEffects(scope, title, step.effects, facts.me, context)) ? null : retryLater(context)
}

/**
 * Both kinds take the turn's jobs together (up to 50): one request finds which comments and
 * tasks are approval records at all, so the portal's other comments and tasks cost it little.
 */
export const approvalHandlers: Record<string, KindHandler> = {
  'approval-comment': {
    batch: async (jobs, context) => {
      const dealOf = await dealsOfApprovalComments(context.gateway, jobs.map((job) => job.subject))
      const next = new Map<number, Date | null>()
      for (const dealId of new Set(dealOf.values())) next.set(dealId, await keepDealApprovals(dealId, context))
      return new Map(jobs.map((job) => [job.id, next.get(dealOf.get(job.subject) ?? 0) ?? null]))
    },
  },
  'approval-task': {
    batch: async (jobs, context) => {
      const decisions = await readDecisionTasks(context.gateway, jobs.map((job) => job.subject))
      const answers = new Map<string, Date | null>()
      for (const job of jobs) {
        const decision = decisions.get(job.subject)
        answers.set(job.id, decision ? await keepTripPayout(decision, context) : null)
      }
      return answers
    },
  },
}
