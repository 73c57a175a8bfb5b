// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Caller } from '../auth/authenticate'
import type { MethodTable, UserRow } from '../core/types'
import { seedPeople } from '../demo/people'
import { MemoryStore } from '../store/memory-store'
import { Faults } from './faults'
import { RestInvoker } from './invoke'
import { OperatingTime, defaultLimits } from './limits'
import { routePath } from './router'

function setup(methods: MethodTable) {
  const store = new MemoryStore()
  seedPeople(store)
  const logged: string[] = []
  const operating = new OperatingTime()
  const faults = new Faults()
  const now = 1_000_000
  const invoker = new RestInvoker({
    store, methods, operating, faults,
    limits: () => ({ ...defaultLimits, operatingLimitSeconds: 100 }),
    nowMs: () => now,
    origin: 'http://localhost:4000',
    log: (message) => logged.push(message),
  })
  const caller = (userId: number, kind: 'oauth' | 'webhook' = 'oauth', scopes: string[] | null = ['crm', 'placement']): Caller => ({
    user: store.table<UserRow>('users').get(userId)!,
    auth: kind === 'oauth' ? { type: 'oauth', appId: 'app', accessToken: 't' } : { type: 'webhook', userId },
    clientKey: kind === 'oauth' ? 'app:app' : `hook:${userId}`,
    scopes,
  })
  return { invoker, caller, logged, operating, faults, now }
}

const methods: MethodTable = {
  'crm.thing.get': { scope: 'crm', handler: () => ({ ok: 1 }), cost: 30 },
  'task.thing.get': { scope: 'task', handler: () => 1 },
  'placement.thing': { scope: 'placement', appContextOnly: true, adminOnly: true, handler: () => true },
  'crm.broken': { scope: 'crm', handler: () => { throw new TypeError('bug') } },
}

async function codeOf(promise: Promise<{ ok: boolean; error?: { status: number; code: string } }>) {
  const outcome = await promise
  return outcome.ok ? 'ok' : `${outcome.error!.status} ${outcome.error!.code}`
}

// Codes and statuses: b24restdocs `_includes/system-errors.md`, `api-reference/widgets/placement-unbind.md`.
describe('RestInvoker', () => {
  it('finds methods case-insensitively and refuses unknown ones with 404', async () => {
    const { invoker, caller } = setup(methods)
    expect(await codeOf(invoker.invoke(caller(3), 'CRM.Thing.GET', {}))).toBe('ok')
    expect(await codeOf(invoker.invoke(caller(3), 'crm.nothing', {}))).toBe('404 ERROR_METHOD_NOT_FOUND')
  })

  it('checks scope, then app context, then admin', async () => {
    const { invoker, caller } = setup(methods)
    expect(await codeOf(invoker.invoke(caller(3), 'task.thing.get', {}))).toBe('403 insufficient_scope')
    expect(await codeOf(invoker.invoke(caller(3, 'webhook', null), 'task.thing.get', {}))).toBe('ok')
    expect(await codeOf(invoker.invoke(caller(1, 'webhook', null), 'placement.thing', {}))).toBe('403 WRONG_AUTH_TYPE')
    expect(await codeOf(invoker.invoke(caller(3), 'placement.thing', {}))).toBe('403 ACCESS_DENIED')
    expect(await codeOf(invoker.invoke(caller(1), 'placement.thing', {}))).toBe('ok')
  })

  it('turns a handler bug into 500 INTERNAL_SERVER_ERROR and logs it', async () => {
    const { invoker, caller, logged } = setup(methods)
    expect(await codeOf(invoker.invoke(caller(1), 'crm.broken', {}))).toBe('500 INTERNAL_SERVER_ERROR')
    expect(logged).toEqual(['REST crm.broken failed'])
  })

  it('counts a method’s cost per app and reports it in time.operating; over the limit → 429', async () => {
    const { invoker, caller } = setup(methods)
    const first = await invoker.invoke(caller(3), 'crm.thing.get', {})
    expect(first.ok && first.time.operating).toBeGreaterThanOrEqual(30)
    for (let i = 0; i < 3; i++) await invoker.invoke(caller(3), 'crm.thing.get', {})
    expect(await codeOf(invoker.invoke(caller(3), 'crm.thing.get', {}))).toBe('429 OPERATION_TIME_LIMIT')
    // Another account (a webhook) has its own budget.
    expect(await codeOf(invoker.invoke(caller(3, 'webhook', null), 'crm.thing.get', {}))).toBe('ok')
  })

  it('batch sub-calls go through the same checks and count, the outer batch does not', async () => {
    const { invoker, caller, operating, now } = setup(methods)
    const reply = await invoker.invoke(caller(3), 'batch', { cmd: { a: 'crm.thing.get', b: 'task.thing.get', c: 'batch?cmd[x]=crm.thing.get' } })
    expect(reply.ok).toBe(true)
    const body = (reply as { value: any }).value
    expect(Object.keys(body.result)).toEqual(['a'])
    expect(body.result_error.b.error).toBe('insufficient_scope')
    expect(body.result_error.c.error).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED')
    expect(operating.status('app:app:crm.thing.get', now).operating).toBeGreaterThanOrEqual(30)
    expect(operating.status('app:app:batch', now).operating).toBe(0)
  })

  it('applies injected faults to the next calls only', async () => {
    const { invoker, caller, faults } = setup(methods)
    faults.add({ method: 'crm.thing.get', count: 1, status: 503, code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' })
    expect(await codeOf(invoker.invoke(caller(3), 'crm.thing.get', {}))).toBe('503 QUERY_LIMIT_EXCEEDED')
    expect(await codeOf(invoker.invoke(caller(3), 'crm.thing.get', {}))).toBe('ok')
  })

  it('fails after the method ran when the fault says `after` (the write happened, the reply is lost)', async () => {
    let runs = 0
    const { invoker, caller, faults } = setup({ 'crm.thing.add': { scope: 'crm', handler: () => ++runs } })
    faults.add({ method: 'crm.thing.add', status: 500, code: 'INTERNAL_SERVER_ERROR', after: true })
    expect(await codeOf(invoker.invoke(caller(3), 'crm.thing.add', {}))).toBe('500 INTERNAL_SERVER_ERROR')
    expect(runs).toBe(1)
    faults.add({ method: 'crm.thing.add', status: 500 })
    expect(await codeOf(invoker.invoke(caller(3), 'crm.thing.add', {}))).toBe('500 ')
    expect(runs).toBe(1)
  })
})

describe('routePath', () => {
  it('reads the app, webhook and v3 forms', () => {
    expect(routePath('crm.deal.list')).toEqual({ method: 'crm.deal.list', v3: false })
    expect(routePath('user.get.json')).toEqual({ method: 'user.get', v3: false })
    expect(routePath('7/abc123/crm.deal.get.json')).toEqual({ method: 'crm.deal.get', webhook: { userId: 7, secret: 'abc123' }, v3: false })
    expect(routePath('api/tasks.task.get')).toEqual({ method: 'tasks.task.get', v3: true })
    // REST 3.0 webhooks: /rest/api/{user_id}/{webhook_token}/{method} (b24restdocs api-reference/tasks/tasks-task-access-get.md).
    expect(routePath('api/7/abc123/tasks.task.get')).toEqual({ method: 'tasks.task.get', webhook: { userId: 7, secret: 'abc123' }, v3: true })
  })
})
