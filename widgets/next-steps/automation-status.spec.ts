import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import type { DealAutomation } from '@/b24/runner-client'
import { NOT_CONNECTED } from '@/b24/runner-client'
import { createAppI18n } from '@/ui/i18n'
import AutomationStatus from './components/AutomationStatus.vue'
import { formatWhen, SHOWN_DONE } from './automation-view'
import { useDealAutomation } from './use-deal-automation'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Alert') }))

const connected: DealAutomation = {
  connection: 'connected',
  next: '2026-03-10T14:00:00.000Z',
  nextWhat: { ru: 'Напоминание: «Выполнить Экспресс-идентификацию»', en: 'Reminder: «Express identification»' },
  done: Array.from({ length: SHOWN_DONE + 2 }, (_, i) => ({
    key: `pb:7:step-${i}`,
    title: { ru: `Действие ${i}`, en: `Action ${i}` },
    at: new Date(Date.parse('2026-03-10T09:00:00.000Z') + i * 60_000).toISOString(),
  })),
  lastRunAt: '2026-03-10T09:10:00.000Z',
}

const NOT_CONNECTED_RU = 'Автоматизация не подключена: переходы, напоминания и уведомления не выполняются сами. Кнопки вкладки работают.'

const show = (automation: DealAutomation | null, locale: 'ru' | 'en' = 'ru') =>
  mount(AutomationStatus, { props: { automation }, global: { plugins: [createAppI18n(locale)] } })

describe('AutomationStatus', () => {
  it('connected: the next action with its time, the latest ones done (newest first), the last run', () => {
    const wrapper = show(connected)
    expect(wrapper.attributes('data-state')).toBe('connected')
    expect(wrapper.find('h2').text()).toBe('Автоматизация')
    expect(wrapper.find('[data-testid=automation-next]').text()).toBe(`Дальше: Напоминание: «Выполнить Экспресс-идентификацию» — ${formatWhen(connected.next!, 'ru')}`)
    const done = wrapper.findAll('[data-testid=automation-done] li')
    expect(done).toHaveLength(SHOWN_DONE)
    expect(done[0]!.text()).toBe(`${formatWhen(connected.done.at(-1)!.at, 'ru')} — Действие ${SHOWN_DONE + 1}`)
    expect(wrapper.find('[data-testid=automation-last-run]').text()).toContain('Последний запуск:')
    expect(wrapper.find('[data-testid=automation-off]').exists()).toBe(false)
  })

  it('connected in English, with nothing planned', () => {
    const wrapper = show({ ...connected, next: null, nextWhat: null, done: [] }, 'en')
    expect(wrapper.find('h2').text()).toBe('Automation')
    expect(wrapper.find('[data-testid=automation-nothing-planned]').text()).toBe('Nothing is planned for this deal.')
    expect(wrapper.find('[data-testid=automation-done]').exists()).toBe(false)
  })

  it('not connected (no runner, or it did not answer): says nothing happens by itself and the buttons work', () => {
    const wrapper = show(NOT_CONNECTED)
    expect(wrapper.attributes('data-state')).toBe('not-connected')
    expect(wrapper.find('[data-testid=automation-off]').text()).toBe(NOT_CONNECTED_RU)
    expect(wrapper.find('[data-testid=automation-next]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=automation-revoked]').exists()).toBe(false)
    expect(show({ ...NOT_CONNECTED, connection: 'none' }, 'en').find('[data-testid=automation-off]').text()).toBe(
      'Automation is not connected: moves, reminders and notices do not happen by themselves. The tab’s buttons work.',
    )
  })

  it('revoked: the same notice, and that an admin can connect it again; what it did before is not shown', () => {
    const wrapper = show({ ...connected, connection: 'revoked' })
    expect(wrapper.attributes('data-state')).toBe('revoked')
    expect(wrapper.find('[data-testid=automation-off]').text()).toBe(NOT_CONNECTED_RU)
    expect(wrapper.find('[data-testid=automation-revoked]').text()).toContain('отозван')
    expect(wrapper.find('[data-testid=automation-done]').exists()).toBe(false)
  })

  it('while the runner is asked: a status line, no notice yet', () => {
    const wrapper = show(null)
    expect(wrapper.attributes('data-state')).toBe('loading')
    expect(wrapper.find('[role=status]').text()).toBe('Спрашиваем сервер автоматизации…')
    expect(wrapper.find('[data-testid=automation-off]').exists()).toBe(false)
  })
})

describe('useDealAutomation', () => {
  it('asks the runner after each read of the screen, not before the screen is there', async () => {
    const reads = ref(0)
    const dealId = ref<number | null>(null)
    const read = vi.fn(async (_url: string | null, id: number) => ({ ...NOT_CONNECTED, connection: id === 8 ? 'revoked' : 'connected' }) as DealAutomation)
    let automation: ReturnType<typeof useDealAutomation> | undefined
    mount(defineComponent({
      setup() {
        automation = useDealAutomation(() => (dealId.value === null ? null : { dealId: dealId.value, runnerUrl: 'https://runner.example' }), () => reads.value, read)
        return () => h('div')
      },
    }))
    await flushPromises()
    expect(read).not.toHaveBeenCalled()
    dealId.value = 7
    reads.value++
    await flushPromises()
    expect(read).toHaveBeenLastCalledWith('https://runner.example', 7)
    expect(automation!.value?.connection).toBe('connected')
    dealId.value = 8
    reads.value++
    await flushPromises()
    expect(read).toHaveBeenCalledTimes(2)
    expect(automation!.value?.connection).toBe('revoked')
  })
})
