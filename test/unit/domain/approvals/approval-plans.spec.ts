// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { idempotencyTag } from '@/b24/gateway'
import { memoryJournal, runPlan } from '@/b24/write-plan'
import {
  buildInbox,
  contractUnfinished,
  effectSteps,
  lookUpFirst,
  PAYOUT_TASK_TITLE,
  planContractStep,
  planTripDecision,
  planTripRequest,
  replayContract,
  replayTrips,
  tripFollowUps,
  tripKeys,
  type Effect,
  type TripDecisionStep,
} from '@/domain/approvals'
import { newPlan, type WritePlan } from '@/domain/write-plan'
import { ACCOUNTANT, APPROVER, approvalSettings, demoTrip, FakePortal, MANAGER } from './fake-portal'
import { taskPortal } from './task-portal'

// A decision is a write plan: its record first, its follow-ups after it, the request closed
// last, so whatever prefix reaches the portal, the inbox (rebuilt from the portal's tasks) says
// what is true, and finishing sends only what is missing.
const settings = approvalSettings
const trip = demoTrip
const noWait = { sleep: async () => {}, timeoutMs: 1000 }

function plainPlan(id: string, effects: Effect[], me: number): WritePlan {
  return newPlan({ id, scope: 'approvals:inbox', title: { ru: id, en: id }, steps: effectSteps(effects, me, id), now: new Date('2026-12-06T09:00:00Z') })
}

async function requested(portal: ReturnType<typeof taskPortal>) {
  const planned = planTripRequest(trip, settings, 'form-1')
  if (!planned.ok) throw new Error(planned.error)
  const result = await runPlan(plainPlan('req', planned.effects, MANAGER), { transport: portal.as(MANAGER), journal: memoryJournal(), ...noWait })
  expect(result.status).toBe('done')
  return replayTrips(portal.tasks, settings).trips[0]!
}

function decisionPlan(portal: ReturnType<typeof taskPortal>, step: TripDecisionStep, id = 'decide'): WritePlan {
  const found = replayTrips(portal.tasks, settings).trips[0]!
  const planned = planTripDecision({ trip: found, actor: APPROVER, at: portal.now(), settings, initiatorName: 'Дмитрий Кузнецов' }, step)
  if (!planned.ok) throw new Error(planned.error)
  return plainPlan(id, planned.effects, APPROVER)
}

const waitingFor = (portal: ReturnType<typeof taskPortal>, user: number) =>
  buildInbox(user, [], replayTrips(portal.tasks, settings).trips, settings).waiting.map((item) => [item.id, item.todo])
const payouts = (portal: ReturnType<typeof taskPortal>) => portal.tasks.filter((t) => t.title === PAYOUT_TASK_TITLE)

