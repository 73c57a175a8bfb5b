// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { memoryJournal, runPlan } from '@/b24/write-plan'
import { newPlan, setStep, timelineCommentStep } from '@/domain/write-plan'
import type { WritePlan } from '@/domain/write-plan'
import { fakePortal } from './fake-portal'

const label = { ru: 'шаг', en: 'step' }
const noSleep = async () => {}

function statusPlan(): WritePlan {
  return newPlan({
    id: 'p1',
    scope: 'company:1',
    title: { ru: 'Смена статуса', en: 'Status change' },
    now: new Date('2026-12-06T10:00:00Z'),
    steps: [
      setStep('p1-company', 'crm.company.update', { id: 1, fields: { STATUS: 'INACTIVE' } }, label),
      timelineCommentStep('p1-comment', { type: 'company', id: 1 }, 'Статус: Активен → Не активен', label),
    ],
  })
}

describe('runPlan', () => {
  it('runs every step in one request and leaves nothing in the journal', async () => {
    const portal = fakePortal()
    const journal = memoryJournal()
    const done = await runPlan(statusPlan(), { transport: portal.transport, journal, sleep: noSleep })
    expect(done.status).toBe('done')
    expect(portal.requests).toBe(1)
    expect(portal.company.STATUS).toBe('INACTIVE')
    expect(portal.comments).toHaveLength(1)
    expect(portal.comments[0]!.COMMENT).toContain('[b24app:p1-comment]')
    expect(journal.plans.size).toBe(0)
  })

  it('stops at a refused step: the comment after a refused status change is never written', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'crm.company.update', kind: 'denied', count: 1 })
    const journal = memoryJournal()
    const result = await runPlan(statusPlan(), { transport: portal.transport, journal, sleep: noSleep })
    expect(result.status).toBe('incomplete')
    expect(result.state['p1-company']!.status).toBe('failed')
    expect(result.state['p1-company']!.error!.kind).toBe('access')
    expect(result.state['p1-comment']!.status).toBe('pending')
    expect(portal.comments).toHaveLength(0)
    expect(journal.plans.get('p1')!.status).toBe('incomplete')
  })

  it('waits out a limit and tells how long, then finishes', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'batch', kind: 'limit', count: 2 })
    const waits: number[] = []
    const result = await runPlan(statusPlan(), {
      transport: portal.transport,
      journal: memoryJournal(),
      sleep: async (ms) => void waits.push(ms),
      baseDelayMs: 1000,
    })
    expect(result.status).toBe('done')
    expect(waits).toEqual([1000, 2000])
    expect(portal.comments).toHaveLength(1)
  })

  it('after a lost reply looks the comment up instead of writing it twice', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'crm.timeline.comment.add', kind: 'lost', count: 1 })
    const result = await runPlan(statusPlan(), { transport: portal.transport, journal: memoryJournal(), sleep: noSleep })
    expect(result.status).toBe('done')
    expect(portal.comments).toHaveLength(1)
    expect(result.state['p1-comment']!.value).toBe(1)
    expect(portal.sent.filter((m) => m === 'crm.timeline.comment.add')).toHaveLength(1)
  })

  it('after the whole reply is lost, resumes from the journal (a reload) without doubling', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'batch', kind: 'lost', count: 5 })
    const journal = memoryJournal()
    const first = await runPlan(statusPlan(), { transport: portal.transport, journal, sleep: noSleep, unknownRetries: 0 })
    expect(first.status).toBe('incomplete')
    expect(portal.comments).toHaveLength(1) // the write happened, its reply did not come
    portal.faults.length = 0
    const [saved] = await journal.list('company:1')
    expect(saved!.state['p1-comment']!.status).toBe('sent')
    const resumed = await runPlan(saved!, { transport: portal.transport, journal, sleep: noSleep })
    expect(resumed.status).toBe('done')
    expect(portal.comments).toHaveLength(1)
    expect(journal.plans.size).toBe(0)
  })

  it('cuts a hang at the client timeout and reports the plan as not finished', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'batch', kind: 'hang', count: 1 })
    const result = await runPlan(statusPlan(), { transport: portal.transport, journal: memoryJournal(), sleep: noSleep, timeoutMs: 20, unknownRetries: 0 })
    expect(result.status).toBe('incomplete')
    expect((result.meta?.lastError as { code: string }).code).toBe('REQUEST_TIMEOUT')
  })

  it('gives up on a limit that does not pass and keeps the plan to repeat', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'batch', kind: 'limit', count: 10 })
    const journal = memoryJournal()
    const result = await runPlan(statusPlan(), { transport: portal.transport, journal, sleep: noSleep, limitWaits: 2 })
    expect(result.status).toBe('incomplete')
    expect(portal.company.STATUS).toBeUndefined()
    expect(journal.plans.has('p1')).toBe(true)
  })

  it('is cancelled during a wait and keeps the plan', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'batch', kind: 'limit', count: 10 })
    const controller = new AbortController()
    const journal = memoryJournal()
    const result = await runPlan(statusPlan(), {
      transport: portal.transport,
      journal,
      signal: controller.signal,
      baseDelayMs: 10_000,
      onWait: (wait) => {
        if (wait) controller.abort()
      },
    })
    expect(result.status).toBe('incomplete')
    expect((result.meta?.lastError as { kind: string }).kind).toBe('cancelled')
    expect(journal.plans.has('p1')).toBe(true)
  })

  it('fills a reference to a record made earlier in the same request', async () => {
    const portal = fakePortal()
    const plan = newPlan({
      id: 'p2',
      scope: 'company:1',
      title: label,
      now: new Date(),
      steps: [
        timelineCommentStep('p2-a', { type: 'company', id: 1 }, 'first', label),
        setStep('p2-b', 'crm.company.update', { id: 1, fields: { LAST_COMMENT: { $step: 'p2-a' } } }, label),
      ],
    })
    const result = await runPlan(plan, { transport: portal.transport, journal: memoryJournal(), sleep: noSleep })
    expect(result.status).toBe('done')
    expect(portal.company.LAST_COMMENT).toBe(1)
  })
})

