import type { IssuedTokens, PlacementRow, SandboxApp, UserRow } from '../core/types'
import { seedDemo } from '../demo/seed'
import { newApplicationToken, seedPeople } from '../demo/people'
import type { FaultRule } from '../rest/faults'
import type { LimitSettings } from '../rest/limits'
import type { RestStats } from '../rest/router'
import type { CallCounts } from '../rest/call-counter'
import { readApp } from '../rest/methods/system/app-state'
import type { SandboxState } from './state'

export interface SandboxStateReport {
  counts: Record<string, number>
  limits: LimitSettings
  faults: FaultRule[]
  clockOffsetMs: number
  now: string
  tokenTtlSeconds: number
  /** Whether placement.bind and event.bind accept local handler URLs (SANDBOX_ALLOW_LOCAL_HANDLERS). */
  allowLocalHandlers: boolean
  app: SandboxApp
  /** REST requests served and refused by the rate limit since the start. */
  stats: RestStats
  /** REST calls by method (batch commands one by one) since the last `resetCalls`, writes and reads apart. */
  calls: CallCounts
}

/** Sandbox-only operations: the control API (`/sandbox-api/<op>`) and `RunningSandbox.control`. */
export interface SandboxControl {
  limits(patch?: Partial<LimitSettings>): LimitSettings
  /** Adds a rule: the next `count` calls of `method` fail with `status`/`code` and/or hang `delayMs`. */
  faults(rule: Partial<FaultRule> & { method: string }): FaultRule[]
  clearFaults(): void
  clock(offsetMs: number): { offsetMs: number; now: string }
  tokenTtl(seconds: number): { seconds: number }
  /** Wipes the store and reseeds the demo data. */
  reset(): Promise<SandboxStateReport>
  /** Adds `deals` generated deals (the CRM helper's generator). */
  generate(deals: number): Promise<{ deals: number }>
  state(): SandboxStateReport
  /** Starts the REST call counts (`state().calls`) from zero. */
  resetCalls(): CallCounts
  /** An access/refresh pair for a user in the app's context (what a placement frame gets). */
  issueTokens(userId: number): IssuedTokens
  /** Marks the app installed or not (as `installFinish` does). */
  setInstalled(installed: boolean): SandboxApp
  /**
   * Invalidates the app's issued tokens, access and refresh: every one (the app removed and installed
   * again: a new application_token too), or only `userId`'s. REST then answers 401 invalid_token and
   * `/oauth/token/` invalid_grant.
   */
  revoke(userId?: number): { revoked: number; reinstalled: boolean }
  /** Runs `work` as one task of the sandbox's serial queue (between REST requests, never inside one). */
  exclusive<T>(work: () => T | Promise<T>): Promise<T>
}

/**
 * Points the app at `appUrl`: its handler URL and every placement handler that was bound
 * on the app's previous origin (the app port may differ between runs).
 */
