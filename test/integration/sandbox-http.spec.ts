import { beforeAll, describe, expect, it } from 'vitest'
import type { SandboxApp } from '../../sandbox/core/types'
import { control, rest, startTestSandbox } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The REST protocol of the sandbox as a raw client sees it: auth, envelopes, errors, limits, faults.
const sandbox = useTestSandbox({ limits: true })
let admin: string
let manager: string

beforeAll(async () => {
  admin = (await control(sandbox.origin, 'tokens', { userId: 1 })).AUTH_ID
  manager = (await control(sandbox.origin, 'tokens', { userId: 3 })).AUTH_ID
})

describe('transport', () => {
  it('answers the CORS preflight for any origin', async () => {
    const response = await fetch(`${sandbox.origin}/rest/user.current`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/content-type/i)
  })

  it('reads auth from a JSON body, a PHP-style form body and the query; `.json` suffix and any case work', async () => {
    const json = await rest(sandbox.origin, 'user.current', { auth: manager })
    // b24restdocs `settings/how-to-call-rest-api/general-principles.md`: `{result, time}`.
    expect(json.status).toBe(200)
    expect(json.body.result.ID).toBe('3')
    expect(Object.keys(json.body.time).sort()).toEqual(
      ['date_finish', 'date_start', 'duration', 'finish', 'operating', 'operating_reset_at', 'processing', 'start'],
    )
    const form = await fetch(`${sandbox.origin}/rest/User.Get.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `auth=${manager}&FILTER[%40ID][]=2&FILTER[%40ID][]=4`,
    })
    expect(((await form.json()) as any).result.map((u: any) => u.ID)).toEqual(['2', '4'])
    const query = await fetch(`${sandbox.origin}/rest/profile?auth=${manager}`)
    expect(((await query.json()) as any).result).toMatchObject({ ID: '3', ADMIN: false })
  })

  it('answers REST 3.0 paths as an unknown v3 method', async () => {
    const response = await fetch(`${sandbox.origin}/rest/api/tasks.task.get`, { method: 'POST', body: '{}' })
    const body = (await response.json()) as any
    expect(body.error.code).toBe('BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION')
  })

  it('never echoes a webhook secret in a REST 3.0 error', async () => {
    // b24restdocs api-reference/tasks/tasks-task-access-get.md: /rest/api/{user_id}/{webhook_token}/{method}.
    const secret = new URL(sandbox.webhookUrl(3)).pathname.split('/')[3]!
    for (const path of [`api/3/${secret}/tasks.task.get`, `api/3/${secret}/`, `api/x3/${secret}/tasks.task.get`, `api/${secret}`]) {
      const response = await fetch(`${sandbox.origin}/rest/${path}`, { method: 'POST', body: '{}' })
      const text = await response.text()
      expect(text, path).not.toContain(secret)
      expect(JSON.parse(text).error.code).toBe('BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION')
    }
    const named = (await (await fetch(`${sandbox.origin}/rest/api/3/${secret}/tasks.task.get`, { method: 'POST', body: '{}' })).json()) as any
    expect(named.error.message).toBe("Method 'tasks.task.get' not found")
  })
})

// Codes: b24restdocs `_includes/system-errors.md`.
describe('authentication', () => {
  it('refuses missing, unknown and wrong credentials with the portal codes', async () => {
    expect(await rest(sandbox.origin, 'user.current')).toMatchObject({ status: 401, body: { error: 'NO_AUTH_FOUND' } })
    expect(await rest(sandbox.origin, 'user.current', { auth: 'nonsense' })).toMatchObject({ status: 401, body: { error: 'invalid_token' } })
    const wrongHook = await fetch(`${sandbox.origin}/rest/1/wrongsecret/user.current`)
    expect(wrongHook.status).toBe(401)
    expect(((await wrongHook.json()) as any).error).toBe('INVALID_CREDENTIALS')
  })

  it('tokens expire on the sandbox clock and a refresh token renews them', async () => {
    const pair = await control(sandbox.origin, 'tokens', { userId: 4 })
    expect((await rest(sandbox.origin, 'profile', { auth: pair.AUTH_ID })).status).toBe(200)
    await control(sandbox.origin, 'clock', { offsetMs: (pair.AUTH_EXPIRES + 1) * 1000 })
    try {
      expect(await rest(sandbox.origin, 'profile', { auth: pair.AUTH_ID })).toMatchObject({ status: 401, body: { error: 'expired_token' } })
      const renewed = sandbox.services.refreshTokens(pair.REFRESH_ID)!
      expect((await rest(sandbox.origin, 'profile', { auth: renewed.AUTH_ID })).body.result.ID).toBe('4')
      expect(sandbox.services.refreshTokens(pair.REFRESH_ID)).toBeNull()
    } finally {
      await control(sandbox.origin, 'clock', { offsetMs: 0 })
    }
  })

  it('checks the app’s scopes', async () => {
    const app = sandbox.store.getValue<SandboxApp>('app')!
    sandbox.store.setValue('app', { ...app, scope: ['basic'] })
    try {
      expect(await rest(sandbox.origin, 'user.current', { auth: manager })).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } })
      expect((await rest(sandbox.origin, 'profile', { auth: manager })).status).toBe(200)
    } finally {
      sandbox.store.setValue('app', app)
    }
  })
})

describe('rights and app context', () => {
  it('app.option.set is for admins in the app context; everyone reads', async () => {
    // b24restdocs `api-reference/common/settings/app-option-set.md`, `app-option-get.md`
    expect(await rest(sandbox.origin, 'app.option.set', { auth: manager, options: { mode: 'x' } })).toMatchObject({
      status: 403,
      body: { error: 'ACCESS_DENIED', error_description: 'Access denied! Administrator authorization required' },
    })
    expect((await rest(sandbox.origin, 'app.option.set', { auth: admin, options: { mode: 'strict', n: 2 } })).body.result).toBe(true)
    expect((await rest(sandbox.origin, 'app.option.get', { auth: manager })).body.result).toEqual({ mode: 'strict', n: 2 })
    expect((await rest(sandbox.origin, 'app.option.get', { auth: manager, option: 'n' })).body.result).toBe(2)
    expect((await rest(sandbox.origin, 'app.option.get', { auth: manager, option: 'none' })).body.result).toBeNull()
  })

  it('placement.bind: webhook → WRONG_AUTH_TYPE, non-admin → ACCESS_DENIED, admin binds once per handler', async () => {
    const hook = await fetch(`${sandbox.adminWebhookUrl.replace(sandbox.httpsOrigin, sandbox.origin)}placement.bind`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: `${sandbox.appUrl}?p=deal` }),
    })
    // b24restdocs `api-reference/widgets/placement-bind.md`, `placement-unbind.md`, `placement-get.md`
    expect(hook.status).toBe(403)
    expect(((await hook.json()) as any).error).toBe('WRONG_AUTH_TYPE')
    const bind = { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: `${sandbox.appUrl}?p=deal`, TITLE: 'Позиции' }
    expect(await rest(sandbox.origin, 'placement.bind', { auth: manager, ...bind })).toMatchObject({ status: 403, body: { error: 'ACCESS_DENIED' } })
    expect((await rest(sandbox.origin, 'placement.bind', { auth: admin, ...bind })).body.result).toBe(true)
    expect((await rest(sandbox.origin, 'placement.bind', { auth: admin, ...bind })).body.result).toBe(true)
    expect(await rest(sandbox.origin, 'placement.bind', { auth: admin, PLACEMENT: 'NO_SUCH_PLACE', HANDLER: bind.HANDLER })).toMatchObject({
      status: 400,
      body: { error: 'ERROR_PLACEMENT_NOT_FOUND' },
    })
    const list = await rest(sandbox.origin, 'placement.get', { auth: admin })
    expect(list.body.result).toEqual([
      { placement: 'CRM_DEAL_DETAIL_TAB', userId: 0, handler: bind.HANDLER, options: [], title: 'Позиции', description: '', langAll: {} },
    ])
    expect((await rest(sandbox.origin, 'placement.unbind', { auth: admin, PLACEMENT: 'CRM_DEAL_DETAIL_TAB' })).body.result).toEqual({ count: 2 })
    expect((await rest(sandbox.origin, 'placement.get', { auth: admin })).body.result).toEqual([])
  })

  it('im.notify.personal.add stores the notification with the caller as its author', async () => {
    // b24restdocs `api-reference/chats/notifications/im-notify-personal-add.md`
    const sent = await rest(sandbox.origin, 'im.notify.personal.add', { auth: manager, USER_ID: 2, MESSAGE: ' Сделка ждёт согласования ' })
    expect(typeof sent.body.result).toBe('number')
    const row = sandbox.store.table('notifications').get(sent.body.result)
    expect(row).toMatchObject({ USER_ID: 2, AUTHOR_ID: 3, TYPE: 'personal', MESSAGE: 'Сделка ждёт согласования' })
    expect(await rest(sandbox.origin, 'im.notify.personal.add', { auth: manager, USER_ID: 2 })).toMatchObject({ status: 400, body: { error: 'MESSAGE_EMPTY' } })
  })
})

describe('batch over HTTP', () => {
  it('refuses more than 50 commands and a nested batch', async () => {
    // b24restdocs `settings/how-to-call-rest-api/batch.md`
    const tooMany = await rest(sandbox.origin, 'batch', { auth: admin, cmd: Array.from({ length: 51 }, () => 'server.time') })
    expect(tooMany).toMatchObject({ status: 400, body: { error: 'ERROR_BATCH_LENGTH_EXCEEDED' } })
    const nested = await rest(sandbox.origin, 'batch', { auth: admin, halt: 0, cmd: { inner: 'batch?cmd[a]=server.time', t: 'server.time' } })
    expect(nested.status).toBe(200)
    expect(nested.body.result.result_error.inner.error).toBe('ERROR_BATCH_METHOD_NOT_ALLOWED')
    expect(typeof nested.body.result.result.t).toBe('string')
  })
})

describe('operating time and faults', () => {
  it('blocks a method over its operating time with 429 until its minute buckets leave the window', async () => {
    await control(sandbox.origin, 'limits', { operatingLimitSeconds: 0 })
    try {
      const first = await rest(sandbox.origin, 'server.time', { auth: manager })
      expect(first.status).toBe(200)
      expect(first.body.time.operating).toBeGreaterThan(0)
      // b24restdocs `limits.md`: only the method over its budget is blocked.
      expect(await rest(sandbox.origin, 'server.time', { auth: manager })).toMatchObject({ status: 429, body: { error: 'OPERATION_TIME_LIMIT' } })
      expect((await rest(sandbox.origin, 'profile', { auth: manager })).status).toBe(200)
      expect(first.body.time.operating_reset_at).toBeGreaterThan(first.body.time.start)
      await control(sandbox.origin, 'clock', { offsetMs: 11 * 60_000 })
      const fresh = await control(sandbox.origin, 'tokens', { userId: 3 })
      expect((await rest(sandbox.origin, 'server.time', { auth: fresh.AUTH_ID })).status).toBe(200)
    } finally {
      await control(sandbox.origin, 'clock', { offsetMs: 0 })
      await control(sandbox.origin, 'limits', { operatingLimitSeconds: 480 })
    }
  })

  it('fails the next N calls of a method as injected, then answers normally', async () => {
    await control(sandbox.origin, 'faults', { method: 'user.current', count: 2, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'boom' })
    await control(sandbox.origin, 'faults', { method: 'profile', count: 1, delayMs: 50 })
    expect(await rest(sandbox.origin, 'user.current', { auth: manager })).toMatchObject({ status: 500, body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'boom' } })
    expect((await rest(sandbox.origin, 'user.current', { auth: manager })).status).toBe(500)
    expect((await rest(sandbox.origin, 'user.current', { auth: manager })).status).toBe(200)
    // A hang ends with the normal answer.
    expect((await rest(sandbox.origin, 'profile', { auth: manager })).body.result.ID).toBe('3')
    expect((await control(sandbox.origin, 'state')).faults).toEqual([])
  })
})

describe('durability', () => {
  it('a restart over the same data keeps tokens, options and webhook secrets', async () => {
    const first = await startTestSandbox()
    const token = (await control(first.origin, 'tokens', { userId: 1 })).AUTH_ID
    expect((await rest(first.origin, 'app.option.set', { auth: token, options: { kept: 'yes' } })).body.result).toBe(true)
    const hook = first.adminWebhookUrl.split('/').slice(-3, -1).join('/')
    await first.close()
    const second = await startTestSandbox({ dataDir: first.dataDir })
    try {
      expect((await rest(second.origin, 'app.option.get', { auth: token, option: 'kept' })).body.result).toBe('yes')
      expect(second.adminWebhookUrl.endsWith(`/rest/${hook}/`)).toBe(true)
    } finally {
      await second.dispose()
    }
  })
})
