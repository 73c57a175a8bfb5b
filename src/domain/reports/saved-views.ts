import { optionJson } from '../option-json'
import { decodeReportView, encodeReportView, type ReportView } from './report-view'

/**
 * A head's saved views of the report page, kept in the user option `reportViews`
 * (b24restdocs api-reference/common/settings/user-option-set.md: per user and per app, any user may
 * write their own; only the keys given are overwritten). The value is JSON text:
 *
 *     {"v":1,"d":"<default id>","l":[{"i":"<id>","n":"<name>","q":"<encoded view>"}]}
 *
 * Views are stored in the link's compact form, so one parser reads both. The whole list is one
 * value: writing it again is safe (a write plan may repeat it).
 */
export const SAVED_VIEWS_OPTION = 'reportViews'
export const MAX_SAVED_VIEWS = 20
export const MAX_VIEW_NAME = 60

/**
 * What the report page reads for its views, in its first batch: the option (b24restdocs
 * api-reference/common/settings/user-option-get.md) and the app's code for links (api-reference/common/system/app-info.md).
 */
export const VIEWS_READ = {
  savedViews: { method: 'user.option.get', params: { option: SAVED_VIEWS_OPTION } },
  app: { method: 'app.info', params: {} },
} as const

export interface SavedView {
  id: string
  name: string
  view: ReportView
}

export interface SavedViews {
  views: SavedView[]
  /** The view the page opens with; null: the page's own defaults. */
  defaultId: string | null
}

export const NO_SAVED_VIEWS: Readonly<SavedViews> = Object.freeze({ views: [], defaultId: null })

/** A stored entry that could not be read, and why (a view's own dropped parts are not counted). */
export interface SavedViewDrop {
  index: number
  reason: 'unreadable' | 'duplicate' | 'overflow'
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The name as kept: trimmed, single spaces, at most MAX_VIEW_NAME characters. */
export const cleanViewName = (name: string) => name.replace(/\s+/g, ' ').trim().slice(0, MAX_VIEW_NAME)
const sameName = (a: string, b: string) => cleanViewName(a).toLocaleLowerCase('ru') === cleanViewName(b).toLocaleLowerCase('ru')

/** The option as stored (JSON text, the object itself, null or `[]` when never saved), never throwing. */
export function parseSavedViews(raw: unknown): { saved: SavedViews; dropped: SavedViewDrop[] } {
  const value = optionJson(raw)
  const dropped: SavedViewDrop[] = []
  if (!isRecord(value) || !Array.isArray(value.l)) return { saved: { views: [], defaultId: null }, dropped }
  const views: SavedView[] = []
  value.l.forEach((entry: unknown, index: number) => {
    const id = isRecord(entry) && typeof entry.i === 'string' && entry.i !== '' ? entry.i : null
    const name = isRecord(entry) && typeof entry.n === 'string' ? cleanViewName(entry.n) : ''
    if (!isRecord(entry) || !id || !name || typeof entry.q !== 'string') return void dropped.push({ index, reason: 'unreadable' })
    if (views.some((view) => view.id === id || sameName(view.name, name))) return void dropped.push({ index, reason: 'duplicate' })
    if (views.length >= MAX_SAVED_VIEWS) return void dropped.push({ index, reason: 'overflow' })
    views.push({ id, name, view: decodeReportView(entry.q).view })
  })
  const defaultId = typeof value.d === 'string' && views.some((view) => view.id === value.d) ? value.d : null
  return { saved: { views, defaultId }, dropped }
}

/** The option's value to write. */
export function serializeSavedViews(saved: SavedViews): string {
  const l = saved.views.map((view) => ({ i: view.id, n: view.name, q: encodeReportView(view.view) }))
  return JSON.stringify(saved.defaultId ? { v: 1, d: saved.defaultId, l } : { v: 1, l })
}

export type ViewNameProblem = 'empty' | 'taken' | 'full'

/**
 * Saving the current view under `name`: a new entry, or — the same name again — that entry with the
 * new filters (its id and default kept). `makeDefault` makes it the view the page opens with.
 */
export function saveView(
  saved: SavedViews,
  input: { id: string; name: string; view: ReportView; makeDefault?: boolean },
): { saved: SavedViews; id: string } | { problem: ViewNameProblem } {
  const name = cleanViewName(input.name)
  if (!name) return { problem: 'empty' }
  const existing = saved.views.find((view) => sameName(view.name, name))
  if (!existing && saved.views.length >= MAX_SAVED_VIEWS) return { problem: 'full' }
  const id = existing?.id ?? input.id
  const entry: SavedView = { id, name, view: { ...input.view } }
  const views = existing ? saved.views.map((view) => (view.id === id ? entry : view)) : [...saved.views, entry]
  return { saved: { views, defaultId: input.makeDefault ? id : saved.defaultId }, id }
}

export function renameView(saved: SavedViews, id: string, name: string): { saved: SavedViews } | { problem: ViewNameProblem } {
  const clean = cleanViewName(name)
  if (!clean) return { problem: 'empty' }
  if (saved.views.some((view) => view.id !== id && sameName(view.name, clean))) return { problem: 'taken' }
  return { saved: { ...saved, views: saved.views.map((view) => (view.id === id ? { ...view, name: clean } : view)) } }
}

export function deleteView(saved: SavedViews, id: string): SavedViews {
  return { views: saved.views.filter((view) => view.id !== id), defaultId: saved.defaultId === id ? null : saved.defaultId }
}

/** `id` becomes the view the page opens with; null: none. */
export function setDefaultView(saved: SavedViews, id: string | null): SavedViews {
  return { ...saved, defaultId: id !== null && saved.views.some((view) => view.id === id) ? id : null }
}

export function defaultView(saved: SavedViews): SavedView | null {
  return saved.views.find((view) => view.id === saved.defaultId) ?? null
}
