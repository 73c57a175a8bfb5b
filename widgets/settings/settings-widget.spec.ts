import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createGateway, GatewayError } from '@/b24/gateway'
import type { BatchReply, RestTransport } from '@/b24/gateway'
import { DIGEST_OPTION, serializeDigestSettings } from '@/domain/reports/digest'
import { useAppContext } from '@/stores/app-context'
import { createAppI18n } from '@/ui/i18n'
import SettingsWidget from './SettingsWidget.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Badge.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Badge') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Progress') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitSelectStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Checkbox.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitCheckboxStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/FormField.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitFormFieldStub() }))
// One real section is enough to see when sections appear; the others need their own portals' reads.
vi.mock('./sections', async () => ({ settingsSections: [(await import('./sections/digest.section')).default] }))

// The settings page as a non-admin opens it: one app.option.get (b24restdocs common/settings/app-option-get.md),
// held until the test lets the portal answer.
describe('SettingsWidget', () => {
  let answer: (options: Record<string, unknown> | GatewayError) => void

  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    const reply = (): Promise<unknown> => new Promise((resolve) => (answer = resolve))
    const transport: RestTransport = {
      call: async (method) => (method === 'profile' ? { ID: '4' } : method === 'app.option.get' ? reply() : null),
      batch: async (commands) => {
        const out: BatchReply = { results: {}, errors: {} }
        for (const [name, [method]] of Object.entries(commands)) {
          const value = method === 'app.option.get' ? await reply() : null
          if (value instanceof GatewayError) out.errors[name] = value
          else out.results[name] = value
        }
        return out
      },
    }
    useAppContext().ready({
      frame: null,
      context: { placement: 'DEFAULT', options: {}, entityId: null, lang: 'ru', isAdmin: false, installMode: false, widgetParam: null },
      gateway: createGateway(transport),
      locale: 'ru',
    })
  })

  const mountPage = () => mount(SettingsWidget, { global: { plugins: [createAppI18n('ru')] } })
  const section = (wrapper: ReturnType<typeof mountPage>) => wrapper.find('[data-testid="settings-digest"]')

  it('shows no section until the stored options are in, then shows what is stored, not the defaults', async () => {
    const wrapper = mountPage()
    // Time for the section's chunk to load and render, had the page not waited for the read.
    await import('./sections/DigestSettings.vue')
    await new Promise((resolve) => setTimeout(resolve, 50))
    await flushPromises()
    expect(wrapper.text()).toContain('Загрузка настроек…')
    expect(section(wrapper).exists()).toBe(false)

    answer({ [DIGEST_OPTION]: serializeDigestSettings({ enabled: true, weekday: 5, hour: 17 }) })
    await vi.waitFor(async () => {
      await flushPromises()
      expect(section(wrapper).exists()).toBe(true)
    })
    const [weekday, hour] = section(wrapper).findAll('select')
    expect((weekday!.element as HTMLSelectElement).value).toBe('5')
    expect((hour!.element as HTMLSelectElement).value).toBe('17')
    expect(wrapper.text()).not.toContain('Загрузка настроек…')
  })

  it('when the read fails, says so with a retry and shows no section; the retry brings them', async () => {
    const wrapper = mountPage()
    await flushPromises()
    answer(new GatewayError('network', 'NETWORK_ERROR', 'Failed to fetch'))
    await vi.waitFor(async () => {
      await flushPromises()
      expect(wrapper.find('[data-testid="settings-error"]').exists()).toBe(true)
    })
    expect(section(wrapper).exists()).toBe(false)

    const retry = wrapper.findAll('[data-kit="Button"]').find((button) => button.text() === 'Повторить')
    expect(retry).toBeDefined()
    await retry!.trigger('click')
    await flushPromises()
    answer({})
    await vi.waitFor(async () => {
      await flushPromises()
      expect(section(wrapper).exists()).toBe(true)
    })
    expect(wrapper.find('[data-testid="settings-error"]').exists()).toBe(false)
  })
})
