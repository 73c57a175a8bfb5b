/**
 * The bench's «content» part (`npm run bench -- content`): how long each tab and page takes to
 * show its content, against a bare page that only inits the SDK and makes one REST call
 * (bench/bare, built here by the same Vite), in the same Chromium run. A second reference,
 * bench/bare-kit, does the same work and shows the reply through Vue in the kit's App and Card
 * with the kit's CSS: the share of a tab's time that any Vue and kit page pays («× kit»).
 *
 * - cold: a fresh browser context (empty HTTP cache, no IndexedDB); warm: the same context opened
 *   again. Screens and the bare page are interleaved, RUNS times each; medians are quoted.
 * - throttled: one tab and the bare page under a 4× CPU slowdown (CDP Emulation.setCPUThrottlingRate).
 * - where the time goes: for each page, the medians of the moments its scripts had run, its first
 *   REST request left, the reply was in and the content was shown, on the frame's own clock.
 * - requests per open: REST requests from the app's frame, as the admin and as the record's manager.
 * - «Сводка» on a company with COMPANY_DEALS deals: requests, bytes received, time, longest task.
 *
 * Time runs from the click on the tab's button (or the page's navigation) to the screen's
 * content: its root is there and no «loading» status is left; for the bare page, its one reply
 * written out. The portal's own card page is loaded before the clock starts.
 *
 * Env: BENCH_RUNS (7), BENCH_COMPANY_DEALS (5647), CHROMIUM_PATH, BENCH_APP_DIR (the built app, `dist`),
 * BENCH_CONTENT=summary (only the «Сводка» part) or screens (all but it), BENCH_SCREENS=next-steps,summary (only
 * these screens: a quick comparison of two builds).
 *
 * The big company's summary is kept by the runner (runner/handlers/company-summary.ts): it is
 * started beside the portal once the deals are in, and its first run makes the summary.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Frame, Page, Request } from 'playwright-core'
import vue from '@vitejs/plugin-vue'
import b24ui from '@bitrix24/b24ui-nuxt/vite'
import { build, type PluginOption } from 'vite'
import type { PlacementRow, UserRow } from '../sandbox/core/types'
import { generateDeals } from '../sandbox/demo/generate'
import { startSandbox } from '../sandbox/server/sandbox'
import { serveApp } from '../sandbox/server/static-app'
import { appDir, install, launchChromium, log, runnerEnvBeside, type Sandbox } from './portal-tab'
import { median, table } from './stats'
import { startRunner } from '../runner/main'
import { KEPT_SUMMARY_FIELD } from '../src/domain/fields/summary'
import { kitOptions } from '../src/build/kit-options'
import { APP_RAN_MARK, FRAME_READY_MARK } from '../src/shell/frame-ready-mark'
import { userRest } from './user-rest'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const COMPANY_DEALS = Number(process.env.BENCH_COMPANY_DEALS ?? 5_647)
const SUMMARY_ONLY = process.env.BENCH_CONTENT === 'summary'
const SCREENS_ONLY = process.env.BENCH_CONTENT === 'screens'
const THROTTLE = 4
const CONTENT_TIMEOUT = 120_000

type Card = 'deal' | 'company' | 'lead'

/** A screen as a person opens it: a card's tab (by its button) or a menu page (by its URL). */
interface Screen {
  id: string
  placement: string
  card?: Card
  /** data-testid of the widget's root once it is drawn. */
  root: string
}

const ALL_SCREENS: readonly Screen[] = [
  { id: 'next-steps', placement: 'CRM_DEAL_DETAIL_TAB', card: 'deal', root: 'next-steps' },
  { id: 'sale-items', placement: 'CRM_DEAL_DETAIL_TAB', card: 'deal', root: 'sale-items' },
  { id: 'approvals-deal', placement: 'CRM_DEAL_DETAIL_TAB', card: 'deal', root: 'approvals-deal' },
  { id: 'client-profile', placement: 'CRM_COMPANY_DETAIL_TAB', card: 'company', root: 'client-profile' },
  { id: 'summary', placement: 'CRM_COMPANY_DETAIL_TAB', card: 'company', root: 'summary' },
  { id: 'lead-processing', placement: 'CRM_LEAD_DETAIL_TAB', card: 'lead', root: 'lead-processing' },
  { id: 'approvals', placement: 'LEFT_MENU', root: 'approvals-inbox' },
  { id: 'reports', placement: 'CRM_ANALYTICS_MENU', root: 'group-table' },
]

