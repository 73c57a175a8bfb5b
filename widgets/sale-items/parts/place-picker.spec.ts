import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defaultObjectsDirectory, newItem } from '@/domain/sale'
import type { ObjectItem, PlaceLevel } from '@/domain/sale'
import { createAppI18n } from '@/ui/i18n'
import PlacePicker from './PlacePicker.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitSelectStub() }))

const directory = defaultObjectsDirectory()
const blank = newItem('object', 'a') as ObjectItem

function mountPicker(item: ObjectItem, taken = new Map<string, number>(), errors: Partial<Record<PlaceLevel, string>> = {}) {
  return mount(PlacePicker, { props: { item, directory, taken, errors }, global: { plugins: [createAppI18n('ru')] } })
}

const options = (wrapper: ReturnType<typeof mountPicker>, level: PlaceLevel) =>
  wrapper.find(`[data-testid=select-${level}]`).findAll('option').slice(1).map((option) => ({ value: option.element.value, text: option.text(), disabled: option.element.disabled }))

describe('PlacePicker: dependent selects', () => {
  it('offers only object types until one is chosen; the later lists are empty and disabled', () => {
    const wrapper = mountPicker(blank)
    expect(options(wrapper, 'objectType').map((o) => o.value)).toEqual(directory.objectTypes.map((t) => t.code))
    for (const level of ['zone', 'sector', 'place'] as const) {
      expect(options(wrapper, level)).toEqual([])
      expect((wrapper.find(`[data-testid=select-${level}]`).element as HTMLSelectElement).disabled).toBe(true)
    }
  })

  it('narrows each list by the choice before it', () => {
    const wrapper = mountPicker({ ...blank, objectType: 'CUSTOMS', zone: 'Z1', sector: 'S2' })
    expect(options(wrapper, 'zone').map((o) => o.text)).toEqual(['Зона СВХ'])
    expect(options(wrapper, 'sector').map((o) => o.text)).toEqual(['Сектор 1', 'Сектор 2'])
    // Sector 2 of customs holds places 201 and 202 of 500 and 1000 m².
    expect(options(wrapper, 'place').map((o) => o.value)).toEqual(['P201', 'P202'])
    expect(options(wrapper, 'place')[1]!.text.replace(/\s/g, ' ')).toBe('Склад 202 (1 000 м²)')
    const otherType = mountPicker({ ...blank, objectType: 'LOW_TEMP_COMPLEX', zone: 'Z2' })
    expect(options(otherType, 'zone').map((o) => o.text)).toEqual(['Зона A', 'Зона B'])
    expect(options(otherType, 'place')).toEqual([])
  })

  it('emits the level and code chosen', async () => {
    const wrapper = mountPicker({ ...blank, objectType: 'CUSTOMS' })
    await wrapper.find('[data-testid=select-zone]').setValue('Z1')
    expect(wrapper.emitted('choose')).toEqual([['zone', 'Z1']])
  })

  it('shows a place sold in another active deal as taken, with the deal number, and disables it', () => {
    const taken = new Map([['CUSTOMS/Z1/S1/P102', 17]])
    const wrapper = mountPicker({ ...blank, objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1' }, taken)
    const [free, sold] = options(wrapper, 'place')
    expect(free).toMatchObject({ value: 'P101', disabled: false })
    expect(sold).toMatchObject({ value: 'P102', disabled: true })
    expect(sold!.text).toContain('занято, сделка № 17')
  })

  it('shows the validation message of a level in Russian and marks the select invalid', () => {
    const wrapper = mountPicker({ ...blank, objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P101' }, new Map(), { place: 'kosSale.placeTaken' })
    expect(wrapper.find('[role=alert]').text()).toBe('Место уже продано в другой активной сделке')
    expect(wrapper.find('[data-testid=select-place]').attributes('aria-invalid')).toBe('true')
  })
})