describe('a trip decision as a write plan', () => {
  it('is one request with the record first and the request closed last', async () => {
    const portal = taskPortal()
    await requested(portal)
    const plan = decisionPlan(portal, { decision: 'approve' })
    expect(plan.steps.map((s) => s.method)).toEqual(['tasks.task.add', 'tasks.task.add', 'im.notify.personal.add', 'tasks.task.complete'])
    // The record is made completed: there is no separate close of it to fail.
    expect(plan.steps[0]!.params).toMatchObject({ fields: { STATUS: 5, RESPONSIBLE_ID: APPROVER } })
    const before = portal.requests
    expect((await runPlan(plan, { transport: portal.as(APPROVER), journal: memoryJournal(), ...noWait })).status).toBe('done')
    expect(portal.requests - before).toBe(1)
  })

  it('under a lasting 500 on tasks.task.complete stays in «Ждут меня» until «Повторить» finishes only the rest', async () => {
    const portal = taskPortal()
    const request = await requested(portal)
    expect(waitingFor(portal, APPROVER)).toEqual([[`trip:${request.requestTaskId}`, 'decide']])
    portal.faults.push({ method: 'tasks.task.complete', kind: 'error', count: 200 })

    const journal = memoryJournal()
    const first = await runPlan(decisionPlan(portal, { decision: 'approve', amount: { amount: 40000, currency: 'RUB' } }), { transport: portal.as(APPROVER), journal, ...noWait })
    expect(first.status).toBe('incomplete')
    // The portal holds the decision, the accountant's task and the notice; the request is open:
    // the approver still sees the trip, now as «не завершено».
    expect(waitingFor(portal, APPROVER)).toEqual([[`trip:${request.requestTaskId}`, 'finish']])
    expect(payouts(portal)).toHaveLength(1)

    // Another browser (no journal) finishes from what the portal shows, while the fault lasts.
    const after = replayTrips(portal.tasks, settings).trips[0]!
    const rest = tripFollowUps({ trip: after, settings, initiatorName: 'Дмитрий Кузнецов' })
    expect(rest.map((e) => e.key)).toEqual([tripKeys.payout(request.requestTaskId), tripKeys.notify(request.requestTaskId), tripKeys.closeRequest(request.requestTaskId)])
    const elsewhere = await runPlan(lookUpFirst(plainPlan('finish', rest, APPROVER)), { transport: portal.as(APPROVER), journal: memoryJournal(), ...noWait })
    expect(elsewhere.status).toBe('incomplete')
    expect(payouts(portal)).toHaveLength(1)

    // The fault is gone: «Повторить» of the first attempt finishes it.
    portal.faults.length = 0
    const repeated = await runPlan(lookUpFirst((await journal.list())[0]!), { transport: portal.as(APPROVER), journal, ...noWait })
    expect(repeated.status).toBe('done')
    expect(await journal.list()).toEqual([])
    expect(waitingFor(portal, APPROVER)).toEqual([])
    expect(payouts(portal)).toHaveLength(1)
    expect(payouts(portal)[0]).toMatchObject({ createdBy: APPROVER, responsibleId: ACCOUNTANT, status: 2 })
    expect(portal.notices.filter((n) => n.userId === MANAGER)).toHaveLength(1)
    expect(portal.tasks.find((t) => t.id === request.requestTaskId)?.status).toBe(5)
    expect(replayTrips(portal.tasks, settings).trips[0]?.state).toMatchObject({ status: 'approved', decision: { amount: { amount: 40000 } } })
  })

  it('a lost reply never doubles the decision, the payout or the notice', async () => {
    for (const method of ['tasks.task.add', 'im.notify.personal.add', 'tasks.task.complete']) {
      const portal = taskPortal()
      await requested(portal)
      portal.faults.push({ method, kind: 'lost', count: 1 })
      const result = await runPlan(decisionPlan(portal, { decision: 'approve' }), { transport: portal.as(APPROVER), journal: memoryJournal(), ...noWait })
      expect(result.status, method).toBe('done')
      expect(portal.tasks.filter((t) => t.createdBy === APPROVER && t.responsibleId === APPROVER), method).toHaveLength(1)
      expect(payouts(portal), method).toHaveLength(1)
      expect(portal.notices, method).toHaveLength(1)
    }
  })

  it('a close refused because someone closed the request meanwhile is found closed on «Повторить»', async () => {
    const portal = taskPortal()
    const request = await requested(portal)
    const plan = decisionPlan(portal, { decision: 'reject', reason: 'Нет бюджета' })
    portal.tasks.find((t) => t.id === request.requestTaskId)!.status = 5
    const journal = memoryJournal()
    expect((await runPlan(plan, { transport: portal.as(APPROVER), journal, ...noWait })).status).toBe('incomplete')
    expect((await runPlan(lookUpFirst((await journal.list())[0]!), { transport: portal.as(APPROVER), journal, ...noWait })).status).toBe('done')
  })

  it('is looked up only among the approver’s own tasks: a task someone else made with its key does not count', async () => {
    const portal = taskPortal()
    const request = await requested(portal)
    const key = tripKeys.payout(request.requestTaskId)
    // The manager plants a «payout» with the key's tag before the approver's first attempt.
    await portal.as(MANAGER).call('tasks.task.add', { fields: { TITLE: PAYOUT_TASK_TITLE, RESPONSIBLE_ID: ACCOUNTANT, DESCRIPTION: idempotencyTag(key) } })
    const result = await runPlan(lookUpFirst(decisionPlan(portal, { decision: 'approve' })), { transport: portal.as(APPROVER), journal: memoryJournal(), ...noWait })
    expect(result.status).toBe('done')
    expect(payouts(portal).map((t) => t.createdBy).sort()).toEqual([MANAGER, APPROVER])
  })

  it.each(['approve', 'reject'] as const)('every prefix of a %s leaves the inbox true', (decision) => {
    const step: TripDecisionStep = decision === 'approve' ? { decision } : { decision, reason: 'Перенесите' }
    const make = () => {
      const portal = new FakePortal()
      const planned = planTripRequest(trip, settings, 'form-1')
      if (!planned.ok) throw new Error(planned.error)
      portal.apply(MANAGER, planned.effects)
      const found = replayTrips(portal.tasks, settings).trips[0]!
      const plan = planTripDecision({ trip: found, actor: APPROVER, at: portal.now(), settings, initiatorName: 'И' }, step)
      if (!plan.ok) throw new Error(plan.error)
      return { portal, effects: plan.effects }
    }
    const { effects } = make()
    for (let k = 0; k <= effects.length; k++) {
      const { portal } = make()
      portal.apply(APPROVER, effects.slice(0, k))
      const trips = replayTrips(portal.tasks, settings).trips
      const todo = buildInbox(APPROVER, [], trips, settings).waiting.map((item) => item.todo)
      expect(todo, `prefix ${k}`).toEqual(k === 0 ? ['decide'] : k < effects.length ? ['finish'] : [])
      // What finishing sends is exactly what the prefix left out (the close only while the request is open).
      if (k > 0) {
        const rest = tripFollowUps({ trip: trips[0]!, settings, initiatorName: 'И' }).map((e) => e.key)
        expect(effects.slice(k).map((e) => e.key).every((key) => rest.includes(key)), `prefix ${k}`).toBe(true)
      }
    }
  })
})

