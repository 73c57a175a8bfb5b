import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { RUNNER_EVENTS } from '../../runner/events/offline-queue'
import { startRunner } from '../../runner/main'
import { appClient, appSecret, callApp, type IssuedPair } from './helpers/app-client'
import { runnerEnv } from './helpers/runner-harness'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The runner process's outside: an admin's install screen hands it the app's token pair, the
// runner checks it with the portal, keeps it, reads the event queue on its own, and says when
// the app's authorization was revoked.
const sandbox = useTestSandbox({ limits: false, demo: true })
const dataDir = mkdtempSync(path.join(tmpdir(), 'runner-connect-'))
let runner: Awaited<ReturnType<typeof startRunner>> | undefined
afterAll(async () => {
  await runner?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const APP_ORIGIN = 'http://localhost:4001'

async function handed(userId: number) {
  const pair = (await control(sandbox.origin, 'tokens', { userId })) as IssuedPair
  return {
    access_token: pair.AUTH_ID,
    refresh_token: pair.REFRESH_ID,
    expires: Math.floor(Date.now() / 1000) + pair.AUTH_EXPIRES,
    domain: new URL(sandbox.origin).host,
    member_id: 'sandbox',
    client_endpoint: `${sandbox.origin}/rest/`,
    user_id: userId,
  }
}

async function post(pathName: string, body: unknown, origin = APP_ORIGIN) {
  const response = await fetch(`http://localhost:${runner!.port}${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) })
  return { status: response.status, body: (await response.json()) as Record<string, any>, cors: response.headers.get('access-control-allow-origin') }
}

async function status() {
  return (await (await fetch(`http://localhost:${runner!.port}/status`)).json()) as Record<string, any>
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > end) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the runner process', () => {
  it('takes the authorization only from an admin, then reads the queue by itself, and says when it was revoked', async () => {
    const handled: number[] = []
    await control(sandbox.origin, 'install', { installed: true })
    const secret = await appSecret(sandbox.origin)
    runner = await startRunner(runnerEnv(sandbox, dataDir, secret), { deal: async (job) => (handled.push(job.subject), null) })
    expect((await status()).connection).toEqual({ state: 'none' })

    // A manager's pair is refused; another origin is refused; the admin's is kept.
    expect((await post('/connect', await handed(3))).status).toBe(403)
    expect((await post('/connect', await handed(1), 'https://evil.example')).status).toBe(403)
    const connected = await post('/connect', await handed(1))
    expect(connected.status).toBe(200)
    expect(connected.cors).toBe(APP_ORIGIN)
    expect(connected.body.connection).toMatchObject({ state: 'connected', memberId: 'sandbox' })
    expect(JSON.stringify(await status())).not.toMatch(/access_token|refresh_token|AUTH_ID/)

    // The install binds the runner's events (the app's install flow, here through the SDK).
    const { b24 } = await appClient(sandbox.origin, 1)
    for (const event of RUNNER_EVENTS) await callApp(b24, 'event.bind', { event, event_type: 'offline' })
    const deal = Number((await webhookRaw(sandbox, 3, 'crm.deal.add', { fields: { TITLE: 'Раннер видит', ASSIGNED_BY_ID: 3 } })).body.result)
    // The runner's own turn hands the deal's job to the deal handler (a stand-in that records it).
    const seen = await until(async () => handled, (subjects) => subjects.includes(deal))
    expect(seen).toContain(deal)

    await control(sandbox.origin, 'revoke', {})
    const revoked = await until(status, (value) => value.connection.state === 'revoked')
    expect(revoked.connection.state).toBe('revoked')
  }, 60_000)
})
