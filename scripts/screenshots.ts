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
import { manifest, type WidgetEntry } from '../placements/manifest'
import { startAppSession, type AppSession } from '../test/e2e/helpers/app-session'
import { placementRow } from '../test/e2e/helpers/approvals-screens'
import { appFrame } from '../test/e2e/helpers/portal'

const WIDTH = 1280
const HEIGHT = 900
/** Time for a screen's one request and its first paint after the frame is there. */
const SETTLE_MS = 2_500

const CARD_OF: Record<string, 'deal' | 'company' | 'lead'> = {
  CRM_DEAL_DETAIL_TAB: 'deal',
  CRM_COMPANY_DETAIL_TAB: 'company',
  CRM_LEAD_DETAIL_TAB: 'lead',
}

/** A demo record of each card the tabs live on: the one with the most to show (deals with an amount, a company with deals). */
async function demoRecords(session: AppSession): Promise<Record<'deal' | 'company' | 'lead', number>> {
  const deals = await session.rest<{ ID: string; COMPANY_ID: string | null; OPPORTUNITY: string }[]>('crm.deal.list', { select: ['ID', 'COMPANY_ID', 'OPPORTUNITY'], order: { OPPORTUNITY: 'DESC' } })
  const leads = await session.rest<{ ID: string }[]>('crm.lead.list', { select: ['ID'], order: { ID: 'ASC' } })
  const withCompany = deals.find((deal) => Number(deal.COMPANY_ID) > 0)
  return { deal: Number(deals[0]!.ID), company: Number(withCompany?.COMPANY_ID ?? 1), lead: Number(leads[0]?.ID ?? 1) }
}

interface Opened {
  frame: Frame
  /** The whole page scrolled through; not for a slider, which covers the viewport only. */
  fullPage: boolean
}

async function openWidget(session: AppSession, entry: WidgetEntry, records: Record<'deal' | 'company' | 'lead', number>): Promise<Opened | null> {
  const origin = session.sandbox.origin
  const card = CARD_OF[entry.placement]
  if (card) {
    await session.page.goto(`${origin}/crm/${card}/details/${records[card]}/`)
    await session.page.locator(`[data-placement-id="${placementRow(session, entry.placement, entry.id).ID}"]`).click()
    return { frame: await appFrame(session.page, session.appOrigin), fullPage: true }
  }
  if (entry.placement === 'DEFAULT') {
    // The app's own page shows the settings; its other pages open from it in the portal's slider.
    const main = await session.openAppPage()
    if (entry.id === 'settings') return { frame: main, fullPage: true }
    const opener = main.getByTestId(`open-${entry.id}`)
    if ((await opener.count()) === 0) return null
    await opener.click()
    return { frame: await appFrame(session.page, session.appOrigin, '.slider'), fullPage: false }
  }
  await session.page.goto(`${origin}/marketplace/view/${entry.placement}/${placementRow(session, entry.placement, entry.id).ID}/`)
  return { frame: await appFrame(session.page, session.appOrigin), fullPage: true }
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'screenshots')
  mkdirSync(outDir, { recursive: true })
  const session = await startAppSession({ limits: false })
  try {
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
