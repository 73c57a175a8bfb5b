import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserRow } from '../../sandbox/core/types'
import { startSandbox } from '../../sandbox/server/sandbox'
import { collectConsoleErrors, launchBrowser } from './helpers/browser'
import { appFrame, installProbe, portalLog, waitForProbe } from './helpers/portal'
import { startStaticServer, type StaticServer } from './helpers/static-server'

// The portal's answers to the other commands of reference §2.3: dialogs, sliders, options,
// denied commands and reloadData (b24restdocs api-reference/widgets/ui-interaction/crm-card.md,
// api-reference/widgets/open-application.md, api-reference/widgets/open-path.md).

const probeRoot = fileURLToPath(new URL('../fixtures/probe-app/', import.meta.url))

let probe: StaticServer
let sandbox: Awaited<ReturnType<typeof startSandbox>>
let dataDir: string
let browser: Browser
let context: BrowserContext
let page: Page
let errors: string[]
let admin: UserRow
let manager: UserRow
let dealId: number

beforeAll(async () => {
  probe = await startStaticServer(probeRoot)
  dataDir = await mkdtemp(join(tmpdir(), 'portal-commands-'))
  sandbox = await startSandbox({ port: 0, httpsPort: 0, dataDir, demo: true, appUrl: `${probe.origin}/`, tokenTtlSeconds: 3600 })
  const users = [...sandbox.store.table<UserRow>('users').rows()]
  admin = users.find((u) => u.IS_ADMIN)!
  manager = users.find((u) => !u.IS_ADMIN)!
  browser = await launchBrowser()
  context = await browser.newContext()
  await context.addCookies([{ name: 'sandbox_user', value: String(admin.ID), url: sandbox.origin }])
  page = await context.newPage()
  errors = collectConsoleErrors(page)
  await installProbe(page, sandbox.origin, probe.origin, [{ PLACEMENT: 'CRM_DEAL_DETAIL_TAB', TITLE: 'Probe tab' }])
  dealId = await someDealId()
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.close()
  await probe?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** The demo's first deal, or one the app creates (b24restdocs api-reference/crm/deals/crm-deal-add.md). */
async function someDealId(): Promise<number> {
  const first = sandbox.store.table('deals').rows().next().value
  if (first) return first.ID
  const frame = await appFrame(page, probe.origin)
  await waitForProbe(frame)
  const added = (await frame.evaluate(() => window.probeApi.call('crm.deal.add', { fields: { TITLE: 'Probe deal' } }))) as { ok: boolean; result: number }
  if (!added.ok) throw new Error(`crm.deal.add failed: ${JSON.stringify(added)}`)
  return Number(added.result)
}

async function openDealTab(): Promise<Frame> {
  await page.goto(`${sandbox.origin}/crm/deal/details/${dealId}/`)
  await page.locator('[data-placement-id]', { hasText: 'Probe tab' }).click()
  const frame = await appFrame(page, probe.origin)
  await waitForProbe(frame)
  return frame
}

describe('sandbox portal commands', () => {
  it('denies setTitle in a CRM tab without answering, and answers reloadData', async () => {
    const frame = await openDealTab()
    // Unanswered isSafely commands resolve {isSafely:true} in the SDK.
    expect(await frame.evaluate(() => window.probeApi.setTitle('nope'))).toEqual({ isSafely: true })
    const log = await portalLog(page)
    expect(log.find((e) => e.command === 'setTitle')?.status).toBe('denied')
    expect(log.filter((e) => e.command === 'setTitle' && e.dir === 'out')).toEqual([])
    expect(await frame.evaluate(() => window.probeApi.reloadData())).toBe('')
    expect((await portalLog(page)).some((e) => e.command === 'reloadData' && e.status === 'reply')).toBe(true)
  })

  it('answers selectCRM with the chosen deal as the portal shapes it', async () => {
    const frame = await openDealTab()
    const pending = frame.evaluate(() => window.probeApi.selectCRM({ entityType: ['deal'], multiple: false }))
    const dialog = page.locator('[data-testid=select-dialog]')
    await dialog.locator('.modal-item', { has: page.locator(`input[value="D_${dealId}"]`) }).click()
    await dialog.locator('[data-action=select]').click()
    expect(await pending).toEqual({ deal: [expect.objectContaining({ id: `D_${dealId}`, type: 'deal', url: `/crm/deal/details/${dealId}/` })] })
  })

  it('opens an application slider with its options and answers when it closes', async () => {
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    const main = await appFrame(page, probe.origin)
    await waitForProbe(main)
    const pending = main.evaluate(() => window.probeApi.openApplication({ view: 'report', bx24_title: 'Отчёт', bx24_width: 900 }))
    await expect.poll(() => page.locator('.slider h2').textContent()).toBe('Отчёт')
    const child = await appFrame(page, probe.origin, '.slider')
    const childInit = await waitForProbe(child)
    expect(childInit).toMatchObject({ placement: 'DEFAULT', options: { view: 'report' } })
    expect(childInit.appSid).not.toBe((await main.evaluate(() => window.probe.init))?.appSid)
    await child.evaluate(() => window.probeApi.closeApplication())
    expect(await pending).toBe('')
    expect(await page.locator('.slider').count()).toBe(0)
  })

  it('opens a portal path in a slider and answers {result:"close"}', async () => {
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    const main = await appFrame(page, probe.origin)
    await waitForProbe(main)
    const pending = main.evaluate((id) => window.probeApi.openPath(`/crm/deal/details/${id}/`), dealId)
    const slider = page.frameLocator('.slider-iframe')
    await expect.poll(() => slider.locator('[data-testid=card-title]').count()).toBe(1)
    await page.locator('.slider-close').click()
    // The portal answers {result:'close'}; the SDK turns it into {isOpenAtNewWindow:false, isClose:true}.
    expect(await pending).toEqual({ isOpenAtNewWindow: false, isClose: true })
    expect((await portalLog(page)).find((e) => e.command === 'openPath' && e.dir === 'out')?.data).toEqual({ result: 'close' })
  })

  it('saves app options for an admin and user options per user; a manager cannot set app options', async () => {
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    let frame = await appFrame(page, probe.origin)
    await waitForProbe(frame)
    expect(await frame.evaluate(() => window.probeApi.appSet('mode', 'strict'))).toBe(true)
    expect(await frame.evaluate(() => window.probeApi.userSet('pinned', '1'))).toBe(true)
    expect(sandbox.store.getValue('appOptions')).toMatchObject({ mode: 'strict' })
    expect(sandbox.store.getValue(`userOptions:${admin.ID}`)).toMatchObject({ pinned: '1' })

    // Switch the user through the portal's own switch.
    await Promise.all([page.waitForNavigation(), page.locator('[data-testid=user-switch]').selectOption(String(manager.ID))])
    frame = await appFrame(page, probe.origin)
    const init = await waitForProbe(frame)
    expect(init.isAdmin).toBe(false)
    expect(await frame.evaluate(() => window.probeApi.appSet('mode', 'loose'))).toBe(true)
    expect(sandbox.store.getValue('appOptions')).toMatchObject({ mode: 'strict' })
    expect((await portalLog(page)).find((e) => e.command === 'setAppOption' && e.dir === 'out')?.status).toBe('no-reply')
  })

  it('left no console errors', () => {
    expect(errors).toEqual([])
  })
})
