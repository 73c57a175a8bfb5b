import type { Browser, Frame, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import type { startSandbox } from '../sandbox/server/sandbox'

/** The portal in a headless Chromium, as the bench's parts open it: tabs as a user, the admin's install. */

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info']

/** Where the built app is (`npm run bench` builds `dist`); BENCH_APP_DIR points elsewhere. */
export const appDir = (): { appDir?: string } => (process.env.BENCH_APP_DIR ? { appDir: process.env.BENCH_APP_DIR } : {})

export const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

export async function appFrame(page: Page, appOrigin: string): Promise<Frame> {
  const deadline = Date.now() + 60_000
  for (;;) {
    for (const frame of page.frames()) if (frame.url().startsWith(appOrigin)) return frame
    if (Date.now() > deadline) throw new Error('the app frame did not appear')
    await page.waitForTimeout(50)
  }
}

export async function newTab(browser: Browser, sandbox: Sandbox, userId: number) {
  const context = await browser.newContext()
  await context.addCookies([{ name: 'sandbox_user', value: String(userId), url: sandbox.origin }])
  const page = await context.newPage()
  return { context, page }
}

/** The admin opens «Приложение»: the built app's install screen runs until the portal says it finished. */
export async function install(browser: Browser, sandbox: Sandbox, adminId: number): Promise<void> {
  const { context, page } = await newTab(browser, sandbox, adminId)
  await page.goto(`${sandbox.origin}/marketplace/app/`)
  await page.waitForURL(/install_finished=Y/, { timeout: 120_000 })
  await context.close()
}

/** The runner's environment beside the sandbox portal: the sandbox app's client, its OAuth server, the app's origin. */
export function runnerEnvBeside(sandbox: Sandbox, dataDir: string): Record<string, string> {
  const app = sandbox.control.state().app
  return {
    RUNNER_PORT: '0',
    RUNNER_DATA: dataDir,
    RUNNER_CLIENT_ID: app.clientId,
    RUNNER_CLIENT_SECRET: app.clientSecret,
    RUNNER_OAUTH_SERVER: `${sandbox.origin}/rest/`,
    RUNNER_APP_ORIGINS: new URL(sandbox.appUrl).origin,
  }
}
