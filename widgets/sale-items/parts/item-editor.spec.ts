import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defaultObjectsDirectory, newItem, THREE_PL_SERVICES, VED_SERVICES } from '@/domain/sale'
import type { SaleItem } from '@/domain/sale'
import { createAppI18n } from '@/ui/i18n'
import ItemEditor from './ItemEditor.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitSelectStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Input.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitInputStub('input') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Textarea.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitInputStub('textarea') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Button') }))

function mountEditor(item: SaleItem, extra: { index?: number; count?: number; errors?: Record<string, string>; locale?: 'ru' | 'en' } = {}) {
  return mount(ItemEditor, {
    props: { item, index: extra.index ?? 0, count: extra.count ?? 1, directory: defaultObjectsDirectory(), taken: new Map(), currency: 'RUB', errors: extra.errors ?? {} },
    global: { plugins: [createAppI18n(extra.locale ?? 'ru')] },
  })
}

describe('ItemEditor', () => {
  it('shows the place selects for an object and no service select', () => {
    const wrapper = mountEditor(newItem('object', 'a'))
    expect(wrapper.find('[data-testid=place-picker]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=select-service]').exists()).toBe(false)
    expect(wrapper.find('h3').text()).toBe('1. Складское хранение/инфраструктурные объекты')
  })

  it.each([
    ['ved', VED_SERVICES.length, 'Фитосанитарный контроль'],
    ['3pl', THREE_PL_SERVICES.length, 'Подборка заказа'],
  ] as const)('offers the %s services (%i) instead of places', (kind, count, sample) => {
    const wrapper = mountEditor(newItem(kind, 'b'))
    expect(wrapper.find('[data-testid=place-picker]').exists()).toBe(false)
    const names = wrapper.find('[data-testid=select-service]').findAll('option').slice(1).map((option) => option.text())
    expect(names).toHaveLength(count)
    expect(names).toContain(sample)
  })

  it('parses the price as typed and says at once when it does not parse', async () => {
    const item = newItem('ved', 'c')
    const wrapper = mountEditor(item)
    const price = wrapper.find('[data-testid=input-price]')
    await price.setValue('150 000,50')
    expect(wrapper.emitted('update')!.at(-1)).toEqual([{ priceMinor: 15_000_050 }])
    await wrapper.setProps({ item: { ...item, priceMinor: 15_000_050 } })
    expect((price.element as HTMLInputElement).value).toBe('150 000,50')
    await price.setValue('-5')
    expect(wrapper.emitted('update')!.at(-1)).toEqual([{ priceMinor: null }])
    expect(wrapper.find('[role=alert]').text()).toBe('Стоимость не может быть отрицательной')
  })

  it('refuses a fractional term and shows the form errors in English for an English user', async () => {
    const wrapper = mountEditor(newItem('3pl', 'd'), { errors: { 'items.0.service': 'kosSale.required' }, locale: 'en' })
    await wrapper.find('[data-testid=input-term]').setValue('2,5')
    const alerts = wrapper.findAll('[role=alert]').map((alert) => alert.text())
    expect(alerts).toEqual(['Fill in this field', 'The term is a whole number of years'])
  })

  it('disables moving the first item up and the last one down', () => {
    const disabled = (wrapper: ReturnType<typeof mountEditor>, testid: string) =>
      wrapper.findAllComponents({ name: 'Button' }).find((button) => button.attributes('data-testid') === testid)!.props('disabled')
    const first = mountEditor(newItem('ved', 'e'), { index: 0, count: 2 })
    expect(disabled(first, 'item-up')).toBe(true)
    expect(disabled(first, 'item-down')).toBe(false)
    const last = mountEditor(newItem('ved', 'f'), { index: 1, count: 2 })
    expect(disabled(last, 'item-down')).toBe(true)
    expect(disabled(last, 'item-up')).toBe(false)
  })
})
