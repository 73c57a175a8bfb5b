// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Caller } from '../auth/authenticate'
import type { MethodTable, UserRow } from '../core/types'
import { seedPeople } from '../demo/people'
import { MemoryStore } from '../store/memory-store'
import { CallCounter, isWriteMethod } from './call-counter'
import { Faults } from './faults'
import { RestInvoker } from './invoke'
import { OperatingTime, defaultLimits } from './limits'

describe('isWriteMethod', () => {
  it('reads are .get/.list/.fields and the read-only system methods; everything else writes', () => {
    for (const read of ['crm.deal.get', 'crm.deal.list', 'crm.item.fields', 'app.option.get', 'crm.deal.contact.items.get', 'user.current', 'user.admin', 'server.time', 'app.info', 'profile', 'scope']) {
      expect(isWriteMethod(read), read).toBe(false)
    }
    for (const write of ['crm.deal.update', 'tasks.task.complete', 'im.notify.system.add', 'app.option.set', 'crm.deal.contact.items.set', 'event.bind', 'event.offline.get', 'CRM.TIMELINE.COMMENT.ADD']) {
      expect(isWriteMethod(write), write).toBe(true)
    }
  })
})

describe('CallCounter fed by the invoker', () => {
  const methods: MethodTable = {
    'crm.thing.get': { scope: 'crm', handler: () => 1 },
    // A write that reads through the portal's own sub-call: only the outside call counts.
    'crm.thing.update': { scope: 'crm', handler: async (ctx) => ctx.call('crm.thing.get', {}) },
  }

  function setup() {
    const store = new MemoryStore()
    seedPeople(store)
    const counter = new CallCounter()
    const invoker = new RestInvoker({
      store, methods, operating: new OperatingTime(), faults: new Faults(),
      limits: () => defaultLimits, nowMs: () => 0, origin: 'http://localhost:4000', log: () => {},
      countCall: (method, source) => counter.count(method, source),
      countRequest: (source) => counter.request(source),
    })
    const caller: Caller = { user: store.table<UserRow>('users').get(1)!, auth: { type: 'webhook', userId: 1 }, clientKey: 'hook:1', scopes: null }
    return { counter, invoker, caller }
  }

  it('counts top-level calls and each batch command, refused ones too, not a method’s own sub-calls', async () => {
    const { counter, invoker, caller } = setup()
    await invoker.invoke(caller, 'crm.thing.get', {})
    await invoker.invoke(caller, 'crm.thing.update', {})
    await invoker.invoke(caller, 'batch', { cmd: { a: 'crm.thing.get', b: 'crm.thing.update', c: 'crm.missing.add' } })
    const byMethod = { batch: 1, 'crm.missing.add': 1, 'crm.thing.get': 2, 'crm.thing.update': 2 }
    expect(counter.snapshot()).toEqual({ byMethod, writes: 3, reads: 2, requests: { 'hook:1': 3 }, bySource: { 'hook:1': byMethod } })
    counter.reset()
    expect(counter.snapshot()).toEqual({ byMethod: {}, writes: 0, reads: 0, requests: {}, bySource: {} })
  })

  it('counts HTTP requests and calls by auth source: a batch is one request of its caller', async () => {
    const { counter, invoker, caller } = setup()
    const app: Caller = { ...caller, auth: { type: 'oauth', appId: 'app', accessToken: 't' }, clientKey: 'app:app' }
    await invoker.invoke(app, 'batch', { cmd: { a: 'crm.thing.get', b: 'crm.thing.update' } })
    await invoker.invoke(app, 'crm.thing.update', {})
    await invoker.invoke(caller, 'crm.thing.update', {})
    const counts = counter.snapshot()
    expect(counts.requests).toEqual({ 'app:app': 2, 'hook:1': 1 })
    expect(counts.bySource).toEqual({ 'app:app': { batch: 1, 'crm.thing.get': 1, 'crm.thing.update': 2 }, 'hook:1': { 'crm.thing.update': 1 } })
  })
})
