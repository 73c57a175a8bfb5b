import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createGateway, GatewayError } from '@/b24/gateway'
import type { BatchReply, RestTransport } from '@/b24/gateway'
import type { ServerVersion } from '@/domain/drafts'
import { DEFAULT_PLAYBOOK, evaluateDeal } from '@/domain/playbook'
import type { DealSnapshot } from '@/domain/playbook'
import { useAppContext } from '@/stores/app-context'
import { createAppI18n } from '@/ui/i18n'
import { useSettingsStore } from '~widgets/settings/store'
import KeyFieldsForm from './components/KeyFieldsForm.vue'
import StageOverview from './components/StageOverview.vue'
import StepItem from './components/StepItem.vue'
import type { FormValues } from '@/b24/deal-screen/deal-fields'
import type { WriteOutcome } from './use-key-fields-draft'
import { memoryJournal } from '@/b24/write-plan'
import { useWritePlans } from '@/stores/write-plans'
import PlaybookSettings from './PlaybookSettings.vue'
import { GOODS_STAGES, KOSINO_PIPELINE_NAME, SERVICES_STAGES } from '../../sandbox/demo/crm'
import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'

vi.mock('@bitrix24/b24ui-nuxt/components/Alert.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Alert') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Progress.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Progress') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Badge.vue', async () => ({ default: (await import('../../test/unit/shell/kit-stubs')).kitStub('Badge') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Select.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitSelectStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/InputDate.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitInputDateStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Input.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitInputStub('input') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Textarea.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitInputStub('textarea') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Checkbox.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitCheckboxStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/RadioGroup.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitRadioGroupStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/FormField.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitFormFieldStub() }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../../test/unit/shell/kit-form-stubs')).kitCardStub() }))

const NOW = Date.parse('2026-03-10T09:00:00Z')

function goodsDeal(stageName: string, fields: DealSnapshot['fields'], enteredAt = '2026-03-09T09:00:00Z'): DealSnapshot {
  return { id: 7, pipelineName: 'Товары', stageName, amountMinor: 10_000_000, currency: 'RUB', responsibleId: 3, stageEnteredAt: enteredAt, fields }
}

const evaluate = (deal: DealSnapshot) => evaluateDeal({ playbook: DEFAULT_PLAYBOOK, deal, tasks: [], people: { headId: 2 }, now: NOW })
const plugins = () => [createAppI18n('ru')]

describe('StageOverview', () => {
  it('shows the payment block with its reason while underpaid (§8, N5)', () => {
    const wrapper = mount(StageOverview, { props: { evaluation: evaluate(goodsDeal('Комплектация', { paidAmount: 6_000_000 })), nowMs: NOW }, global: { plugins: plugins() } })
    const blocker = wrapper.find('[data-testid="blocker-final-payment"]')
    expect(blocker.exists()).toBe(true)
    expect(blocker.text().replace(/\s/g, ' ')).toContain('Получить окончательный расчет: Оплачено 60 000 из 100 000 ₽ — нужен окончательный расчет')
    // Blocked is not «what to do now» (issue 16): it is listed, with its reason, under what blocks the deal.
    const doNow = wrapper.find('[data-testid="do-now"]').text()
    expect(doNow).not.toContain('Получить окончательный расчет')
    expect(doNow).not.toContain('Заблокировано')
  })

  it('has no payment block once paid in full, and says what comes next', () => {
    const wrapper = mount(StageOverview, { props: { evaluation: evaluate(goodsDeal('Комплектация', { paidAmount: 10_000_000 })), nowMs: NOW }, global: { plugins: plugins() } })
    expect(wrapper.find('[data-testid="blockers"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="step-final-payment"]').attributes('data-state')).toBe('skipped')
    expect(wrapper.find('[data-testid="do-now"]').text()).toContain('Укомплектовать заказ по сделке')
    expect(wrapper.find('[data-testid="next-stage"]').text()).toContain('Отгрузка')
  })

  it('says an overdue step’s lateness once on the whole screen: in «Что сделать сейчас», not again below (issue 16)', () => {
    // Entered «Экспресс-идентификация» a day ago: the 5-hour task is 19 hours late.
    for (const locale of ['ru', 'en'] as const) {
      const wrapper = mount(StageOverview, { props: { evaluation: evaluate(goodsDeal('Экспресс-идентификация', {})), nowMs: NOW }, global: { plugins: [createAppI18n(locale)] } })
      expect(wrapper.text().match(locale === 'ru' ? /просрочено на 19 ч/gi : /overdue by 19 h/gi)).toHaveLength(1)
      expect(wrapper.find('[data-testid="do-now"] [data-testid="step-timing"]').text()).toBe(locale === 'ru' ? 'просрочено на 19 ч' : 'overdue by 19 h')
      expect(wrapper.find('[data-testid="overdue"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="all-steps"] [data-testid="step-express-id"]').attributes('data-state')).toBe('overdue')
    }
  })

  it('lists under «Просрочено» a blocked step past its deadline, by how much, once', () => {
    // Entered «Комплектация» 4 days ago, underpaid: the 3-day payment task is a day late and blocked.
    const evaluation = evaluate(goodsDeal('Комплектация', { paidAmount: 6_000_000 }, '2026-03-06T09:00:00Z'))
    const wrapper = mount(StageOverview, { props: { evaluation, nowMs: NOW }, global: { plugins: plugins() } })
    expect(wrapper.find('[data-testid="overdue-final-payment"]').text()).toContain('просрочено на 1 д')
    expect(wrapper.text().match(/просрочено на/gi)).toHaveLength(1)
  })

  it('asks for «Нужен ли договор» left empty under «Что сделать сейчас», not «nothing to do» (issue 16)', () => {
    for (const locale of ['ru', 'en'] as const) {
      const wrapper = mount(StageOverview, { props: { evaluation: evaluate(goodsDeal('Договор', {})), nowMs: NOW }, global: { plugins: [createAppI18n(locale)] } })
      expect(wrapper.find('[data-testid="nothing-now"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="do-now"] [data-testid="fill-contractNeeded"]').text()).toBe(
        locale === 'ru' ? 'Заполните поле «Нужен ли договор» в «Полях стадии» ниже' : 'Fill in «Contract needed» under «Stage fields» below',
      )
      expect(wrapper.findAll('[data-testid^="fill-"]')).toHaveLength(1)
    }
  })

  it('says there is nothing to do on a stage without steps', () => {
    const wrapper = mount(StageOverview, { props: { evaluation: evaluate(goodsDeal('Не обработан', {})), nowMs: NOW }, global: { plugins: plugins() } })
    expect(wrapper.find('[data-testid="nothing-now"]').exists()).toBe(true)
  })
})

describe('StepItem', () => {
  it('counts the deadline down live and turns overdue', async () => {
    const step = { id: 'ship', kind: 'task' as const, title: 'Организовать отгрузку', state: 'todo' as const, deadline: '2026-03-10T11:00:00Z', automatic: false }
    const wrapper = mount(StepItem, { props: { step, nowMs: NOW }, global: { plugins: plugins() } })
    expect(wrapper.find('[data-testid="step-timing"]').text()).toBe('срок через 2 ч')
    await wrapper.setProps({ nowMs: NOW + 3 * 3_600_000 })
    expect(wrapper.find('[data-testid="step-timing"]').text()).toBe('просрочено на 1 ч')
  })

  it('says an overdue step’s lateness once (issue 16)', () => {
    // Entered «Экспресс-идентификация» a day ago: the 5-hour task is 19 hours late.
    const overdue = evaluate(goodsDeal('Экспресс-идентификация', {})).steps.find((s) => s.id === 'express-id')
    expect(overdue?.state).toBe('overdue')
    for (const locale of ['ru', 'en'] as const) {
      const wrapper = mount(StepItem, { props: { step: overdue!, nowMs: NOW }, global: { plugins: [createAppI18n(locale)] } })
      const text = wrapper.text()
      expect(text.match(locale === 'ru' ? /просрочено на/gi : /overdue by/gi)).toHaveLength(1)
      expect(wrapper.find('[data-testid="step-timing"]').text()).toBe(locale === 'ru' ? 'просрочено на 19 ч' : 'overdue by 19 h')
    }
  })
})

describe('KeyFieldsForm', () => {
  const base: ServerVersion<FormValues> = { values: { paidAmount: '60000.00', trackNumber: '', contractNeeded: false }, dateModify: '2026-03-10T09:00:00+03:00' }
  let storage: Storage
  beforeEach(() => {
    localStorage.clear()
    storage = localStorage
  })
  type Write = (fields: Record<string, unknown>, dateModify: string) => Promise<WriteOutcome>
  const plans = () => useWritePlans({ transport: () => ({ call: async () => null, batch: async () => ({ results: {}, errors: {} }) }), journal: () => memoryJournal() })
  const mountForm = (overrides: Partial<{ readServer: () => Promise<ServerVersion<FormValues>>; write: Write; resume: (id: string) => Promise<WriteOutcome> }> = {}) =>
    mount(KeyFieldsForm, {
      props: {
        keys: ['paidAmount', 'trackNumber', 'contractNeeded'],
        storageKey: 'm1:kos-draft:deal:7:u3',
        server: base,
        maps: {},
        currency: 'RUB',
        readServer: overrides.readServer ?? (async () => base),
        write: overrides.write ?? vi.fn<Write>(async () => 'done'),
        resume: overrides.resume ?? (async () => 'done'),
        plans: plans(),
      },
      global: { plugins: plugins() },
    })

  it('refuses bad input with a Russian message and sends nothing', async () => {
    const write = vi.fn<Write>(async () => 'done')
    const wrapper = mountForm({ write })
    await wrapper.find('[data-testid="field-paidAmount"]').setValue('1e5')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="error-paidAmount"]').text()).toContain('Введите сумму')
    expect(write).not.toHaveBeenCalled()
  })

  it('keeps what was typed across a remount (reload) until saved', async () => {
    const first = mountForm()
    await first.find('[data-testid="field-trackNumber"]').setValue('CDEK-123')
    first.unmount()
    expect(storage.getItem('m1:kos-draft:deal:7:u3')).toContain('CDEK-123')
    const again = mountForm()
    expect((again.find('[data-testid="field-trackNumber"]').element as HTMLInputElement).value).toBe('CDEK-123')
    expect(again.find('[data-testid="draft-kept"]').exists()).toBe(true)
  })

  it('writes only the changed field onto the version it started from, then clears the draft', async () => {
    const write = vi.fn<Write>(async () => 'done')
    const wrapper = mountForm({ write })
    await wrapper.find('[data-testid="field-paidAmount"]').setValue('100 000')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(write).toHaveBeenCalledWith({ UF_CRM_LMS_PAID_AMOUNT: '100000.00|RUB' }, '2026-03-10T09:00:00+03:00')
    expect(storage.getItem('m1:kos-draft:deal:7:u3')).toBeNull()
    expect(wrapper.emitted('saved')).toHaveLength(1)
    expect(wrapper.find('[data-testid="fields-saved"]').exists()).toBe(true)
  })

  it('says nothing is saved and keeps the draft while the write is unfinished', async () => {
    const wrapper = mountForm({ write: async () => 'incomplete' })
    await wrapper.find('[data-testid="field-trackNumber"]').setValue('CDEK-9')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="fields-saved"]').exists()).toBe(false)
    expect(storage.getItem('m1:kos-draft:deal:7:u3')).toContain('CDEK-9')
    expect(wrapper.emitted('saved')).toBeUndefined()
  })

  it('follows the deal when someone changed another field meanwhile: writes again onto the new version', async () => {
    const outcomes: WriteOutcome[] = ['conflict', 'done']
    const write = vi.fn<Write>(async () => outcomes.shift()!)
    const moved: ServerVersion<FormValues> = { values: { ...base.values, contractNeeded: true }, dateModify: '2026-03-10T10:00:00+03:00' }
    const wrapper = mountForm({ write, readServer: async () => moved })
    await wrapper.find('[data-testid="field-trackNumber"]').setValue('CDEK-7')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(write.mock.calls.map((call) => call[1])).toEqual(['2026-03-10T09:00:00+03:00', '2026-03-10T10:00:00+03:00'])
    expect(write).toHaveBeenLastCalledWith({ UF_CRM_LMS_TRACK_NUMBER: 'CDEK-7' }, '2026-03-10T10:00:00+03:00')
    expect(wrapper.find('[data-testid="fields-saved"]').exists()).toBe(true)
  })

  it('stops a save over someone else’s change of the same field and shows both to merge', async () => {
    const outcomes: WriteOutcome[] = ['conflict', 'done']
    const write = vi.fn<Write>(async () => outcomes.shift()!)
    const theirs: ServerVersion<FormValues> = { values: { ...base.values, paidAmount: '80000.00' }, dateModify: '2026-03-10T10:00:00+03:00' }
    const wrapper = mountForm({ write, readServer: async () => theirs })
    await wrapper.find('[data-testid="field-paidAmount"]').setValue('100000')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(write).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="fields-saved"]').exists()).toBe(false)
    const conflict = wrapper.find('[data-testid="conflict-paidAmount"]')
    expect(conflict.text()).toContain('80000.00')
    expect(conflict.text()).toContain('100000')
    await conflict.find('input[value="mine"]').setValue(true)
    await wrapper.find('[data-testid="apply-merge"]').trigger('click')
    await flushPromises()
    expect(write).toHaveBeenLastCalledWith({ UF_CRM_LMS_PAID_AMOUNT: '100000.00|RUB' }, '2026-03-10T10:00:00+03:00')
    expect(wrapper.find('[data-testid="fields-saved"]').exists()).toBe(true)
  })
})