const CHOSEN = process.env.BENCH_SCREENS?.split(',').filter(Boolean)
const SCREENS = CHOSEN ? ALL_SCREENS.filter((screen) => CHOSEN.includes(screen.id)) : ALL_SCREENS
if (SCREENS.length === 0) throw new Error(`BENCH_SCREENS names none of ${ALL_SCREENS.map((screen) => screen.id).join(', ')}`)

const PLACEMENT_CARD: Record<string, Card | undefined> = { CRM_DEAL_DETAIL_TAB: 'deal', CRM_COMPANY_DETAIL_TAB: 'company', CRM_LEAD_DETAIL_TAB: 'lead' }

/** A reference page: bench/bare (the SDK alone) or bench/bare-kit (the same shown by Vue in the kit's App and Card). */
type Reference = 'bare' | 'bare-kit'

/** The same kit options as the app's vite.config.ts, its theme written for the two components the page shows. */
const referencePlugins = (reference: Reference): PluginOption[] =>
  reference === 'bare'
    ? []
    : [vue(), b24ui(kitOptions(['App', 'Card']))]

/** Builds a reference page with Vite and serves it on a port of its own (a handler of another origin, as any app's). */
async function serveReferencePage(reference: Reference): Promise<{ url: string; server: Server; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${reference}-`))
  await build({
    configFile: false,
    root: fileURLToPath(new URL(`./${reference}`, import.meta.url)),
    base: './',
    logLevel: 'warn',
    plugins: referencePlugins(reference),
    build: { outDir: dir, emptyOutDir: true, target: 'es2022' },
  })
  const server = createServer((req, res) => serveApp(dir, req, res))
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve))
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server, dir }
}

interface Target {
  name: string
  /** The frame's origin: the app's or the bare page's. */
  origin: string
  placementId: number
  placement: string
  card?: Card
  /** Evaluated in the frame: true once the content is on screen. */
  ready: string
}

const LOADING = /^(Загрузка|Loading)/

function widgetReady(root: string): string {
  return `(() => {
    const root = document.querySelector('[data-testid="${root}"]')
    if (!root) return false
    // A loading status says so in its text or, around a skeleton, in its aria-label («Сводка»).
    for (const status of document.querySelectorAll('[role=status]')) {
      if (${LOADING}.test(status.textContent.trim()) || ${LOADING}.test(status.getAttribute('aria-label') ?? '')) return false
    }
    return true
  })()`
}

const BARE_READY = `document.getElementById('content')?.dataset.ready === '1'`

/** Moments of one open on the frame's own clock (ms from its navigation): where the time went. */
interface Phases {
  /** The page's scripts have run (DOMContentLoaded). */
  scripts: number
  /** The portal answered the frame's handshake (the app's own mark; the reference pages have none: 0). */
  frame: number
  /** The first REST request left. */
  sent: number
  /** The Vue app's modules ran (the app's own mark; none on the reference pages: 0). */
  app: number
  /** Its reply was in. */
  back: number
  /** The content was on screen. */
  content: number
}

const PHASES = Object.keys({ scripts: 0, frame: 0, sent: 0, app: 0, back: 0, content: 0 } satisfies Phases) as (keyof Phases)[]

interface OpenResult {
  ms: number
  requests: number
  bytes: number
  longestTaskMs: number
  phases: Phases
  /** Paths of the frame's own JS files requested before its content was on screen (preloads included). */
  scripts: string[]
}

/** Read in the frame once its content is there (the ready check stamps `__contentAt`). */
const READ_PHASES = `(() => {
  const navigation = performance.getEntriesByType('navigation')[0]
  const rest = performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname.startsWith('/rest/'))
  const frame = performance.getEntriesByName('${FRAME_READY_MARK}')[0]?.startTime ?? 0
  const app = performance.getEntriesByName('${APP_RAN_MARK}')[0]?.startTime ?? 0
  return { scripts: navigation?.domContentLoadedEventEnd ?? 0, frame, sent: rest?.startTime ?? 0, app, back: rest?.responseEnd ?? 0, content: window.__contentAt ?? 0 }
})()`

/** A long-task observer in every frame of the context, from the first script on. */
const LONG_TASKS = `(() => {
  window.__longestTask = 0
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration)
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
})()`

async function newContext(browser: Browser, sandbox: Sandbox, userId: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addCookies([{ name: 'sandbox_user', value: String(userId), url: sandbox.origin }])
  await context.addInitScript(LONG_TASKS)
  return { context, page: await context.newPage() }
}

async function frameOf(page: Page, origin: string): Promise<Frame> {
  const deadline = Date.now() + CONTENT_TIMEOUT
  for (;;) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(origin))
    if (frame) return frame
    if (Date.now() > deadline) throw new Error(`no frame of ${origin}`)
    await page.waitForTimeout(5)
  }
}

/** Opens the target once in `page` and measures it; the card page itself loads before the clock starts. */
async function open(page: Page, sandbox: Sandbox, target: Target, records: Record<Card, number>, throttled = false): Promise<OpenResult> {
  let requests = 0
  let bytes = 0
  const sizes: Promise<void>[] = []
  let scripts: string[] | null = []
  const onRequest = (request: Request) => {
    const url = new URL(request.url())
    if (scripts && url.origin === target.origin && url.pathname.endsWith('.js')) scripts.push(url.pathname)
    if (request.method() !== 'POST' || !url.pathname.startsWith('/rest/')) return
    if (!request.frame().url().startsWith(target.origin)) return
    requests++
    sizes.push(
      request
        .response()
        .then(async (response) => {
          bytes += (await response?.body().catch(() => Buffer.alloc(0)))?.length ?? 0
        })
        .catch(() => undefined),
    )
  }
  const cdp = await page.context().newCDPSession(page)
  if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE })
  let started: number
  if (target.card) {
    await page.goto(`${sandbox.origin}/crm/${target.card}/details/${records[target.card]}/`)
    const button = page.locator(`[data-placement-id="${target.placementId}"]`)
    await button.waitFor()
    page.on('request', onRequest)
    started = performance.now()
    await button.click()
  } else {
    page.on('request', onRequest)
    started = performance.now()
    await page.goto(`${sandbox.origin}/marketplace/view/${target.placement}/${target.placementId}/`)
  }
  const frame = await frameOf(page, target.origin)
  const stamped = `(() => { const ready = ${target.ready}; if (ready) window.__contentAt ??= performance.now(); return ready })()`
  await frame.waitForFunction(stamped, undefined, { timeout: CONTENT_TIMEOUT, polling: 10 })
  const ms = performance.now() - started
  const scriptsBeforeContent = scripts
  scripts = null
  const phases = (await frame.evaluate(READ_PHASES)) as Phases
  await page.waitForTimeout(1_000) // requests the screen makes right after its content
  page.off('request', onRequest)
  await Promise.all(sizes)
  const longestTaskMs = Number(await frame.evaluate('window.__longestTask ?? 0').catch(() => 0))
  if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })
  await cdp.detach()
  return { ms, requests, bytes, longestTaskMs, phases, scripts: scriptsBeforeContent }
}

const gzipped = new Map<string, number>()
/** Gzipped bytes of the built app's files at these paths (the sandbox serves `dist`, or BENCH_APP_DIR, at its root). */
function gzippedJs(paths: readonly string[]): number {
  const dir = appDir().appDir ?? fileURLToPath(new URL('../dist', import.meta.url))
  let total = 0
  for (const path of new Set(paths)) {
    let size = gzipped.get(path)
    if (size === undefined) gzipped.set(path, (size = gzipSync(readFileSync(join(dir, path))).length))
    total += size
  }
  return total
}

/** Cold and warm opens of a target, `RUNS` times, each cold one in a fresh context. */
async function coldAndWarm(browser: Browser, sandbox: Sandbox, userId: number, target: Target, records: Record<Card, number>, throttled = false) {
  const { context, page } = await newContext(browser, sandbox, userId)
  try {
    const cold = await open(page, sandbox, target, records, throttled)
    const warm = await open(page, sandbox, target, records, throttled)
    return { cold, warm }
  } finally {
    await context.close()
  }
}

function referenceTarget(rows: readonly PlacementRow[], url: string, placement: string): Target {
  const row = rows.find((r) => r.handler === url && r.placement === placement)!
  return { name: url, origin: new URL(url).origin, placementId: row.ID, placement, card: PLACEMENT_CARD[placement], ready: BARE_READY }
}

function appTarget(rows: readonly PlacementRow[], appOrigin: string, screen: Screen): Target {
  const row = rows.find((r) => r.placement === screen.placement && r.handler.includes(`widget=${screen.id}`))
  if (!row) throw new Error(`${screen.id} is not bound`)
  return { name: screen.id, origin: appOrigin, placementId: row.ID, placement: screen.placement, card: screen.card, ready: widgetReady(screen.root) }
}

const seconds = (ms: number) => ms / 1000

/** Cold and warm opens of each page by name, over the runs. */
class OpenTimes {
  private readonly opens = new Map<string, { cold: OpenResult[]; warm: OpenResult[] }>()

  add(name: string, result: { cold: OpenResult; warm: OpenResult }): void {
    const entry = this.opens.get(name) ?? { cold: [], warm: [] }
    entry.cold.push(result.cold)
    entry.warm.push(result.warm)
    this.opens.set(name, entry)
  }

  /** The times from the click, ms. */
  get(name: string): { cold: number[]; warm: number[] } {
    const entry = this.of(name)
    return { cold: entry.cold.map((open) => open.ms), warm: entry.warm.map((open) => open.ms) }
  }

  /** Median gzipped KB of the app's JS a cold open fetched before its content was on screen. */
  coldJsKb(name: string): number {
    return median(this.of(name).cold.map((open) => gzippedJs(open.scripts))) / 1024
  }

  /** The median of each moment, ms on the frame's clock. */
  phases(name: string, kind: 'cold' | 'warm'): Phases {
    const opens = this.of(name)[kind]
    return Object.fromEntries(PHASES.map((phase) => [phase, median(opens.map((open) => open.phases[phase]))])) as unknown as Phases
  }

  private of(name: string) {
    const entry = this.opens.get(name)
    if (!entry) throw new Error(`no opens of ${name}`)
    return entry
  }
}

/** Where each open's time goes, cold and warm: the moments and the gaps between them. */
function phaseTable(times: OpenTimes, names: readonly { name: string; label: string }[]): string {
  const rows: (string | number)[][] = [['page', 'open', 'scripts ran', 'frame ready', 'request sent', 'app ran', 'reply in', 'content', 'scripts → sent', 'reply → content']]
  for (const { name, label } of names) {
    for (const kind of ['cold', 'warm'] as const) {
      const p = times.phases(name, kind)
      rows.push([label, kind, Math.round(p.scripts), p.frame ? Math.round(p.frame) : '—', Math.round(p.sent), p.app ? Math.round(p.app) : '—', Math.round(p.back), Math.round(p.content), Math.round(p.sent - p.scripts), Math.round(p.content - p.back)])
    }
  }
  return table(rows)
}

/** The runner beside the portal, connected with the admin's auth as the install screen hands it over (POST /connect). */
async function runnerBeside(sandbox: Sandbox, adminId: number): Promise<{ stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'content-bench-runner-'))
  const appOrigin = new URL(sandbox.appUrl).origin
  const runner = await startRunner({ ...runnerEnvBeside(sandbox, dataDir), RUNNER_POLL_MS: '200' })
  const pair = sandbox.control.issueTokens(adminId)
  const reply = await fetch(`http://localhost:${runner.port}/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: appOrigin },
    body: JSON.stringify({
      access_token: pair.AUTH_ID,
      refresh_token: pair.REFRESH_ID,
      expires: Math.floor(Date.now() / 1000) + Number(pair.AUTH_EXPIRES),
      domain: new URL(sandbox.origin).host,
      member_id: 'sandbox',
      client_endpoint: `${sandbox.origin}/rest/`,
      user_id: adminId,
    }),
  })
  if (reply.status !== 200) throw new Error(`runner /connect: ${reply.status} ${await reply.text()}`)
  return {
    async stop() {
      await runner.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function timeToContentBench(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'content-bench-'))
  const bare = await serveReferencePage('bare')
  const kit = await serveReferencePage('bare-kit')
  const sandbox = await startSandbox({ port: 0, httpsPort: 0, appPort: 0, dataDir, demo: true, limits: false, log: () => undefined, ...appDir() })
  const browser = await launchChromium()
  try {
    const users = [...sandbox.store.table<UserRow>('users').rows()]
    const adminId = users.find((u) => u.IS_ADMIN)!.ID
    log('installing the app as the admin')
    await install(browser, sandbox, adminId)

    // The reference pages bound where the screens are (straight into the store: a bench shortcut).
    const placements = sandbox.store.table<PlacementRow>('placements')
    for (const placement of new Set(SCREENS.map((s) => s.placement))) {
      for (const handler of [bare.url, kit.url]) placements.insert({ placement, handler, title: 'bench', description: '', groupName: '', langAll: {}, options: [], userId: 0 })
    }
    const rows = [...placements.rows()]
    const appOrigin = new URL(sandbox.appUrl).origin

    const deals = [...sandbox.store.table<{ ID: number; COMPANY_ID?: number; OPPORTUNITY?: number; ASSIGNED_BY_ID?: number }>('deals').rows()]
    const deal = deals.sort((a, b) => Number(b.OPPORTUNITY ?? 0) - Number(a.OPPORTUNITY ?? 0))[0]!
    const company = Number(deals.find((d) => Number(d.COMPANY_ID) > 0)?.COMPANY_ID ?? 1)
    const lead = [...sandbox.store.table<{ ID: number }>('leads').rows()][0]!.ID
    const records: Record<Card, number> = { deal: deal.ID, company, lead }
    const managerId = Number(deal.ASSIGNED_BY_ID) || users.find((u) => !u.IS_ADMIN)!.ID

    if (!SUMMARY_ONLY) await screensPart()
    async function screensPart() {
      // Time to content, cold and warm, every screen interleaved with the reference pages of its placement.
      const times = new OpenTimes()
      for (let run = 1; run <= RUNS; run++) {
        for (const screen of SCREENS) {
          times.add(`bare@${screen.placement}`, await coldAndWarm(browser, sandbox, adminId, referenceTarget(rows, bare.url, screen.placement), records))
          times.add(`kit@${screen.placement}`, await coldAndWarm(browser, sandbox, adminId, referenceTarget(rows, kit.url, screen.placement), records))
          times.add(screen.id, await coldAndWarm(browser, sandbox, adminId, appTarget(rows, appOrigin, screen), records))
        }
        log(`run ${run} of ${RUNS} done`)
      }

      // One tab under a 4× slower CPU, against the reference pages under the same.
      const throttledScreen = SCREENS[0]!
      const throttled = new OpenTimes()
      for (let run = 1; run <= RUNS; run++) {
        throttled.add('bare', await coldAndWarm(browser, sandbox, adminId, referenceTarget(rows, bare.url, throttledScreen.placement), records, true))
        throttled.add('kit', await coldAndWarm(browser, sandbox, adminId, referenceTarget(rows, kit.url, throttledScreen.placement), records, true))
        throttled.add('tab', await coldAndWarm(browser, sandbox, adminId, appTarget(rows, appOrigin, throttledScreen), records, true))
      }

      // Requests per open (warm), as the admin and as the deal's manager.
      const perOpen = new Map<string, { admin: number; manager: number }>()
      for (const screen of SCREENS) {
        const target = appTarget(rows, appOrigin, screen)
        const admin = (await coldAndWarm(browser, sandbox, adminId, target, records)).warm.requests
        const manager = (await coldAndWarm(browser, sandbox, managerId, target, records)).warm.requests
        perOpen.set(screen.id, { admin, manager })
      }

      const out: (string | number)[][] = [['screen', 'cold s', '× bare', '× kit', 'warm s', '× bare', '× kit', 'req admin', 'req manager', 'JS KB gz']]
      for (const screen of SCREENS) {
        const tab = times.get(screen.id)
        const ref = times.get(`bare@${screen.placement}`)
        const kitRef = times.get(`kit@${screen.placement}`)
        const requests = perOpen.get(screen.id)!
        out.push([
          screen.id,
          seconds(median(tab.cold)),
          median(tab.cold) / median(ref.cold),
          median(tab.cold) / median(kitRef.cold),
          seconds(median(tab.warm)),
          median(tab.warm) / median(ref.warm),
          median(tab.warm) / median(kitRef.warm),
          requests.admin,
          requests.manager,
          times.coldJsKb(screen.id),
        ])
      }
      console.log('')
      console.log(`Time to content, medians of ${RUNS} opens each (screens interleaved with the bare SDK page of the same placement).`)
      console.log(table(out))
      console.log('JS KB gz: the app\'s JS files a cold open fetched before its content was on screen (goal: first tab ≤ 230 KB gz).')
      for (const placement of new Set(SCREENS.map((s) => s.placement))) {
        const ref = times.get(`bare@${placement}`)
        const kitRef = times.get(`kit@${placement}`)
        console.log(
          `@${placement}: bare page cold ${seconds(median(ref.cold)).toFixed(2)} s, warm ${seconds(median(ref.warm)).toFixed(2)} s; ` +
            `Vue + kit page cold ${seconds(median(kitRef.cold)).toFixed(2)} s (${(median(kitRef.cold) / median(ref.cold)).toFixed(2)}× bare), ` +
            `warm ${seconds(median(kitRef.warm)).toFixed(2)} s (${(median(kitRef.warm) / median(ref.warm)).toFixed(2)}× bare)`,
        )
      }
      const slow = (name: string, kind: 'cold' | 'warm') => median(throttled.get(name)[kind])
      for (const kind of ['cold', 'warm'] as const) {
        console.log(
          `${THROTTLE}× CPU throttle, ${throttledScreen.id} ${kind}: ${seconds(slow('tab', kind)).toFixed(2)} s, ${(slow('tab', kind) / slow('bare', kind)).toFixed(2)}× bare ` +
            `(${seconds(slow('bare', kind)).toFixed(2)} s), ${(slow('tab', kind) / slow('kit', kind)).toFixed(2)}× the Vue + kit page (${seconds(slow('kit', kind)).toFixed(2)} s)`,
        )
      }
      console.log('goals (issue 14): ≤ 1.3× the bare page cold and warm, ≤ 1.5× under throttle, 1 REST request per open')
      // The reference pages of the first screen's placement (the deal card's, unless BENCH_SCREENS names none of its tabs).
      const reference = SCREENS[0]!.placement
      console.log('')
      console.log(`Where the time goes: medians on the frame's clock, ms from its navigation (the reference pages on ${reference}).`)
      console.log(
        phaseTable(times, [
          { name: `bare@${reference}`, label: 'bare page' },
          { name: `kit@${reference}`, label: 'Vue + kit page' },
          ...SCREENS.map((screen) => ({ name: screen.id, label: screen.id })),
        ]),
      )
    }

    if (SCREENS_ONLY) return
    // «Сводка» on a company with many deals.
    const bigCompany = company
    log(`adding ${COMPANY_DEALS} deals to company ${bigCompany}`)
    await generateDeals(sandbox.store, COMPANY_DEALS, { now: new Date(), extraFields: () => ({ COMPANY_ID: bigCompany }) })
    // The runner's first run keeps every company's summary (the deals went straight into the store, without events).
    const runner = await runnerBeside(sandbox, adminId)
    try {
      const kept = async () => (await userRest<Array<Record<string, unknown>>>(sandbox, adminId, 'crm.company.list', { filter: { ID: bigCompany }, select: ['ID', KEPT_SUMMARY_FIELD] }))[0]?.[KEPT_SUMMARY_FIELD]
      const until = Date.now() + 300_000
      while (!(await kept()) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 500))
      log(`summary kept on company ${bigCompany}: ${String((await kept()) ?? '').length} characters`)
    } finally {
      await runner.stop()
    }
    const summaryTarget = appTarget(rows, appOrigin, ALL_SCREENS.find((s) => s.id === 'summary')!)
    const big: { cold: OpenResult[]; warm: OpenResult[] } = { cold: [], warm: [] }
    for (let run = 1; run <= Math.min(RUNS, 3); run++) {
      const result = await coldAndWarm(browser, sandbox, adminId, summaryTarget, records)
      big.cold.push(result.cold)
      big.warm.push(result.warm)
    }
    const companyDeals = deals.filter((d) => Number(d.COMPANY_ID) === bigCompany).length + COMPANY_DEALS
    console.log('')
    console.log(`«Сводка» on a company with ${companyDeals} deals, medians of ${big.cold.length} opens:`)
    console.log(
      table([
        ['open', 's', 'requests', 'MB received', 'longest task ms'],
        ...(['cold', 'warm'] as const).map((kind) => [
          kind,
          seconds(median(big[kind].map((r) => r.ms))),
          median(big[kind].map((r) => r.requests)),
          median(big[kind].map((r) => r.bytes)) / 2 ** 20,
          median(big[kind].map((r) => r.longestTaskMs)),
        ]),
      ]),
    )
    console.log('goals (issue 14): one request of bounded size whatever the deal count, no task over 200 ms')
  } finally {
    await browser.close()
    await sandbox.close()
    bare.server.close()
    kit.server.close()
    await rm(dataDir, { recursive: true, force: true })
    await rm(bare.dir, { recursive: true, force: true })
    await rm(kit.dir, { recursive: true, force: true })
  }
}
