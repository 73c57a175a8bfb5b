// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { buildPlacementContext, entityIdFrom, parsePlacementOptions, widgetParamFrom } from '@/b24/placement-context'

// PLACEMENT_OPTIONS forms: b24restdocs api-reference/widgets/crm/detail-tab.md (JSON string
// `{"ID":"8061","URI":"..."}`), SDK init data (object), '' when the placement has none.
describe('parsePlacementOptions', () => {
  it('parses the JSON string a portal POSTs', () => {
    expect(parsePlacementOptions('{"ID":"8061","URI":"/crm/deal/details/8061/"}')).toEqual({ ID: '8061', URI: '/crm/deal/details/8061/' })
  })
  it('copies an object as is', () => {
    const raw = Object.freeze({ ID: '42' })
    const parsed = parsePlacementOptions(raw)
    expect(parsed).toEqual({ ID: '42' })
    expect(parsed).not.toBe(raw)
  })
  it.each([[''], ['   '], [null], [undefined], [[]], ['[1,2]'], ['not json'], ['"ID"'], [42]])('gives {} for %j', (raw) => {
    expect(parsePlacementOptions(raw)).toEqual({})
  })
})

describe('entityIdFrom', () => {
  it('reads the string ID as a number', () => {
    expect(entityIdFrom({ ID: '3473' })).toBe(3473)
    expect(entityIdFrom({ ID: 7 })).toBe(7)
    expect(entityIdFrom({ ENTITY_ID: '5' })).toBe(5)
  })
  it('rejects missing, zero, negative and non-numeric IDs', () => {
    expect(entityIdFrom({})).toBeNull()
    expect(entityIdFrom({ ID: '0' })).toBeNull()
    expect(entityIdFrom({ ID: '-3' })).toBeNull()
    expect(entityIdFrom({ ID: '12abc' })).toBeNull()
  })
})

describe('the widget of an app page opened by openApplication', () => {
  it('comes from PLACEMENT_OPTIONS.widget when the URL names none', () => {
    const facts = { placement: 'DEFAULT', placementOptions: { widget: 'approvals-home' }, lang: 'ru', isAdmin: false, installMode: false }
    expect(buildPlacementContext(facts, '?LANG=ru').widgetParam).toBe('approvals-home')
    expect(buildPlacementContext(facts, '?widget=settings').widgetParam).toBe('settings')
    expect(buildPlacementContext({ ...facts, placementOptions: { widget: '../x' } }, '').widgetParam).toBeNull()
  })
})

describe('widgetParamFrom', () => {
  it('reads widget= from the handler query', () => {
    expect(widgetParamFrom('?DOMAIN=x&widget=next-steps&LANG=ru')).toBe('next-steps')
    expect(widgetParamFrom('?LANG=ru')).toBeNull()
    expect(widgetParamFrom('?widget=<script>')).toBeNull()
  })
})

describe('buildPlacementContext', () => {
  it('combines init data and URL', () => {
    const context = buildPlacementContext(
      { placement: 'CRM_DEAL_DETAIL_TAB', placementOptions: '{"ID":"12"}', lang: 'ru', isAdmin: true, installMode: false },
      '?widget=next-steps',
    )
    expect(context).toMatchObject({ placement: 'CRM_DEAL_DETAIL_TAB', entityId: 12, lang: 'ru', isAdmin: true, installMode: false, widgetParam: 'next-steps' })
  })
  it('defaults an empty placement to DEFAULT', () => {
    const context = buildPlacementContext({ placement: '', placementOptions: '', lang: undefined, isAdmin: false, installMode: true }, '')
    expect(context.placement).toBe('DEFAULT')
    expect(context.entityId).toBeNull()
    expect(context.installMode).toBe(true)
  })
})
