import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createGateway } from '@/b24/gateway'
import { useAppContext } from '@/stores/app-context'
import { parseObjectsDirectory } from '@/domain/sale'
import { createAppI18n } from '@/ui/i18n'
import ObjectsDirectorySection from '~widgets/sale-items/settings/ObjectsDirectorySection.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Badge.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Badge') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Progress') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitCardStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/FormField.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitFormFieldStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Input.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitInputStub('input') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Textarea.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitInputStub('textarea') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../shell/kit-form-stubs')).kitSelectStub() }))

const hall = { code: 'HALL', label: { ru: 'Зал' }, department: 'WAREHOUSE' }

describe('objects directory: errors the schema does not word itself', () => {
  it('get our message keys instead of zod English', () => {
    const read = parseObjectsDirectory({ version: 1, objectTypes: [hall] })
    expect(read).toEqual({ ok: false, errors: [{ path: 'objectTypes.0.zones', message: 'kosDirectory.required' }] })
    const wrongType = parseObjectsDirectory({ version: 1, objectTypes: [{ ...hall, zones: 'Z', label: 'Зал' }] })
    expect(wrongType.ok ? [] : wrongType.errors.map((error) => error.message).sort()).toEqual(['kosDirectory.expectedList', 'kosDirectory.expectedObject'])
  })
})

describe('ObjectsDirectorySection: a JSON import is judged by the schema', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    // Nothing is read or written here but the place holders (none) and the current user.
    const gateway = createGateway({ call: async (method) => (method === 'profile' ? { ID: '1' } : []), batch: async () => ({ results: {}, errors: {} }) })
    useAppContext().ready({ frame: null, context: { placement: 'DEFAULT', options: {}, entityId: null, lang: 'ru', isAdmin: true, installMode: false, widgetParam: null }, gateway, locale: 'ru' })
  })

  async function saveText(locale: 'ru' | 'en', text: string) {
    const wrapper = mount(ObjectsDirectorySection, { props: { readonly: false }, global: { plugins: [createAppI18n(locale)] } })
    await wrapper.get('[data-testid="directory-json-open"]').trigger('click')
    await wrapper.get('[data-testid="directory-json"]').setValue(text)
    await wrapper.get('[data-testid="directory-json-apply"]').trigger('click')
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
