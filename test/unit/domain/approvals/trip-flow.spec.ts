import { describe, expect, it } from 'vitest'
import {
  composeRecordText,
  PAYOUT_TASK_TITLE,
  planTripDecision,
  planTripRequest,
  replayTrips,
  issuesOfTrip,
  type ApprovalSettings,
  type TripDecisionStep,
  type TripRequestInput,
} from '@/domain/approvals'
import { FakePortal } from './fake-portal'

// Requests and decisions are tasks: tasks.task.add / tasks.task.list
// (b24restdocs api-reference/tasks/tasks-task-add.md, tasks-task-list.md): createdBy is the caller.
const MANAGER = 3
const APPROVER = 6
const ACCOUNTANT = 7
const settings: ApprovalSettings = { contractApprovers: {}, tripApprover: APPROVER, accountant: ACCOUNTANT }
const trip: TripRequestInput = {
  destination: 'Екатеринбург',
  dateFrom: '2026-04-10',
  dateTo: '2026-04-12',
  purpose: 'Вибродиагностика',
  budget: { amount: 45000, currency: 'RUB' },
  dealId: 12,
}

function setup() {
  const portal = new FakePortal()
  const replay = () => replayTrips(portal.tasks, settings)
  const request = (actor: number, input: TripRequestInput, key: string) => {
    const plan = planTripRequest(input, settings, key)
    if (plan.ok) portal.apply(actor, plan.effects)
    return plan
  }
  const decide = (actor: number, requestTaskId: number, step: TripDecisionStep) => {
    const found = replay().trips.find((t) => t.requestTaskId === requestTaskId)!
    const plan = planTripDecision({ trip: found, actor, at: portal.now(), settings, initiatorName: 'Иван Петров' }, step)
    if (plan.ok) portal.apply(actor, plan.effects)
    return plan
  }
  return { portal, replay, request, decide }
}

