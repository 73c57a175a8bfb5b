import { idempotencyTag } from '@/domain/write-plan'
import { payoutDeadline } from './deadlines'
import { tripKeys, type Effect } from './effects'
import type { ApprovalSettings } from './settings'
import { tripFollowUps } from './trip-plan'
import type { TaskRecord, TripReplay } from './trip-replay'
import type { UserId } from './types'

/**
 * How long the runner leaves a recorded trip decision to the approver's own tab, which writes
 * the follow-ups in the same request right after it; only a decision still open after this was
 * left half done (a closed browser, a lost connection) and the runner finishes it.
 */
export const TRIP_FOLLOW_UP_GRACE_MS = 10 * 60_000

export interface TripRunnerFacts {
  /** The trip as its tasks record it, the decision included. */
  trip: TripReplay
  settings: ApprovalSettings
  initiatorName: string
  /** Tasks that may be the payout: the accountant's, titled so, created after the request. */
  payoutCandidates: readonly TaskRecord[]
  /** The runner's own user (its tasks count beside the approver's). */
  runnerUser: UserId
  now: Date
}

export type TripRunnerStep = { wait: Date } | { effects: Effect[] }

/**
 * The accountant's «Выдать ДС для командировки» exists once, with a deadline, when a trip was
 * approved (A2, the runner's side). A payout task counts only when its creator is the approver
 * who decided or the runner: a task someone else wrote with the key (and an amount of their
 * choosing) does not stand in for it. While the request is still open within the grace period
 * the approver's tab is finishing: wait. After it, the runner writes what is missing of the
 * decision's follow-ups; a request already closed needs at most the payout's deadline.
 */
export function tripRunnerStep(facts: TripRunnerFacts): TripRunnerStep {
  const { trip, now } = facts
  const decision = trip.state.decision
  if (!decision) return { effects: [] }
  const settleBy = Date.parse(decision.at) + TRIP_FOLLOW_UP_GRACE_MS
  if (trip.requestTaskOpen && now.getTime() < settleBy) return { wait: new Date(settleBy) }

  const payoutKey = tripKeys.payout(trip.requestTaskId)
  const tag = idempotencyTag(payoutKey)
  const payout = facts.payoutCandidates.find(
    (task) => task.description.includes(tag) && (task.createdBy === decision.by || task.createdBy === facts.runnerUser),
  )
  // The payout whenever it is missing; the notice and the closing only for a request still open.
  const effects = tripFollowUps({ trip, settings: facts.settings, initiatorName: facts.initiatorName, now }).filter((effect) =>
    effect.key === payoutKey ? !payout : trip.requestTaskOpen,
  )
  if (payout && !payout.deadline && payout.status !== 5) {
    effects.push({ kind: 'set-deadline', key: tripKeys.payoutDeadline(trip.requestTaskId), taskId: payout.id, deadline: payoutDeadline(decision.at, trip.state.request.dateFrom, now) })
  }
  return { effects }
}
