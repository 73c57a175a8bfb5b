import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDeals } from '../../sandbox/demo/generate'
import { formatMoney } from '../../src/domain/money'
import { startAppSession, type AppSession } from './helpers/app-session'
import { openReportPage, shotsAt1280 } from './helpers/report-page'

// The report page's «Динамика» tab (issue 15) in Chromium against the sandbox portal. The figures
// are recounted here from crm.deal.list (b24restdocs api-reference/crm/deals/crm-deal-list.md) as
// each viewer reads it, with this file's own arithmetic, never the app's: with no period chosen the
// trend spans the twelve calendar months up to the end of this month; «created» sums OPPORTUNITY by
// DATE_CREATE, «won» and «paid» sum OPPORTUNITY and the paid field of won deals by CLOSEDATE. This
// month is not over, so the span is compared to the end of today: the previous span is the twelve
// months before it up to the same day a year ago (the same span a year earlier is here the same one).

const PAID = 'UF_CRM_LMS_PAID_AMOUNT'
const FIGURES = ['created', 'won', 'paid'] as const
type Figure = (typeof FIGURES)[number]
interface Deal { ID: string; DATE_CREATE: string; CLOSEDATE: string; OPPORTUNITY: string; CURRENCY_ID: string; STAGE_SEMANTIC_ID: string; [PAID]: string }

let session: AppSession

async function readDeals(userId: number): Promise<Deal[]> {
  const rows: Deal[] = []
  for (let after = 0; ; ) {
    const page = await session.rest<Deal[]>(
      'crm.deal.list',
      { select: ['ID', 'DATE_CREATE', 'CLOSEDATE', 'OPPORTUNITY', 'CURRENCY_ID', 'STAGE_SEMANTIC_ID', PAID], filter: { '>ID': after }, order: { ID: 'ASC' }, start: -1 },
      userId,
    )
    rows.push(...page)
    if (page.length < 50) return rows
    after = Number(page.at(-1)!.ID)
  }
}

const minor = (text: string | null | undefined) => Math.round(Number(String(text ?? '').split('|')[0] || 0) * 100)

/** Money per figure and currency in [from, to), and per calendar month of the trend. */
function recount(deals: Deal[], now = new Date()) {
  const month = (k: number) => new Date(now.getFullYear(), now.getMonth() + k, 1).getTime()
  const afterToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime()
  const afterTodayYearAgo = new Date(now.getFullYear() - 1, now.getMonth(), now.getDate() + 1).getTime()
  const spans = { current: [month(-11), afterToday], previous: [month(-23), afterTodayYearAgo] } as const
  const sums = new Map<string, number>()
  const put = (key: string, value: number) => sums.set(key, (sums.get(key) ?? 0) + value)
  for (const deal of deals) {
    const currency = deal.CURRENCY_ID || 'RUB'
    const created = Date.parse(deal.DATE_CREATE)
    const closed = deal.CLOSEDATE ? Date.parse(deal.CLOSEDATE) : Number.NaN
    const entries: Array<[Figure, number, number]> = [['created', created, minor(deal.OPPORTUNITY)]]
    if (deal.STAGE_SEMANTIC_ID === 'S') entries.push(['won', closed, minor(deal.OPPORTUNITY)], ['paid', closed, minor(deal[PAID])])
    for (const [figure, at, value] of entries) {
      for (const [name, [from, to]] of Object.entries(spans)) if (at >= from && at < to) put(`${currency}.${figure}.${name}`, value)
      for (let k = -11; k <= 0; k++) if (at >= month(k) && at < month(k + 1)) put(`${currency}.${figure}.point${k + 11}`, value)
    }
  }
  return sums
}

/** The tab as `userId` sees it; `fresh` reads the portal again (the page caches what it read per user). */
async function openTrends(userId: number, lang: 'ru' | 'en', fresh = false): Promise<Frame> {
  await session.context.addCookies([{ name: 'sandbox_user', value: String(userId), url: session.sandbox.origin }])
  const frame = await openReportPage(session, lang)
  await frame.getByTestId('tab-trends').waitFor({ timeout: 120_000 })
  if (fresh) {
    // The tabs stay on screen while the page reads again: wait for the read itself to end.
    await frame.getByTestId('refresh').click()
    await frame.getByTestId('read-progress').waitFor({ state: 'visible', timeout: 30_000 })
    await frame.getByTestId('read-progress').waitFor({ state: 'hidden', timeout: 180_000 })
  }
  await frame.getByTestId('tab-trends').click()
  await frame.getByTestId('trend-comparison').waitFor({ timeout: 30_000 })
  return frame
}

/** Every figure cell of the tab in one read: test id → text. */
const cells = (frame: Frame) =>
  frame.locator('[data-testid^=trend-]').evaluateAll((nodes) => Object.fromEntries(nodes.map((n) => [n.getAttribute('data-testid'), n.textContent ?? ''])))
const shot = async (name: string) => {
  const dir = await shotsAt1280(session)
  if (dir) await session.page.screenshot({ path: `${dir}/reports-trends-${name}.png`, fullPage: true })
}
const flat = (text: string | undefined) => (text ?? '').replace(/\s/g, '')