describe('business trip approval over portal tasks', () => {
  it('request → reject with reason → new request → approve → accountant task with the amount', () => {
    const { portal, replay, request, decide } = setup()
    expect(request(MANAGER, trip, 'form-1').ok).toBe(true)
    const first = portal.tasks[0]!
    expect(first).toMatchObject({ createdBy: MANAGER, responsibleId: APPROVER, title: 'Согласование командировки: Екатеринбург' })
    expect(first.description).toContain('Бюджет: 45')

    expect(decide(APPROVER, first.id, { decision: 'reject', reason: ' ' })).toEqual({ ok: false, error: 'reason-required' })
    expect(decide(APPROVER, first.id, { decision: 'reject', reason: 'Перенесите на май' }).ok).toBe(true)
    expect(portal.notifications.at(-1)).toMatchObject({ userId: MANAGER, from: APPROVER })
    expect(portal.notifications.at(-1)?.message).toContain('Перенесите на май')
    expect(first.status).toBe(5)
    // It ends: no second decision on a rejected trip.
    expect(decide(APPROVER, first.id, { decision: 'approve' })).toEqual({ ok: false, error: 'illegal-transition' })

    expect(request(MANAGER, { ...trip, dateFrom: '2026-05-10', dateTo: '2026-05-12' }, 'form-2').ok).toBe(true)
    const second = portal.tasks.filter((t) => t.title.startsWith('Согласование командировки')).at(-1)!
    expect(decide(APPROVER, second.id, { decision: 'approve', amount: { amount: 40000, currency: 'RUB' } }).ok).toBe(true)

    const payout = portal.tasks.find((t) => t.title === PAYOUT_TASK_TITLE)!
    expect(payout).toMatchObject({ responsibleId: ACCOUNTANT, createdBy: APPROVER })
    expect(payout.description).toMatch(/40\s000 ₽/)
    expect(payout.description).toContain('Иван Петров')

    const result = replay()
    expect(result.issues).toEqual([])
    expect(result.trips.map((t) => [t.requestTaskId, t.state.status, t.state.decision?.reason])).toEqual([
      [first.id, 'rejected', 'Перенесите на май'],
      [second.id, 'approved', ''],
    ])
    expect(result.trips[1]?.state.decision?.amount).toEqual({ amount: 40000, currency: 'RUB' })
    expect(result.trips[1]?.decisionTaskId).toBe(payout.id)
  })

  it('a retried request with the same form key is one trip', () => {
    const { portal, replay } = setup()
    const plan = planTripRequest(trip, settings, 'form-1')
    if (!plan.ok) throw new Error(plan.error)
    portal.apply(MANAGER, plan.effects)
    // The gateway lost the reply and the key check missed: a second task exists.
    portal.forgeTask(MANAGER, {
      title: 'dup',
      responsibleId: APPROVER,
      description: plan.effects[0]!.kind === 'create-task' ? plan.effects[0]!.description : '',
    })
    expect(replay().trips).toHaveLength(1)
  })

  it('refuses invalid forms and missing roles before writing', () => {
    expect(planTripRequest({ ...trip, destination: '' }, settings, 'k')).toMatchObject({
      ok: false,
      error: 'invalid-request',
      fields: { destination: 'required' },
    })
    expect(planTripRequest(trip, { ...settings, tripApprover: null }, 'k')).toEqual({ ok: false, error: 'no-approver-configured' })
    const { portal, replay, request } = setup()
    request(MANAGER, trip, 'form-1')
    const found = replay().trips[0]!
    const ctx = { trip: found, actor: APPROVER, at: 'x', initiatorName: 'И' }
    expect(planTripDecision({ ...ctx, settings: { ...settings, accountant: null } }, { decision: 'approve' })).toEqual({
      ok: false,
      error: 'no-accountant-configured',
    })
    expect(planTripDecision({ ...ctx, actor: MANAGER, settings }, { decision: 'approve' })).toEqual({
      ok: false,
      error: 'not-trip-approver',
    })
    expect(portal.tasks).toHaveLength(1)
  })

  it('a payout task created by the manager himself is a forgery and the trip stays requested', () => {
    const { portal, replay, request } = setup()
    request(MANAGER, trip, 'form-1')
    const requestTask = portal.tasks[0]!
    portal.forgeTask(MANAGER, {
      title: PAYOUT_TASK_TITLE,
      responsibleId: ACCOUNTANT,
      description: composeRecordText('Выдать', {
        t: 'trip-decision', request: requestTask.id, decision: 'approve', amount: { amount: 99999, currency: 'RUB' },
        key: `apr:trip:${requestTask.id}:decision`,
      }),
    })
    const result = replay()
    expect(result.trips[0]?.state.status).toBe('requested')
    expect(result.issues).toEqual([expect.objectContaining({ kind: 'forgery', reason: 'not-trip-approver', authorId: MANAGER })])
    expect(issuesOfTrip(result, portal.tasks, requestTask.id)).toHaveLength(1)
  })

  it('a decision must reach the right person and name a known request', () => {
    const { portal, replay, request } = setup()
    request(MANAGER, trip, 'form-1')
    const id = portal.tasks[0]!.id
    portal.forgeTask(APPROVER, {
      title: PAYOUT_TASK_TITLE,
      responsibleId: MANAGER, // not the accountant
      description: composeRecordText('x', { t: 'trip-decision', request: id, decision: 'approve', key: 'a' }),
    })
    portal.forgeTask(APPROVER, {
      title: 'x',
      responsibleId: ACCOUNTANT, // rejection not addressed to the initiator
      description: composeRecordText('x', { t: 'trip-decision', request: id, decision: 'reject', reason: 'r', key: 'b' }),
    })
    portal.forgeTask(APPROVER, {
      title: 'x',
      responsibleId: ACCOUNTANT,
      description: composeRecordText('x', { t: 'trip-decision', request: 9999, decision: 'approve', key: 'c' }),
    })
    const result = replay()
    expect(result.trips[0]?.state.status).toBe('requested')
    expect(result.issues.map((i) => [i.kind, i.reason])).toEqual([
      ['illegal', 'not-to-accountant'],
      ['illegal', 'not-to-initiator'],
      ['foreign', 'unknown-request'],
    ])
  })

  it('the first valid decision wins; a later contrary one is reported', () => {
    const { portal, replay, request, decide } = setup()
    request(MANAGER, trip, 'form-1')
    const id = portal.tasks[0]!.id
    decide(APPROVER, id, { decision: 'approve' })
    portal.forgeTask(APPROVER, {
      title: 'x',
      responsibleId: MANAGER,
      description: composeRecordText('x', { t: 'trip-decision', request: id, decision: 'reject', reason: 'r', key: 'late' }),
    })
    const result = replay()
    expect(result.trips[0]?.state.status).toBe('approved')
    expect(result.issues.map((i) => [i.kind, i.reason])).toEqual([['illegal', 'illegal-transition']])
  })
})
