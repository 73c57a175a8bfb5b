import type { PlacementRow, PortalServices } from '../core/types'
import type { Lang } from './session'

/** Rows of `placements` bound for a placement code, in binding order. */
export function placementsFor(services: PortalServices, code: string): PlacementRow[] {
  return [...services.store.table<PlacementRow>('placements').rows()].filter((row) => row.placement === code)
}

/** Title as the portal shows it: the language's TITLE from `langAll`, else `title`. */
export function placementTitle(row: PlacementRow, lang: Lang): string {
  const langAll = row.langAll && typeof row.langAll === 'object' ? row.langAll : {}
  const own = langAll[lang]?.TITLE
  if (own) return own
  if (row.title) return row.title
  const other = Object.values(langAll).find((entry) => entry?.TITLE)?.TITLE
  return other ?? row.placement
}

/** App pages in the portal's menu: LEFT_MENU and CRM_ANALYTICS_MENU, shown once the app is installed. */
export function menuPlacements(services: PortalServices): PlacementRow[] {
  if (!services.app().installed) return []
  return [...placementsFor(services, 'LEFT_MENU'), ...placementsFor(services, 'CRM_ANALYTICS_MENU')]
}

export function viewUrl(row: PlacementRow): string {
  return `/marketplace/view/${encodeURIComponent(row.placement)}/${row.ID}/`
}
