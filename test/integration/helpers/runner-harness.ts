import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { SandboxOptions } from '../../../sandbox/server/sandbox'
import { OFFLINE_QUEUE_TABLE } from '../../../sandbox/rest/methods/system/offline-queue'
import { RUNNER_EVENTS } from '../../../runner/events/offline-queue'
import { startRunner } from '../../../runner/main'
import type { KindHandler } from '../../../runner/tick'
import { desiredState, runInstall } from '../../../placements/install'
import { createGateway, frameTransport } from '@/b24/gateway'
import { DEFAULT_DIGEST_SETTINGS, DIGEST_OPTION, serializeDigestSettings, type DigestSettings } from '@/domain/reports/digest'
import { appClient, appSecret, callApp, type IssuedPair } from './app-client'
import { control, startTestSandbox, type TestSandbox } from './sandbox'

/*
 * A sandbox portal with the runner beside it, connected as the admin's install screen
 * connects it: nobody has a tab open. Tests act through users' own tokens (webhooks) and
 * watch what the runner does by itself; `shiftClock` moves the portal's time, which is the
 * runner's time too.
 */

export interface RunnerHarness {
  sandbox: TestSandbox
  runner: Awaited<ReturnType<typeof startRunner>>
  dataDir: string
  /** Starts the runner again on the same store (after `stop` or a kill test). */
  restart(): Promise<void>
  /** Moves the portal's clock `ms` further forward (control API `clock`); the runner follows it. */
  shiftClock(ms: number): Promise<void>
  /** How far the portal's clock is ahead of real time now. */
  clockOffsetMs: number
}

export const APP_ORIGIN = 'http://localhost:4001'

export function runnerEnv(sandbox: Pick<TestSandbox, 'origin'>, dataDir: string, secret: { clientId: string; clientSecret: string }): NodeJS.ProcessEnv {
  return {
    RUNNER_PORT: '0',
    RUNNER_DATA: dataDir,
    RUNNER_CLIENT_ID: secret.clientId,
    RUNNER_CLIENT_SECRET: secret.clientSecret,
    RUNNER_OAUTH_SERVER: `${sandbox.origin}/rest/`,
    RUNNER_APP_ORIGINS: APP_ORIGIN,
    RUNNER_POLL_MS: '100',
  }
}

/** The frame's auth of `userId` as the install screen hands it to POST /connect. */
export async function handedAuth(origin: string, userId: number) {
  const pair = (await control(origin, 'tokens', { userId })) as IssuedPair
  return {
    access_token: pair.AUTH_ID,
    refresh_token: pair.REFRESH_ID,
    expires: Math.floor(Date.now() / 1000) + pair.AUTH_EXPIRES,
    domain: new URL(origin).host,
    member_id: 'sandbox',
    client_endpoint: `${origin}/rest/`,
    user_id: userId,
  }
}

/** Connects a started runner as the admin (user 1) does at install. */
export async function connectRunner(origin: string, port: number): Promise<void> {
  const response = await fetch(`http://localhost:${port}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: APP_ORIGIN },
    body: JSON.stringify(await handedAuth(origin, 1)),
  })
  if (response.status !== 200) throw new Error(`runner /connect: ${response.status} ${await response.text()}`)
}

/**
 * The admin's install as the install screen runs it (placements/install.ts): the app's user
 * fields, its options and the runner's offline events; the placements' handler is a stand-in.
 */
export async function installApp(origin: string): Promise<void> {
  const { b24 } = await appClient(origin, 1)
  const progress = await runInstall({ gateway: createGateway(frameTransport(b24)), desired: desiredState('https://widgets.example.com/') })
  if (progress.phase !== 'done') throw new Error(`install: ${progress.phase} ${progress.error?.description ?? ''}`)
  const bound = await callApp<{ event: string; offline: number }[]>(b24, 'event.get')
  const missing = RUNNER_EVENTS.filter((event) => !bound.some((row) => row.event === event && Number(row.offline) === 1))
  if (missing.length > 0) throw new Error(`install did not bind ${missing.join(', ')}`)
}

/** The digest's settings as the settings page saves them (app option, admin's token). */
export async function setDigest(origin: string, settings: Partial<DigestSettings>): Promise<void> {
  const { b24 } = await appClient(origin, 1)
  await callApp(b24, 'app.option.set', { options: { [DIGEST_OPTION]: serializeDigestSettings({ ...DEFAULT_DIGEST_SETTINGS, ...settings }) } })
}

/**
 * One spec file's sandbox and runner: started in beforeAll (installed, events bound, runner
 * connected), stopped in afterAll. `handlers` defaults to the runner's own.
 */
export function useRunnerHarness(options: { sandbox?: Partial<SandboxOptions>; handlers?: Record<string, KindHandler>; digest?: boolean } = {}): RunnerHarness {
  const harness = {} as RunnerHarness
  let secret: { clientId: string; clientSecret: string }
  beforeAll(async () => {
    harness.sandbox = await startTestSandbox({ limits: false, demo: true, ...options.sandbox })
    harness.dataDir = mkdtempSync(path.join(tmpdir(), 'runner-harness-'))
    await control(harness.sandbox.origin, 'install', { installed: true })
    await installApp(harness.sandbox.origin)
    // The weekly digest (on by default) is off unless the file is about it: a clock moved past
    // its hour would send heads notices (and use an armed fault) in files that test other things.
    if (!options.digest) await setDigest(harness.sandbox.origin, { enabled: false })
    secret = await appSecret(harness.sandbox.origin)
    harness.runner = await startRunner(runnerEnv(harness.sandbox, harness.dataDir, secret), options.handlers)
    await connectRunner(harness.sandbox.origin, harness.runner.port)
    harness.restart = async () => {
      await harness.runner.stop().catch(() => undefined)
      harness.runner = await startRunner(runnerEnv(harness.sandbox, harness.dataDir, secret), options.handlers)
    }
    harness.clockOffsetMs = 0
    harness.shiftClock = async (ms) => {
      harness.clockOffsetMs += ms
      await control(harness.sandbox.origin, 'clock', { offsetMs: harness.clockOffsetMs })
    }
  }, 60_000)
  afterAll(async () => {
    await harness.runner?.stop().catch(() => undefined)
    await harness.sandbox?.dispose()
    if (harness.dataDir) rmSync(harness.dataDir, { recursive: true, force: true })
  })
  return harness
}

/** Polls `read` until `ok` holds or `ms` pass; returns the last value (the test asserts on it). */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > end) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface RunnerQuiet {
  /** Events still in the portal's queue (reserved pages included). */
  queued: number
  /** Jobs due by the portal's clock. */
  due: string[]
  /** The runner's last turn's failure, if any. */
  error: string | null
}

/**
 * Waits until the runner has nothing left to do now: no event queued on the portal and no job
 * due by the portal's clock. Its own writes queue their events at once, so this also waits
 * for the turn that reads them. Returns the state (a test asserts on it, e.g. no error).
 */
export async function runnerQuiet(harness: RunnerHarness, ms = 20_000): Promise<RunnerQuiet> {
  return eventually(
    async () => ({
      queued: harness.sandbox.store.table(OFFLINE_QUEUE_TABLE).size,
      due: harness.runner.store.dueJobs(new Date(Date.now() + harness.clockOffsetMs)).map((job) => job.id),
      error: harness.runner.status().lastError,
    }),
    (state) => state.queued === 0 && state.due.length === 0,
    ms,
  )
}
