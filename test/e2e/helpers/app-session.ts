import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { desiredState, readPortalState, runInstall } from '../../../placements/install'
import { createGateway, frameTransport } from '../../../src/b24/gateway'
import { planInstall, type InstallStep } from '../../../src/domain/install/plan'
import { appClient } from '../../integration/helpers/app-client'
import { startPortalSession, type PortalSession } from './portal-session'

/** The built app the sandbox serves: `dist/`, or E2E_APP_DIR (a build made outside the shared dist/). */
const appDir = process.env.E2E_APP_DIR ?? fileURLToPath(new URL('../../../dist', import.meta.url))

export interface AppSessionOptions {
  /** The admin who installs the app; `rest` calls as this user unless told otherwise. */
  adminId?: number
  /** Sandbox rate limits; off where the test's own REST calls would share the bucket with the app. */
  limits?: boolean
  /**
   * Install the app before the session is handed over (default), through REST as the install
   * screen does it (installRest); off where the test installs it. The install screen itself is
   * tested by shell-install.spec.ts, which checks its end state is the one installRest makes.
   */
  install?: boolean
  /** Console errors the test provokes on purpose (injected faults), not collected. */
  ignoreErrors?: RegExp[]
  acceptDownloads?: boolean
  /**
   * The page's timers and Date on Playwright's clock (installed before the first page opens). Time
   * flows as usual; a test may jump it over the app's own pauses (helpers/fault-matrix.ts skipPlanWait).
   */
  fakeClock?: boolean
  /** The demo's work after the install, as `npm start` has it (sandbox/demo/work.ts): plans and Kosino sale items. */
  demoWork?: boolean
}

/**
 * One sandbox (demo data) serving the built app, and a blank Chromium page whose portal user can be
 * switched; the app installed by the admin unless `install: false`. `rest` calls the sandbox's
 * REST as any user, the way the frame does (POST /rest/<method>, JSON body with auth): tests read
 * results back there.
 */
export interface AppSession extends PortalSession {
  adminId: number
  rest<T>(method: string, params?: Record<string, unknown>, userId?: number): Promise<T>
  restAs<T>(userId: number, method: string, params?: Record<string, unknown>): Promise<T>
  /** Opens «Приложение» as the current user and waits until the app has installed itself and the portal reloaded. */
  install(): Promise<void>
}

export async function startAppSession(options: AppSessionOptions | number = {}): Promise<AppSession> {
  const { adminId = 1, limits = true, install: installFirst = true, acceptDownloads = false, ignoreErrors, fakeClock = false, demoWork = false } =
    typeof options === 'number' ? ({ adminId: options } as AppSessionOptions) : options
  if (!existsSync(join(appDir, 'index.html'))) throw new Error(`${appDir} has no built app: run \`npx vite build\` first (or set E2E_APP_DIR)`)
  const portal = await startPortalSession({ sandbox: { appDir, limits, demoWork }, userId: adminId, acceptDownloads, ignoreErrors })
  const { sandbox, page } = portal

  const restAs = async <T>(userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> => {
    const { AUTH_ID } = sandbox.control.issueTokens(userId)
    const response = await fetch(`${sandbox.origin}/rest/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, auth: AUTH_ID }),
    })
    const body = (await response.json()) as { result: T; error?: string; error_description?: string }
    if (!response.ok || body.error !== undefined) throw new Error(`${method}: ${body.error} ${body.error_description}`)
    return body.result
  }

  const install = async () => {
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    // The app installs by itself, calls installFinish, and the portal reloads with install_finished=Y.
    await page.waitForURL(/install_finished=Y/, { timeout: 90_000 })
  }

  const session: AppSession = {
    ...portal,
    adminId,
    rest: (method, params, userId = adminId) => restAs(userId, method, params),
    restAs,
    install,
  }
  try {
    if (fakeClock) await portal.context.clock.install()
    if (installFirst) await installRest(session)
  } catch (error) {
    await portal.close()
    throw error
  }
  return session
}

/** Enumeration item ID of a user field by its XML_ID (what the app writes), read through REST. */
export async function enumItemId(session: AppSession, entity: 'company' | 'lead', fieldName: string, xmlId: string): Promise<string> {
  const rows = await session.rest<{ LIST?: { ID: string; XML_ID: string }[] }[]>(`crm.${entity}.userfield.list`, { filter: { FIELD_NAME: fieldName } })
  const item = rows[0]?.LIST?.find((entry) => entry.XML_ID === xmlId)
  if (!item) throw new Error(`${fieldName} has no item ${xmlId}`)
  return String(item.ID)
}

/** The install screen's steps left to do on the portal: none once the app is installed (placements/install.ts plans them). */
export async function installStepsLeft(session: AppSession): Promise<InstallStep[]> {
  const { b24 } = await appClient(session.sandbox.origin, session.adminId)
  const gateway = createGateway(frameTransport(b24))
  const desired = desiredState(session.sandbox.appUrl)
  return planInstall(desired, await readPortalState(gateway, desired))
}

/**
 * The admin's install as the install screen runs it (placements/install.ts: placements, user fields,
 * options, offline events, the Kosino pipeline), through REST from here instead of the browser,
 * then `installFinish`'s mark. Seconds cheaper than opening the screen; the e2e build has no
 * runner address, so the screen's runner handover is «not configured» there too.
 */
export async function installRest(session: AppSession): Promise<void> {
  const { b24 } = await appClient(session.sandbox.origin, session.adminId)
  const progress = await runInstall({ gateway: createGateway(frameTransport(b24)), desired: desiredState(session.sandbox.appUrl) })
  if (progress.phase !== 'done') throw new Error(`install through REST: ${progress.phase} ${progress.error?.description ?? ''}`)
  const left = await installStepsLeft(session)
  if (left.length > 0) throw new Error(`install through REST left ${left.length} steps`)
  session.sandbox.control.setInstalled(true)
}
