// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { UserFieldDef } from '@/domain/fields'
import { handlerUrl, planInstall, stepCommand } from '@/domain/install/plan'
import type { DesiredState, PortalState } from '@/domain/install/plan'
import { desiredState } from '~placements/install'
import { manifest } from '~placements/manifest'

const sector: UserFieldDef = {
  entity: 'company',
  fieldName: 'UF_CRM_TEST_SECTOR',
  type: 'enumeration',
  label: { ru: 'Сектор', en: 'Sector' },
  items: [
    { xmlId: 's1', value: 'Сектор 1', sort: 10 },
    { xmlId: 's2', value: 'Сектор 2', sort: 20 },
  ],
}
const paid: UserFieldDef = { entity: 'deal', fieldName: 'UF_CRM_TEST_PAID', type: 'money', label: { ru: 'Оплачено', en: 'Paid' } }

const desired: DesiredState = {
  placements: [
    { widgetId: 'tab-a', placement: 'CRM_DEAL_DETAIL_TAB', handler: 'https://app.example/?widget=tab-a', titles: { ru: 'Вкладка А', en: 'Tab A' } },
    { widgetId: 'tab-b', placement: 'CRM_DEAL_DETAIL_TAB', handler: 'https://app.example/?widget=tab-b', titles: { ru: 'Вкладка Б', en: 'Tab B' } },
  ],
  fields: [sector, paid],
  options: { settingsVersion: 1, approvers: [] },
}

const emptyPortal: PortalState = { placements: [], fields: {}, options: [] }

/** What the portal holds after the steps ran (the way placement.get / userfield.list / app.option.get report it). */
function apply(portal: PortalState, plan: ReturnType<typeof planInstall>): PortalState {
  const next = { placements: [...portal.placements], fields: { ...portal.fields }, options: { ...(Array.isArray(portal.options) ? {} : portal.options) } }
  let id = 100
  for (const step of plan) {
    if (step.kind === 'bind') next.placements.push({ placement: step.target.placement, handler: step.target.handler })
    if (step.kind === 'field') {
      const list = step.def.items?.map((item) => ({ ID: ++id, XML_ID: item.xmlId }))
      next.fields[step.def.entity] = [...(next.fields[step.def.entity] ?? []), { ID: ++id, FIELD_NAME: step.def.fieldName, LIST: list ?? null }]
    }
    if (step.kind === 'items') {
      next.fields[step.def.entity] = (next.fields[step.def.entity] ?? []).map((field) =>
        Number(field.ID) === step.fieldId ? { ...field, LIST: [...(field.LIST ?? []), ...step.items.map((i) => ({ ID: ++id, XML_ID: i.xmlId }))] } : field,
      )
    }
    if (step.kind === 'options') Object.assign(next.options, step.options)
  }
  return next
}

describe('planInstall', () => {
  it('on an empty portal binds every placement, creates every field and sets every option', () => {
    const plan = planInstall(desired, emptyPortal)
    expect(plan.map((s) => s.kind)).toEqual(['bind', 'bind', 'field', 'field', 'options'])
    expect(plan.at(-1)).toEqual({ kind: 'options', options: { settingsVersion: 1, approvers: [] } })
  })

  it('on a half-installed portal does only what is missing', () => {
    const portal: PortalState = {
      placements: [{ placement: 'CRM_DEAL_DETAIL_TAB', handler: 'https://app.example/?widget=tab-a' }],
      fields: { company: [{ ID: '7', FIELD_NAME: 'UF_CRM_TEST_SECTOR', LIST: [{ ID: '70', XML_ID: 's1' }] }] },
      options: { settingsVersion: 3 },
    }
    const plan = planInstall(desired, portal)
    expect(plan).toHaveLength(4)
    expect(plan[0]).toMatchObject({ kind: 'bind', target: { widgetId: 'tab-b' } })
    expect(plan[1]).toMatchObject({ kind: 'items', fieldId: 7, items: [{ xmlId: 's2' }] })
    expect(plan[2]).toMatchObject({ kind: 'field', def: { fieldName: 'UF_CRM_TEST_PAID' } })
    // settingsVersion keeps the admin's 3: only the unset key is written
    expect(plan[3]).toEqual({ kind: 'options', options: { approvers: [] } })
  })

  it('on a fully installed portal plans nothing, so a second install changes nothing', () => {
    const installed = apply(emptyPortal, planInstall(desired, emptyPortal))
    expect(planInstall(desired, installed)).toEqual([])
  })

  it('matches a handler bound with or without the trailing slash before the query', () => {
    const portal: PortalState = {
      ...emptyPortal,
      placements: desired.placements.map((p) => ({ placement: p.placement, handler: p.handler.replace('/?', '?') })),
    }
    expect(planInstall(desired, portal).filter((s) => s.kind === 'bind')).toEqual([])
  })

  it('treats a handler bound to another placement as not bound', () => {
    const portal: PortalState = { ...emptyPortal, placements: [{ placement: 'CRM_LEAD_DETAIL_TAB', handler: desired.placements[0]!.handler }] }
    expect(planInstall(desired, portal).filter((s) => s.kind === 'bind')).toHaveLength(2)
  })
})