async function compare(frame: Frame, sums: Map<string, number>, lang: 'ru' | 'en', where: string) {
  const shown = await cells(frame)
  const currencies = [...new Set([...sums.keys()].filter((k) => /\.(current|previous)$/.test(k)).map((k) => k.split('.')[0]!))]
  expect(currencies.length, where).toBeGreaterThan(0)
  for (const currency of currencies) {
    for (const figure of FIGURES) {
      const want = (span: string) => flat(formatMoney(sums.get(`${currency}.${figure}.${span}`) ?? 0, currency, lang))
      expect(flat(shown[`trend-${currency}-${figure}-current`]), `${where}: ${currency} ${figure} now`).toBe(want('current'))
      expect(flat(shown[`trend-${currency}-${figure}-previous`]), `${where}: ${currency} ${figure} before`).toBe(want('previous'))
      // With no period chosen the span is twelve months: a year earlier is the span before.
      expect(flat(shown[`trend-${currency}-${figure}-lastYear`]), `${where}: ${currency} ${figure} a year ago`).toBe(want('previous'))
    }
  }
  // The chart's points in the report currency (RUB on the demo portal), month by month.
  for (let k = 0; k < 12; k++) {
    for (const figure of FIGURES) {
      expect(flat(shown[`trend-point-${k}-${figure}`]), `${where}: month ${k} ${figure}`).toBe(flat(formatMoney(sums.get(`RUB.${figure}.point${k}`) ?? 0, 'RUB', lang)))
    }
  }
}

beforeAll(async () => {
  session = await startAppSession({ limits: false, install: false })
})

afterAll(async () => {
  await session?.close()
})

describe('the trends tab of the report page (Chromium)', () => {
  it('installs the app', async () => {
    await session.install()
  })

  it('shows the admin the demo trend as REST recounts it, in Russian and English, by month and by week', async () => {
    await session.page.setViewportSize({ width: 1280, height: 900 })
    const sums = recount(await readDeals(1))
    expect(sums.get('RUB.created.current') ?? 0).toBeGreaterThan(0)
    let frame: Frame | undefined
    for (const lang of ['ru', 'en'] as const) {
      frame = await openTrends(1, lang)
      await compare(frame, sums, lang, `admin, ${lang}`)
      expect(await frame.getByTestId('tab-trends').textContent()).toBe(lang === 'ru' ? 'Динамика' : 'Trends')
      expect(await frame.getByTestId('trend-open').isVisible()).toBe(true)
      // This month is not over: its point carries «*», and the comparison says it runs to date.
      expect(await frame.getByTestId('trend-partial').textContent()).toBe(lang === 'ru' ? '* месяц не закончен' : '* month to date')
      expect(await frame.getByTestId('trend-to-date').isVisible()).toBe(true)
      expect(await frame.locator('[data-testid=trend-chart] canvas').getAttribute('aria-label')).toMatch(lang === 'ru' ? /^Динамика/ : /^Trends/)
      await shot(lang)
    }
    // By week (the English page): more points, the same money over the same span.
    const page = frame!
    await page.getByTestId('trend-step').getByText('By week').click()
    await expect.poll(async () => Object.keys(await cells(page)).filter((id) => /^trend-point-\d+-won$/.test(id!)).length).toBeGreaterThan(50)
    const shown = await cells(page)
    const weeks = Object.entries(shown).filter(([id]) => /^trend-point-\d+-won$/.test(id!))
    const total = weeks.reduce((sum, [, text]) => sum + Number(String(text).replace(/[^\d.-]/g, '')) * 100, 0)
    expect(Math.round(total)).toBe(sums.get('RUB.won.current') ?? 0)
  }, 300_000)

  it('shows a head only what his rights let him read', async () => {
    // A deal won this month by another department's manager, closed to others: out of the head's figures.
    await session.rest('crm.deal.add', { fields: { TITLE: 'Чужая победа', STAGE_ID: 'WON', OPPORTUNITY: 123456, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: 6, OPENED: 'N', CLOSEDATE: new Date().toISOString() } })
    const head = recount(await readDeals(2))
    const admin = recount(await readDeals(1))
    expect((admin.get('RUB.won.current') ?? 0) - (head.get('RUB.won.current') ?? 0)).toBeGreaterThanOrEqual(123456_00)
    const frame = await openTrends(2, 'en')
    await compare(frame, head, 'en', 'head, en')
  }, 300_000)

  it('counts the same figures over 20,000 generated deals, as the admin and as the head', async () => {
    generateDeals(session.sandbox.store, 20_000, { seed: 15, now: new Date() })
    await session.sandbox.store.commit()
    const [admin, head] = (await Promise.all([readDeals(1), readDeals(2)])).map((deals) => recount(deals)) as [Map<string, number>, Map<string, number>]
    // At 1280 px every column of the comparison is on screen, billions and long Russian headers too.
    const fits = (frame: Frame) => frame.getByTestId('trend-comparison').evaluate((table) => table.scrollWidth <= table.clientWidth + 1)
    const adminPage = await openTrends(1, 'ru', true)
    await compare(adminPage, admin, 'ru', '20,000 deals, admin')
    expect(await fits(adminPage)).toBe(true)
    await shot('20k-ru')
    const headPage = await openTrends(2, 'en', true)
    await compare(headPage, head, 'en', '20,000 deals, head')
    expect(await fits(headPage)).toBe(true)
    await shot('20k-en')
  }, 600_000)
})
