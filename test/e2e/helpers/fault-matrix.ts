import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Frame } from 'playwright-core'
import type { FaultRule } from '../../../sandbox/rest/faults'
import type { AppSession } from './app-session'

/*
 * The fault matrix of issue «Writes that never lie»: every write a user makes × the six
 * faults the portal can throw at it. A cell injects one fault through the sandbox's control,
 * lets the user do the write in the browser, and then reads the portal back through REST.
 * Each cell's outcome is also appended to FAULT_MATRIX_OUT (when set) as a JSON line, so the
 * table in the closing note comes from a run, not from memory.
 */

export const FAULT_KINDS = ['503', '429', '500', 'lost', 'expired', 'hang'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export const FAULT_TITLES: Record<FaultKind, string> = {
  '503': '503 QUERY_LIMIT_EXCEEDED',
  '429': '429 OPERATION_TIME_LIMIT',
  '500': '500 before the write',
  lost: 'reply lost after the write',
  expired: 'expired token',
  hang: '5 s hang',
}

/**
 * The sandbox rule of one fault for the next call of `method` (the write's own REST method,
 * inside the plan's batch). The expired token hits the next request as a whole (401
 * expired_token): the portal refuses a request, not a command.
 */
export function faultRule(kind: FaultKind, method: string): FaultRule {
  switch (kind) {
    case '503':
      return { method, count: 1, status: 503, code: 'QUERY_LIMIT_EXCEEDED', description: 'Too many requests' }
    case '429':
      return { method, count: 1, status: 429, code: 'OPERATION_TIME_LIMIT', description: 'Method is blocked due to operation time limit.' }
    case '500':
      return { method, count: 1, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' }
    case 'lost':
      return { method, count: 1, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error', after: true }
    case 'expired':
      return { method: 'batch', count: 1, status: 401, code: 'expired_token', description: 'The access token provided has expired.' }
    case 'hang':
      return { method, count: 1, delayMs: 5_000 }
  }
}

/** Arms one fault for a tab's write; the SDK answers an expired token by asking the portal page for fresh tokens (refreshAuth). */
export function injectFault(session: AppSession, kind: FaultKind, method: string): void {
  session.sandbox.control.faults(faultRule(kind, method))
}

export interface CellOutcome {
  write: string
  fault: FaultKind
  /** Typed values missing from the portal after the cell. */
  lost: number
  /** Records made more than once. */
  doubled: number
  /** «Сохранено» (or the write's success text) shown while the portal does not hold the write. */
  falseSaved: boolean
  /** The card contradicts itself (e.g. a comment about a status change that did not happen). */
  inconsistent: boolean
  /** The user saw the outcome: success text, or the unfinished-write panel. */
  told: boolean
  seconds: number
}

export function recordCell(outcome: CellOutcome): void {
  const out = process.env.FAULT_MATRIX_OUT
  if (!out) return
  mkdirSync(dirname(out), { recursive: true })
  appendFileSync(out, `${JSON.stringify(outcome)}\n`)
}

export type Seen = 'done' | 'incomplete' | 'error' | null

/**
 * The app's own pause in a write skipped, once the user has been shown it: while «Портал занят,
 * повтор через N с» (or «нет ответа, повтор через N с») is on screen, the page's clock jumps N s, so
 * the retry goes out at once instead of after the app's 2 s (limits) or 1 s (no reply). The session
 * must run on Playwright's clock (startAppSession `fakeClock`); time flows there as usual otherwise.
 * Returns the milliseconds skipped: a cell adds them to its seconds, the time a user would wait.
 */
export async function skipPlanWait(frame: Frame, scope = ''): Promise<number> {
  const wait = frame.locator(`${scope} [data-testid="plan-wait"]`.trim()).first()
  if (!(await wait.isVisible())) return 0
  const seconds = Number(/(\d+)/.exec((await wait.textContent().catch(() => null)) ?? '')?.[1] ?? 0)
  if (!(seconds > 0)) return 0
  await frame.page().clock.fastForward(seconds * 1000)
  // The retry is due now: the notice goes (it would show the same pause again until the next render).
  await wait.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {})
  return seconds * 1000
}

/** Milliseconds of the app's pauses a cell skipped (skipPlanWait), to add to its seconds. */
export interface Skipped {
  ms: number
}

/**
 * What the user was shown first: the success text, the «Не завершено» panel (not while running), a
 * failure text; null if none in time. With `skipped`, the app's pauses are skipped on the page's clock
 * (skipPlanWait) and counted there.
 */
export async function writeOutcome(frame: Frame, testIds: { done: string; plans: string; error: string[] }, timeoutMs = 60_000, skipped?: Skipped): Promise<Seen> {
  const done = frame.locator(`[data-testid="${testIds.done}"]`)
  const incomplete = frame.locator(`[data-testid="${testIds.plans}"] [data-testid="plan-incomplete"]`)
  const running = frame.locator(`[data-testid="${testIds.plans}"] [data-testid="plan-running"]`)
  const failed = testIds.error.map((id) => frame.locator(`[data-testid="${id}"]`))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await done.isVisible()) return 'done'
    if (skipped) skipped.ms += await skipPlanWait(frame, `[data-testid="${testIds.plans}"]`)
    if ((await incomplete.count()) > 0 && !(await running.isVisible())) return 'incomplete'
    for (const locator of failed) if (await locator.isVisible()) return 'error'
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return null
}
