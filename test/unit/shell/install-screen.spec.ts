import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createGateway } from '@/b24/gateway'
import type { BatchReply, RestTransport } from '@/b24/gateway'
import type { PlacementContext } from '@/b24/placement-context'
import InstallScreen from '@/shell/InstallScreen.vue'
import { useAppContext } from '@/stores/app-context'
import { createAppI18n } from '@/ui/i18n'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Progress') }))

const context = (isAdmin: boolean): PlacementContext => ({
  placement: 'DEFAULT', options: {}, entityId: null, lang: 'ru', isAdmin, installMode: true, widgetParam: null,
})

/** A portal that starts empty and remembers what the install did. */
function emptyPortal() {
  const calls: string[] = []
  const transport: RestTransport = {
    call: async () => undefined,
    batch: async (commands) => {
      const reply: BatchReply = { results: {}, errors: {} }
      for (const [name, [method]] of Object.entries(commands)) {
        calls.push(method)
        reply.results[name] = method === 'placement.get' || method.endsWith('userfield.list') ? [] : method === 'app.option.get' ? [] : true
      }
      return reply
    },
  }
  return { transport, calls }
}

describe('InstallScreen', () => {
  it('tells a non-admin to ask an administrator and installs nothing', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const portal = emptyPortal()
    useAppContext().ready({ frame: null, context: context(false), gateway: createGateway(portal.transport), locale: 'ru' })
    const wrapper = mount(InstallScreen, { props: { context: context(false) }, global: { plugins: [pinia, createAppI18n('ru')] } })
    await flushPromises()
    expect(wrapper.find('[data-testid="install-not-admin"]').text()).toContain('только администратор')
    expect(portal.calls).toEqual([])
  })

  it('as an admin binds, creates and stores defaults, then finishes the install', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    const portal = emptyPortal()
    const installFinish = vi.fn(() => new Promise(() => undefined)) // the portal never answers: it reloads
    const frame = { installFinish } as never
    useAppContext().ready({ frame, context: context(true), gateway: createGateway(portal.transport), locale: 'ru' })
    const wrapper = mount(InstallScreen, { props: { context: context(true) }, global: { plugins: [pinia, createAppI18n('ru')] } })
    await flushPromises()
    expect(portal.calls).toContain('placement.bind')
    expect(portal.calls).toContain('crm.deal.userfield.add')
    expect(portal.calls).toContain('app.option.set')
    expect(installFinish).toHaveBeenCalledOnce()
    expect(wrapper.find('[data-testid="install-finishing"]').exists()).toBe(true)
  })
})