describe('a contract step as a write plan', () => {
  it('keeps the state cache last: until it is written the step shows as unfinished to its author', () => {
    const portal = new FakePortal()
    const deal = { id: 12, categoryId: 1, responsibleId: MANAGER, file: { id: 501 } }
    const replay = () => replayContract(deal, portal.timeline(12), settings)
    const start = planContractStep({ deal: { id: 12, title: 'Д' }, replay: replay(), actor: MANAGER, at: portal.now() }, { action: 'start' })
    if (!start.ok) throw new Error(start.error)
    portal.apply(MANAGER, start.effects)
    const submit = planContractStep({ deal: { id: 12, title: 'Д' }, replay: replay(), actor: MANAGER, at: portal.now(), draftTaskId: portal.tasks[0]!.id }, { action: 'submit', file: { id: 501 } })
    if (!submit.ok) throw new Error(submit.error)
    expect(submit.effects.map((e) => e.kind)).toEqual(['timeline-comment', 'complete-task', 'notify', 'cache-state'])
    for (let k = 1; k <= submit.effects.length; k++) {
      const copy = new FakePortal()
      copy.apply(MANAGER, start.effects)
      copy.apply(MANAGER, submit.effects.slice(0, k))
      const cached = copy.cache.get(12)?.status ?? ''
      const unfinished = contractUnfinished(replayContract(deal, copy.timeline(12), settings), cached)
      expect(unfinished, `prefix ${k}`).toEqual(k < submit.effects.length ? { action: 'submit', by: MANAGER } : null)
    }
  })

  it('tags a record comment with the plan, so nobody can pre-write it; tasks are found by their creator', () => {
    const replay = replayContract({ id: 12, categoryId: 1, responsibleId: MANAGER, file: null }, [], settings)
    const start = planContractStep({ deal: { id: 12, title: 'Д' }, replay, actor: MANAGER, at: 't' }, { action: 'start' })
    if (!start.ok) throw new Error(start.error)
    const [record, task] = effectSteps(start.effects, MANAGER, 'plan-7')
    expect(record!.find?.needle).toBe(idempotencyTag('apr:contract:12:r0:start:plan-7'))
    expect(task!.find?.params).toMatchObject({ filter: { CREATED_BY: MANAGER, RESPONSIBLE_ID: MANAGER } })
    expect(task!.find?.needle).toBe(idempotencyTag('apr:contract:12:draft-task'))
  })
})
