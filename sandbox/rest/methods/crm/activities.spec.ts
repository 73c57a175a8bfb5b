// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { caller, failure, peopleStore } from './testing'

// b24restdocs api-reference/crm/timeline/activities/activity-base/crm-activity-{add,get,list,delete}.md (fields,
// error texts), tutorials/crm/how-to-add-crm-objects/how-to-send-email.md (an outgoing completed e-mail:
// TYPE_ID 4, DIRECTION 2, COMPLETED Y, COMMUNICATIONS with VALUE/ENTITY_ID/ENTITY_TYPE_ID, SETTINGS.MESSAGE_FROM).

const email = (dealId: number, extra: Record<string, unknown> = {}) => ({
  fields: {
    OWNER_TYPE_ID: 2,
    OWNER_ID: dealId,
    TYPE_ID: 4,
    DIRECTION: 2,
    COMPLETED: 'Y',
    SUBJECT: 'Коммерческое предложение',
    DESCRIPTION: 'Добрый день! Направляем КП.',
    DESCRIPTION_TYPE: 1,
    RESPONSIBLE_ID: 3,
    COMMUNICATIONS: [{ VALUE: 'client@lemus.ru', ENTITY_ID: 5, ENTITY_TYPE_ID: 3 }],
    SETTINGS: { MESSAGE_FROM: 'Дмитрий Кузнецов <d.kuznetsov@example.ru>' },
    ...extra,
  },
})

async function dealOf(store: ReturnType<typeof peopleStore>) {
  const admin = caller(store, 1)
  const { result } = await admin.call('crm.deal.add', { fields: { TITLE: 'Виброметр', ASSIGNED_BY_ID: 3 } })
  return Number(result)
}

describe('crm.activity.*', () => {
  it('adds an outgoing e-mail on a deal and lists it with its recipient when COMMUNICATIONS is selected', async () => {
    const store = peopleStore()
    const dealId = await dealOf(store)
    const manager = caller(store, 3, new Date('2026-03-02T10:00:00Z'))
    const { result: id } = await manager.call('crm.activity.add', email(dealId))
    expect(id).toBe(1)
    const got = (await manager.call('crm.activity.get', { id })).result as Record<string, unknown>
    expect(got).toMatchObject({
      ID: '1', OWNER_ID: String(dealId), OWNER_TYPE_ID: '2', TYPE_ID: '4', PROVIDER_ID: 'CRM_EMAIL', DIRECTION: '2', COMPLETED: 'Y', STATUS: '2',
      SUBJECT: 'Коммерческое предложение', RESPONSIBLE_ID: '3', AUTHOR_ID: '3', CREATED: '2026-03-02T13:00:00+03:00',
      SETTINGS: { MESSAGE_FROM: 'Дмитрий Кузнецов <d.kuznetsov@example.ru>' },
    })
    expect(got).not.toHaveProperty('COMMUNICATIONS')
    const list = await manager.call('crm.activity.list', { filter: { OWNER_TYPE_ID: 2, OWNER_ID: dealId, TYPE_ID: 4 }, select: ['*', 'COMMUNICATIONS'] })
    expect(list.total).toBe(1)
    expect((list.result as Array<Record<string, unknown>>)[0]!.COMMUNICATIONS).toEqual([
      { ID: '101', TYPE: 'EMAIL', VALUE: 'client@lemus.ru', ENTITY_ID: '5', ENTITY_TYPE_ID: '3' },
    ])
  })

  it('refuses what the page lists: type, communications, one recipient, subject, responsible, binding, rights', async () => {
    const store = peopleStore()
    const dealId = await dealOf(store)
    const admin = caller(store, 1)
    const text = async (params: Record<string, unknown>, who = admin) => (await failure(who.call('crm.activity.add', params))).description
    expect(await text(email(dealId, { TYPE_ID: 3 }))).toBe('The field TYPE_ID is not defined or invalid.')
    expect(await text(email(dealId, { COMMUNICATIONS: undefined }))).toBe('The field COMMUNICATIONS is not defined or invalid.')
    expect(await text(email(dealId, { COMMUNICATIONS: [{ VALUE: 'a@b.ru' }, { VALUE: 'c@d.ru' }] }))).toBe('The only one communication is allowed for activity of specified type.')
    expect(await text(email(dealId, { SUBJECT: ' ' }))).toBe('The field SUBJECT is not defined or empty.')
    expect(await text(email(dealId, { RESPONSIBLE_ID: 0 }))).toBe('The field RESPONSIBLE_ID is not defined or invalid.')
    expect(await text(email(999))).toBe('Could not build binding. Please ensure that owner info and communications are defined correctly.')
    expect(await text(email(dealId, { COMMUNICATIONS: [{ VALUE: 'не адрес' }] }))).toBe('Email send error. Invalid email is specified')
    expect(await text(email(dealId, { COMMUNICATIONS: [{ VALUE: '+7 900', TYPE: 'PHONE' }] }))).toBe('Email send error. "To" is not found')
    // user 4 may read the open deal of user 3 but not change it
    expect(await text(email(dealId), caller(store, 4))).toBe('Access denied.')
    const error = await failure(admin.call('crm.activity.add', email(dealId, { SUBJECT: '' })))
    expect([error.status, error.code]).toEqual([400, ''])
  })

  it('a scheduled e-mail (COMPLETED N) is kept unsent; MESSAGE_FROM defaults to the responsible', async () => {
    const store = peopleStore()
    const dealId = await dealOf(store)
    const manager = caller(store, 3)
    const { result: draft } = await manager.call('crm.activity.add', email(dealId, { COMPLETED: 'N', SETTINGS: undefined }))
    expect((await manager.call('crm.activity.get', { id: draft })).result).toMatchObject({ COMPLETED: 'N', STATUS: '1', SETTINGS: [] })
    const { result: sent } = await manager.call('crm.activity.add', email(dealId, { SETTINGS: undefined }))
    expect((await manager.call('crm.activity.get', { id: sent })).result).toMatchObject({ SETTINGS: { MESSAGE_FROM: expect.stringMatching(/<user3@example\.ru>$/) } })
  })

  it('get and delete answer «Activity is not found.» and «Access denied.»', async () => {
    const store = peopleStore()
    const dealId = await dealOf(store)
    const manager = caller(store, 3)
    const { result: id } = await manager.call('crm.activity.add', email(dealId))
    expect((await failure(manager.call('crm.activity.get', { id: 99 }))).description).toBe('Activity is not found.')
    expect((await failure(caller(store, 4).call('crm.activity.delete', { id }))).description).toBe('Access denied.')
    expect((await manager.call('crm.activity.delete', { id })).result).toBe(true)
    expect((await failure(manager.call('crm.activity.get', { id }))).description).toBe('Activity is not found.')
  })
})
