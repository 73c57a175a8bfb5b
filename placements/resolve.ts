import type { WidgetEntry } from './manifest'

export type WidgetResolution =
  | { kind: 'widget'; entry: WidgetEntry }
  | { kind: 'unknown'; placement: string; widget: string | null }

/** Full-page placements: a widget of one of them can also open as the app page (a slider). */
const APP_PAGES = new Set(['DEFAULT', 'LEFT_MENU', 'CRM_ANALYTICS_MENU'])

/**
 * Which widget to show. The `widget` parameter of the handler URL picks among the
 * entries bound to this placement; without it the first entry for the placement is
 * shown (a portal that bound the handler by hand, or the app's own page).
 * A `widget` that is not bound to this placement is unknown, not silently replaced.
 */
export function resolveWidget(
  entries: readonly WidgetEntry[],
  placement: string,
  widgetParam: string | null,
): WidgetResolution {
  const forPlacement = entries.filter((entry) => entry.placement === placement)
  // The app's own page may show any other app page by name (`openApplication({ widget })`),
  // never a card tab, which needs its card.
  const candidates = placement === 'DEFAULT' ? entries.filter((entry) => APP_PAGES.has(entry.placement)) : forPlacement
  const entry = widgetParam === null ? forPlacement[0] : candidates.find((e) => e.id === widgetParam)
  return entry ? { kind: 'widget', entry } : { kind: 'unknown', placement, widget: widgetParam }
}