describe('PlaybookSettings (N7, issue 16)', () => {
  /** app.option.set commands that reached the portal, each as its `options` (b24restdocs common/settings/app-option-set.md). */
  let stored: Record<string, unknown>[]
  let refuse: boolean
  const kosinoStages = DEFAULT_PLAYBOOK.pipelines.find((p) => p.name === KOSINO_PIPELINE_NAME)!.stages.map((s) => s.name)
  /** The demo portal's pipelines (crm.category.list, crm.status.list rows by ENTITY_ID) and deal fields (crm.deal.fields). */
  const CATEGORIES = [
    { id: 1, name: 'Товары', sort: 100 },
    { id: 2, name: 'Услуги', sort: 200 },
    { id: 0, name: 'Общая', sort: 300 },
    { id: 3, name: KOSINO_PIPELINE_NAME, sort: 400 },
  ]
  const STAGES: Record<string, string[]> = {
    DEAL_STAGE: ['Новая', 'Сделка успешна'],
    DEAL_STAGE_1: GOODS_STAGES.map((s) => s.name),
    DEAL_STAGE_2: SERVICES_STAGES.map((s) => s.name),
    DEAL_STAGE_3: kosinoStages,
  }
  const FIELDS = Object.fromEntries(['ID', 'TITLE', ...Object.values(PLAYBOOK_FIELDS).map((f) => f.fieldName)].map((name) => [name, { type: 'string' }]))
  function read(method: string, params: Record<string, unknown>): unknown {
    if (method === 'crm.category.list') return { categories: CATEGORIES }
    if (method === 'crm.status.list') {
      // Filtered by ENTITY_ID, that entity's rows; unfiltered, the whole dictionary (other entities' rows among them).
      const rowsOf = (entity: string) => (STAGES[entity] ?? []).map((name, i) => ({ STATUS_ID: `${entity}:${i}`, NAME: name, ENTITY_ID: entity, SORT: (i + 1) * 10 }))
      const entity = (params.filter as { ENTITY_ID?: string } | undefined)?.ENTITY_ID
      if (entity) return rowsOf(entity)
      return [{ STATUS_ID: 'WEB', NAME: 'Веб-сайт', ENTITY_ID: 'SOURCE', SORT: 10 }, ...Object.keys(STAGES).flatMap(rowsOf)]
    }
    if (method === 'crm.deal.fields') return FIELDS
    if (method === 'user.get') return [{ ID: '5', NAME: 'Михаил', LAST_NAME: 'Лебедев' }, { ID: '3', NAME: 'Дмитрий', LAST_NAME: 'Кузнецов' }]
    if (method === 'profile') return { ID: '1', ADMIN: true }
    return true
  }
  function setup(readonly = false) {
    const pinia = createPinia()
    setActivePinia(pinia)
    localStorage.clear()
    stored = []
    refuse = false
    const transport: RestTransport = {
      call: async (method, params) => read(method, params),
      batch: async (commands) => {
        const reply: BatchReply = { results: {}, errors: {} }
        for (const [name, [method, params]] of Object.entries(commands)) {
          if (method !== 'app.option.set') {
            reply.results[name] = read(method, params)
            continue
          }
          if (refuse) {
            reply.errors[name] = new GatewayError('access', 'ACCESS_DENIED', 'Access denied.')
            break
          }
          stored.push(params.options as Record<string, unknown>)
          reply.results[name] = true
        }
        return reply
      },
    }
    useAppContext().ready({
      frame: null,
      context: { placement: 'DEFAULT', options: {}, entityId: null, lang: 'ru', isAdmin: true, installMode: false, widgetParam: null },
      gateway: createGateway(transport),
      locale: 'ru',
    })
    const settings = useSettingsStore()
    settings.options = { playbook: JSON.stringify(DEFAULT_PLAYBOOK) }
    const wrapper = mount(PlaybookSettings, { props: { readonly }, global: { plugins: [pinia, createAppI18n('ru')] } })
    return { wrapper, settings }
  }
  /** The JSON view, with `value` typed into it. */
  async function typeJson(wrapper: ReturnType<typeof setup>['wrapper'], value: unknown) {
    await flushPromises()
    await wrapper.find('[data-testid="playbook-mode-json"]').trigger('click')
    await wrapper.find('[data-testid="playbook-json"]').setValue(typeof value === 'string' ? value : JSON.stringify(value))
  }

  it('refuses a broken playbook with an error that points at the path, and saves nothing', async () => {
    const { wrapper } = setup()
    const broken = structuredClone(DEFAULT_PLAYBOOK) as unknown as { pipelines: { stages: { steps: { deadline?: unknown }[] }[] }[] }
    broken.pipelines[0]!.stages[1]!.steps[1]!.deadline = { kind: 'after', hours: -3 }
    await typeJson(wrapper, broken)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-errors"]').text()).toContain('pipelines[0].stages[1].steps[1].deadline')
    expect(stored).toEqual([])
    expect(wrapper.find('[data-testid="playbook-source"]').text()).toContain('сохранённый')
  })

  it('saves a valid playbook as JSON under the «playbook» option, as a plan that is done', async () => {
    const { wrapper, settings } = setup()
    const edited = structuredClone(DEFAULT_PLAYBOOK)
    edited.pipelines = [edited.pipelines[1]!]
    await typeJson(wrapper, edited)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(stored).toHaveLength(1)
    expect(JSON.parse(String(stored[0]!.playbook))).toEqual(edited)
    expect(wrapper.find('[data-testid="playbook-saved"]').exists()).toBe(true)
    expect(JSON.parse(String(settings.options.playbook))).toEqual(edited)
  })

  it('says nothing is saved when the portal refuses, and offers «Повторить»', async () => {
    const { wrapper } = setup()
    refuse = true
    await typeJson(wrapper, DEFAULT_PLAYBOOK)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-saved"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="plan-incomplete"]').text()).toContain('Недостаточно прав')
    refuse = false
    await wrapper.find('[data-testid="plan-repeat"]').trigger('click')
    await flushPromises()
    expect(stored).toHaveLength(1)
    expect(wrapper.find('[data-testid="playbook-saved"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="plan-incomplete"]').exists()).toBe(false)
  })

  it('a new save supersedes an unfinished one: no «Повторить» is left that would put the older value back', async () => {
    const { wrapper } = setup()
    refuse = true
    await typeJson(wrapper, DEFAULT_PLAYBOOK)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="plan-incomplete"]')).toHaveLength(1)
    refuse = false
    const edited = structuredClone(DEFAULT_PLAYBOOK)
    edited.pipelines = [edited.pipelines[0]!]
    await typeJson(wrapper, edited)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="plan-incomplete"]')).toHaveLength(0)
    expect(stored.map((options) => JSON.parse(String(options.playbook)))).toEqual([edited])
  })

  it('refuses a playbook naming an employee who is not active', async () => {
    const { wrapper } = setup()
    const edited = structuredClone(DEFAULT_PLAYBOOK) as unknown as { pipelines: { stages: { steps: Record<string, unknown>[] }[] }[] }
    edited.pipelines[0]!.stages[1]!.steps[1]!.responsible = 'user:99'
    await typeJson(wrapper, edited)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-errors"]').text()).toContain('user:99')
    expect(stored).toEqual([])
  })

  it('saves who the product manager and the works executor are', async () => {
    const { wrapper } = setup()
    await flushPromises()
    await wrapper.find('[data-testid="people-product-manager"]').setValue('5')
    await wrapper.find('[data-testid="people-executor"]').setValue('3')
    await wrapper.find('[data-testid="playbook-people"]').trigger('submit')
    await flushPromises()
    expect(stored).toEqual([{ playbookPeople: JSON.stringify({ productManagerId: 5, roles: { executor: 3 } }) }])
    expect(wrapper.find('[data-testid="people-saved"]').text()).toBe('Участники сохранены.')
  })

  it('refuses a JSON import naming a stage the portal does not have, with the nearest one; nothing is saved', async () => {
    const { wrapper } = setup()
    const typo = structuredClone(DEFAULT_PLAYBOOK)
    typo.pipelines[0]!.stages[3]!.name = 'Догвор'
    await typeJson(wrapper, typo)
    await wrapper.find('[data-testid="playbook-json-apply"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-form"]').exists()).toBe(false)
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-errors"]').text()).toContain('pipelines[0].stages[3].name: В направлении «Товары» на портале нет стадии «Догвор». Ближайшая: «Договор»')
    expect(stored).toEqual([])
    // What the admin typed is still there to fix.
    expect((wrapper.find('[data-testid="playbook-json"]').element as HTMLTextAreaElement).value).toContain('Догвор')
  })

  it('adds a task to a stage with the form and saves the playbook with it', async () => {
    const { wrapper } = setup()
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-form"]').exists()).toBe(true)
    // The portal's stages of «Товары», in its order.
    expect(wrapper.findAll('[data-testid="pb-stage"]').map((b) => b.attributes('data-stage'))).toEqual(GOODS_STAGES.map((s) => s.name))
    await wrapper.find('[data-testid="pb-stage"][data-stage="Договор"]').trigger('click')
    const before = wrapper.findAll('[data-step]').length
    await wrapper.find('[data-testid="pb-add-task"]').trigger('click')
    const index = before
    await wrapper.find(`[data-testid="pb-step-${index}-title"]`).setValue('Позвонить юристу клиента')
    await wrapper.find(`[data-testid="pb-step-${index}-deadline-days"]`).setValue('2')
    await wrapper.find(`[data-testid="pb-step-${index}-responsible"]`).setValue('user:5')
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="playbook-errors"]').exists()).toBe(false)
    expect(stored).toHaveLength(1)
    const saved = JSON.parse(String(stored[0]!.playbook)) as typeof DEFAULT_PLAYBOOK
    const contract = saved.pipelines[0]!.stages.find((s) => s.name === 'Договор')!
    expect(contract.steps.at(-1)).toEqual({ id: 'task', kind: 'task', title: 'Позвонить юристу клиента', responsible: 'user:5', deadline: { kind: 'after', days: 2 } })
    expect(wrapper.find('[data-testid="playbook-saved"]').text()).toBe('Плейбук сохранён.')
  })

  it('a task without a title is refused at its card, and what was typed stays', async () => {
    const { wrapper } = setup()
    await flushPromises()
    await wrapper.find('[data-testid="pb-stage"][data-stage="Отгрузка"]').trigger('click')
    const index = wrapper.findAll('[data-step]').length
    await wrapper.find('[data-testid="pb-add-task"]').trigger('click')
    await wrapper.find(`[data-testid="pb-step-${index}-deadline-hours"]`).setValue('5')
    await wrapper.find('[data-testid="settings-playbook"]').trigger('submit')
    await flushPromises()
    expect(stored).toEqual([])
    expect(wrapper.find(`[data-testid="pb-step-${index}-errors"]`).text()).toContain(`steps[${index}].title`)
    expect((wrapper.find(`[data-testid="pb-step-${index}-deadline-hours"]`).element as HTMLInputElement).value).toBe('5')
  })

  it('readonly: the playbook in words, without controls', async () => {
    const { wrapper } = setup(true)
    await flushPromises()
    await wrapper.find('[data-testid="pb-stage"][data-stage="Счет/КП"]').trigger('click')
    const form = wrapper.find('[data-testid="playbook-form"]')
    expect(form.text()).toContain('Сформировать и отправить КП')
    expect(form.text()).toContain('простой: через 1 дн.')
    expect(form.findAll('textarea, [data-testid$="-title"], [data-testid="pb-add-task"]')).toHaveLength(0)
    expect(wrapper.find('[data-testid="playbook-save"]').exists()).toBe(false)
  })
})
