import { mkdirSync } from 'node:fs'
import type { Frame } from 'playwright-core'
import type { PlacementRow } from '../../../sandbox/core/types'
import type { AppSession } from './app-session'
import { appFrame } from './portal'

/** Opens the report page as CRM → Analytics does (CRM_ANALYTICS_MENU), in `lang` when given; returns the app's frame. */
export async function openReportPage(session: AppSession, lang?: 'ru' | 'en'): Promise<Frame> {
  if (lang) await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
  const row = [...session.sandbox.store.table<PlacementRow>('placements').rows()].find((p) => p.placement === 'CRM_ANALYTICS_MENU')
  if (!row) throw new Error('CRM_ANALYTICS_MENU is not bound')
  await session.page.goto(`${session.sandbox.origin}/marketplace/view/CRM_ANALYTICS_MENU/${row.ID}/`)
  return appFrame(session.page, session.appOrigin)
}

/** SHOTS_DIR when screenshots are asked for, made, with the page at 1280 px; null otherwise. */
export async function shotsAt1280(session: AppSession): Promise<string | null> {
  const dir = process.env.SHOTS_DIR
  if (!dir) return null
  mkdirSync(dir, { recursive: true })
  await session.page.setViewportSize({ width: 1280, height: 900 })
  return dir
}
