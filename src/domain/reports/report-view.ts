import { z } from 'zod/mini'
import { DIMENSIONS, type Dimension } from './aggregate'
import { PERIOD_PRESETS, type PeriodPreset } from './period'
import type { TrendStep } from './trend'

/**
 * A view of the report page (issue 15, «Saved views»): which tab, the period, the filters and the
 * grouping a head chose. Kept per user in a user option (saved views) and carried by a link.
 *
 * ## The link
 *
 * A Bitrix24 portal opens an app page from a plain link in chats, the news feed, tasks and
 * notifications through the `REST_APP_URI` placement (b24restdocs
 * `api-reference/widgets/universal/app-url.md`):
 *
 *     https://<portal>/marketplace/view/<APP_CODE>/?params%5Bview%5D=<encoded view>
 *
 * - `<APP_CODE>` is the app's code: the client_id of a local app (`local.66ba434d853c87.18550109`)
 *   or the code of a market app.
 * - Every `params[<key>]` of the query reaches the app's handler (POST, as any placement) as
 *   `PLACEMENT=REST_APP_URI` and `PLACEMENT_OPTIONS={"<key>":"<value>"}` — values are strings. The
 *   portal opens the app in its slider; the app must have bound `REST_APP_URI` (placement.bind) and
 *   be installed, else the portal shows no app.
 * - The brackets are percent-encoded: the portal's BB-code (notifications, chat: `[URL=…]…[/URL]`)
 *   would end the link at a literal `]`. PHP reads `params%5Bview%5D` as `params[view]` all the same.
 * - The view is {@link encodeReportView}'s compact text: base64url of a JSON object with short keys
 *   (only what differs from the default view), so nothing in it needs escaping.
 *
 * What a link opens is only a choice of filters: the figures are read with the viewer's own token,
 * under the viewer's rights, as every opening of the page (a link never shows more than its viewer
 * may see). Values the viewer's portal no longer has (a deleted pipeline) are dropped by
 * {@link reconcileReportView}, each with a reason.
 */

export const REPORT_TABS = ['deals', 'meeting', 'yearly', 'funnel', 'plans', 'trends', 'committee'] as const
export type ReportTab = (typeof REPORT_TABS)[number]
export const COMMITTEE_VIEWS = ['steps', 'objects', 'leads', 'communications'] as const
export type CommitteeView = (typeof COMMITTEE_VIEWS)[number]
export const TREND_STEPS = ['month', 'week'] as const satisfies readonly TrendStep[]
export const PERIOD_FIELDS = ['created', 'closed'] as const
export type PeriodField = (typeof PERIOD_FIELDS)[number]

export interface ReportView {
  tab: ReportTab
  period: PeriodPreset
  /** The days of a period of one's own (`period: 'custom'`), `YYYY-MM-DD`; absent for the presets. */
  from?: string
  to?: string
  /** Which date the period applies to on the deals tab. */
  periodField: PeriodField
  /** The pipeline (deal CATEGORY_ID; 0 is the general pipeline); absent: all. */
  pipelineId?: number
  /** A department with its sub-departments; absent: all. */
  departmentId?: number
  /** The responsible manager; absent: all. */
  managerId?: number
  /** The deals tab's grouping. */
  dimension: Dimension
  /** «Динамика»: by month or by week. */
  trendStep: TrendStep
  /** «Воронка»: its own pipeline; absent: the pipeline filter's, else the first. */
  funnelPipelineId?: number
  /** «Комитет»: which of its reports. */
  committee: CommitteeView
}

export const DEFAULT_REPORT_VIEW: Readonly<ReportView> = Object.freeze({
  tab: 'deals',
  period: 'all',
  periodField: 'created',
  dimension: 'pipeline',
  trendStep: 'month',
  committee: 'steps',
})

export type ReportViewField = keyof ReportView

/** Why a part of a view was not kept: never a crash, always a reason. */
export interface ViewDrop {
  /** The view's field, the unknown key as given, or `view` when nothing could be read. */
  field: ReportViewField | (string & {})
  reason: 'unknown' | 'invalid' | 'stale' | 'unreadable'
  value?: unknown
}

