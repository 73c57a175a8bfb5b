// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { computed, ref, shallowRef } from 'vue'
import { historyChangePlan, statusChangePlan } from '@/domain/client-profile'
import type { WritePlan } from '@/domain/write-plan'
import type { WritePlans } from '@/stores/write-plans'
import { plansOfKind } from './plan-views'

const now = new Date('2026-12-06T12:00:00Z')
const move = { ru: 'Новый → Не активен', en: 'New → Inactive' }
const status = statusChangePlan({ planId: 'p-status', companyId: 7, dateModify: '2026-12-06T10:00:00+03:00', fields: { UF_CRM_STATUS: 1 }, comment: move.ru, move, record: { by: 3, at: now.toISOString() } as never, now })
const history = historyChangePlan({ planId: 'p-history', companyId: 7, eventId: 5, beforeText: 'было', record: 'запись', now })

function journal(unfinished: WritePlan[]): WritePlans {
  const running = shallowRef<WritePlan | null>(null)
  return { running, wait: shallowRef(null), unfinished: ref(unfinished), busy: computed(() => running.value !== null) } as unknown as WritePlans
}

describe('the tab’s plan views', () => {
  it('each part sees its own kinds of unfinished plans', () => {
    const plans = journal([status, history])
    expect(plansOfKind(plans, 'status-change').unfinished.value.map((plan) => plan.id)).toEqual(['p-status'])
    expect(plansOfKind(plans, ['history-event', 'history-change']).unfinished.value.map((plan) => plan.id)).toEqual(['p-history'])
  })

  it('a plan the tab still follows after its run stopped (it reads the company, then goes on) shows as writing, not as «Не завершено» with «Повторить»', () => {
    // status × lost: the resend's check found the tab's own update, the run stopped, and the tab reads the company before finishing it.
    const plans = journal([status, history])
    const held = ref<string | null>('p-status')
    const view = plansOfKind(plans, 'status-change', () => held.value)
    expect(view.running.value?.id).toBe('p-status')
    expect(view.unfinished.value).toEqual([])
    expect(view.busy.value).toBe(true)
    // Another part's plan is not held by it.
    expect(plansOfKind(plans, ['history-event', 'history-change'], () => held.value).unfinished.value.map((plan) => plan.id)).toEqual(['p-history'])
    // Once the tab let it go (it stopped for good), it is offered again.
    held.value = null
    expect(view.running.value).toBeNull()
    expect(view.unfinished.value.map((plan) => plan.id)).toEqual(['p-status'])
    expect(view.busy.value).toBe(false)
  })
})
