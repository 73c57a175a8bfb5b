import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppSession, type AppSession } from './helpers/app-session'
import { appFrame, portalLog } from './helpers/portal'

// The app's own page opens its other pages in the portal's slider: `openApplication({ widget })`
// reaches the new frame as PLACEMENT_OPTIONS, and the shell shows that widget there.
// Shape: b24restdocs api-reference/widgets/ui-interaction (BX24.openApplication).

let session: AppSession

beforeAll(async () => {
  session = await startAppSession()
})

afterAll(async () => {
  await session?.close()
})

/** Clicks a button on the app's own page; returns the app frame it opens in the portal's slider. */
async function openSliderFrom(button: string): Promise<Frame> {
  const main = await session.openAppPage()
  await main.getByTestId(button).click()
  return appFrame(session.page, session.appOrigin, '.slider')
}

describe('app pages', () => {
  it('opens the approval inbox from the app page in a slider, and closes it', async () => {
    const { page } = session
    const child = await openSliderFrom('open-approvals-home')
    await expect.poll(() => child.getByTestId('approvals-inbox').count(), { timeout: 20_000 }).toBe(1)
    const sent = (await portalLog(page)).find((entry) => entry.command === 'openApplication' && entry.dir === 'in')
    expect(sent?.data).toMatchObject({ widget: 'approvals-home' })

    await page.locator('.slider-close').click()
    expect(await page.locator('.slider').count()).toBe(0)
    expect(session.errors).toEqual([])
  })

  it('opens the trip request page the same way', async () => {
    const child = await openSliderFrom('open-approvals-trip')
    await expect.poll(() => child.getByTestId('trip-form').count(), { timeout: 20_000 }).toBe(1)
  })
})