describe('runPlan with a create that hangs on a record made earlier in the plan', () => {
  it('looks a lost comment up among the comments of the record the plan made', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'crm.timeline.comment.add', kind: 'lost', count: 2 })
    const plan = newPlan({
      id: 'p3',
      scope: 'company:1',
      title: label,
      now: new Date(),
      steps: [
        timelineCommentStep('p3-a', { type: 'company', id: 1 }, 'owner', label),
        timelineCommentStep('p3-b', { type: 'company', id: { $step: 'p3-a' } }, 'on the owner', label),
      ],
    })
    const result = await runPlan(plan, { transport: portal.transport, journal: memoryJournal(), sleep: noSleep })
    expect(result.status).toBe('done')
    expect(portal.comments).toHaveLength(2)
    const lookups = portal.calls.filter((call) => call.method === 'crm.timeline.comment.list').map((call) => (call.params.filter as { ENTITY_ID: unknown }).ENTITY_ID)
    // The first lookup is of the owner's own comment (company 1); the second one is among the comments of record 1 made by p3-a.
    expect(lookups).toEqual([1, 1])
    expect(lookups.every((id) => typeof id === 'number')).toBe(true)
  })

  it('does not look up a create whose owner was not made', async () => {
    const portal = fakePortal()
    portal.faults.push({ method: 'batch', kind: 'lost', count: 1 })
    portal.faults.push({ method: 'crm.timeline.comment.add', kind: 'denied', count: 1 })
    const plan = newPlan({
      id: 'p4',
      scope: 'company:1',
      title: label,
      now: new Date(),
      steps: [
        timelineCommentStep('p4-a', { type: 'company', id: 1 }, 'owner', label),
        timelineCommentStep('p4-b', { type: 'company', id: { $step: 'p4-a' } }, 'on the owner', label),
      ],
    })
    const result = await runPlan(plan, { transport: portal.transport, journal: memoryJournal(), sleep: noSleep })
    expect(result.status).toBe('done')
    const listed = portal.calls.filter((call) => call.method === 'crm.timeline.comment.list')
    // p4-a is looked up (not there: refused), p4-b is not looked up with an unresolved owner.
    expect(listed).toHaveLength(1)
    expect(JSON.stringify(listed)).not.toContain('$step')
  })
})

describe('newPlan', () => {
  it('refuses a create without a finder and a reference to a later step', () => {
    expect(() => newPlan({ id: 'x', scope: 's', title: label, now: new Date(), steps: [{ key: 'a', method: 'crm.contact.add', params: {}, label, kind: 'create' }] })).toThrow(/no finder/)
    expect(() =>
      newPlan({ id: 'x', scope: 's', title: label, now: new Date(), steps: [setStep('a', 'crm.company.update', { v: { $step: 'b' } }, label), setStep('b', 'x', {}, label)] }),
    ).toThrow(/does not come before/)
  })
})
