import { payoutDeadline } from './deadlines'
import { crmBindings, tripKeys, type Effect } from './effects'
import { composeRecordText, type TripDecisionMarker } from './marker'
import {
  PAYOUT_TASK_TITLE,
  payoutDescription,
  TRIP_DECISION_TITLE_PREFIX,
  TRIP_REQUEST_TITLE_PREFIX,
  tripApprovedNotice,
  tripDecisionDescription,
  tripRejectedNotice,
  tripRequestDescription,
} from './record-text'
import { INPUT_LIMITS } from './input-rules'
import type { ApprovalSettings } from './settings'
import { transitionTrip, validateTripRequest, type TripError, type TripField, type TripRequestInput } from './trip-machine'
import type { TripReplay } from './trip-replay'
import type { Money, UserId } from './types'

export type TripPlanError =
  | TripError
  | 'invalid-request'
  | 'no-approver-configured'
  | 'no-accountant-configured'
  | 'not-trip-approver'
  | 'text-too-long'

export type TripPlan =
  | { ok: true; effects: Effect[] }
  | { ok: false; error: TripPlanError; fields?: Partial<Record<TripField, string>> }

/**
 * The request: a task the initiator creates for the trip approver (the portal stamps
 * CREATED_BY). `key` comes from the form (one per filled form) so a retried send is
 * recognised as the same request.
 */
export function planTripRequest(input: TripRequestInput, settings: ApprovalSettings, key: string): TripPlan {
  const fields = validateTripRequest(input)
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid-request', fields }
  if (settings.tripApprover === null) return { ok: false, error: 'no-approver-configured' }
  const trip = { ...input, destination: input.destination.trim(), purpose: input.purpose.trim() }
  const marker = { t: 'trip-request' as const, key, ...trip }
  return {
    ok: true,
    effects: [
      {
        kind: 'create-task',
        key,
        title: `${TRIP_REQUEST_TITLE_PREFIX}: ${trip.destination}`,
        responsibleId: settings.tripApprover,
        description: composeRecordText(tripRequestDescription(trip), marker),
        crm: crmBindings(trip),
      },
    ],
  }
}

export type TripDecisionStep =
  | { decision: 'approve'; amount?: Money; note?: string }
  | { decision: 'reject'; reason: string }

export interface TripDecisionContext {
  trip: TripReplay
  actor: UserId
  at: string
  settings: ApprovalSettings
  /** How the accountant's task names the traveller. */
  initiatorName: string
}

/** What a recorded decision is followed by, once the portal holds it. */
export interface TripFollowUpContext {
  /** The trip as replayed after the decision (its state carries the decision). */
  trip: TripReplay
  settings: ApprovalSettings
  /** How the accountant's task names the traveller. */
  initiatorName: string
  /** When the follow-ups are written (the deadline is never set in the past); the decision's time by default. */
  now?: Date
}

/**
 * The follow-ups of a decision, in the order that keeps every prefix readable: on approval the
 * accountant's task «Выдать ДС для командировки» with the amount and a deadline; in both cases a notice to
 * the initiator (with the reason on rejection); the request task closed LAST. An open request
 * with a decision is thus a decision whose follow-ups did not all arrive (`tripUnfinished`), and
 * the approver keeps it in «Ждут меня» until they have.
 */
export function tripFollowUps(context: TripFollowUpContext): Effect[] {
  const { trip, settings } = context
  const decision = trip.state.decision
  if (!decision) return []
  const request = trip.state.request
  const initiator = trip.state.initiator
  const crm = crmBindings(request)
  const effects: Effect[] = []
  if (decision.kind === 'approve' && settings.accountant !== null) {
    effects.push({
      kind: 'create-task',
      key: tripKeys.payout(trip.requestTaskId),
      title: PAYOUT_TASK_TITLE,
      responsibleId: settings.accountant,
      description: payoutDescription(request, decision.amount ?? request.budget, context.initiatorName),
      crm,
      auditors: [initiator],
      deadline: payoutDeadline(decision.at, request.dateFrom, context.now ?? new Date(decision.at)),
    })
  }
  effects.push({
    kind: 'notify',
    key: tripKeys.notify(trip.requestTaskId),
    userId: initiator,
    message: decision.kind === 'approve' ? tripApprovedNotice(request, decision.amount ?? request.budget) : tripRejectedNotice(request, decision.reason),
  })
  if (trip.requestTaskOpen) {
    effects.push({ kind: 'complete-task', key: tripKeys.closeRequest(trip.requestTaskId), taskId: trip.requestTaskId })
  }
  return effects
}

/** A decision the portal holds whose request is still open: its follow-ups are not all there. */
export function tripUnfinished(trip: TripReplay): boolean {
  return trip.state.decision !== null && trip.requestTaskOpen
}

/**
 * The decision: a completed task the approver creates for himself (the portal stamps
 * CREATED_BY; with himself responsible nobody else may edit it), observed by the initiator;
 * then its follow-ups (`tripFollowUps`).
 */
export function planTripDecision(context: TripDecisionContext, step: TripDecisionStep): TripPlan {
  const { trip, actor, at, settings } = context
  if (settings.tripApprover === null) return { ok: false, error: 'no-approver-configured' }
  if (actor !== settings.tripApprover) return { ok: false, error: 'not-trip-approver' }
  if (step.decision === 'approve' && settings.accountant === null) return { ok: false, error: 'no-accountant-configured' }
  const text = step.decision === 'approve' ? step.note ?? '' : step.reason
  if (text.trim().length > INPUT_LIMITS.decisionText) return { ok: false, error: 'text-too-long' }

  const result = transitionTrip(
    trip.state,
    step.decision === 'approve'
      ? { type: 'approve', by: actor, at, ...(step.amount ? { amount: step.amount } : {}), ...(step.note ? { note: step.note } : {}) }
      : { type: 'reject', by: actor, at, reason: step.reason },
  )
  if (!result.ok) return { ok: false, error: result.error }
  const decision = result.state.decision!
  const request = trip.state.request
  const key = tripKeys.decision(trip.requestTaskId)
  const marker: TripDecisionMarker = {
    t: 'trip-decision',
    request: trip.requestTaskId,
    decision: decision.kind,
    ...(decision.amount ? { amount: decision.amount } : {}),
    ...(decision.reason ? { reason: decision.reason } : {}),
    seen: { destination: request.destination, dateFrom: request.dateFrom, dateTo: request.dateTo, budget: { ...request.budget } },
    key,
  }
  return {
    ok: true,
    effects: [
      {
        kind: 'create-task',
        key,
        title: `${TRIP_DECISION_TITLE_PREFIX}: ${request.destination}`,
        responsibleId: actor,
        description: composeRecordText(tripDecisionDescription(request, decision.kind, decision.reason, decision.amount), marker),
        crm: crmBindings(request),
        auditors: [trip.state.initiator],
        completeOnCreate: true,
      },
      ...tripFollowUps({ trip: { ...trip, state: result.state }, settings, initiatorName: context.initiatorName }),
    ],
  }
}
