import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ru } from '../../src/ui/locales/ru'
import { startAppSession, type AppSession } from './helpers/app-session'
import { openMenuPage } from './helpers/approvals-screens'

// «Согласования» opens on what waits for the person; its «Новая командировка» tab is a form of its own
// (src/ui/lazy-part.ts). Its code is fetched when the tab is opened, not with the page, and a form that
// cannot be fetched says so in the user's language.

const TRIP_FORM_FILE = /\/assets\/TripRequestForm-[\w-]{8}\.js$/

let session: AppSession
const fetched: string[] = []

beforeAll(async () => {
  session = await startAppSession({ ignoreErrors: [/Failed to load resource|net::ERR_FAILED|Failed to fetch dynamically imported module/] })
  session.page.on('request', (request) => fetched.push(request.url()))
})

afterAll(async () => {
  await session?.close()
})

describe('a tab of a page loaded when it is opened', () => {
  it('the trip form is fetched on opening its tab (by keyboard), not with the page', async () => {
    fetched.length = 0
    const frame = await openMenuPage(session, 'approvals', '[data-testid=inbox-waiting]')
    expect(fetched.filter((url) => TRIP_FORM_FILE.test(url))).toEqual([])

    // The kit's tabs, by keyboard: the arrows move along them and open the one they reach.
    await frame.getByRole('tab', { name: 'Ждут меня' }).focus()
    await session.page.keyboard.press('ArrowRight')
    await session.page.keyboard.press('ArrowRight')
    expect(await frame.getByRole('tab', { name: 'Новая командировка' }).getAttribute('aria-selected')).toBe('true')
    await frame.locator('[data-testid=trip-form]').waitFor({ timeout: 30_000 })
    expect(fetched.filter((url) => TRIP_FORM_FILE.test(url))).toHaveLength(1)
    await frame.locator('[data-testid=trip-destination]').fill('Казань')
    expect(await frame.locator('[data-testid=trip-destination]').inputValue()).toBe('Казань')
  })

  it('a form that cannot be fetched says so in plain words and leaves the rest of the page working', async () => {
    const { page } = session
    await page.route(TRIP_FORM_FILE, (route) => route.abort())
    try {
      const frame = await openMenuPage(session, 'approvals', '[data-testid=inbox-waiting]')
      await frame.locator('[data-testid=tab-newTrip]').click()
      const alert = frame.locator('[data-testid=part-load-failed]')
      await alert.waitFor({ timeout: 30_000 })
      expect(await alert.getAttribute('role')).toBe('alert')
      expect(await alert.innerText()).toContain(ru.shell.part.failed)
      expect(await frame.locator('body').innerText()).not.toMatch(/Failed to fetch|dynamically imported/)

      await frame.locator('[data-testid=tab-waiting]').click()
      await frame.locator('[data-testid=inbox-waiting]').waitFor({ timeout: 30_000 })
    } finally {
      await page.unroute(TRIP_FORM_FILE)
    }
  })
})
