import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createGateway, GatewayError } from '@/b24/gateway'
import type { BatchReply, RestTransport } from '@/b24/gateway'
import { SALE_FIELDS } from '@/domain/fields/sale'
import { parseObjectsDirectory } from '@/domain/sale'
import { useAppContext } from '@/stores/app-context'
import { createAppI18n } from '@/ui/i18n'
import { DIRECTORY_OPTION } from '../directory-option'
import ObjectsDirectorySection from './ObjectsDirectorySection.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Badge.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Badge') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('Progress') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitCardStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/FormField.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitFormFieldStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Input.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitInputStub('input') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Textarea.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitInputStub('textarea') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-form-stubs')).kitSelectStub() }))

// Issue 16: the directory edited as a tree on the settings page; a place a deal uses is protected.
// The portal: crm.deal.list rows of the deals holding places (b24restdocs crm-deal-list.md, as batch
// pages), app.option.set storing the option (common/settings/app-option-set.md).

const PLACES = SALE_FIELDS.places.fieldName
let stored: Record<string, unknown>[]
let refuse: boolean
let wrapper: VueWrapper

function setup(readonly = false): void {
  setActivePinia(createPinia())
  localStorage.clear()
  stored = []
  refuse = false
  const transport: RestTransport = {
    call: async (method) => (method === 'profile' ? { ID: '1', ADMIN: true } : []),
    batch: async (commands) => {
      const reply: BatchReply = { results: {}, errors: {} }
      for (const [name, [method, params]] of Object.entries(commands)) {
        if (method === 'crm.deal.list') {
          reply.results[name] = name === 'p0' ? [{ ID: '12', TITLE: 'СВХ — Импортёр', STAGE_SEMANTIC_ID: 'P', [PLACES]: ['CUSTOMS/Z1/S1/P101'] }] : []
        } else if (method === 'app.option.set') {
          if (refuse) {
            reply.errors[name] = new GatewayError('access', 'ACCESS_DENIED', 'Access denied.')
            break
          }
          stored.push(params.options as Record<string, unknown>)
          reply.results[name] = true
        }
      }
      return reply
    },
  }
  useAppContext().ready({
    frame: null,
    context: { placement: 'DEFAULT', options: {}, entityId: null, lang: 'ru', isAdmin: !readonly, installMode: false, widgetParam: null },
    gateway: createGateway(transport),
    locale: 'ru',
  })
  wrapper = mount(ObjectsDirectorySection, { props: { readonly }, global: { plugins: [createAppI18n('ru')] }, attachTo: document.body })
}

afterEach(() => wrapper.unmount())

async function openType(code: string) {
  const details = wrapper.get(`[data-testid=directory-type][data-code=${code}] details`)
  ;(details.element as HTMLDetailsElement).open = true
  await details.trigger('toggle')
}

const node = (level: string, code: string, within: { get: (selector: string) => unknown } = wrapper) => within.get(`[data-testid=directory-${level}][data-code=${code}]`) as DOMWrapper<Element>
const sector = () => node('sector', 'S1', node('zone', 'Z1', node('type', 'CUSTOMS')))

/** A click, then the form or question it opens (drawn in place under the node) is there. */
async function click(target: Pick<DOMWrapper<Element>, 'trigger'>): Promise<void> {
  await target.trigger('click')
  await flushPromises()
}

async function fill(fields: Record<string, string>): Promise<void> {
  for (const [testid, value] of Object.entries(fields)) await wrapper.get(`[data-testid=${testid}]`).setValue(value)
  await wrapper.get('[data-testid=directory-node-form]').trigger('submit')
}

