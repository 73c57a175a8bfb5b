import type { BrowserContext, Frame, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlacementRow } from '../../sandbox/core/types'
import { PEOPLE } from '../../sandbox/demo/people'
import { isWriteMethod } from '../../sandbox/rest/call-counter'
import { startAppSession, type AppSession } from './helpers/app-session'
import { appFrame } from './helpers/portal'

// Issue 13, «the tabs become views»: opening a tab or an app page writes nothing. Every tab of
// every demo deal, company and lead, and every app page, opened in Chromium by the demo users;
// the sandbox counts REST calls by method (control `calls/reset`, `state().calls`), and a write is
// any method but the reads (.get/.list/.fields and the read-only system ones: sandbox/rest/call-counter.ts).
//
// The full matrix (every tab of every card × 7 users) takes many minutes, so it is sampled, each
// card opened once by the users in turn (card n by user n mod 7): «Следующий шаг» on every deal
// (it used to write on open), «Продажа» and «Согласование» on every third deal, «Сводка» or
// «Профиль клиента» on every company, «Обработка лида» on every lead — so every card is opened and
// every tab by every user — and every app page by every user.

const USERS = [PEOPLE.admin, PEOPLE.headOfSales, PEOPLE.manager, PEOPLE.secondManager, PEOPLE.productManager, PEOPLE.approver, PEOPLE.accountant]

/** Each screen's root element, there once the widget is mounted. */
const ROOT: Record<string, string> = {
  'next-steps': 'next-steps',
  'sale-items': 'sale-items',
  'approvals-deal': 'approvals-deal',
  summary: 'summary',
  'client-profile': 'client-profile',
  'lead-processing': 'lead-processing',
  settings: 'settings-widget',
  reports: 'reports',
  approvals: 'approvals-inbox',
  'approvals-trip': 'trip-form',
}

/** Screens whose opening is one batch request (their own e2e tests assert it too). */
const ONE_REQUEST = new Set(['next-steps', 'sale-items', 'approvals-deal', 'summary', 'client-profile'])

/** How long the frames' REST traffic must have been still before an open counts as done. */
const QUIET_MS = 150

interface Opened {
  who: number
  screen: string
  where: string
  writes: string[]
  reads: number
  requests: number | undefined
  ms: number
}

let session: AppSession
const opened: Opened[] = []

/** REST requests of the app's frames still in flight, and when the last one started or ended. */
function trackRest(context: BrowserContext) {
  let inFlight = 0
  let lastActivity = Date.now()
  const isRest = (request: Request) => new URL(request.url()).pathname.startsWith('/rest/')
  context.on('request', (request) => {
    if (!isRest(request)) return
    inFlight++
    lastActivity = Date.now()
  })
  const ended = (request: Request) => {
    if (!isRest(request)) return
    inFlight--
    lastActivity = Date.now()
  }
  context.on('requestfinished', ended)
  context.on('requestfailed', ended)
  return {
    async quiet(): Promise<void> {
      while (inFlight > 0 || Date.now() - lastActivity < QUIET_MS) await new Promise((resolve) => setTimeout(resolve, 50))
    },
  }
}

let rest: ReturnType<typeof trackRest>

const placementRows = (placement: string) =>
  [...session.sandbox.store.table<PlacementRow>('placements').rows()].filter((row) => row.placement === placement)
const widgetOf = (row: PlacementRow) => new URL(row.handler).searchParams.get('widget') ?? ''
const idsOf = (table: string) => [...session.sandbox.store.table(table).rows()].map((row) => Number(row.ID)).sort((a, b) => a - b)

/** Waits for the screen's root and for its REST traffic to end; records what the portal counted meanwhile. */
async function record(frame: Frame, who: number, screen: string, where: string, started: number): Promise<void> {
  await frame.locator(`[data-testid=${ROOT[screen]}]`).first().waitFor({ timeout: 60_000 })
  await rest.quiet()
  const calls = session.sandbox.control.state().calls
  const requests = await frame.evaluate((name) => window.__b24Requests?.byScreen[name], screen)
  opened.push({ who, screen, where, writes: Object.keys(calls.byMethod).filter(isWriteMethod), reads: calls.reads, requests, ms: Date.now() - started })
  session.sandbox.control.resetCalls()
}

/** Opens a card as `who`, then the given app tabs of it in turn (each its own frame, as in Bitrix24). */
async function openCard(kind: 'deal' | 'company' | 'lead', id: number, who: number, widgets: string[]): Promise<void> {
  const visit = Date.now()
  await session.actAs(who)
  await session.page.goto(`${session.sandbox.origin}/crm/${kind}/details/${id}/`)
  for (const widget of widgets) {
    const started = Date.now()
    const row = placementRows(`CRM_${kind.toUpperCase()}_DETAIL_TAB`).find((candidate) => widgetOf(candidate) === widget)!
    await session.page.locator(`[data-placement-id="${row.ID}"]`).click()
    await record(await appFrame(session.page, session.appOrigin), who, widget, `${kind} ${id}`, started)
  }
  visits.push(Date.now() - visit)
}
const visits: number[] = []

/** Opens an app page (its handler by URL, as the portal's menu does) as `who`. */
async function openPage(path: string, who: number, screen: string): Promise<void> {
  const started = Date.now()
  await session.actAs(who)
  await session.page.goto(`${session.sandbox.origin}${path}`)
  await record(await appFrame(session.page, session.appOrigin), who, screen, path, started)
}

