// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  composeRecordText,
  decodeMarker,
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
  const decisionTask = (requestTaskId: number) =>
    portal.tasks.find((t) => {
      const d = decodeMarker(t.description)
      return d.status === 'ok' && d.marker.t === 'trip-decision' && d.marker.key === `apr:trip:${requestTaskId}:decision`
    })!
  return { portal, replay, request, decide, decisionTask }
}

describe('business trip approval over portal tasks', () => {
  it('request → reject with reason → new request → approve → accountant task with the amount', () => {
    const { portal, replay, request, decide, decisionTask } = setup()
    expect(request(MANAGER, trip, 'form-1').ok).toBe(true)
    const first = portal.tasks[0]!
    expect(first).toMatchObject({ createdBy: MANAGER, responsibleId: APPROVER, title: 'Согласование командировки: Екатеринбург' })
    expect(first.description).toMatch(/Бюджет: 45\s000 ₽/)

    expect(decide(APPROVER, first.id, { decision: 'reject', reason: ' ' })).toEqual({ ok: false, error: 'reason-required' })
    expect(decide(APPROVER, first.id, { decision: 'reject', reason: 'Перенесите на май' }).ok).toBe(true)
    // The decision is the approver's own completed task, observed by the initiator.
    expect(decisionTask(first.id)).toMatchObject({ createdBy: APPROVER, responsibleId: APPROVER, status: 5 })
    expect(portal.auditors.get(decisionTask(first.id).id)).toEqual([MANAGER])
    expect(portal.notifications.at(-1)).toMatchObject({ userId: MANAGER, from: APPROVER })
    expect(portal.notifications.at(-1)?.message).toContain('Перенесите на май')
    expect(first.status).toBe(5)
    expect(portal.tasks.some((t) => t.title === PAYOUT_TASK_TITLE)).toBe(false)
    // It ends: no second decision on a rejected trip.
    expect(decide(APPROVER, first.id, { decision: 'approve' })).toEqual({ ok: false, error: 'illegal-transition' })

    expect(request(MANAGER, { ...trip, dateFrom: '2026-05-10', dateTo: '2026-05-12' }, 'form-2').ok).toBe(true)
    const second = portal.tasks.filter((t) => t.title.startsWith('Согласование командировки')).at(-1)!
    expect(decide(APPROVER, second.id, { decision: 'approve', amount: { amount: 40000, currency: 'RUB' } }).ok).toBe(true)

    const payout = portal.tasks.find((t) => t.title === PAYOUT_TASK_TITLE)!
    expect(payout).toMatchObject({ responsibleId: ACCOUNTANT, createdBy: APPROVER, status: 2 })
    expect(payout.description).toMatch(/40\s000 ₽/)
    expect(payout.description).toContain('Иван Петров')
    expect(portal.auditors.get(payout.id)).toEqual([MANAGER])

    const result = replay()
    expect(result.issues).toEqual([])
    expect(result.trips.map((t) => [t.requestTaskId, t.state.status, t.state.decision?.reason])).toEqual([
      [first.id, 'rejected', 'Перенесите на май'],
      [second.id, 'approved', ''],
    ])
    expect(result.trips[1]?.state.decision?.amount).toEqual({ amount: 40000, currency: 'RUB' })
    expect(result.trips[1]?.decisionTaskId).toBe(decisionTask(second.id).id)
    // The accountant completing the payout task changes nothing in the replay.
    portal.apply(ACCOUNTANT, [{ kind: 'complete-task', key: 'pay-done', taskId: payout.id }])
    expect(replay().trips[1]?.state.status).toBe('approved')
  })

  it('a retried request with the same form key is one trip', () => {
    const { portal, replay } = setup()
    const plan = planTripRequest(trip, settings, 'form-1')
    if (!plan.ok) throw new Error(plan.error)
    portal.apply(MANAGER, plan.effects)
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

  it('a decision task created by the manager himself is a forgery and the trip stays requested', () => {
    const { portal, replay, request } = setup()
    request(MANAGER, trip, 'form-1')
    const requestTask = portal.tasks[0]!
    portal.forgeTask(MANAGER, {
      title: 'Решение по командировке',
      responsibleId: MANAGER,
      description: composeRecordText('Согласовано', {
        t: 'trip-decision', request: requestTask.id, decision: 'approve', amount: { amount: 99999, currency: 'RUB' },
        key: `apr:trip:${requestTask.id}:decision`,
      }),
    })
    const result = replay()
    expect(result.trips[0]?.state.status).toBe('requested')
    expect(result.issues).toEqual([expect.objectContaining({ kind: 'forgery', reason: 'not-trip-approver', authorId: MANAGER })])
    expect(issuesOfTrip(result, portal.tasks, requestTask.id)).toHaveLength(1)
  })

  it('a decision someone else could edit, or did edit, does not count', () => {
    const { portal, replay, request, decide, decisionTask } = setup()
    request(MANAGER, trip, 'form-1')
    const id = portal.tasks[0]!.id
    // Approver-created but assigned to the manager: the manager could rewrite it.
    portal.forgeTask(APPROVER, {
      title: 'x',
      responsibleId: MANAGER,
      description: composeRecordText('x', { t: 'trip-decision', request: id, decision: 'approve', key: 'a' }),
    })
    expect(replay().issues.map((i) => [i.kind, i.reason])).toEqual([['illegal', 'editable-by-others']])

    decide(APPROVER, id, { decision: 'reject', reason: 'Нет бюджета' })
    expect(replay().trips[0]?.state.status).toBe('rejected')
    // An admin (or a bug) rewrites the approver's record into an approval: CHANGED_BY betrays it.
    const record = decisionTask(id)
    portal.editTask(1, record.id, {
      description: composeRecordText('x', { t: 'trip-decision', request: id, decision: 'approve', key: 'apr:trip:x' }),
    })
    const after = replay()
    expect(after.trips[0]?.state.status).toBe('requested')
    expect(after.issues.map((i) => [i.kind, i.reason])).toContainEqual(['forgery', 'changed-by-other'])
  })

  it('reports unknown requests and a request edited after the decision', () => {
    const { portal, replay, request, decide } = setup()
    request(MANAGER, trip, 'form-1')
    const requestTask = portal.tasks[0]!
    portal.forgeTask(APPROVER, {
      title: 'x',
      responsibleId: APPROVER,
      description: composeRecordText('x', { t: 'trip-decision', request: 9999, decision: 'approve', key: 'c' }),
    })
    decide(APPROVER, requestTask.id, { decision: 'approve' })
    // The initiator (its creator) raises the budget after the approval.
    const edited = requestTask.description.replace(/b24apr:1:\S+/, '') +
      composeRecordText('', { t: 'trip-request', key: 'form-1', ...trip, budget: { amount: 450000, currency: 'RUB' } }).trim()
    portal.editTask(MANAGER, requestTask.id, { description: edited })
    const result = replay()
    expect(result.trips[0]?.state.status).toBe('approved')
    expect(result.trips[0]?.state.decision?.amount).toEqual({ amount: 45000, currency: 'RUB' })
    expect(result.issues.map((i) => [i.kind, i.reason])).toEqual([
      ['foreign', 'unknown-request'],
      ['illegal', 'request-changed-after-decision'],
    ])
  })

  it('the first valid decision wins; a later contrary one is reported', () => {
    const { portal, replay, request, decide } = setup()
    request(MANAGER, trip, 'form-1')
    const id = portal.tasks[0]!.id
    decide(APPROVER, id, { decision: 'approve' })
    portal.forgeTask(APPROVER, {
      title: 'x',
      responsibleId: APPROVER,
      description: composeRecordText('x', { t: 'trip-decision', request: id, decision: 'reject', reason: 'r', key: 'late' }),
    })
    const result = replay()
    expect(result.trips[0]?.state.status).toBe('approved')
    expect(result.issues.map((i) => [i.kind, i.reason])).toEqual([['illegal', 'illegal-transition']])
  })
})
