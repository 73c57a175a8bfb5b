import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserRow } from '../../sandbox/core/types'
import { appFrame, portalLog, waitForProbe } from './helpers/portal'
import { startProbeSession, type ProbeSession } from './helpers/probe-session'

// The portal's answers to the other commands of reference §2.3: dialogs, sliders, options,
// denied commands and reloadData (b24restdocs api-reference/widgets/ui-interaction/crm-card.md,
// api-reference/widgets/open-application.md, api-reference/widgets/open-path.md).

let session: ProbeSession
let manager: UserRow
let dealId: number

beforeAll(async () => {
  session = await startProbeSession({ tokenTtlSeconds: 3600, install: [{ PLACEMENT: 'CRM_DEAL_DETAIL_TAB', TITLE: 'Probe tab' }] })
  manager = session.users.find((u) => !u.IS_ADMIN)!
  dealId = await someDealId()
})

afterAll(async () => {
  await session?.close()
})

/** The demo's first deal, or one the app creates (b24restdocs api-reference/crm/deals/crm-deal-add.md). */
async function someDealId(): Promise<number> {
  const first = session.sandbox.store.table('deals').rows().next().value
  if (first) return first.ID
  const frame = await appFrame(session.page, session.probe.origin)
  await waitForProbe(frame)
  const added = (await frame.evaluate(() => window.probeApi.call('crm.deal.add', { fields: { TITLE: 'Probe deal' } }))) as { ok: boolean; result: number }
  if (!added.ok) throw new Error(`crm.deal.add failed: ${JSON.stringify(added)}`)
  return Number(added.result)
}

async function openDealTab(): Promise<Frame> {
  const frame = await session.openTab('deal', dealId, 'Probe tab')
  await waitForProbe(frame)
  return frame
}

describe('sandbox portal commands', () => {
  it('denies setTitle in a CRM tab without answering, and answers reloadData', async () => {
    const frame = await openDealTab()
    // Unanswered isSafely commands resolve {isSafely:true} in the SDK.
    expect(await frame.evaluate(() => window.probeApi.setTitle('nope'))).toEqual({ isSafely: true })
    const log = await portalLog(session.page)
    expect(log.find((e) => e.command === 'setTitle')?.status).toBe('denied')
    expect(log.filter((e) => e.command === 'setTitle' && e.dir === 'out')).toEqual([])
    expect(await frame.evaluate(() => window.probeApi.reloadData())).toBe('')
    expect((await portalLog(session.page)).some((e) => e.command === 'reloadData' && e.status === 'reply')).toBe(true)
  })

  it('answers selectCRM with the chosen deal as the portal shapes it', async () => {
    const frame = await openDealTab()
    const pending = frame.evaluate(() => window.probeApi.selectCRM({ entityType: ['deal'], multiple: false }))
    const dialog = session.page.locator('[data-testid=select-dialog]')
    await dialog.locator('.modal-item', { has: session.page.locator(`input[value="D_${dealId}"]`) }).click()
    await dialog.locator('[data-action=select]').click()
    expect(await pending).toEqual({ deal: [expect.objectContaining({ id: `D_${dealId}`, type: 'deal', url: `/crm/deal/details/${dealId}/` })] })
  })

  it('opens an application slider with its options and answers when it closes', async () => {
    const main = await session.openAppPage()
    await waitForProbe(main)
    const pending = main.evaluate(() => window.probeApi.openApplication({ view: 'report', bx24_title: 'Отчёт', bx24_width: 900 }))
    await expect.poll(() => session.page.locator('.slider h2').textContent()).toBe('Отчёт')
    const child = await appFrame(session.page, session.probe.origin, '.slider')
    const childInit = await waitForProbe(child)
    expect(childInit).toMatchObject({ placement: 'DEFAULT', options: { view: 'report' } })
    expect(childInit.appSid).not.toBe((await main.evaluate(() => window.probe.init))?.appSid)
    await child.evaluate(() => window.probeApi.closeApplication())
    expect(await pending).toBe('')
    expect(await session.page.locator('.slider').count()).toBe(0)
  })

  it('opens a portal path in a slider and answers {result:"close"}', async () => {
    const main = await session.openAppPage()
    await waitForProbe(main)
    const pending = main.evaluate((id) => window.probeApi.openPath(`/crm/deal/details/${id}/`), dealId)
    const slider = session.page.frameLocator('.slider-iframe')
    await expect.poll(() => slider.locator('[data-testid=card-title]').count()).toBe(1)
    await session.page.locator('.slider-close').click()
    // The portal answers {result:'close'}; the SDK turns it into {isOpenAtNewWindow:false, isClose:true}.
    expect(await pending).toEqual({ isOpenAtNewWindow: false, isClose: true })
    expect((await portalLog(session.page)).find((e) => e.command === 'openPath' && e.dir === 'out')?.data).toEqual({ result: 'close' })
  })

  it('saves app options for an admin and user options per user; a manager cannot set app options', async () => {
    let frame = await session.openAppPage()
    await waitForProbe(frame)
    expect(await frame.evaluate(() => window.probeApi.appSet('mode', 'strict'))).toBe(true)
    expect(await frame.evaluate(() => window.probeApi.userSet('pinned', '1'))).toBe(true)
    expect(session.sandbox.store.getValue('appOptions')).toMatchObject({ mode: 'strict' })
    expect(session.sandbox.store.getValue(`userOptions:${session.admin.ID}`)).toMatchObject({ pinned: '1' })

    // Switch the user through the portal's own switch.
    await Promise.all([session.page.waitForNavigation(), session.page.locator('[data-testid=user-switch]').selectOption(String(manager.ID))])
    frame = await appFrame(session.page, session.probe.origin)
    const init = await waitForProbe(frame)
    expect(init.isAdmin).toBe(false)
    expect(await frame.evaluate(() => window.probeApi.appSet('mode', 'loose'))).toBe(true)
    expect(session.sandbox.store.getValue('appOptions')).toMatchObject({ mode: 'strict' })
    expect((await portalLog(session.page)).find((e) => e.command === 'setAppOption' && e.dir === 'out')?.status).toBe('no-reply')
  })

  it('left no console errors', () => {
    expect(session.errors).toEqual([])
  })
})