describe('the objects directory editor', () => {
  beforeEach(async () => {
    setup()
    await flushPromises()
    await openType('CUSTOMS')
  })

  it('marks a place a deal uses and refuses to remove it, naming the deal', async () => {
    const used = node('place', 'P101', sector())
    expect(used.get('[data-testid=directory-in-use]').text()).toBe('Используется: № 12 «СВХ — Импортёр»')
    expect(node('place', 'P102', sector()).find('[data-testid=directory-in-use]').exists()).toBe(false)
    await click(used.get('[data-testid=directory-remove]'))
    expect(wrapper.get('[data-testid=directory-remove-refused]').text()).toContain('№ 12 «СВХ — Импортёр»')
    expect(wrapper.find('[data-testid=directory-remove-confirm]').exists()).toBe(false)
    // The zone above it is protected too.
    await click(wrapper.get('[data-testid=directory-remove-cancel]'))
    await click(node('zone', 'Z1', node('type', 'CUSTOMS')).get('[data-testid=directory-remove]'))
    expect(wrapper.find('[data-testid=directory-remove-refused]').exists()).toBe(true)
  })

  it('adds a place (the schema judges each field), renames a used zone and saves them as one plan', async () => {
    await click(sector().get('[data-testid=directory-add-place]'))
    await fill({ 'node-code': 'P 1', 'node-ru': ' ', 'node-area': '-5' })
    expect(wrapper.get('[data-testid=error-code]').text()).toBe('Код: латинские буквы, цифры, _ и -, до 40 знаков')
    expect(wrapper.get('[data-testid=error-ru]').text()).toBe('Укажите название')
    expect(wrapper.get('[data-testid=error-area]').text()).toBe('Площадь — положительное число')
    await fill({ 'node-code': 'P101', 'node-ru': 'Склад 103', 'node-area': '250,5' })
    expect(wrapper.get('[data-testid=error-code]').text()).toBe('Такой код уже есть на этом уровне')
    await fill({ 'node-code': 'P103' })
    expect(wrapper.find('[data-testid=directory-node-form]').exists()).toBe(false)
    expect(node('place', 'P103', sector()).text()).toContain('Склад 103')

    await click(node('zone', 'Z1', node('type', 'CUSTOMS')).get('[data-testid=directory-change]'))
    expect(wrapper.get('[data-testid=node-code]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid=node-code-locked]').text()).toBe('Код не меняется, пока места используют сделки: № 12 «СВХ — Импортёр».')
    await fill({ 'node-ru': 'Зона СВХ (новая)' })
    expect(wrapper.find('[data-testid=directory-dirty]').exists()).toBe(true)
    expect(stored).toEqual([])

    await click(wrapper.get('[data-testid=directory-save]'))
    // The plan runner is imported with the first write.
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.get('[data-testid=directory-saved]').text()).toBe('Справочник сохранён.')
    expect(stored).toHaveLength(1)
    const read = parseObjectsDirectory(stored[0]![DIRECTORY_OPTION])
    const customs = read.ok ? read.directory.objectTypes.find((type) => type.code === 'CUSTOMS') : undefined
    expect(customs?.zones[0]?.label.ru).toBe('Зона СВХ (новая)')
    expect(customs?.zones[0]?.sectors[0]?.places.at(-1)).toEqual({ code: 'P103', label: { ru: 'Склад 103' }, areaM2: 250.5 })
    expect(wrapper.find('[data-testid=directory-dirty]').exists()).toBe(false)
  })

  it('keeps what the admin typed when the portal refuses the save', async () => {
    await click(node('place', 'P102', sector()).get('[data-testid=directory-remove]'))
    await click(wrapper.get('[data-testid=directory-remove-confirm]'))
    expect(sector().find('[data-code=P102]').exists()).toBe(false)
    refuse = true
    await click(wrapper.get('[data-testid=directory-save]'))
    // The plan runner is imported with the first write.
    await vi.dynamicImportSettled()
    await flushPromises()
    expect(wrapper.find('[data-testid=directory-saved]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=directory-dirty]').exists()).toBe(true)
    expect(sector().find('[data-code=P102]').exists()).toBe(false)
  })

  it('refuses an imported directory that drops a used place', async () => {
    await click(wrapper.get('[data-testid=directory-json-open]'))
    const text = (wrapper.get('[data-testid=directory-json]').element as HTMLTextAreaElement).value
    const directory = JSON.parse(text) as { objectTypes: { code: string; zones: { sectors: { places: unknown[] }[] }[] }[] }
    directory.objectTypes.find((type) => type.code === 'CUSTOMS')!.zones[0]!.sectors[0]!.places = []
    await wrapper.get('[data-testid=directory-json]').setValue(JSON.stringify(directory))
    await click(wrapper.get('[data-testid=directory-json-apply]'))
    expect(wrapper.get('[data-testid=directory-errors]').text()).toContain('используют сделки: № 12 «СВХ — Импортёр»')
    expect(wrapper.find('[data-testid=directory-dirty]').exists()).toBe(false)
  })
})

describe('a user who is not an admin', () => {
  it('sees the tree and the places in use without edit controls', async () => {
    setup(true)
    await flushPromises()
    await openType('CUSTOMS')
    expect(node('place', 'P101', sector()).find('[data-testid=directory-in-use]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=directory-node-actions]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=directory-save]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=directory-add-objectType]').exists()).toBe(false)
  })
})
