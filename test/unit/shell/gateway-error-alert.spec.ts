import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { GatewayError } from '@/b24/gateway'
import { createAppI18n } from '@/ui/i18n'
import GatewayErrorAlert from '@/ui/GatewayErrorAlert.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Button') }))

const mountWith = (props: { error: GatewayError | null; retry?: () => unknown }, locale: 'ru' | 'en' = 'ru') =>
  mount(GatewayErrorAlert, { props, attrs: { 'data-testid': 'load-error' }, global: { plugins: [createAppI18n(locale)] } })

describe('GatewayErrorAlert', () => {
  it('renders nothing without an error', () => {
    expect(mountWith({ error: null }).find('[data-kit]').exists()).toBe(false)
  })

  it('tells the failure in the user’s language, with the portal’s text as detail, on the alert itself', () => {
    const ru = mountWith({ error: new GatewayError('unknown', 'ERROR_CORE', 'Сделка закрыта') })
    const alert = ru.get('[data-testid=load-error]')
    expect(alert.attributes('data-kit')).toBe('Alert')
    expect(alert.text()).toContain('Ошибка портала: Сделка закрыта')
    expect(alert.attributes('role')).toBe('alert')
    const en = mountWith({ error: new GatewayError('network', 'NETWORK_ERROR', '') }, 'en')
    expect(en.text()).toContain('No connection to the portal')
  })

  it('offers a retry only when the caller can retry, and runs it', async () => {
    const error = new GatewayError('limit', 'QUERY_LIMIT_EXCEEDED', '')
    expect(mountWith({ error }).find('[data-kit=Button]').exists()).toBe(false)
    const retry = vi.fn()
    const wrapper = mountWith({ error, retry })
    const button = wrapper.get('[data-kit=Button]')
    expect(button.text()).toBe('Повторить')
    await button.trigger('click')
    expect(retry).toHaveBeenCalledOnce()
  })
})
