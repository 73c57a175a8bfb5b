// @vitest-environment node
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
import { readApp } from './app-state'

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

function setup({ installed = true } = {}) {
  const store = new MemoryStore()
  seedPeople(store)
  ensureCrmDictionaries(store)
  // Events reach an app only once its install is finished (see offline-queue.ts raiseEvent).
  store.setValue('app', { ...readApp(store), installed })
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
    scopes: kind === 'oauth' ? ['crm', 'task', 'placement', 'im', 'user', 'department'] : null,
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
  const bindOffline = async (...events: string[]) => {
    for (const event of events) await call('event.bind', { event, event_type: 'offline' })
  }
  const queued = async () =>
    (await call<Array<{ EVENT_NAME: string; EVENT_DATA: Record<string, unknown>; EVENT_ADDITIONAL: { user_id: string } }>>('event.offline.list')).map(
      (row) => [row.EVENT_NAME, row.EVENT_DATA],
    )
  return { store, caller, call, code, addLead, tick, bindOffline, queued }
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

// Payloads: b24restdocs api-reference/crm/deals/events/on-crm-deal-{add,update}.md and index.md (MOVETOCATEGORY
// instead of UPDATE), crm/leads/events/on-crm-lead-update.md, tasks/events-tasks/on-task-{add,update,delete}.md,
// crm/timeline/comments/events/on-Crm-Timeline-Comment-Add.md; the queue keeps one entry per object (offline-events.md).
describe('the events the sandbox raises', () => {
  it('raises nothing before the app\'s install is finished', async () => {
    const { store, call, addLead } = setup({ installed: false })
    await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })
    await addLead('Рано')
    expect(store.table(OFFLINE_QUEUE_TABLE).size).toBe(0)
  })

  it('deal add and update from the legacy methods, crm.item and a batch; a pipeline move is MOVETOCATEGORY only', async () => {
    const { call, caller, bindOffline, queued } = setup()
    await bindOffline('ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMDEALMOVETOCATEGORY', 'ONCRMLEADUPDATE')
    const legacy = await call<number>('crm.deal.add', { fields: { TITLE: 'Старая' } })
    const item = (await call<{ item: { id: number } }>('crm.item.add', { entityTypeId: 2, fields: { title: 'Новая' } })).item.id
    await call('batch', { halt: 1, cmd: { a: `crm.deal.update?id=${legacy}&fields[TITLE]=x`, b: `crm.item.update?entityTypeId=2&id=${item}&fields[title]=y` } })
    expect(await queued()).toEqual([
      ['ONCRMDEALADD', { FIELDS: { ID: legacy } }],
      ['ONCRMDEALADD', { FIELDS: { ID: item } }],
      ['ONCRMDEALUPDATE', { FIELDS: { ID: legacy } }],
      ['ONCRMDEALUPDATE', { FIELDS: { ID: item } }],
    ])
    await call('event.offline.get')
    const category = Number((await call<{ category: { id: number } }>('crm.category.add', { entityTypeId: 2, fields: { name: 'Вторая' } })).category.id)
    const moved = (await call<{ item: { stageId: string } }>('crm.item.update', { entityTypeId: 2, id: item, fields: { categoryId: category } }, caller(ADMIN))).item
    expect(await queued()).toEqual([['ONCRMDEALMOVETOCATEGORY', { FIELDS: { ID: item, CATEGORY_ID: category, STAGE_ID: moved.stageId } }]])
  })

  it('keeps one entry per changed object: three updates of a deal queue one ONCRMDEALUPDATE with the last time', async () => {
    const { call, tick, bindOffline } = setup()
    await bindOffline('ONCRMDEALUPDATE')
    const id = await call<number>('crm.deal.add', { fields: { TITLE: 'Трижды' } })
    for (const title of ['a', 'b', 'c']) {
      tick(60)
      await call('crm.deal.update', { id, fields: { TITLE: title } })
    }
    const list = await call<Array<{ EVENT_NAME: string; TIMESTAMP_X: string }>>('event.offline.list')
    expect(list.map((row) => [row.EVENT_NAME, row.TIMESTAMP_X])).toEqual([['ONCRMDEALUPDATE', '2026-03-02T09:03:00+00:00']])
  })

  it('tasks: add, update and complete (both ONTASKUPDATE), delete, with FIELDS_BEFORE/FIELDS_AFTER', async () => {
    const { call, caller, bindOffline, queued } = setup()
    await bindOffline('ONTASKADD', 'ONTASKUPDATE', 'ONTASKDELETE')
    const id = Number((await call<{ task: { id: string } }>('tasks.task.add', { fields: { TITLE: 'Позвонить', RESPONSIBLE_ID: MANAGER } })).task.id)
    expect(await queued()).toEqual([
      ['ONTASKADD', { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: id }, IS_ACCESSIBLE_BEFORE: 'N', IS_ACCESSIBLE_AFTER: 'undefined' }],
    ])
    await call('event.offline.get')
    await call('tasks.task.update', { taskId: id, fields: { DEADLINE: '2026-03-05T18:00:00+03:00' } })
    const update = ['ONTASKUPDATE', { FIELDS_BEFORE: { ID: id }, FIELDS_AFTER: { ID: id }, IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'undefined' }]
    expect(await queued()).toEqual([update])
    await call('event.offline.get')
    await call('tasks.task.complete', { taskId: id }, caller(MANAGER))
    expect(await queued()).toEqual([update])
    const list = await call<Array<{ EVENT_ADDITIONAL: { user_id: string } }>>('event.offline.list')
    expect(list[0]!.EVENT_ADDITIONAL).toEqual({ user_id: String(MANAGER) })
    await call('event.offline.get')
    await call('tasks.task.delete', { taskId: id })
    expect(await queued()).toEqual([
      ['ONTASKDELETE', { FIELDS_BEFORE: { ID: id }, FIELDS_AFTER: 'undefined', IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'N' }],
    ])
  })

  it('timeline comments: ONCRMTIMELINECOMMENTADD with the comment ID; lead updates too', async () => {
    const { call, addLead, bindOffline, queued } = setup()
    await bindOffline('ONCRMTIMELINECOMMENTADD', 'ONCRMLEADUPDATE')
    const lead = await addLead('С комментарием', undefined)
    const comment = await call<number>('crm.timeline.comment.add', { fields: { ENTITY_TYPE: 'lead', ENTITY_ID: lead, COMMENT: 'Позвонить завтра' } })
    await call('crm.lead.update', { id: lead, fields: { TITLE: 'Переименован' } })
    expect(await queued()).toEqual([
      ['ONCRMTIMELINECOMMENTADD', { ID: comment }],
      ['ONCRMLEADUPDATE', { FIELDS: { ID: lead } }],
    ])
  })

  it('1,000 queued events are read in pages of 50, each exactly once, in order', async () => {
    const { call, tick, bindOffline } = setup()
    await bindOffline('ONCRMDEALADD')
    const ids: number[] = []
    for (let i = 0; i < 1000; i++) {
      ids.push(await call<number>('crm.deal.add', { fields: { TITLE: `D${i}` } }))
      tick(1)
    }
    const seen: number[] = []
    for (let page = 0; page < 25; page++) {
      const got = await call<{ process_id: string; events: OfflineEvent[] }>('event.offline.get', { clear: 0 })
      if (got.events.length === 0) break
      expect(got.events.length).toBeLessThanOrEqual(50)
      seen.push(...got.events.map((e) => e.EVENT_DATA.FIELDS.ID))
      await call('event.offline.clear', { process_id: got.process_id })
    }
    expect(seen).toEqual(ids)
    expect(await call('event.offline.list')).toEqual([])
  })
})
