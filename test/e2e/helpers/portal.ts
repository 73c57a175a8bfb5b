import type { Frame, Page } from 'playwright-core'
import type { LogEntry as PortalLogEntry } from '../../../sandbox/portal/client/message-log'

/** One row of the sandbox portal's message log (`window.__portalLog`). */
export type { PortalLogEntry }

/** What the probe app (test/fixtures/probe-app) exposes to tests. */
export interface ProbeInit {
  placement: string
  options: unknown
  isInstallMode: boolean
  isFirstRun: boolean
  isAdmin: boolean
  lang: string
  appSid: string
  targetOrigin: string
  auth: unknown
}

type ProbeResult = Promise<unknown>

declare global {
  interface Window {
    probe: { ready: boolean; error: string | null; init: ProbeInit | null }
    probeApi: {
      call(method: string, params?: Record<string, unknown>): ProbeResult
      batch(calls: unknown): ProbeResult
      list(method: string, params?: Record<string, unknown>, idKey?: string): ProbeResult
      grow(px: number): void
      fitWindow(): ProbeResult
      resize(width: number, height: number): ProbeResult
      setTitle(title: string): ProbeResult
      selectUser(): ProbeResult
      selectUsers(): ProbeResult
      selectCRM(params: unknown): ProbeResult
      getInterface(): ProbeResult
      reloadData(): ProbeResult
      appSet(name: string, value: unknown): ProbeResult
      userSet(name: string, value: unknown): ProbeResult
      openApplication(params: Record<string, unknown>): ProbeResult
      closeApplication(): boolean
      openPath(path: string): ProbeResult
      installFinish(): boolean
      auth(): unknown
      postRaw(text: string): boolean
    }
  }
}

/** The newest visible app frame served from `appOrigin`, optionally inside `scope` (e.g. `.slider`). */
export async function appFrame(page: Page, appOrigin: string, scope = '', timeoutMs = 20_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    // The page may still be navigating (a reload, a user switch): retry until the frame is there.
    const handles = await page.locator(`${scope} iframe.app-iframe:visible`.trim()).elementHandles().catch(() => [])
    for (const handle of handles.reverse()) {
      const frame = await handle.contentFrame().catch(() => null)
      if (frame && frame.url().startsWith(appOrigin)) return frame
    }
    if (Date.now() > deadline) throw new Error(`no app frame from ${appOrigin}`)
    await page.waitForTimeout(100)
  }
}

/** Waits until the probe's `initializeB24Frame()` settles; throws its error if it failed. */
export async function waitForProbe(frame: Frame, timeoutMs = 20_000): Promise<ProbeInit> {
  await frame.waitForFunction(() => window.probe && (window.probe.ready || window.probe.error), undefined, { timeout: timeoutMs })
  const state = await frame.evaluate(() => window.probe)
  if (state.error || !state.init) throw new Error(`probe init failed: ${state.error}`)
  return state.init
}

/** The parent page's message log. */
export function portalLog(page: Page): Promise<PortalLogEntry[]> {
  return page.evaluate(() => window.__portalLog)
}

/**
 * Installs the probe app as an admin would: opens «Приложение» (install mode), lets the app bind
 * the given placements through `placement.bind`, then `installFinish` and waits for the reload.
 * The page's current user must be an admin (cookie `sandbox_user`).
 */
export async function installProbe(page: Page, portalOrigin: string, appOrigin: string, placements: Array<{ PLACEMENT: string; TITLE: string }>): Promise<void> {
  await page.goto(`${portalOrigin}/marketplace/app/`)
  const frame = await appFrame(page, appOrigin)
  const init = await waitForProbe(frame)
  if (!init.isInstallMode) return
  for (const placement of placements) {
    const bound = (await frame.evaluate((p) => window.probeApi.call('placement.bind', p), { ...placement, HANDLER: `${appOrigin}/` })) as { ok: boolean }
    if (!bound.ok) throw new Error(`placement.bind ${placement.PLACEMENT} failed: ${JSON.stringify(bound)}`)
  }
  await Promise.all([page.waitForURL(/install_finished=Y/), frame.evaluate(() => window.probeApi.installFinish())])
}
