// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import type { RestTransport } from '@/b24/gateway'
import { memoryJournal } from '@/b24/write-plan'
import { newPlan, timelineCommentStep, withStep } from '@/domain/write-plan'
import { useWritePlans } from '@/stores/write-plans'
import { fakePortal } from './fake-portal'

describe('useWritePlans', () => {
  it('resumes a journaled plan whose create is looked up first, though the SDK clones every request’s params', async () => {
    const portal = fakePortal()
    // The frame SDK passes params through structuredClone, which refuses Vue's reactive proxies.
    const cloning: RestTransport = {
      call: (method, params) => portal.transport.call(method, structuredClone(params)),
      batch: (commands, options) => portal.transport.batch(structuredClone(commands), options),
    }
    const journal = memoryJournal()
    const step = timelineCommentStep('p1-comment', { type: 'company', id: 1 }, 'Статус изменён', { ru: 'шаг', en: 'step' })
    const plan = newPlan({ id: 'p1', scope: 'company:1', title: { ru: 'т', en: 't' }, steps: [step], now: new Date('2026-12-06T10:00:00Z') })
    // The first attempt's reply was lost: the comment's outcome is unknown.
    await journal.save({ ...withStep(plan, 'p1-comment', { status: 'sent', attempts: 1 }), status: 'incomplete' })

    const scope = effectScope()
    const plans = scope.run(() => useWritePlans({ transport: () => cloning, journal: () => journal }))!
    await plans.refresh('company:1')
    const result = await plans.resume('p1')
    scope.stop()
    expect(result?.status).toBe('done')
    expect(portal.comments).toHaveLength(1)
  })

  it('a plan the user leaves unfinished leaves the journal and is not offered again', async () => {
    const portal = fakePortal()
    const journal = memoryJournal()
    const step = timelineCommentStep('p2-comment', { type: 'company', id: 1 }, 'Статус изменён', { ru: 'шаг', en: 'step' })
    const plan = newPlan({ id: 'p2', scope: 'company:1', title: { ru: 'т', en: 't' }, steps: [step], now: new Date('2026-12-06T10:00:00Z') })
    await journal.save({ ...plan, status: 'incomplete' })

    const scope = effectScope()
    const plans = scope.run(() => useWritePlans({ transport: () => portal.transport, journal: () => journal }))!
    await plans.refresh('company:1')
    expect(plans.unfinished.value.map((p) => p.id)).toEqual(['p2'])
    await plans.discard('p2')
    expect(plans.unfinished.value).toEqual([])
    expect(await journal.list('company:1')).toEqual([])
    // A second screen of the same record (a reload) finds nothing to finish, and nothing was written.
    const again = scope.run(() => useWritePlans({ transport: () => portal.transport, journal: () => journal }))!
    await again.refresh('company:1')
    scope.stop()
    expect(again.unfinished.value).toEqual([])
    expect(portal.comments).toHaveLength(0)
  })
})
