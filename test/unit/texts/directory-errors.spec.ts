import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { parseObjectsDirectory } from '@/domain/sale'
import { createAppI18n } from '@/ui/i18n'
import ObjectsDirectorySection from '~widgets/sale-items/settings/ObjectsDirectorySection.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Alert') }))

const hall = { code: 'HALL', label: { ru: 'Зал' }, department: 'WAREHOUSE' }

describe('objects directory: errors the schema does not word itself', () => {
  it('get our message keys instead of zod English', () => {
    const read = parseObjectsDirectory({ version: 1, objectTypes: [hall] })
    expect(read).toEqual({ ok: false, errors: [{ path: 'objectTypes.0.zones', message: 'kosDirectory.required' }] })
    const wrongType = parseObjectsDirectory({ version: 1, objectTypes: [{ ...hall, zones: 'Z', label: 'Зал' }] })
    expect(wrongType.ok ? [] : wrongType.errors.map((error) => error.message).sort()).toEqual(['kosDirectory.expectedList', 'kosDirectory.expectedObject'])
  })
})

describe('ObjectsDirectorySection', () => {
  beforeEach(() => setActivePinia(createPinia()))

  async function saveText(locale: 'ru' | 'en', text: string) {
    const wrapper = mount(ObjectsDirectorySection, { props: { readonly: false }, global: { plugins: [createAppI18n(locale)] } })
    await wrapper.get('[data-testid="directory-edit"]').trigger('click')
    await wrapper.get('[data-testid="directory-json"]').setValue(text)
    await wrapper.get('form').trigger('submit')
    return wrapper.get('[data-testid="directory-errors"]').text()
  }

  it('names the field in words and says what is wrong (ru)', async () => {
    const shown = await saveText('ru', JSON.stringify({ version: 1, objectTypes: [hall] }))
    expect(shown).toBe('Тип объекта 1 › Зоны: Не заполнено')
  })

  it('names the field in words and says what is wrong (en)', async () => {
    const shown = await saveText('en', JSON.stringify({ version: 1, objectTypes: [{ ...hall, zones: [{ code: 'Z', label: { ru: ' ' }, sectors: [] }] }] }))
    expect(shown).toBe('Object type 1 › Zone 1 › Name › in Russian: Enter a name')
  })

  it('points a JSON typo at the whole directory', async () => {
    expect(await saveText('ru', '{oops')).toBe('Справочник: Справочник объектов не читается как JSON')
  })
})
