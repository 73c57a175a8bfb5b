import { mount, flushPromises } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import AppShell from '@/shell/AppShell.vue'
import ShellScreens from '@/shell/ShellScreens.vue'
import { createAppI18n } from '@/ui/i18n'
import type { AppLocale } from '@/ui/locale'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Progress') }))

function plugins(locale: AppLocale = 'ru') {
  return [createPinia(), createAppI18n(locale)]
}

describe('shell screens', () => {
  it('tells a visitor outside Bitrix24 to open the app in the portal (ru)', () => {
    const wrapper = mount(ShellScreens, { props: { state: { screen: 'outside' } }, global: { plugins: plugins('ru') } })
    expect(wrapper.text()).toContain('Откройте приложение в Битрикс24')
  })

  it('speaks English when the locale is en', () => {
    const wrapper = mount(ShellScreens, { props: { state: { screen: 'outside' } }, global: { plugins: plugins('en') } })
    expect(wrapper.text()).toContain('Open the app in Bitrix24')
  })

  it('names the unknown placement and widget', () => {
    const wrapper = mount(ShellScreens, {
      props: { state: { screen: 'unknown', placement: 'CRM_LEAD_DETAIL_TAB', widget: 'lost' } },
      global: { plugins: plugins('ru') },
    })
    expect(wrapper.text()).toContain('Неизвестное место встройки')
    expect(wrapper.text()).toContain('CRM_LEAD_DETAIL_TAB')
    expect(wrapper.text()).toContain('«lost»')
  })

  it('renders the placement’s widget component', async () => {
    const wrapper = mount(ShellScreens, {
      props: {
        state: {
          screen: 'widget',
          context: { placement: 'X', options: {}, entityId: null, lang: 'ru', isAdmin: false, installMode: false, widgetParam: null },
          entry: { id: 'w', placement: 'X', handlerQuery: 'widget=w', titles: { ru: 'W', en: 'W' }, load: async () => ({ default: { render: () => h('p', 'widget body') } }) },
        },
      },
      global: { plugins: plugins() },
    })
    await flushPromises()
    // Rendered a task after its chunk has run, not in the same task.
    expect(wrapper.text()).not.toContain('widget body')
    await vi.waitFor(() => expect(wrapper.text()).toContain('widget body'))
  })
})

describe('AppShell outside a Bitrix24 frame', () => {
  it('shows the outside screen when window.name does not describe a portal frame', async () => {
    window.name = ''
    const wrapper = mount(AppShell, { global: { plugins: plugins('ru') } })
    await flushPromises()
    await vi_waitFor(() => wrapper.find('[data-screen="outside"]').exists())
    expect(wrapper.text()).toContain('Откройте приложение в Битрикс24')
  })
})

async function vi_waitFor(condition: () => boolean, attempts = 50): Promise<void> {
  for (let i = 0; i < attempts && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!condition()) throw new Error('condition not reached')
}
