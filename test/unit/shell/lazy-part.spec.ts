import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createAppI18n } from '@/ui/i18n'
import { lazyPart } from '@/ui/lazy-part'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Skeleton.vue', async () => ({ default: (await import('./kit-stubs')).kitStub('Skeleton') }))

const Part = defineComponent({ props: { who: { type: String, required: true } }, setup: (props) => () => h('p', { 'data-testid': 'part' }, `part of ${props.who}`) })

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)))
  return { promise, resolve, reject }
}

const mountPart = (loader: () => Promise<{ default: typeof Part }>, locale: 'ru' | 'en' = 'ru') => {
  const Lazy = lazyPart(loader)
  return mount(() => h(Lazy, { who: 'inbox' }), { global: { plugins: [createAppI18n(locale)] } })
}

describe('lazyPart', () => {
  it('shows a loading skeleton that says so until its code is in, then the part with its props', async () => {
    const load = deferred<{ default: typeof Part }>()
    const wrapper = mountPart(() => load.promise)
    await flushPromises()
    const status = wrapper.get('[role=status]')
    expect(status.attributes('aria-label')).toBe('Загрузка…')
    expect(status.find('[data-kit=Skeleton]').exists()).toBe(true)
    // As an ES module namespace (what import() gives), which Vue unwraps to its default export.
    load.resolve({ __esModule: true, default: Part } as { default: typeof Part })
    await flushPromises()
    expect(wrapper.find('[role=status]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=part]').text()).toBe('part of inbox')
  })

  it('tells a failed load in the user’s language, as an alert', async () => {
    for (const [locale, text] of [['ru', 'Эта часть вкладки не загрузилась'], ['en', 'This part of the tab did not load']] as const) {
      const wrapper = mountPart(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')), locale)
      await flushPromises()
      const alert = wrapper.get('[data-testid=part-load-failed]')
      expect(alert.attributes('role')).toBe('alert')
      expect(alert.text()).toContain(text)
      expect(wrapper.text()).not.toContain('Failed to fetch')
    }
  })
})
