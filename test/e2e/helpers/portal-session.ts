import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/server/sandbox'
import { trustSandboxCertificate } from '../../integration/helpers/sandbox'
import { collectConsoleErrors, launchBrowser } from './browser'
import { appFrame } from './portal'

export interface PortalSessionOptions {
  /** Sandbox options beyond ports and data dir (demo data, limits, app URL or dir, token TTL). */
  sandbox?: Partial<Omit<SandboxOptions, 'port' | 'httpsPort' | 'dataDir'>>
  /** The portal user the page starts as (cookie `sandbox_user`); absent = the caller picks one with `actAs`. */
  userId?: number
  /** The browser context accepts downloads (file exports). */
  acceptDownloads?: boolean
  /** Console errors matching these are expected by the test and not collected. */
  ignoreErrors?: RegExp[]
}

/** A sandbox on a temp data dir and one Chromium page in it, logged in as a portal user. */
export interface PortalSession {
  sandbox: RunningSandbox
  /** Where the portal opens the app (the sandbox's own app server, or `appUrl`). */
  appOrigin: string
  context: BrowserContext
  page: Page
  /** Console errors and uncaught exceptions of the page and its frames, live. */
  errors: string[]
  /** Switches the portal user of the page (takes effect on the next navigation). */
  actAs(userId: number): Promise<void>
  /** Opens «Приложение» (the app's own page) as the current user; returns the app's frame. */
  openAppPage(): Promise<Frame>
  /** Opens an entity card and the app tab with this title; returns the app's frame. */
  openTab(kind: 'company' | 'lead' | 'deal', id: number, title: string): Promise<Frame>
  close(): Promise<void>
}

export async function startPortalSession(options: PortalSessionOptions): Promise<PortalSession> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-portal-'))
  let sandbox: RunningSandbox | undefined
  let browser: Browser | undefined
  const close = async () => {
    await browser?.close()
    await sandbox?.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    sandbox = await startSandbox({ appPort: 0, demo: true, log: () => {}, ...options.sandbox, port: 0, httpsPort: 0, dataDir })
    // Tests read results back through the SDK's B24Hook over the sandbox's https.
    trustSandboxCertificate(sandbox.caCertPath)
    browser = await launchBrowser()
    const context = await browser.newContext({ acceptDownloads: options.acceptDownloads ?? false })
    const page = await context.newPage()
    const errors = collectConsoleErrors(page, options.ignoreErrors)
    const origin = sandbox.origin
    const appOrigin = new URL(sandbox.appUrl).origin
    const actAs = async (userId: number) => {
      await context.addCookies([{ name: 'sandbox_user', value: String(userId), url: origin }])
    }
    if (options.userId !== undefined) await actAs(options.userId)
    return {
      sandbox,
      appOrigin,
      context,
      page,
      errors,
      actAs,
      async openAppPage() {
        await page.goto(`${origin}/marketplace/app/`)
        return appFrame(page, appOrigin)
      },
      async openTab(kind, id, title) {
        await page.goto(`${origin}/crm/${kind}/details/${id}/`)
        await page.locator('[data-placement-id]', { hasText: title }).click()
        return appFrame(page, appOrigin)
      },
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
