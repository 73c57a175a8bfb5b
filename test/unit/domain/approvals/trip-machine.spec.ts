// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  openTrip,
  transitionTrip,
  tripActionsFor,
  validateTripRequest,
  type TripCommand,
  type TripRequestInput,
  type TripState,
  type TripStatus,
} from '@/domain/approvals'

const MANAGER = 3
const APPROVER = 6
const request: TripRequestInput = {
  destination: 'Екатеринбург',
  dateFrom: '2026-04-10',
  dateTo: '2026-04-12',
  purpose: 'Вибродиагностика у клиента',
  budget: { amount: 45000, currency: 'RUB' },
  dealId: 12,
}

function reach(status: TripStatus): TripState {
  const open = openTrip(request, MANAGER, '2026-04-01T09:00:00Z')
  if (status === 'requested') return open
  const command: TripCommand =
    status === 'approved'
      ? { type: 'approve', by: APPROVER, at: '2026-04-02T09:00:00Z' }
      : { type: 'reject', by: APPROVER, at: '2026-04-02T09:00:00Z', reason: 'Нет бюджета' }
  const result = transitionTrip(open, command)
  if (!result.ok) throw new Error(result.error)
  return result.state
}

const commands: TripCommand[] = [
  { type: 'approve', by: APPROVER, at: 't' },
  { type: 'reject', by: APPROVER, at: 't', reason: 'Причина' },
]

describe('trip approval state machine', () => {
  const legal: Record<TripStatus, Partial<Record<TripCommand['type'], TripStatus>>> = {
    requested: { approve: 'approved', reject: 'rejected' },
    approved: {},
    rejected: {},
  }
  for (const status of ['requested', 'approved', 'rejected'] as const) {
    for (const command of commands) {
      const target = legal[status][command.type]
      it(`${status} + ${command.type} → ${target ?? 'illegal'}`, () => {
        const result = transitionTrip(reach(status), command)
        if (target) expect(result.ok && result.state.status).toBe(target)
        else expect(result).toEqual({ ok: false, error: 'illegal-transition', from: status, action: command.type })
      })
    }
    it(`lists the actions of ${status}`, () => {
      expect([...tripActionsFor(status)].sort()).toEqual(Object.keys(legal[status]).sort())
    })
  }

  it('approval pays the budget unless the approver sets another amount', () => {
    const byBudget = transitionTrip(reach('requested'), { type: 'approve', by: APPROVER, at: 't' })
    expect(byBudget.ok && byBudget.state.decision?.amount).toEqual({ amount: 45000, currency: 'RUB' })
    const reduced = transitionTrip(reach('requested'), {
      type: 'approve', by: APPROVER, at: 't', amount: { amount: 30000, currency: 'RUB' },
    })
    expect(reduced.ok && reduced.state.decision?.amount).toEqual({ amount: 30000, currency: 'RUB' })
    const zero = transitionTrip(reach('requested'), {
      type: 'approve', by: APPROVER, at: 't', amount: { amount: 0, currency: 'RUB' },
    })
    expect(zero).toMatchObject({ ok: false, error: 'amount-invalid' })
  })

  it('rejection needs a reason and ends the trip', () => {
    expect(transitionTrip(reach('requested'), { type: 'reject', by: APPROVER, at: 't', reason: '  ' })).toMatchObject({
      ok: false,
      error: 'reason-required',
    })
    const rejected = reach('rejected')
    expect(rejected.decision).toMatchObject({ kind: 'reject', by: APPROVER, reason: 'Нет бюджета', amount: null })
    expect(tripActionsFor(rejected.status)).toEqual([])
  })

  it('validates the request form field by field', () => {
    expect(validateTripRequest(request)).toEqual({})
    expect(
      validateTripRequest({
        destination: ' ',
        dateFrom: '2026-02-30',
        dateTo: '2026-04-12',
        purpose: '',
        budget: { amount: -1, currency: 'RUB' },
      }),
    ).toEqual({ destination: 'required', dateFrom: 'invalid-date', purpose: 'required', budget: 'positive-amount' })
    expect(validateTripRequest({ ...request, dateFrom: '2026-04-13' })).toEqual({ dateTo: 'before-start' })
    expect(validateTripRequest({ ...request, budget: { amount: 10, currency: 'rub' } })).toEqual({ budget: 'positive-amount' })
  })
})