const ofScreens = (screens: string[]) => opened.filter((entry) => screens.includes(entry.screen))
const describeOpen = (entry: Opened) => `${entry.screen} of ${entry.where} as user ${entry.who}`
/** Opens that wrote, with what they wrote. */
const writers = (entries: Opened[]) => entries.filter((entry) => entry.writes.length > 0).map((entry) => `${describeOpen(entry)}: ${entry.writes.join(', ')}`)
/** Opens of one-request screens that took another number of requests. */
const extraRequests = (entries: Opened[]) =>
  entries.filter((entry) => ONE_REQUEST.has(entry.screen) && entry.requests !== 1).map((entry) => `${describeOpen(entry)}: ${entry.requests} requests`)
/** Which screen × user pairs were opened. */
const pairs = (entries: Opened[]) => new Set(entries.map((entry) => `${entry.screen}/${entry.who}`))
const userAt = (index: number) => USERS[index % USERS.length]!

/** The common checks of a group: all opened, every screen by every user, each read, none wrote, one request where one is due. */
function expectViews(screens: string[], cards: number) {
  const entries = ofScreens(screens)
  expect(new Set(entries.map((entry) => entry.where)).size, 'every card or page opened').toBe(cards)
  expect(pairs(entries).size, 'every screen opened by every user').toBe(screens.length * USERS.length)
  expect(entries.filter((entry) => entry.reads === 0).map(describeOpen), 'each open read the portal').toEqual([])
  expect(writers(entries)).toEqual([])
  expect(extraRequests(entries)).toEqual([])
}

beforeAll(async () => {
  session = await startAppSession({ adminId: PEOPLE.admin, limits: false })
  rest = trackRest(session.context)
  // The install wrote; from here on only the opens count.
  await rest.quiet()
  session.sandbox.control.resetCalls()
})

afterAll(async () => {
  await session?.close()
  // How long the opens took, by screen (to keep the sample's size honest).
  const byScreen = new Map<string, number[]>()
  for (const entry of opened) byScreen.set(entry.screen, [...(byScreen.get(entry.screen) ?? []), entry.ms])
  console.info(`card visits: ${visits.length}, ${Math.round(visits.reduce((a, b) => a + b, 0) / visits.length)} ms each`)
  console.info([...byScreen].map(([screen, ms]) => `${screen}: ${ms.length} opens, ${Math.round(ms.reduce((a, b) => a + b, 0) / ms.length)} ms each`).join('; '))
})

describe('opening writes nothing (REST call counts of the sandbox)', () => {
  it('every deal: «Следующий шаг» on each, «Продажа» and «Согласование» on every third', async () => {
    const deals = idsOf('deals')
    expect(deals.length).toBeGreaterThanOrEqual(40)
    expect(placementRows('CRM_DEAL_DETAIL_TAB').map(widgetOf).sort()).toEqual(['approvals-deal', 'next-steps', 'sale-items'])
    // Every third deal (k = index / 3) adds one of the other tabs: k ↦ (k mod 2, 3k mod 7) meets every tab × user pair.
    const others = ['sale-items', 'approvals-deal']
    for (const [index, id] of deals.entries()) {
      await openCard('deal', id, userAt(index), index % 3 === 0 ? ['next-steps', others[(index / 3) % 2]!] : ['next-steps'])
    }
    expectViews(['next-steps', 'sale-items', 'approvals-deal'], deals.length)
    expect(ofScreens(['next-steps'])).toHaveLength(deals.length)
  }, 300_000)

  it('every company with «Сводка» or «Профиль клиента», in turn', async () => {
    const companies = idsOf('companies')
    const tabs = placementRows('CRM_COMPANY_DETAIL_TAB').map(widgetOf).sort()
    expect(tabs).toEqual(['client-profile', 'summary'])
    // Company n: tab n mod 2 as user n mod 7 — 14 companies meet every pair.
    expect(companies.length).toBeGreaterThanOrEqual(tabs.length * USERS.length)
    for (const [index, id] of companies.entries()) await openCard('company', id, userAt(index), [tabs[index % 2]!])
    expectViews(tabs, companies.length)
  }, 300_000)

  it('every lead with «Обработка лида»', async () => {
    const leads = idsOf('leads')
    expect(leads.length).toBeGreaterThanOrEqual(USERS.length)
    for (const [index, id] of leads.entries()) await openCard('lead', id, userAt(index), ['lead-processing'])
    expectViews(['lead-processing'], leads.length)
  }, 300_000)

  it('every app page (settings, the report, approvals, the trip request) as every user', async () => {
    const menuPages = [...placementRows('LEFT_MENU'), ...placementRows('CRM_ANALYTICS_MENU')]
    const screens = ['settings', ...menuPages.map(widgetOf)]
    expect(screens.sort()).toEqual(['approvals', 'approvals-trip', 'reports', 'settings'])
    for (const who of USERS) {
      await openPage('/marketplace/app/', who, 'settings')
      for (const row of menuPages) await openPage(`/marketplace/view/${row.placement}/${row.ID}/`, who, widgetOf(row))
    }
    expectViews(screens, 1 + menuPages.length)
  }, 300_000)

  it('the counter does see a write (the check above could fail)', async () => {
    session.sandbox.control.resetCalls()
    await session.restAs(PEOPLE.manager, 'user.option.set', { options: { probe: 'views-write-nothing' } })
    expect(session.sandbox.control.state().calls).toMatchObject({ byMethod: { 'user.option.set': 1 }, writes: 1 })
  })

  it('logged no errors in the pages or their frames', () => {
    expect(session.errors).toEqual([])
  })
})
