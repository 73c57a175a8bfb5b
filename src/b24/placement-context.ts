/**
 * What the shell needs to know about where it was opened, read from the frame's
 * init data. Pure: the SDK object is reduced to plain values first (see frame.ts).
 */
export interface PlacementContext {
  /** e.g. `CRM_DEAL_DETAIL_TAB`; `DEFAULT` for the app's own page. */
  placement: string
  /** `PLACEMENT_OPTIONS` as an object, whatever form the portal sent. */
  options: Readonly<Record<string, unknown>>
  /** The card's entity ID (`PLACEMENT_OPTIONS.ID`), or null outside a card. */
  entityId: number | null
  /** Portal language (`LANG`), e.g. `ru`. */
  lang: string
  isAdmin: boolean
  /** The portal opened the app to install it (`INSTALL`). */
  installMode: boolean
  /**
   * Which widget to show: the `widget` query parameter of the handler URL, or, for an app
   * page opened in a slider (`openApplication({ widget })`), its `PLACEMENT_OPTIONS.widget`.
   */
  widgetParam: string | null
}

/**
 * `PLACEMENT_OPTIONS` arrives as a JSON string (POST field, `{"ID":"42"}`), an object
 * (the SDK's init data) or `''`/`[]` when there is none. SDK 2.2.0 passes it through
 * unparsed, so this accepts all of them and never throws.
 */
export function parsePlacementOptions(raw: unknown): Record<string, unknown> {
  if (raw === null || raw === undefined) return {}
  if (typeof raw === 'string') {
    const text = raw.trim()
    if (text === '') return {}
    try {
      return parsePlacementOptions(JSON.parse(text) as unknown)
    } catch {
      return {}
    }
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) return { ...(raw as Record<string, unknown>) }
  return {}
}

/** `ID` as a positive integer (the portal sends a string, `"3473"`), else null. */
export function entityIdFrom(options: Readonly<Record<string, unknown>>): number | null {
  const raw = options.ID ?? options.ENTITY_ID
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

const WIDGET_ID = /^[a-z0-9-]+$/

/** The `widget` parameter of the handler URL's query string. */
export function widgetParamFrom(search: string): string | null {
  const value = new URLSearchParams(search).get('widget')
  return value && WIDGET_ID.test(value) ? value : null
}

/** `PLACEMENT_OPTIONS.widget`: what `openApplication` passes to the page it opens. */
export function widgetOptionFrom(options: Readonly<Record<string, unknown>>): string | null {
  const value = options.widget
  return typeof value === 'string' && WIDGET_ID.test(value) ? value : null
}

export interface FrameFacts {
  placement: string | undefined
  placementOptions: unknown
  lang: string | undefined
  isAdmin: boolean
  installMode: boolean
}

export function buildPlacementContext(facts: FrameFacts, search: string): PlacementContext {
  const options = parsePlacementOptions(facts.placementOptions)
  return {
    placement: facts.placement && facts.placement !== '' ? facts.placement : 'DEFAULT',
    options: Object.freeze(options),
    entityId: entityIdFrom(options),
    lang: facts.lang ?? 'en',
    isAdmin: facts.isAdmin === true,
    installMode: facts.installMode === true,
    widgetParam: widgetParamFrom(search) ?? widgetOptionFrom(options),
  }
}