describe('stepCommand', () => {
  // b24restdocs api-reference/widgets/placement-bind.md: PLACEMENT, HANDLER, TITLE, LANG_ALL {lang: {TITLE}}
  it('binds a placement with Russian and English titles', () => {
    const [method, params] = stepCommand({ kind: 'bind', target: desired.placements[0]! })
    expect(method).toBe('placement.bind')
    expect(params).toEqual({
      PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
      HANDLER: 'https://app.example/?widget=tab-a',
      TITLE: 'Вкладка А',
      LANG_ALL: { ru: { TITLE: 'Вкладка А' }, en: { TITLE: 'Tab A' } },
    })
  })

  // b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.md
  // (crm.company.userfield.* mirror it): fields.FIELD_NAME, USER_TYPE_ID, LIST [{VALUE, SORT, XML_ID, DEF}]
  it('creates an enumeration field with its items', () => {
    const [method, params] = stepCommand({ kind: 'field', def: sector })
    expect(method).toBe('crm.company.userfield.add')
    const fields = (params as { fields: Record<string, unknown> }).fields
    expect(fields).toMatchObject({ FIELD_NAME: 'UF_CRM_TEST_SECTOR', USER_TYPE_ID: 'enumeration', MULTIPLE: 'N', SHOW_FILTER: 'Y' })
    expect(fields.EDIT_FORM_LABEL).toEqual({ ru: 'Сектор', en: 'Sector' })
    expect(fields.LIST).toEqual([
      { VALUE: 'Сектор 1', SORT: 10, XML_ID: 's1', DEF: 'N' },
      { VALUE: 'Сектор 2', SORT: 20, XML_ID: 's2', DEF: 'N' },
    ])
  })

  // crm-deal-userfield-update.md: LIST items without ID are added
  it('adds missing enumeration items without touching existing ones', () => {
    const [method, params] = stepCommand({ kind: 'items', def: sector, fieldId: 7, items: [sector.items![1]!] })
    expect(method).toBe('crm.company.userfield.update')
    expect(params).toEqual({ id: 7, fields: { LIST: [{ VALUE: 'Сектор 2', SORT: 20, XML_ID: 's2', DEF: 'N' }] } })
  })

  // b24restdocs api-reference/common/settings/app-option-set.md: options {key: value}
  it('sets options with app.option.set', () => {
    expect(stepCommand({ kind: 'options', options: { a: 1 } })).toEqual(['app.option.set', { options: { a: 1 } }])
  })
})

describe('desiredState from the manifest', () => {
  it('binds every widget but the app page, at the app URL with widget=<id>', () => {
    const state = desiredState('http://localhost:4001/index.html?DOMAIN=x#top')
    const bindable = manifest.filter((e) => e.placement !== 'DEFAULT')
    expect(state.placements.map((p) => p.widgetId)).toEqual(bindable.map((e) => e.id))
    expect(state.placements.find((p) => p.widgetId === 'next-steps')?.handler).toBe('http://localhost:4001/index.html?widget=next-steps')
  })
  it('builds handler URLs without the portal’s query', () => {
    expect(handlerUrl('https://a.example/app/?DOMAIN=p&LANG=ru', 'widget=x')).toBe('https://a.example/app/?widget=x')
  })
})
