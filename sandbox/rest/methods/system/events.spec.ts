import { describe, expect, it } from 'vitest'
import type { Caller } from '../../../auth/authenticate'
import { ListPage, type UserRow } from '../../../core/types'
import { seedPeople } from '../../../demo/people'
import { MemoryStore } from '../../../store/memory-store'
import { Faults } from '../../faults'
import { RestInvoker } from '../../invoke'
import { OperatingTime, defaultLimits } from '../../limits'
import { allMethods } from '../index'
import { ensureCrmDictionaries } from '../crm'
import { OFFLINE_QUEUE_TABLE } from './offline-queue'

// Shapes and rules: b24restdocs api-reference/events/event-bind.md, event-get.md, event-unbind.md,
// event-offline-get.md, event-offline-clear.md, event-offline-error.md, event-offline-list.md,
// offline-events.md; ONCRMLEADADD data: api-reference/crm/leads/events/on-crm-lead-add.md.
// Admin-only for the offline methods: the portal's rest module (Bitrix\Rest\Api\Event), see events.ts.

const ADMIN = 1
const MANAGER = 3

interface OfflineEvent {
  ID: string
  EVENT_NAME: string
  EVENT_DATA: { FIELDS: { ID: number } }
  EVENT_ADDITIONAL: { user_id: string }
  MESSAGE_ID: string
  TIMESTAMP_X: string
}

function setup() {
  const store = new MemoryStore()
  seedPeople(store)
  ensureCrmDictionaries(store)
  let now = Date.parse('2026-03-02T09:00:00Z')
  const invoker = new RestInvoker({
    store,
    methods: allMethods,
    operating: new OperatingTime(),
    faults: new Faults(),
    limits: () => ({ ...defaultLimits, enabled: false }),
    nowMs: () => now,
    origin: 'http://localhost:4000',
    log: () => {},
  })
  const caller = (userId: number, kind: 'oauth' | 'webhook' = 'oauth', appId = 'app'): Caller => ({
    user: store.table<UserRow>('users').get(userId)!,
    auth: kind === 'oauth' ? { type: 'oauth', appId, accessToken: 't' } : { type: 'webhook', userId },
    clientKey: kind === 'oauth' ? `app:${appId}` : `hook:${userId}`,
    scopes: kind === 'oauth' ? ['crm', 'placement', 'im', 'user', 'department'] : null,
  })
  async function call<T = unknown>(method: string, params: Record<string, unknown> = {}, who: Caller = caller(ADMIN)): Promise<T> {
    const outcome = await invoker.invoke(who, method, params)
    if (!outcome.ok) throw new Error(`${outcome.error.status} ${outcome.error.code}: ${outcome.error.description}`)
    // A list page answers its rows (the router puts total/next beside them).
    return (outcome.value instanceof ListPage ? outcome.value.result : outcome.value) as T
  }
  async function code(method: string, params: Record<string, unknown>, who: Caller): Promise<string> {
    const outcome = await invoker.invoke(who, method, params)
    return outcome.ok ? 'ok' : `${outcome.error.status} ${outcome.error.code}`
  }
  const addLead = (title: string, who = caller(MANAGER)) => call<number>('crm.lead.add', { fields: { TITLE: title } }, who)
  const tick = (seconds: number) => {
    now += seconds * 1000
  }
  return { store, caller, call, code, addLead, tick }
}

