import { INPUT_LIMITS } from './input-rules'
import type { Money, UserId } from './types'

/**
 * Business trip approval («Согласование командировки»), one request at a time:
 *   requested → approved (the accountant gets «Выдать ДС для командировки» with the amount)
 *   requested → rejected (reason required; the initiator is told why; it ends)
 * A rejected trip stays rejected: the initiator files a new request instead.
 */
export type TripStatus = 'requested' | 'approved' | 'rejected'

export interface TripRequestInput {
  destination: string
  /** ISO dates `YYYY-MM-DD`. */
  dateFrom: string
  dateTo: string
  purpose: string
  budget: Money
  dealId?: number
  companyId?: number
}

export interface TripDecision {
  kind: 'approve' | 'reject'
  by: UserId
  at: string
  /** Reject: why. Approve: optional note. */
  reason: string
  /** Approve: the amount the accountant pays out. */
  amount: Money | null
}

export interface TripState {
  status: TripStatus
  request: TripRequestInput
  initiator: UserId
  requestedAt: string
  decision: TripDecision | null
}

export type TripCommand =
  | { type: 'approve'; by: UserId; at: string; amount?: Money; note?: string }
  | { type: 'reject'; by: UserId; at: string; reason: string }

export type TripError = 'illegal-transition' | 'reason-required' | 'amount-invalid'

export type TripResult =
  | { ok: true; state: TripState }
  | { ok: false; error: TripError; from: TripStatus; action: TripCommand['type'] }

export type TripField = 'destination' | 'dateFrom' | 'dateTo' | 'purpose' | 'budget'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * Field errors of a request as a record holds it (empty when it is well-formed): what the
 * replay accepts and the least a plan checks. The form's own rules (date window, money range,
 * referenced records) are in input-rules.ts.
 */
export function validateTripRequest(input: TripRequestInput): Partial<Record<TripField, string>> {
  const errors: Partial<Record<TripField, string>> = {}
  if (!input.destination.trim()) errors.destination = 'required'
  else if (input.destination.trim().length > INPUT_LIMITS.destination) errors.destination = 'too-long'
  if (!isRealDate(input.dateFrom)) errors.dateFrom = 'invalid-date'
  if (!isRealDate(input.dateTo)) errors.dateTo = 'invalid-date'
  else if (isRealDate(input.dateFrom) && input.dateTo < input.dateFrom) errors.dateTo = 'before-start'
  if (!input.purpose.trim()) errors.purpose = 'required'
  else if (input.purpose.trim().length > INPUT_LIMITS.purpose) errors.purpose = 'too-long'
  if (!isValidAmount(input.budget)) errors.budget = 'positive-amount'
  return errors
}

function isValidAmount(money: Money | undefined): money is Money {
  return !!money && Number.isFinite(money.amount) && money.amount > 0 && /^[A-Z]{3}$/.test(money.currency)
}

export function openTrip(request: TripRequestInput, initiator: UserId, at: string): TripState {
  return { status: 'requested', request, initiator, requestedAt: at, decision: null }
}

export function tripActionsFor(status: TripStatus): readonly TripCommand['type'][] {
  return status === 'requested' ? ['approve', 'reject'] : []
}

export function transitionTrip(state: TripState, command: TripCommand): TripResult {
  const fail = (error: TripError): TripResult => ({ ok: false, error, from: state.status, action: command.type })
  if (state.status !== 'requested') return fail('illegal-transition')
  if (command.type === 'reject') {
    const reason = command.reason.trim()
    if (!reason) return fail('reason-required')
    const decision: TripDecision = { kind: 'reject', by: command.by, at: command.at, reason, amount: null }
    return { ok: true, state: { ...state, status: 'rejected', decision } }
  }
  const amount = command.amount ?? state.request.budget
  if (!isValidAmount(amount)) return fail('amount-invalid')
  const decision: TripDecision = {
    kind: 'approve',
    by: command.by,
    at: command.at,
    reason: command.note?.trim() ?? '',
    amount: { ...amount },
  }
  return { ok: true, state: { ...state, status: 'approved', decision } }
}
