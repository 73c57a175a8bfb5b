import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { startSandbox } from '../../../sandbox/server/sandbox'
import { collectConsoleErrors, launchBrowser } from './browser'
import { appFrame } from './portal'

const distIndex = fileURLToPath(new URL('../../../dist/index.html', import.meta.url))

/**
 * One sandbox (demo data) with the built app installed by the admin, and a Chromium page
 * whose portal user can be switched. `rest` calls the sandbox's REST as any user, the way
 * the frame does (POST /rest/<method>, JSON body with auth): tests read results back there.
 */
export interface AppSession {
  sandbox: Awaited<ReturnType<typeof startSandbox>>
  appOrigin: string
  page: Page
  errors: string[]
  rest<T>(method: string, params?: Record<string, unknown>, userId?: number): Promise<T>
  actAs(userId: number): Promise<void>
  /** Opens an entity card and the app tab with this title; returns the app's frame. */
  openTab(kind: 'company' | 'lead' | 'deal', id: number, title: string): Promise<Frame>
  close(): Promise<void>
}

export async function startAppSession(adminId = 1): Promise<AppSession> {
  if (!existsSync(distIndex)) throw new Error('dist/ is missing: run `npm run build` first')
  const dataDir = await mkdtemp(join(tmpdir(), 'app-session-'))
  const sandbox = await startSandbox({ port: 0, httpsPort: 0, appPort: 0, dataDir, demo: true, log: () => {} })
  const appOrigin = new URL(sandbox.appUrl).origin
  let browser: Browser | null = null
  try {
    browser = await launchBrowser()
    const context: BrowserContext = await browser.newContext()
    const page = await context.newPage()
    const errors = collectConsoleErrors(page)

    const actAs = async (userId: number) => {
      await context.addCookies([{ name: 'sandbox_user', value: String(userId), url: sandbox.origin }])
    }

    const rest = async <T>(method: string, params: Record<string, unknown> = {}, userId = adminId): Promise<T> => {
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

    await actAs(adminId)
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    await page.waitForURL(/install_finished=Y/, { timeout: 60_000 })

    const openTab = async (kind: 'company' | 'lead' | 'deal', id: number, title: string) => {
      await page.goto(`${sandbox.origin}/crm/${kind}/details/${id}/`)
      await page.locator('[data-placement-id]', { hasText: title }).click()
      return appFrame(page, appOrigin)
    }

    const opened = browser
    return {
      sandbox,
      appOrigin,
      page,
      errors,
      rest,
      actAs,
      openTab,
      async close() {
        await opened.close()
        await sandbox.close()
        await rm(dataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await browser?.close()
    await sandbox.close()
    await rm(dataDir, { recursive: true, force: true })
    throw error
  }
}

/** Enumeration item ID of a user field by its XML_ID (what the app writes), read through REST. */
export async function enumItemId(session: AppSession, entity: 'company' | 'lead', fieldName: string, xmlId: string): Promise<string> {
  const rows = await session.rest<{ LIST?: { ID: string; XML_ID: string }[] }[]>(`crm.${entity}.userfield.list`, { filter: { FIELD_NAME: fieldName } })
  const item = rows[0]?.LIST?.find((entry) => entry.XML_ID === xmlId)
  if (!item) throw new Error(`${fieldName} has no item ${xmlId}`)
  return String(item.ID)
}
