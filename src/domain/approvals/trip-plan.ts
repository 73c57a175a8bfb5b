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

/**
 * The decision: a completed task the approver creates for himself (the portal stamps
 * CREATED_BY; with himself responsible nobody else may edit it), observed by the initiator.
 * Then: on approval the accountant's task «Выдать ДС для командировки» with the amount; in
 * both cases a notification to the initiator (with the reason on rejection); the request
 * task is closed.
 */
export function planTripDecision(context: TripDecisionContext, step: TripDecisionStep): TripPlan {
  const { trip, actor, at, settings } = context
  if (settings.tripApprover === null) return { ok: false, error: 'no-approver-configured' }
  if (actor !== settings.tripApprover) return { ok: false, error: 'not-trip-approver' }
  if (step.decision === 'approve' && settings.accountant === null) return { ok: false, error: 'no-accountant-configured' }

  const result = transitionTrip(
    trip.state,
    step.decision === 'approve'
      ? { type: 'approve', by: actor, at, ...(step.amount ? { amount: step.amount } : {}), ...(step.note ? { note: step.note } : {}) }
      : { type: 'reject', by: actor, at, reason: step.reason },
  )
  if (!result.ok) return { ok: false, error: result.error }
  const decision = result.state.decision!
  const request = trip.state.request
  const initiator = trip.state.initiator
  const key = tripKeys.decision(trip.requestTaskId)
  const crm = crmBindings(request)
  const marker: TripDecisionMarker = {
    t: 'trip-decision',
    request: trip.requestTaskId,
    decision: decision.kind,
    ...(decision.amount ? { amount: decision.amount } : {}),
    ...(decision.reason ? { reason: decision.reason } : {}),
    seen: { destination: request.destination, dateFrom: request.dateFrom, dateTo: request.dateTo, budget: { ...request.budget } },
    key,
  }

  const effects: Effect[] = [
    {
      kind: 'create-task',
      key,
      title: `${TRIP_DECISION_TITLE_PREFIX}: ${request.destination}`,
      responsibleId: actor,
      description: composeRecordText(tripDecisionDescription(request, decision.kind, decision.reason, decision.amount), marker),
      crm,
      auditors: [initiator],
      completeOnCreate: true,
    },
  ]
  if (decision.kind === 'approve') {
    effects.push({
      kind: 'create-task',
      key: tripKeys.payout(trip.requestTaskId),
      title: PAYOUT_TASK_TITLE,
      responsibleId: settings.accountant!,
      description: payoutDescription(request, decision.amount!, context.initiatorName),
      crm,
      auditors: [initiator],
    })
  }
  effects.push({
    kind: 'notify',
    key: tripKeys.notify(trip.requestTaskId),
    userId: initiator,
    message: decision.kind === 'approve' ? tripApprovedNotice(request, decision.amount!) : tripRejectedNotice(request, decision.reason),
  })
  if (trip.requestTaskOpen) {
    effects.push({ kind: 'complete-task', key: tripKeys.closeRequest(trip.requestTaskId), taskId: trip.requestTaskId })
  }
  return { ok: true, effects }
}
