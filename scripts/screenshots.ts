/**
 * `npm run screenshots`: every tab and page of the app, in Russian and in English, at 1280 px,
 * on the sandbox portal with its demo data, into `screenshots/` (ignored by git). Each shot is
 * the whole portal page with the app's frame in it, as a person sees it, so a look at the folder
 * shows every screen the app has. Needs the built app (`npm run build`) and Debian's chromium.
 *
 * Usage: npm run screenshots [-- <out dir>]
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Frame } from 'playwright-core'
import { manifest } from '../placements/manifest'
import { COMMITTEE_VIEWS, REPORT_TABS, type ReportTab } from '../src/domain/reports/report-view'
import { type AppSession, startAppSession } from '../test/e2e/helpers/app-session'
import { chooseOption } from '../test/e2e/helpers/kit-controls'
import { demoRecords, openWidget } from '../test/e2e/helpers/screens'
import { committeeMessages } from '../widgets/reports/committee-messages'

const WIDTH = 1280
const HEIGHT = 900
/** Time for a screen's one request and its first paint after the frame is there. */
const SETTLE_MS = 2_500

/** What each tab of the report page shows once its figures are there. */
const TAB_CONTENT: Record<Exclude<ReportTab, 'deals'>, string> = {
  meeting: 'meeting-table',
  yearly: 'yearly-table',
  funnel: 'funnel-table',
  plans: 'plan-fact-table',
  trends: 'trend-comparison',
  committee: 'committee-table-steps',
}

/**
 * The report page's other tabs (its first, «Сделки», is the page's own shot) and each committee
 * report, as a person clicks through them: `reports-<tab>-<lang>.png`, `reports-committee-<view>-<lang>.png`.
 */
async function reportTabs(session: AppSession, frame: Frame, outDir: string, lang: 'ru' | 'en'): Promise<void> {
  const shoot = async (name: string) => {
    await session.page.waitForTimeout(SETTLE_MS)
    const file = join(outDir, `reports-${name}-${lang}.png`)
    await session.page.screenshot({ path: file, fullPage: true })
    console.log(file)
  }
  for (const tab of REPORT_TABS) {
    if (tab === 'deals') continue
    await frame.getByTestId(`tab-${tab}`).click()
    await frame.getByTestId(TAB_CONTENT[tab]).waitFor({ timeout: 60_000 })
    if (tab !== 'committee') {
      await shoot(tab)
      continue
    }
    for (const view of COMMITTEE_VIEWS) {
      if (view !== 'steps') {
        await chooseOption(frame, frame.getByTestId('committee-view'), committeeMessages[lang].committee.views[view])
        await frame.getByTestId(`committee-table-${view}`).waitFor({ timeout: 60_000 })
      }
      await shoot(`committee-${view}`)
    }
    // Back to the first report: the next language starts where a person would.
    await chooseOption(frame, frame.getByTestId('committee-view'), committeeMessages[lang].committee.views.steps)
  }
  await frame.getByTestId('tab-deals').click()
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'screenshots')
  mkdirSync(outDir, { recursive: true })
  // Installed as `npm start`'s admin installs it, so the demo's work (plans, sale items) is there too.
  const session = await startAppSession({ limits: false, install: false, demoWork: true })
  try {
    await session.install()
    await session.page.setViewportSize({ width: WIDTH, height: HEIGHT })
    const records = await demoRecords(session)
    for (const lang of ['ru', 'en'] as const) {
      await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
      for (const entry of manifest) {
        const opened = await openWidget(session, entry, records)
        if (!opened) {
          console.log(`skipped ${entry.id} (no way to open it from the app page)`)
          continue
        }
        await opened.frame.locator('body *').first().waitFor({ timeout: 30_000 })
        await session.page.waitForTimeout(SETTLE_MS)
        // The sandbox's message log is pinned to the viewport: out of the way of a full-page shot.
        await session.page.addStyleTag({ content: '#message-log { display: none !important; }' })
        const file = join(outDir, `${entry.id}-${lang}.png`)
        await session.page.screenshot({ path: file, fullPage: opened.fullPage })
        console.log(`${file}  (${entry.titles[lang]}, ${entry.placement})`)
        if (entry.id === 'reports') await reportTabs(session, opened.frame, outDir, lang)
      }
    }
    if (session.errors.length > 0) console.warn(`console errors on the way:\n${session.errors.join('\n')}`)
  } finally {
    await session.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