export interface ParsedView {
  view: ReportView
  dropped: ViewDrop[]
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const daySchema = z.string().check(
  z.regex(DAY),
  z.refine((text) => {
    const date = new Date(`${text}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
  }),
)
const idSchema = z.coerce.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER))
const pipelineIdSchema = z.coerce.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER))

const FIELD_SCHEMAS: { [K in ReportViewField]-?: z.ZodMiniType<NonNullable<ReportView[K]>> } = {
  tab: z.enum(REPORT_TABS),
  period: z.enum(PERIOD_PRESETS as readonly PeriodPreset[] as [PeriodPreset, ...PeriodPreset[]]),
  from: daySchema,
  to: daySchema,
  periodField: z.enum(PERIOD_FIELDS),
  pipelineId: pipelineIdSchema,
  departmentId: idSchema,
  managerId: idSchema,
  dimension: z.enum(DIMENSIONS),
  trendStep: z.enum(TREND_STEPS),
  funnelPipelineId: pipelineIdSchema,
  committee: z.enum(COMMITTEE_VIEWS),
}
const FIELDS = Object.keys(FIELD_SCHEMAS) as ReportViewField[]

/** Short keys of the encoded form (a link stays short enough for a chat message). */
const SHORT: Record<ReportViewField, string> = {
  tab: 't',
  period: 'p',
  from: 'f',
  to: 'u',
  periodField: 'd',
  pipelineId: 'c',
  departmentId: 'o',
  managerId: 'm',
  dimension: 'g',
  trendStep: 's',
  funnelPipelineId: 'n',
  committee: 'k',
}
const LONG = new Map(Object.entries(SHORT).map(([long, short]) => [short, long as ReportViewField]))
/** The version of the encoded form; a newer one is read as far as its fields are known. */
const VERSION_KEY = 'v'
const VERSION = 1

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A view from anything (a user option, a decoded link): every known field checked on its own; a
 * missing one takes the default, a wrong one is dropped with a reason, unknown keys are dropped.
 * `keys` names the fields (the long names by default; the encoded form passes its short keys).
 */
export function parseReportView(raw: unknown, keys: 'long' | 'short' = 'long'): ParsedView {
  const view: ReportView = { ...DEFAULT_REPORT_VIEW }
  const dropped: ViewDrop[] = []
  if (!isRecord(raw)) return { view, dropped: raw === undefined || raw === null ? [] : [{ field: 'view', reason: 'unreadable', value: raw }] }
  const set = view as unknown as Record<string, unknown>
  for (const [key, value] of Object.entries(raw)) {
    if (keys === 'short' && key === VERSION_KEY) continue
    const field = keys === 'short' ? LONG.get(key) : FIELDS.find((name) => name === key)
    if (!field) {
      dropped.push({ field: key, reason: 'unknown', value })
      continue
    }
    if (value === undefined || value === null || value === '') continue
    const parsed = FIELD_SCHEMAS[field].safeParse(value)
    if (parsed.success) set[field] = parsed.data
    else dropped.push({ field, reason: 'invalid', value })
  }
  // The days belong to a period of one's own only, and run forwards.
  if (view.period !== 'custom') {
    for (const field of ['from', 'to'] as const) {
      if (view[field] !== undefined) dropped.push({ field, reason: 'invalid', value: view[field] })
      delete view[field]
    }
  } else if (view.from !== undefined && view.to !== undefined && view.from > view.to) {
    dropped.push({ field: 'to', reason: 'invalid', value: view.to })
    delete view.to
  }
  return { view, dropped }
}

/** The fields that differ from the default view, under their short keys. */
function shortForm(view: ReportView): Record<string, unknown> {
  const out: Record<string, unknown> = { [VERSION_KEY]: VERSION }
  for (const field of FIELDS) {
    const value = view[field]
    if (value === undefined || value === (DEFAULT_REPORT_VIEW as Partial<ReportView>)[field]) continue
    out[SHORT[field]] = value
  }
  return out
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2
    for (let c = 0; c < chars; c += 1) out += B64[(n >> (18 - 6 * c)) & 63]
  }
  return out
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const bytes: number[] = []
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4)
    let n = 0
    for (let c = 0; c < 4; c += 1) n = (n << 6) | (c < chunk.length ? B64.indexOf(chunk[c]!) : 0)
    bytes.push((n >> 16) & 255)
    if (chunk.length > 2) bytes.push((n >> 8) & 255)
    if (chunk.length > 3) bytes.push(n & 255)
  }
  return Uint8Array.from(bytes)
}

/** The view as a compact URL-safe text (`[A-Za-z0-9_-]`): base64url of its non-default fields. */
export function encodeReportView(view: ReportView): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(shortForm(view))))
}

/** Longest encoded view read: a real one is under 200 characters. */
const MAX_ENCODED = 2000

/** The view from {@link encodeReportView}'s text; anything else gives the default view and a reason. */
export function decodeReportView(text: unknown): ParsedView {
  const unreadable = (): ParsedView => ({ view: { ...DEFAULT_REPORT_VIEW }, dropped: [{ field: 'view', reason: 'unreadable', value: text }] })
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_ENCODED) return unreadable()
  const bytes = fromBase64Url(text.trim())
  if (!bytes) return unreadable()
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return unreadable()
  }
  if (!isRecord(json)) return unreadable()
  return parseReportView(json, 'short')
}

/** What the viewer's portal has now: ids a view may name. */
export interface ViewContext {
  pipelineIds: Iterable<number>
  departmentIds: Iterable<number>
  userIds: Iterable<number>
}

/**
 * Drops the ids the portal no longer has (a deleted pipeline, department or user): the view then
 * shows all of them instead of an empty page that looks like no deals. Each drop has its reason.
 */
export function reconcileReportView(view: ReportView, known: ViewContext): ParsedView {
  const out: ReportView = { ...view }
  const dropped: ViewDrop[] = []
  const pipelines = new Set(known.pipelineIds)
  const departments = new Set(known.departmentIds)
  const users = new Set(known.userIds)
  const check = (field: 'pipelineId' | 'funnelPipelineId' | 'departmentId' | 'managerId', ids: Set<number>) => {
    const value = out[field]
    if (value !== undefined && !ids.has(value)) {
      dropped.push({ field, reason: 'stale', value })
      delete out[field]
    }
  }
  check('pipelineId', pipelines)
  check('funnelPipelineId', pipelines)
  check('departmentId', departments)
  check('managerId', users)
  return { view: out, dropped }
}

/** Whether two views show the same. */
export function sameReportView(a: ReportView, b: ReportView): boolean {
  return encodeReportView(a) === encodeReportView(b)
}

/** The `params` key a view link carries (`PLACEMENT_OPTIONS.view`). */
export const VIEW_LINK_PARAM = 'view'
/** The placement a view link opens the app in. */
export const VIEW_LINK_PLACEMENT = 'REST_APP_URI'

/**
 * The link that opens the report page with `view` on `portal` (its origin, `https://x.bitrix24.ru`),
 * for the app whose code (local app: client_id) is `app`. See the module's comment for its shape.
 */
export function reportViewLink(portal: string, app: string, view: ReportView): string {
  const origin = new URL(portal).origin
  return `${origin}/marketplace/view/${encodeURIComponent(app)}/?params%5B${VIEW_LINK_PARAM}%5D=${encodeReportView(view)}`
}

/**
 * The encoded view a link brought, from the frame's PLACEMENT_OPTIONS (an object, or the JSON text
 * some portals send); null when the page was not opened by a view link.
 */
export function viewParamOf(placementOptions: unknown): string | null {
  let options = placementOptions
  if (typeof options === 'string') {
    try {
      options = JSON.parse(options)
    } catch {
      return null
    }
  }
  if (!isRecord(options)) return null
  const value = options[VIEW_LINK_PARAM]
  return typeof value === 'string' && value.length > 0 ? value : null
}
