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

describe('app pages', () => {
  it('opens the approval inbox from the app page in a slider, and closes it', async () => {
    const { page, sandbox, appOrigin } = session
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    const main = await appFrame(page, appOrigin)
    await main.getByTestId('open-approvals-home').click()

    const child = await appFrame(page, appOrigin, '.slider')
    await expect.poll(() => child.getByTestId('approvals-inbox').count(), { timeout: 20_000 }).toBe(1)
    const sent = (await portalLog(page)).find((entry) => entry.command === 'openApplication' && entry.dir === 'in')
    expect(sent?.data).toMatchObject({ widget: 'approvals-home' })

    await page.locator('.slider-close').click()
    expect(await page.locator('.slider').count()).toBe(0)
    expect(session.errors).toEqual([])
  })

  it('opens the trip request page the same way', async () => {
    const { page, sandbox, appOrigin } = session
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    const main = await appFrame(page, appOrigin)
    await main.getByTestId('open-approvals-trip').click()
    const child = await appFrame(page, appOrigin, '.slider')
    await expect.poll(() => child.getByTestId('trip-form').count(), { timeout: 20_000 }).toBe(1)
  })
})
