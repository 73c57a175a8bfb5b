import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { defaultObjectsDirectory } from '@/domain/sale'
import type { SaleItem } from '@/domain/sale'
import { createAppI18n } from '@/ui/i18n'
import type { SaleConflict } from '../store'
import ConflictMerge from './ConflictMerge.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/RadioGroup.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitRadioGroupStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitCardStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Button') }))

const theirs: SaleItem = { id: 't', kind: '3pl', service: 'PACKING', volume: '1', termYears: 1, priceMinor: 50_000 }
const mine: SaleItem = { id: 'm', kind: 'ved', service: 'VETERINARY', volume: '2', termYears: 2, priceMinor: 7 }

const conflict: SaleConflict = {
  server: { values: { kind: 'LOI', items: [theirs] }, dateModify: null },
  comparison: {
    kind: 'conflict',
    patch: {},
    theirsChanged: ['kind', 'items'],
    conflicts: [
      { field: 'kind', base: null, theirs: 'LOI', mine: 'CONTRACT' },
      { field: 'items', base: [], theirs: [theirs], mine: [mine] },
    ],
  },
}

function mountMerge() {
  return mount(ConflictMerge, { props: { conflict, directory: defaultObjectsDirectory(), currency: 'RUB', busy: false }, global: { plugins: [createAppI18n('ru')] } })
}

const applyDisabled = (wrapper: ReturnType<typeof mountMerge>) => wrapper.findComponent({ name: 'Button' }).props('disabled')

describe('ConflictMerge', () => {
  it('shows both versions of each conflicting field as text', () => {
    const wrapper = mountMerge()
    expect(wrapper.find('[data-testid=conflict-kind] [data-testid=theirs-line]').text()).toBe('LOI')
    expect(wrapper.find('[data-testid=conflict-kind] [data-testid=mine-line]').text()).toBe('Договор')
    expect(wrapper.find('[data-testid=conflict-items] [data-testid=theirs-line]').text()).toContain('Упаковка')
    expect(wrapper.find('[data-testid=conflict-items] [data-testid=mine-line]').text()).toContain('Ветеринарный контроль')
  })

  it('lets the user apply only once every field has a choice, and reports the choices', async () => {
    const wrapper = mountMerge()
    expect(applyDisabled(wrapper)).toBe(true)
    await wrapper.find('[data-testid=conflict-kind] input[value=theirs]').setValue(true)
    expect(applyDisabled(wrapper)).toBe(true)
    await wrapper.find('[data-testid=conflict-items] input[value=mine]').setValue(true)
    expect(applyDisabled(wrapper)).toBe(false)
    await wrapper.findComponent({ name: 'Button' }).trigger('click')
    expect(wrapper.emitted('resolve')).toEqual([[{ kind: 'theirs', items: 'mine' }]])
  })
})
