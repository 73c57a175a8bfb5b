import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { B24Hook } from '@bitrix24/b24jssdk'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRunner } from '../../runner/main'
import { PEOPLE } from '../../sandbox/demo/people'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { parseDealAutomation, type DealAutomation } from '../../src/b24/runner-client'
import { formatWhen } from '../../widgets/next-steps/automation-view'
import { appSecret } from '../integration/helpers/app-client'
import { APP_ORIGIN, connectRunner, runnerEnv } from '../integration/helpers/runner-harness'
import { startAppSession, type AppSession } from './helpers/app-session'

// «Автоматизация» on «Следующий шаг» (issue 13) against a real runner beside the sandbox portal:
// the tab shows what the runner reports for the deal (GET /deals/<id>/next), asked from the
// browser at the app option `runnerUrl`; with the runner gone it says automation is not connected.

const DEAL = DEMO_DEALS.goodsNew

let session: AppSession
let runner: Awaited<ReturnType<typeof startRunner>> | undefined
let dataDir: string
let runnerUrl: string

/** What the runner itself answers for the deal. */
async function reported(): Promise<DealAutomation> {
  const response = await fetch(`${runnerUrl}/deals/${DEAL}/next`)
  return parseDealAutomation(await response.json())
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await read()
    if (ok(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${what}: not within 30 s`)
}

async function openAutomation(state: string): Promise<Frame> {
  const frame = await session.openTab('deal', DEAL, 'Следующий шаг')
  await frame.locator(`[data-testid=automation][data-state=${state}]`).waitFor({ timeout: 30_000 })
  return frame
}

const textOf = async (frame: Frame, testId: string) => ((await frame.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim()

beforeAll(async () => {
  // No rate limits: the runner reads the queue as the admin and would share the test's bucket.
  session = await startAppSession({ adminId: PEOPLE.admin, limits: false })
  dataDir = mkdtempSync(path.join(tmpdir(), 'runner-e2e-'))
  // The runner answers the app's own origin (the frame asks it from there) besides the harness's.
  const env = { ...runnerEnv({ origin: session.sandbox.origin }, dataDir, await appSecret(session.sandbox.origin)), RUNNER_APP_ORIGINS: `${APP_ORIGIN},${session.appOrigin}` }
  runner = await startRunner(env)
  await connectRunner(session.sandbox.origin, runner.port)
  runnerUrl = `http://localhost:${runner.port}`
  // The e2e build has no runner address of its own: the option the install would have stored.
  await session.restAs(PEOPLE.admin, 'app.option.set', { options: { runnerUrl } })
})

afterAll(async () => {
  await runner?.stop().catch(() => undefined)
  await session?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('«Автоматизация» on «Следующий шаг»', () => {
  it('connected: the runner’s next action with its time and what it did, as the runner reports them', async () => {
    const manager = B24Hook.fromWebhookUrl(session.sandbox.webhookUrl(PEOPLE.manager))
    const deal = await session.restAs<{ CATEGORY_ID: string }>(PEOPLE.admin, 'crm.deal.get', { id: DEAL })
    const stages = await session.restAs<{ STATUS_ID: string; NAME: string }[]>(PEOPLE.admin, 'crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${deal.CATEGORY_ID}` } })
    const express = stages.find((stage) => stage.NAME === 'Экспресс-идентификация')!.STATUS_ID
    const moved = await manager.actions.v2.call.make({ method: 'crm.deal.update', params: { id: DEAL, fields: { STAGE_ID: express } } })
    expect(moved.isSuccess).toBe(true)

    // The runner takes the move from the portal's queue, acts on its own and plans its next action.
    const report = await eventually(reported, (value) => value.done.length > 0 && value.nextWhat !== null, 'the runner acted on the deal')
    expect(report.connection).toBe('connected')

    await session.actAs(PEOPLE.manager)
    const frame = await openAutomation('connected')
    // The runner may look again (its own task raised an event), but plans the same: the tab shows that.
    const plan = ({ next, nextWhat, done }: DealAutomation) => ({ next, nextWhat, done })
    expect(plan(await reported())).toEqual(plan(report))
    expect(await textOf(frame, 'automation-next')).toBe(`Дальше: ${report.nextWhat!.ru} — ${formatWhen(report.next!, 'ru')}`)
    const done = await frame.getByTestId('automation-done').locator('li').allTextContents()
    expect(done.length).toBeGreaterThan(0)
    const latest = [...report.done].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0]!
    expect(done[0]!.replace(/\s+/g, ' ').trim()).toBe(`${formatWhen(latest.at, 'ru')} — ${latest.title.ru}`)
    expect(await frame.getByTestId('automation-off').count()).toBe(0)
    // Asking the runner is not a portal request: the tab still opens with one.
    expect(await frame.evaluate(() => window.__b24Requests?.byScreen['next-steps'])).toBe(1)
  })

  it('the runner stopped: the tab says automation is not connected and its buttons still work', async () => {
    await runner!.stop()
    runner = undefined
    const frame = await openAutomation('not-connected')
    expect(await textOf(frame, 'automation-off')).toContain('Автоматизация не подключена: переходы, напоминания и уведомления не выполняются сами. Кнопки вкладки работают.')
    expect(await frame.getByTestId('refresh').isEnabled()).toBe(true)
  })

  it('logged no errors in the page or its frames, apart from the stopped runner’s refused fetch', () => {
    expect(session.errors.filter((error) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(error))).toEqual([])
  })
})
