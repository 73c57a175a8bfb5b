import { chromium, type Browser, type Page } from 'playwright-core'

/** Flags these machines need for Debian's Chromium (see the architecture notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches Debian's Chromium (or `CHROMIUM_PATH`) through playwright-core; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

/**
 * Collects console errors and uncaught exceptions of a page and all its frames into a live
 * array, so a test can assert `expect(errors).toEqual([])` at the end.
 */
export function collectConsoleErrors(page: Page, ignore: RegExp[] = []): string[] {
  const errors: string[] = []
  const keep = (text: string) => !ignore.some((pattern) => pattern.test(text))
  page.on('console', (message) => {
    const text = `${message.location().url}: ${message.text()}`
    if (message.type() === 'error' && keep(text)) errors.push(text)
  })
  page.on('pageerror', (error) => {
    if (keep(error.message)) errors.push(`uncaught: ${error.message}`)
  })
  return errors
}