export function ensureAppUrl(state: SandboxState, appUrl: string): void {
  const app = readApp(state.store)
  if (app.handlerUrl === appUrl) return
  const oldOrigin = app.handlerUrl ? safeOrigin(app.handlerUrl) : undefined
  const newOrigin = safeOrigin(appUrl)
  state.store.setValue('app', { ...app, handlerUrl: appUrl })
  if (!oldOrigin || !newOrigin || oldOrigin === newOrigin) return
  const placements = state.store.table<PlacementRow>('placements')
  for (const row of [...placements.rows()]) {
    if (row.handler.startsWith(oldOrigin)) placements.update(row.ID, { handler: newOrigin + row.handler.slice(oldOrigin.length) })
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/** Seeds an empty store: the demo (people + CRM) or people and the app only. */
export function seedIfEmpty(state: SandboxState, demo: boolean): boolean {
  if (state.store.table<UserRow>('users').size || state.store.getValue('app')) return false
  if (demo) seedDemo(state.store, new Date(state.nowMs()))
  else seedPeople(state.store)
  return true
}

export function createControl(state: SandboxState, appUrl: () => string): SandboxControl {
  const control: SandboxControl = {
    limits(patch = {}) {
      const limits = state.limits
      if (patch.enabled !== undefined) limits.enabled = Boolean(patch.enabled)
      if (patch.burst !== undefined && Number(patch.burst) > 0) limits.burst = Number(patch.burst)
      if (patch.drainRate !== undefined && Number(patch.drainRate) > 0) limits.drainRate = Number(patch.drainRate)
      if (patch.operatingLimitSeconds !== undefined && Number(patch.operatingLimitSeconds) >= 0) {
        limits.operatingLimitSeconds = Number(patch.operatingLimitSeconds)
      }
      // New settings start from a clean slate, so a test sees exactly what it configured.
      state.bucket.reset()
      state.operating.reset()
      return { ...limits }
    },
    faults(rule) {
      state.faults.add(rule)
      return state.faults.list()
    },
    clearFaults() {
      state.faults.clear()
    },
    clock(offsetMs) {
      state.clockOffsetMs = Number(offsetMs) || 0
      return { offsetMs: state.clockOffsetMs, now: new Date(state.nowMs()).toISOString() }
    },
    tokenTtl(seconds) {
      if (Number(seconds) > 0) state.tokenTtlSeconds = Math.floor(Number(seconds))
      return { seconds: state.tokenTtlSeconds }
    },
    async reset() {
      // The app's registration survives a reset: a runner configured with its secret keeps working.
      const { clientSecret } = readApp(state.store)
      state.store.clear()
      seedDemo(state.store, new Date(state.nowMs()))
      state.store.setValue('app', { ...readApp(state.store), clientSecret })
      ensureAppUrl(state, appUrl())
      state.bucket.reset()
      state.operating.reset()
      state.faults.clear()
      await state.store.commit()
      return control.state()
    },
    async generate(deals) {
      const count = Math.max(0, Math.floor(Number(deals) || 0))
      // The CRM helper's generator; loaded only when asked for (it is big and optional).
      const moduleUrl = new URL('../demo/generate.ts', import.meta.url).href
      const generator = (await import(/* @vite-ignore */ moduleUrl)) as {
        generateDeals: (store: typeof state.store, count: number, options: { now: Date }) => unknown
      }
      // Dated on the sandbox clock, like every other write.
      await generator.generateDeals(state.store, count, { now: new Date(state.nowMs()) })
      await state.store.commit()
      return { deals: count }
    },
    state() {
      const counts: Record<string, number> = {}
      for (const name of state.store.tableNames()) counts[name] = state.store.table(name).size
      return {
        counts,
        limits: { ...state.limits },
        faults: state.faults.list(),
        clockOffsetMs: state.clockOffsetMs,
        now: new Date(state.nowMs()).toISOString(),
        tokenTtlSeconds: state.tokenTtlSeconds,
        allowLocalHandlers: state.allowLocalHandlers,
        app: readApp(state.store),
        stats: { ...state.stats },
        calls: state.calls.snapshot(),
      }
    },
    resetCalls() {
      state.calls.reset()
      return state.calls.snapshot()
    },
    issueTokens(userId) {
      const app = readApp(state.store)
      if (!state.store.table<UserRow>('users').get(userId)) throw new Error(`no user ${userId}`)
      const tokens = state.tokens.issue(userId, app.clientId)
      state.commitSoon()
      return tokens
    },
    exclusive(work) {
      return state.serial.run(work)
    },
    revoke(userId) {
      const app = readApp(state.store)
      const whole = userId === undefined
      if (!whole && !state.store.table<UserRow>('users').get(userId)) throw new Error(`no user ${userId}`)
      const revoked = state.tokens.revoke(app.clientId, userId)
      if (whole) state.store.setValue('app', { ...app, applicationToken: newApplicationToken() })
      state.commitSoon()
      return { revoked, reinstalled: whole }
    },
    setInstalled(installed) {
      const app = { ...readApp(state.store), installed }
      state.store.setValue('app', app)
      state.commitSoon()
      return app
    },
  }
  return control
}
