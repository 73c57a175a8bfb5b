import { markedRecords } from './marked-records'
import { decodeMarker, type TripDecisionMarker, type TripRequestMarker } from './marker'
import type { ApprovalSettings } from './settings'
import { openTrip, transitionTrip, validateTripRequest, type TripRequestInput, type TripState } from './trip-machine'
import type { RecordIssue, UserId } from './types'

/** A task as `tasks.task.list` returns it (camelCase; ids may come as strings, callers convert). */
export interface TaskRecord {
  id: number
  /** Set by the portal to the user who created the task. */
  createdBy: UserId
  responsibleId: UserId
  createdDate: string
  title: string
  description: string
  /** 2 pending … 5 completed. */
  status: number
  /** Who changed the task last (set by the portal); absent in older replies. */
  changedBy?: UserId
  /** DEADLINE when asked for and set. */
  deadline?: string
}

export interface TripReplay {
  /** The request task's id: the trip's identity. */
  requestTaskId: number
  state: TripState
  /** The task that recorded the decision which counted. */
  decisionTaskId: number | null
  /** The request task is still open (the approver's queue in the portal's task list). */
  requestTaskOpen: boolean
}

export interface TripsReplay {
  trips: TripReplay[]
  issues: RecordIssue[]
}

function requestInput(marker: TripRequestMarker): TripRequestInput {
  const input: TripRequestInput = {
    destination: marker.destination,
    dateFrom: marker.dateFrom,
    dateTo: marker.dateTo,
    purpose: marker.purpose,
    budget: { ...marker.budget },
  }
  if (marker.dealId !== undefined) input.dealId = marker.dealId
  if (marker.companyId !== undefined) input.companyId = marker.companyId
  return input
}

/**
 * Rebuilds every trip from tasks. A request is a task its initiator created (CREATED_BY is
 * the portal's). A decision is a task the trip approver created for himself (responsible =
 * creator, so nobody else may edit it) and never changed by anyone else; decisions created
 * by anyone else are forgeries. The accountant's payout task and the initiator's notice
 * follow from a decision but are not the decision: their responsible could edit them.
 */
export function replayTrips(tasks: readonly TaskRecord[], settings: ApprovalSettings): TripsReplay {
  const issues: RecordIssue[] = []
  const trips = new Map<number, TripReplay>()
  const requestKeys = new Set<string>()
  const decisionKeys = new Set<string>()
  const decisions: { task: TaskRecord; marker: TripDecisionMarker }[] = []

  const marked = markedRecords(tasks, (task) => ({ authorId: task.createdBy, at: task.createdDate, text: task.description }), issues)
  for (const { record: task, origin: base, marker } of marked) {
    if (marker.t === 'contract' || marker.t === 'report') continue // round records live on deal timelines
    if (marker.t === 'trip-decision') {
      decisions.push({ task, marker })
      continue
    }
    // A retried create of the same request: the first task is the trip.
    if (requestKeys.has(marker.key)) continue
    const input = requestInput(marker)
    if (Object.keys(validateTripRequest(input)).length > 0) {
      issues.push({ ...base, kind: 'malformed', reason: 'invalid-request', action: 'request' })
      continue
    }
    requestKeys.add(marker.key)
    trips.set(task.id, {
      requestTaskId: task.id,
      state: openTrip(input, task.createdBy, task.createdDate),
      decisionTaskId: null,
      requestTaskOpen: task.status !== 5,
    })
  }

  for (const { task, marker } of decisions) {
    const base = { recordId: task.id, authorId: task.createdBy, at: task.createdDate, action: marker.decision }
    const trip = trips.get(marker.request)
    if (!trip) {
      issues.push({ ...base, kind: 'foreign', reason: 'unknown-request' })
      continue
    }
    if (decisionKeys.has(marker.key)) continue
    if (settings.tripApprover === null) {
      issues.push({ ...base, kind: 'forgery', reason: 'no-approver-configured' })
      continue
    }
    if (task.createdBy !== settings.tripApprover) {
      issues.push({ ...base, kind: 'forgery', reason: 'not-trip-approver' })
      continue
    }
    // A task someone else is responsible for, or someone else changed, is not the approver's word.
    if (task.responsibleId !== task.createdBy) {
      issues.push({ ...base, kind: 'illegal', reason: 'editable-by-others' })
      continue
    }
    if (task.changedBy !== undefined && task.changedBy !== task.createdBy) {
      issues.push({ ...base, kind: 'forgery', reason: 'changed-by-other' })
      continue
    }
    const result = transitionTrip(
      trip.state,
      marker.decision === 'approve'
        ? { type: 'approve', by: task.createdBy, at: task.createdDate, ...(marker.amount ? { amount: marker.amount } : {}) }
        : { type: 'reject', by: task.createdBy, at: task.createdDate, reason: marker.reason ?? '' },
    )
    if (!result.ok) {
      issues.push({ ...base, kind: 'illegal', reason: result.error })
      continue
    }
    decisionKeys.add(marker.key)
    trip.state = result.state
    trip.decisionTaskId = task.id
    if (marker.seen && !sameAsSeen(trip.state.request, marker.seen)) {
      issues.push({ ...base, kind: 'illegal', reason: 'request-changed-after-decision' })
    }
  }

  return { trips: [...trips.values()], issues }
}

function sameAsSeen(request: TripRequestInput, seen: NonNullable<TripDecisionMarker['seen']>): boolean {
  return (
    request.destination === seen.destination &&
    request.dateFrom === seen.dateFrom &&
    request.dateTo === seen.dateTo &&
    request.budget.amount === seen.budget.amount &&
    request.budget.currency === seen.budget.currency
  )
}

/** Issues that concern one trip (its request or a decision naming it). */
export function issuesOfTrip(replay: TripsReplay, tasks: readonly TaskRecord[], requestTaskId: number): RecordIssue[] {
  const naming = new Set<number>([requestTaskId])
  for (const task of tasks) {
    const decoded = decodeMarker(task.description)
    if (decoded.status === 'ok' && decoded.marker.t === 'trip-decision' && decoded.marker.request === requestTaskId) {
      naming.add(task.id)
    }
  }
  return replay.issues.filter((issue) => naming.has(issue.recordId))
}
