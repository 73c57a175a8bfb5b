import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appFrame, portalLog, waitForProbe, type PortalLogEntry } from './helpers/portal'
import { startProbeSession, type ProbeSession } from './helpers/probe-session'

// The portal's side of the frame protocol, driven by the unmodified SDK (UMD bundle) in a probe app.
// Shapes: reference §1.1 (how a handler is opened), §2.3/§2.4 (commands, getInitData);
// b24restdocs api-reference/widgets/crm/detail-tab.md (POST fields, PLACEMENT_OPTIONS {"ID":"…"}),
// api-reference/widgets/placement-bind.md (placement.bind), settings/how-to-call-rest-api/batch.md (batch).

const TOKEN_TTL_SECONDS = 3

let session: ProbeSession
let dealId: number

beforeAll(async () => {
  // The browser logs each 503 of the rate-limit test as a failed resource load: that is the test's point.
  session = await startProbeSession({ tokenTtlSeconds: TOKEN_TTL_SECONDS, ignoreErrors: [/status of 503/] })
})

afterAll(async () => {
  await session?.close()
})

const entries = async (command: string, status?: string): Promise<PortalLogEntry[]> =>
  (await portalLog(session.page)).filter((e) => e.command === command && (!status || e.status === status))

describe('sandbox portal frame protocol (Chromium + SDK)', () => {
  let frame: Frame

  it('opens the app as the portal does and runs the install flow', async () => {
    frame = await session.openAppPage()
    const init = await waitForProbe(frame)
    expect(init).toMatchObject({ placement: 'DEFAULT', isInstallMode: true, isFirstRun: true, isAdmin: true, lang: 'ru', targetOrigin: session.sandbox.origin })

    // window.name and the POST the handler received.
    const sid = String(init.appSid)
    const host = new URL(session.sandbox.origin).host
    expect(await session.page.locator('iframe.app-iframe').getAttribute('name')).toBe(`${host}|0|${sid}`)
    const opened = session.probe.requests.find((r) => r.method === 'POST' && r.url.includes(`APP_SID=${sid}`))
    expect(opened).toBeDefined()
    const query = new URL(opened!.url, session.probe.origin).searchParams
    expect(Object.fromEntries(query)).toEqual({ DOMAIN: host, PROTOCOL: '0', LANG: 'ru', APP_SID: sid })
    expect(opened!.form).toMatchObject({ status: 'L', PLACEMENT: 'DEFAULT', AUTH_EXPIRES: String(TOKEN_TTL_SECONDS) })
    expect(opened!.form.AUTH_ID).toMatch(/.+/)
    expect(opened!.form.member_id).toMatch(/^[0-9a-f]{32}$/)
    expect(opened!.form).not.toHaveProperty('PLACEMENT_OPTIONS')

    // FIRST_RUN made the SDK send setInstall; the portal echoed it.
    expect(await entries('setInstall', 'reply')).toHaveLength(1)

    // The app binds its tab as the admin, then finishes the install: the page reloads.
    const bind = await frame.evaluate((handler) => window.probeApi.call('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: handler, TITLE: 'Probe tab' }), `${session.probe.origin}/`)
    expect(bind).toMatchObject({ ok: true, result: true })
    // A deal to open: the demo's first, or one the app creates (b24restdocs api-reference/crm/deals/crm-deal-add.md).
    const firstDeal = session.sandbox.store.table('deals').rows().next().value
    if (firstDeal) dealId = firstDeal.ID
    else {
      const added = (await frame.evaluate(() => window.probeApi.call('crm.deal.add', { fields: { TITLE: 'Probe deal', OPPORTUNITY: 1000, CURRENCY_ID: 'RUB' } }))) as { ok: boolean; result: number }
      expect(added.ok).toBe(true)
      dealId = Number(added.result)
    }
    await Promise.all([session.page.waitForURL(/install_finished=Y/), frame.evaluate(() => window.probeApi.installFinish())])
    await expect.poll(() => session.page.locator('[data-testid=install-finished]').count()).toBe(1)
    const reopened = await waitForProbe(await appFrame(session.page, session.probe.origin))
    expect(reopened).toMatchObject({ isInstallMode: false, isFirstRun: false })

    await session.page.goto(`${session.sandbox.origin}/`)
    expect(await session.page.locator('[data-testid=install-state]').getAttribute('data-installed')).toBe('Y')
  })

  it('shows the bound tab on a deal card with PLACEMENT_OPTIONS.ID', async () => {
    const deal = session.sandbox.store.table('deals').get(dealId)
    expect(deal).toBeDefined()
    frame = await session.openTab('deal', deal!.ID, 'Probe tab')
    const init = await waitForProbe(frame)
    expect(init).toMatchObject({ placement: 'CRM_DEAL_DETAIL_TAB', options: { ID: String(deal!.ID) }, isInstallMode: false })
    const opened = session.probe.requests.find((r) => r.method === 'POST' && r.url.includes(`APP_SID=${String(init.appSid)}`))
    expect(opened?.form.PLACEMENT_OPTIONS).toBe(JSON.stringify({ ID: String(deal!.ID) }))

    expect(await frame.evaluate(() => window.probeApi.getInterface())).toEqual({ command: ['reloadData'], event: [] })
  })

  it('makes a REST call and a batch through the frame', async () => {
    const deal = session.sandbox.store.table('deals').get(dealId)!
    const call = await frame.evaluate((id) => window.probeApi.call('crm.deal.get', { id }), deal.ID)
    expect(call).toMatchObject({ ok: true, result: { ID: String(deal.ID) } })
    const batch = await frame.evaluate(
      (id) => window.probeApi.batch({ deal: { method: 'crm.deal.get', params: { id } }, me: { method: 'user.current', params: {} } }),
      deal.ID,
    )
    expect(batch).toMatchObject({ ok: true, result: { deal: { ID: String(deal.ID) }, me: { ID: String(session.admin.ID) } } })
  })

  it('reads a list with the SDK’s callList (keyset by ID, start=-1) through the frame', async () => {
    // b24restdocs api-reference/crm/deals/crm-deal-list.md; settings/performance/huge-data.md
    const ids = [...session.sandbox.store.table('deals').rows()].map((row) => String(row.ID))
    const list = (await frame.evaluate(() => window.probeApi.list('crm.deal.list', { select: ['ID', 'TITLE'] }))) as {
      ok: boolean
      result: Array<{ ID: string }>
    }
    expect(list.ok).toBe(true)
    expect(list.result.map((row) => row.ID)).toEqual(ids)
  })

  it('lets the SDK retry through the portal’s rate limit (503 QUERY_LIMIT_EXCEEDED)', async () => {
    // b24restdocs limits.md: the leaky bucket answers 503 QUERY_LIMIT_EXCEEDED when it overflows.
    const refusedBefore = session.sandbox.control.state().stats.queryLimitRefusals
    session.sandbox.control.limits({ enabled: true, burst: 2, drainRate: 2 })
    try {
      const calls = (await frame.evaluate(() =>
        Promise.all([1, 2, 3, 4, 5].map(() => window.probeApi.call('server.time'))),
      )) as Array<{ ok: boolean }>
      expect(calls.every((call) => call.ok)).toBe(true)
      expect(session.sandbox.control.state().stats.queryLimitRefusals).toBeGreaterThan(refusedBefore)
    } finally {
      session.sandbox.control.limits({ enabled: false, burst: 50, drainRate: 2 })
    }
  })

  it('refreshes the token through refreshAuth after it expires', async () => {
    const before = (await frame.evaluate(() => window.probeApi.auth())) as { access_token: string } | false
    // Wait for the token to expire (the SDK then reports no valid auth data).
    await expect.poll(() => frame.evaluate(() => window.probeApi.auth()), { timeout: 15_000, interval: 500 }).toBe(false)
    const call = await frame.evaluate(() => window.probeApi.call('user.current'))
    expect(call).toMatchObject({ ok: true, result: { ID: String(session.admin.ID) } })
    expect((await entries('refreshAuth', 'reply')).length).toBeGreaterThanOrEqual(1)
    const after = (await frame.evaluate(() => window.probeApi.auth())) as { access_token: string }
    expect(after.access_token).not.toBe(before && before.access_token)
  })

  it('resizes the iframe on fitWindow', async () => {
    await frame.evaluate(() => window.probeApi.grow(1500))
    const size = (await frame.evaluate(() => window.probeApi.fitWindow())) as { width: string; height: number }
    expect(size.width).toBe('100%')
    expect(size.height).toBeGreaterThan(1500)
    const box = await session.page.locator('iframe.app-iframe:visible').boundingBox()
    expect(Math.round(box!.height)).toBe(Math.round(size.height))
  })

  it('answers selectUser from the portal dialog', async () => {
    const pending = frame.evaluate(() => window.probeApi.selectUser())
    const dialog = session.page.locator('[data-testid=select-dialog]')
    await dialog.locator('.modal-item', { has: session.page.locator(`input[value="${session.admin.ID}"]`) }).click()
    await dialog.locator('[data-action=select]').click()
    const picked = await pending
    expect(picked).toMatchObject({ id: String(session.admin.ID), url: `/company/personal/user/${session.admin.ID}/`, sub: false, sup: false })
    expect(typeof (picked as { name: string }).name).toBe('string')
  })

  it('drops and logs messages from a wrong APP_SID or a wrong origin', async () => {
    await frame.evaluate(() => window.probeApi.postRaw('getInitData:probe-key:WRONGSID'))
    await expect.poll(async () => (await entries('getInitData', 'dropped')).map((e) => e.note)).toContainEqual(expect.stringContaining('unknown APP_SID WRONGSID'))
    await session.page.evaluate(() => window.postMessage('getInitData:page-key:anything', '*'))
    await expect.poll(async () => (await entries('getInitData', 'dropped')).map((e) => e.note)).toContainEqual(expect.stringContaining(`wrong origin ${session.sandbox.origin}`))
    // Nothing was answered to either.
    expect((await portalLog(session.page)).filter((e) => e.dir === 'out' && e.sid === 'WRONGSID')).toEqual([])
  })

  it('left no console errors in the portal or the app', () => {
    expect(session.errors).toEqual([])
  })
})