describe('event.bind / event.get / event.unbind', () => {
  it('binds an offline event for an admin in the app context, and event.get reports it', async () => {
    const { call, caller } = setup()
    expect(await call('event.bind', { event: 'onCrmLeadAdd', event_type: 'offline' })).toBe(true)
    expect(await call('event.get')).toEqual([{ event: 'ONCRMLEADADD', connector_id: '', offline: 1 }])
    // another app sees none of it
    expect(await call('event.get', {}, caller(ADMIN, 'oauth', 'other'))).toEqual([])
  })

  it('refuses a second identical binding (installers check event.get first)', async () => {
    const { call, code, caller } = setup()
    await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
    expect(await code('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' }, caller(ADMIN))).toBe('400 ERROR_CORE')
  })

  it('refuses offline bindings to non-admins, webhooks, unknown events and bad types', async () => {
    const { code, caller } = setup()
    expect(await code('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' }, caller(MANAGER))).toBe('403 ACCESS_DENIED')
    expect(await code('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' }, caller(ADMIN, 'webhook'))).toBe('403 WRONG_AUTH_TYPE')
    expect(await code('event.get', {}, caller(ADMIN, 'webhook'))).toBe('403 WRONG_AUTH_TYPE')
    expect(await code('event.bind', { event: 'ONSOMETHINGELSE', event_type: 'offline' }, caller(ADMIN))).toBe('400 ERROR_EVENT_NOT_FOUND')
    expect(await code('event.bind', { event: 'ONCRMLEADADD', event_type: 'later' }, caller(ADMIN))).toBe('400 ERROR_ARGUMENT')
    expect(await code('event.bind', { event: 'ONCRMLEADADD' }, caller(ADMIN))).toBe('400 ERROR_ARGUMENT')
  })

  it('lets a non-admin bind an online handler only for himself; event.get shows him only his own', async () => {
    const { call, caller } = setup()
    await call('event.bind', { event: 'ONCRMDEALADD', handler: 'https://app.example/deal' })
    await call('event.bind', { event: 'ONCRMLEADADD', handler: 'https://app.example/lead' }, caller(MANAGER))
    expect(await call('event.get', {}, caller(MANAGER))).toEqual([{ event: 'ONCRMLEADADD', handler: 'https://app.example/lead', auth_type: String(MANAGER), offline: 0 }])
    expect(await call('event.get')).toHaveLength(2)
    expect(await call('event.unbind', { event: 'ONCRMDEALADD', handler: 'https://app.example/deal' })).toEqual({ count: 1 })
    expect(await call('event.get')).toHaveLength(1)
  })
})

