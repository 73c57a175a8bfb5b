import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_LOAD_FAILED } from '../../src/shell/app-load-failure'
import { startAppSession, type AppSession } from './helpers/app-session'

// The page's entry holds the SDK and the boot; the Vue app is a file of its own (src/app.ts). When that
// file cannot be loaded (a dropped connection, a deploy that replaced the hashed files), the tab says
// so in the user's language instead of staying blank.

let session: AppSession

beforeAll(async () => {
  session = await startAppSession({ ignoreErrors: [/Failed to load resource|net::ERR_FAILED|Failed to fetch dynamically imported module/] })
})

afterAll(async () => {
  await session?.close()
})

describe('a tab whose app files cannot be loaded', () => {
  it('says so in plain words, and a reload once they can be loaded shows the tab', async () => {
    const { page } = session
    await page.route(/\/assets\/app-[\w-]{8}\.js$/, (route) => route.abort())
    const frame = await session.openTab('deal', 1, 'Следующий шаг')
    await frame.getByRole('alert').filter({ hasText: APP_LOAD_FAILED.ru }).waitFor({ timeout: 30_000 })
    expect(await frame.locator('#app').innerText()).toBe(APP_LOAD_FAILED.ru)

    await page.unroute(/\/assets\/app-[\w-]{8}\.js$/)
    const again = await session.openTab('deal', 1, 'Следующий шаг')
    await again.getByText('Что сделать сейчас').first().waitFor({ timeout: 30_000 })
    expect(await again.getByText(APP_LOAD_FAILED.ru).count()).toBe(0)
  })
})
