import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDeals } from '../../sandbox/demo/generate'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { openReportPage, shotsAt1280 } from './helpers/report-page'

// The report page's «Воронка» tab in Chromium against the sandbox portal. The expected figures are
// recomputed here from what REST returns — crm.stagehistory.list (b24restdocs
// api-reference/crm/crm-stage-history-list.md) and crm.deal.list — as each viewer reads them, never from the page:
// a deal stays in a row's stage until its next row; «entered» counts deals, «left» counts moves out;
// «stalled now» counts open deals in «Экспресс-идентификация» longer than the LEMUS norm of 5 hours.

const GOODS = 1
const EXPRESS = 'C1:EXPRESS_ID'
const NORM_MS = 5 * 3_600_000

interface Row { ID: number; OWNER_ID: number; CREATED_TIME: string; STAGE_ID: string }
interface Deal { ID: string; STAGE_ID: string; STAGE_SEMANTIC_ID: string }

let session: AppSession

async function readAll<T>(method: string, params: Record<string, unknown>, userId: number, items?: string): Promise<T[]> {
  const rows: T[] = []
  for (let after = 0; ; ) {
    const reply = await session.rest<unknown>(method, { ...params, filter: { ...(params.filter as object), '>ID': after }, order: { ID: 'ASC' }, start: -1 }, userId)
    const page = (items ? (reply as Record<string, T[]>)[items] : reply) as T[]
    rows.push(...page)
    if (page.length < 50) return rows
    after = Number((page.at(-1) as { ID: number | string }).ID)
  }
}

/** The figures of «Товары» as the given user may see them, over the whole history. */
async function expected(userId: number) {
  const deals = await readAll<Deal>('crm.deal.list', { select: ['ID', 'STAGE_ID', 'STAGE_SEMANTIC_ID'], filter: { CATEGORY_ID: GOODS } }, userId)
  const visible = new Set(deals.map((d) => Number(d.ID)))
  const rows = (await readAll<Row>('crm.stagehistory.list', { entityTypeId: 2, filter: { CATEGORY_ID: GOODS } }, userId, 'items')).filter((r) => visible.has(r.OWNER_ID))
  const byOwner = new Map<number, Row[]>()
  for (const r of rows) byOwner.set(r.OWNER_ID, [...(byOwner.get(r.OWNER_ID) ?? []), r])
  const entered = new Map<string, Set<number>>()
  const left = new Map<string, number>()
  for (const [owner, list] of byOwner) {
    list.sort((a, b) => Date.parse(a.CREATED_TIME) - Date.parse(b.CREATED_TIME) || a.ID - b.ID)
    list.forEach((r, k) => {
      entered.set(r.STAGE_ID, (entered.get(r.STAGE_ID) ?? new Set()).add(owner))
      if (k + 1 < list.length) left.set(r.STAGE_ID, (left.get(r.STAGE_ID) ?? 0) + 1)
    })
  }
  const now = Date.now()
  const stalled = deals.filter((d) => {
    const last = byOwner.get(Number(d.ID))?.at(-1)
    return d.STAGE_SEMANTIC_ID === 'P' && d.STAGE_ID === EXPRESS && last?.STAGE_ID === EXPRESS && now - Date.parse(last.CREATED_TIME) > NORM_MS
  }).length
  return { entered: new Map([...entered].map(([k, v]) => [k, v.size])), left, stalled, rows: rows.length }
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, '') || '0')

async function openFunnel(userId: number, lang: 'ru' | 'en'): Promise<Frame> {
  await session.actAs(userId)
  const frame = await openReportPage(session, lang)
  await frame.getByTestId('tab-funnel').waitFor({ timeout: 120_000 })
  // A fresh read: the page caches what it read.
  await frame.getByTestId('refresh').click()
  // As a person waits for the read: its progress line above the tabs goes when it ends, and the tabs move up.
  await frame.getByTestId('read-progress').waitFor({ state: 'detached', timeout: 120_000 })
  await frame.getByTestId('tab-funnel').click()
  await chooseOption(frame, frame.getByTestId('funnel-pipeline'), 'Товары')
  await frame.getByTestId('funnel-table').waitFor({ timeout: 120_000 })
  return frame
}

async function compare(frame: Frame, want: Awaited<ReturnType<typeof expected>>, where: string) {
  for (const stage of ['C1:NEW', EXPRESS, 'C1:OFFER', 'C1:CONTRACT', 'C1:WON', 'C1:LOSE']) {
    expect(digits(await frame.getByTestId(`funnel-entered-${stage}`).textContent()), `${where}: entered ${stage}`).toBe(want.entered.get(stage) ?? 0)
    expect(digits(await frame.getByTestId(`funnel-left-${stage}`).textContent()), `${where}: left ${stage}`).toBe(want.left.get(stage) ?? 0)
  }
  expect(digits(await frame.getByTestId(`funnel-stalled-${EXPRESS}`).textContent()), `${where}: stalled`).toBe(want.stalled)
}

beforeAll(async () => {
  session = await startAppSession({ limits: false, install: false })
})

afterAll(async () => {
  await session?.close()
})

describe('the funnel tab of the report page (Chromium)', () => {
  it('installs the app', async () => {
    await session.install()
  })

  it('shows the demo funnel of «Товары» as the admin reads the history, in Russian and English', async () => {
    const want = await expected(1)
    expect(want.rows).toBeGreaterThan(20)
    for (const lang of ['ru', 'en'] as const) {
      const frame = await openFunnel(1, lang)
      await compare(frame, want, `admin, ${lang}`)
      expect(await frame.getByTestId(`funnel-norm-${EXPRESS}`).textContent()).toBe(lang === 'ru' ? '5 ч' : '5 hrs')
      expect(await frame.getByTestId('tab-funnel').textContent()).toBe(lang === 'ru' ? 'Воронка' : 'Funnel')
      // The drill-down lists the deals behind «entered».
      await frame.getByTestId(`funnel-entered-${EXPRESS}`).click()
      await expect.poll(() => frame.locator('[data-testid=drill-down] tr[data-deal-id]').count()).toBe(want.entered.get(EXPRESS))
    }
  }, 240_000)

  it('shows a head only the deals his rights let him read', async () => {
    // A closed deal of another department's manager: its history stays out of the head's funnel.
    const hidden = await session.rest<number>('crm.deal.add', { fields: { TITLE: 'Чужая', CATEGORY_ID: GOODS, ASSIGNED_BY_ID: 6, OPENED: 'N' } })
    await session.rest('crm.deal.update', { id: hidden, fields: { STAGE_ID: EXPRESS } })
    const head = await expected(2)
    const admin = await expected(1)
    expect(head.entered.get(EXPRESS)).toBe((admin.entered.get(EXPRESS) ?? 0) - 1)
    const frame = await openFunnel(2, 'ru')
    await compare(frame, head, 'head')
  }, 240_000)

  it('screenshots at 1280 px, ru and en (SHOTS_DIR)', async () => {
    const dir = await shotsAt1280(session)
    if (!dir) return
    for (const lang of ['ru', 'en'] as const) {
      await openFunnel(1, lang)
      await session.page.screenshot({ path: `${dir}/reports-funnel-${lang}.png`, fullPage: true })
    }
  }, 240_000)

  it('counts the same figures over 20,000 generated deals', async () => {
    generateDeals(session.sandbox.store, 20_000, { seed: 15, now: new Date() })
    await session.sandbox.store.commit()
    const want = await expected(1)
    expect(want.rows).toBeGreaterThan(20_000)
    const frame = await openFunnel(1, 'ru')
    await compare(frame, want, '20,000 deals')
  }, 600_000)
})