describe('the offline queue', () => {
  it('records nothing until the app binds the event offline', async () => {
    const { store, addLead } = setup()
    await addLead('До подписки')
    expect(store.table(OFFLINE_QUEUE_TABLE).size).toBe(0)
  })

  it('queues ONCRMLEADADD for leads made by crm.lead.add and crm.item.add; event.offline.get hands them out once', async () => {
    const { call, caller, addLead } = setup()
    await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
    const first = await addLead('Лид 1')
    const second = (await call<{ item: { id: number } }>('crm.item.add', { entityTypeId: 1, fields: { title: 'Лид 2' } }, caller(MANAGER))).item.id
    await call('crm.deal.add', { fields: { TITLE: 'Сделка' } })

    const got = await call<{ process_id: string | null; events: OfflineEvent[] }>('event.offline.get')
    expect(got.process_id).toBeNull()
    expect(got.events.map((e) => [e.EVENT_NAME, e.EVENT_DATA.FIELDS.ID])).toEqual([
      ['ONCRMLEADADD', first],
      ['ONCRMLEADADD', second],
    ])
    expect(got.events[0]).toMatchObject({ ID: expect.stringMatching(/^\d+$/), EVENT_ADDITIONAL: { user_id: String(MANAGER) } })
    expect(got.events[0]!.MESSAGE_ID).toMatch(/^[0-9a-f]{32}$/)
    expect(got.events[0]!.TIMESTAMP_X).toBe('2026-03-02T09:00:00+00:00')
    // clear=1 (the default) deleted them
    expect((await call<{ events: unknown[] }>('event.offline.get')).events).toEqual([])
  })

  it('clear=0 reserves entries under a process_id: hidden from others, re-read by that id, then cleared', async () => {
    const { call, addLead, tick } = setup()
    await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
    const a = await addLead('A')
    tick(1)
    const b = await addLead('B')
    tick(1)
    const c = await addLead('C')

    const reserved = await call<{ process_id: string; events: OfflineEvent[] }>('event.offline.get', { clear: 0, limit: 2 })
    expect(reserved.process_id).toMatch(/\S/)
    expect(reserved.events.map((e) => e.EVENT_DATA.FIELDS.ID)).toEqual([a, b])
    // a parallel reader gets the rest, never the reserved ones
    const other = await call<{ process_id: string; events: OfflineEvent[] }>('event.offline.get', { clear: 0 })
    expect(other.events.map((e) => e.EVENT_DATA.FIELDS.ID)).toEqual([c])
    // the same process reads its entries again
    const again = await call<{ process_id: string; events: OfflineEvent[] }>('event.offline.get', { clear: 0, process_id: reserved.process_id })
    expect(again.events.map((e) => e.EVENT_DATA.FIELDS.ID)).toEqual([a, b])

    await call('event.offline.clear', { process_id: reserved.process_id, id: [reserved.events[0]!.ID] })
    const list = await call<Array<{ EVENT_DATA: { FIELDS: { ID: number } }; PROCESS_ID: string; ERROR: string }>>('event.offline.list')
    expect(list.map((row) => [row.EVENT_DATA.FIELDS.ID, row.PROCESS_ID === reserved.process_id, row.ERROR])).toEqual([
      [b, true, '0'],
      [c, false, '0'],
    ])
    await call('event.offline.clear', { process_id: reserved.process_id })
    expect((await call<unknown[]>('event.offline.list')).length).toBe(1)
  })

  it('event.offline.error marks entries failed; they come back only with error=1', async () => {
    const { call, addLead } = setup()
    await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
    const id = await addLead('Сбой')
    const reserved = await call<{ process_id: string; events: OfflineEvent[] }>('event.offline.get', { clear: 0 })
    expect(await call('event.offline.error', { process_id: reserved.process_id, message_id: [reserved.events[0]!.MESSAGE_ID] })).toBe(true)
    expect((await call<{ events: unknown[] }>('event.offline.get')).events).toEqual([])
    const failed = await call<{ events: OfflineEvent[] }>('event.offline.get', { error: 1 })
    expect(failed.events.map((e) => e.EVENT_DATA.FIELDS.ID)).toEqual([id])
  })

  it('filters by EVENT_NAME and ID with operators, and pages event.offline.list', async () => {
    const { call, addLead } = setup()
    await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
    for (let i = 0; i < 3; i++) await addLead(`L${i}`)
    const all = await call<Array<{ ID: string }>>('event.offline.list')
    const firstId = Number(all[0]!.ID)
    const got = await call<{ events: OfflineEvent[] }>('event.offline.get', { filter: { '=EVENT_NAME': 'ONCRMLEADADD', '>ID': firstId }, clear: 0 })
    expect(got.events.map((e) => Number(e.ID))).toEqual([firstId + 1, firstId + 2])
    expect((await call<{ events: unknown[] }>('event.offline.get', { filter: { '=EVENT_NAME': 'ONCRMDEALADD' } })).events).toEqual([])
  })

  it('is admin-only and app-context-only; clear and error need process_id', async () => {
    const { code, caller } = setup()
    for (const method of ['event.offline.get', 'event.offline.list', 'event.offline.clear', 'event.offline.error']) {
      expect(await code(method, { process_id: 'x', message_id: [] }, caller(MANAGER))).toBe('403 ACCESS_DENIED')
      expect(await code(method, { process_id: 'x', message_id: [] }, caller(ADMIN, 'webhook'))).toBe('403 WRONG_AUTH_TYPE')
    }
    expect(await code('event.offline.clear', {}, caller(ADMIN))).toBe('400 ERROR_ARGUMENT')
    expect(await code('event.offline.error', { process_id: 'x' }, caller(ADMIN))).toBe('400 ERROR_ARGUMENT')
    expect(await code('event.offline.clear', { process_id: 'x', message_id: ['short'] }, caller(ADMIN))).toBe('400 ERROR_ARGUMENT')
    expect(await code('event.offline.get', { limit: 0 }, caller(ADMIN))).toBe('400 ERROR_ARGUMENT')
  })
})
