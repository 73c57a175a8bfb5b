import type { Frame } from 'playwright-core'
import type { WidgetEntry } from '../../../placements/manifest'
import type { AppSession } from './app-session'
import { placementRow } from './approvals-screens'
import { appFrame } from './portal'

/*
 * Every tab and page of the app opened as a person opens it in the sandbox portal: a card's tab
 * by its button on the card, a menu placement by its portal URL, the app's other pages from its
 * own page into the portal's slider. Used by `npm run screenshots` and the accessibility e2e test.
 */

export type CardKind = 'deal' | 'company' | 'lead'
export type DemoRecords = Record<CardKind, number>

const CARD_OF: Record<string, CardKind> = {
  CRM_DEAL_DETAIL_TAB: 'deal',
  CRM_COMPANY_DETAIL_TAB: 'company',
  CRM_LEAD_DETAIL_TAB: 'lead',
}

/** A demo record of each card the tabs live on: the one with the most to show (deals with an amount, a company with deals). */
export async function demoRecords(session: AppSession): Promise<DemoRecords> {
  const deals = await session.rest<{ ID: string; COMPANY_ID: string | null; OPPORTUNITY: string }[]>('crm.deal.list', { select: ['ID', 'COMPANY_ID', 'OPPORTUNITY'], order: { OPPORTUNITY: 'DESC' } })
  const leads = await session.rest<{ ID: string }[]>('crm.lead.list', { select: ['ID'], order: { ID: 'ASC' } })
  const withCompany = deals.find((deal) => Number(deal.COMPANY_ID) > 0)
  return { deal: Number(deals[0]!.ID), company: Number(withCompany?.COMPANY_ID ?? 1), lead: Number(leads[0]?.ID ?? 1) }
}

export interface OpenedScreen {
  frame: Frame
  /** The whole page scrolled through; not for a slider, which covers the viewport only. */
  fullPage: boolean
}

/** Opens the widget's screen; null when the app page has no way to open it. */
export async function openWidget(session: AppSession, entry: WidgetEntry, records: DemoRecords): Promise<OpenedScreen | null> {
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
    // The page's sections come once the stored options are read (SettingsWidget), each from its own chunk.
    await opener.waitFor({ timeout: 30_000 }).catch(() => undefined)
    if ((await opener.count()) === 0) return null
    await opener.click()
    return { frame: await appFrame(session.page, session.appOrigin, '.slider'), fullPage: false }
  }
  await session.page.goto(`${origin}/marketplace/view/${entry.placement}/${placementRow(session, entry.placement, entry.id).ID}/`)
  return { frame: await appFrame(session.page, session.appOrigin), fullPage: true }
}
