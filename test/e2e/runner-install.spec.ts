import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RUNNER_EVENTS } from '../../src/domain/install/runner-events'
import { startRunner } from '../../runner/main'
import { eventually } from '../integration/helpers/runner-harness'
import { startAppSession, type AppSession } from './helpers/app-session'

// The admin installs the built app through its install screen in Chromium; the screen hands the
// frame's auth to the runner (POST /connect, b24jssdk B24Frame.auth.getAuthData()), and the install
// binds the runner's offline events (b24restdocs api-reference/events/event-get.md, event-bind.md).
// The runner runs in-process; its address reaches the app as the app option `runnerUrl`.

let session: AppSession
let runner: Awaited<ReturnType<typeof startRunner>> | undefined
let runnerUrl: string
const dataDir = mkdtempSync(path.join(tmpdir(), 'runner-install-'))

async function runnerStatus(): Promise<{ connection: { state: string; userId?: number } }> {
  return (await (await fetch(`${runnerUrl}/status`)).json()) as { connection: { state: string; userId?: number } }
}

beforeAll(async () => {
  // A runner that is down is a refused connection in the page's console: expected by the last test.
  session = await startAppSession({ install: false, limits: false, ignoreErrors: [/ERR_CONNECTION_REFUSED/] })
  const app = session.sandbox.control.state().app
  runner = await startRunner({
    RUNNER_PORT: '0',
    RUNNER_DATA: dataDir,
    RUNNER_CLIENT_ID: app.clientId,
    RUNNER_CLIENT_SECRET: app.clientSecret,
    RUNNER_OAUTH_SERVER: `${session.sandbox.origin}/rest/`,
    RUNNER_APP_ORIGINS: new URL(session.sandbox.appUrl).origin,
    RUNNER_POLL_MS: '200',
  })
  runnerUrl = `http://localhost:${runner.port}`
  // What a build with VITE_RUNNER_URL would store at install; the install never overwrites it.
  await session.rest('app.option.set', { options: { runnerUrl } })
}, 60_000)

afterAll(async () => {
  await runner?.stop().catch(() => undefined)
  await session?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('installing the app connects the runner (Chromium)', () => {
  it('the runner is not connected before the install', async () => {
    expect((await runnerStatus()).connection.state).toBe('none')
  })

  it('the admin installs: the runner reports connected as the admin, and its offline events are bound', async () => {
    await session.install()
    const status = await eventually(runnerStatus, (value) => value.connection.state === 'connected')
    expect(status.connection).toMatchObject({ state: 'connected', userId: session.adminId })

    const bound = await session.rest<{ event: string; offline?: unknown }[]>('event.get')
    const offline = bound.filter((row) => Number(row.offline) === 1).map((row) => row.event.toUpperCase())
    for (const event of RUNNER_EVENTS) expect(offline, event).toContain(event)
    // Each bound once: a repeated install plans only what event.get lacks.
    expect(new Set(offline).size).toBe(offline.length)
  })

  it('the runner reads the portal by itself: a manager\'s new deal is looked at by it', async () => {
    // A «Товары» deal (demo pipeline 1) on «Не обработан»: the playbook has nothing to do there, but the runner's turn records its look.
    const dealId = await session.restAs<number>(3, 'crm.deal.add', { fields: { TITLE: 'Раннер после установки', CATEGORY_ID: 1, STAGE_ID: 'C1:NEW', ASSIGNED_BY_ID: 3 } })
    const automation = async () => (await (await fetch(`http://localhost:${runner!.port}/deals/${dealId}/next`)).json()) as { connection: string; lastRunAt: string | null }
    const seen = await eventually(automation, (value) => value.lastRunAt !== null)
    expect(seen).toMatchObject({ connection: 'connected' })
    expect(seen.lastRunAt).not.toBeNull()
  })

  it('the app page says the automation is connected', async () => {
    const frame = await session.openAppPage()
    const state = frame.locator('[data-testid=runner-state]')
    await state.and(frame.locator('[data-state=connected]')).waitFor({ timeout: 30_000 })
    expect(await state.textContent()).toContain('Автоматизация подключена')
  })

  it('installing again with the runner down still finishes, and the app page says it is not connected', async () => {
    await runner!.stop()
    runner = undefined
    session.sandbox.control.setInstalled(false)
    await session.install()
    expect(session.sandbox.control.state().app.installed).toBe(true)

    const frame = await session.openAppPage()
    const state = frame.locator('[data-testid=runner-state]')
    await state.and(frame.locator('[data-state=unreachable]')).waitFor({ timeout: 30_000 })
    expect(await state.textContent()).toContain('не подключена')
    expect(session.errors).toEqual([])
  })
})
