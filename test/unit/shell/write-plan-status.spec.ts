import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { memoryJournal } from '@/b24/write-plan'
import type { RestTransport } from '@/b24/gateway'
import { newPlan, setStep } from '@/domain/write-plan'
import { useWritePlans } from '@/stores/write-plans'
import { createAppI18n } from '@/ui/i18n'
import WritePlanStatus from '@/ui/WritePlanStatus.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Progress') }))

/*
 * «Не завершено» with «Повторить» is shown for a plan that stopped, but not while the screen is
 * still acting on it (the sale save re-reads the deal after a lost reply and runs the plan on):
 * a «Повторить» pressed then would race the save that is about to finish.
 */

async function stoppedPlans() {
  const journal = memoryJournal()
  const plan = newPlan({
    id: 'p1',
    scope: 'deal:7',
    title: { ru: 'Продажа', en: 'Sale' },
    steps: [setStep('fields', 'crm.deal.update', { id: 7, fields: { TITLE: 'x' } }, { ru: 'Поля сделки', en: 'Deal fields' })],
    now: new Date('2026-12-07T10:00:00Z'),
  })
  await journal.save({ ...plan, status: 'incomplete' })
  const refusing: RestTransport = { call: async () => ({ error: { code: 'ACCESS_DENIED', description: 'no' } }) } as unknown as RestTransport
  const plans = useWritePlans({ transport: () => refusing, journal: () => journal })
  await plans.refresh('deal:7')
  return plans
}

function host(plans: Awaited<ReturnType<typeof stoppedPlans>>, settling: boolean) {
  return mount(defineComponent({ setup: () => () => h(WritePlanStatus, { plans, settling }) }), { global: { plugins: [createAppI18n('ru')] } })
}

describe('WritePlanStatus', () => {
  it('offers «Повторить» for a plan of this record that stopped', async () => {
    const wrapper = host(await stoppedPlans(), false)
    await flushPromises()
    expect(wrapper.findAll('[data-testid="plan-incomplete"]')).toHaveLength(1)
    expect(wrapper.find('[data-testid="plan-incomplete"]').text()).toContain('Поля сделки')
  })

  it('shows no «Не завершено» while the screen is still settling the plan', async () => {
    const wrapper = host(await stoppedPlans(), true)
    await flushPromises()
    expect(wrapper.find('[data-testid="plan-incomplete"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="plan-repeat"]').exists()).toBe(false)
  })
})
