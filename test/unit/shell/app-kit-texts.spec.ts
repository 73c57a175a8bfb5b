/* eslint-disable vue/one-component-per-file -- stand-ins for the kit's App and the shell, kept with the test */
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import App from '@/App.vue'
import { createAppI18n } from '@/ui/i18n'
import { FRAME_TOP, toastPlace } from '@/ui/toast-place'

/**
 * The kit's B24App stands in with what it puts on the page: reka's toasts' region with its English
 * name at the end of the body (the kit's toaster teleports it there), and the props it is given.
 */
const given: { toaster?: { label?: string; position?: string; b24ui?: { viewport?: string } }; locale?: { code: string } } = {}
vi.mock('@bitrix24/b24ui-nuxt/components/App.vue', () => ({
  default: defineComponent({
    props: { locale: { type: Object, default: undefined }, toaster: { type: Object, default: undefined } },
    setup(props, { slots }) {
      const region = document.createElement('div')
      region.setAttribute('role', 'region')
      region.setAttribute('aria-label', 'Notifications (F8)')
      region.innerHTML = '<ol data-slot="viewport"></ol>'
      document.body.append(region)
      return () => {
        Object.assign(given, { toaster: props.toaster, locale: props.locale })
        return h('div', slots.default?.())
      }
    },
  }),
}))
vi.mock('@/shell/AppShell.vue', () => ({ default: defineComponent({ render: () => h('main') }) }))

afterEach(() => {
  document.body.innerHTML = ''
  toastPlace.value = FRAME_TOP
})

describe('the kit set up in the person\'s language', () => {
  it.each([
    ['ru', 'Уведомление', 'Уведомления (F8)'],
    ['en', 'Notification', 'Notifications (F8)'],
  ] as const)('%s: the kit\'s locale, the toasts announced and their region named in it', async (locale, announced, region) => {
    const wrapper = mount(App, { attachTo: document.body, global: { plugins: [createAppI18n(locale)] } })
    await flushPromises()
    expect(given.locale?.code).toBe(locale)
    expect(given.toaster?.label).toBe(announced)
    expect(document.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe(region)
    wrapper.unmount()
  })

  it('puts the toaster where the next toast is to show: the edge it keeps to and the offset on the root', async () => {
    const wrapper = mount(App, { attachTo: document.body, global: { plugins: [createAppI18n('ru')] } })
    expect(given.toaster?.position).toBe('top-right')
    expect(given.toaster?.b24ui?.viewport).toBe('top-(--app-toast-offset)')
    expect(document.documentElement.style.getPropertyValue('--app-toast-offset')).toBe('16px')
    toastPlace.value = { position: 'bottom-right', offset: 412 }
    await flushPromises()
    expect(given.toaster?.position).toBe('bottom-right')
    expect(given.toaster?.b24ui?.viewport).toBe('bottom-(--app-toast-offset)')
    expect(document.documentElement.style.getPropertyValue('--app-toast-offset')).toBe('412px')
    wrapper.unmount()
  })
})
