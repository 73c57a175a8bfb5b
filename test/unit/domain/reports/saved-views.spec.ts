import { describe, expect, it } from 'vitest'
import { DEFAULT_REPORT_VIEW, encodeReportView, type ReportView } from '@/domain/reports/report-view'
import {
  MAX_SAVED_VIEWS,
  defaultView,
  deleteView,
  parseSavedViews,
  renameView,
  saveView,
  serializeSavedViews,
  setDefaultView,
  type SavedViews,
} from '@/domain/reports/saved-views'

const week: ReportView = { ...DEFAULT_REPORT_VIEW, period: 'week', departmentId: 2, dimension: 'manager' }
const year: ReportView = { ...DEFAULT_REPORT_VIEW, tab: 'trends', period: 'year', trendStep: 'week' }
const empty: SavedViews = { views: [], defaultId: null }

function saved(result: ReturnType<typeof saveView>): SavedViews {
  if (!('saved' in result)) throw new Error(`not saved: ${result.problem}`)
  return result.saved
}

describe('saved report views', () => {
  it('round-trips through the option text, default included', () => {
    let views = saved(saveView(empty, { id: 'a', name: '  Неделя   отдела ', view: week, makeDefault: true }))
    views = saved(saveView(views, { id: 'b', name: 'Год', view: year }))
    expect(views).toEqual({ views: [{ id: 'a', name: 'Неделя отдела', view: week }, { id: 'b', name: 'Год', view: year }], defaultId: 'a' })
    const text = serializeSavedViews(views)
    expect(JSON.parse(text)).toEqual({ v: 1, d: 'a', l: [{ i: 'a', n: 'Неделя отдела', q: encodeReportView(week) }, { i: 'b', n: 'Год', q: encodeReportView(year) }] })
    expect(parseSavedViews(text)).toEqual({ saved: views, dropped: [] })
    // The SDK may hand the value back parsed.
    expect(parseSavedViews(JSON.parse(text)).saved).toEqual(views)
    expect(defaultView(views)?.name).toBe('Неделя отдела')
  })

  it('saving under a taken name (any case) updates that view, keeping its id and the default', () => {
    const first = saved(saveView(empty, { id: 'a', name: 'Неделя', view: week, makeDefault: true }))
    const again = saveView(first, { id: 'new', name: 'НЕДЕЛЯ', view: year })
    expect(again).toEqual({ saved: { views: [{ id: 'a', name: 'НЕДЕЛЯ', view: year }], defaultId: 'a' }, id: 'a' })
  })

  it('refuses an empty name, a taken name on rename, and a view over the limit', () => {
    expect(saveView(empty, { id: 'a', name: '   ', view: week })).toEqual({ problem: 'empty' })
    let views = empty
    for (let i = 0; i < MAX_SAVED_VIEWS; i++) views = saved(saveView(views, { id: `v${i}`, name: `Вид ${i}`, view: week }))
    expect(saveView(views, { id: 'x', name: 'Ещё один', view: week })).toEqual({ problem: 'full' })
    // Replacing an existing one is still allowed when full.
    expect('saved' in saveView(views, { id: 'x', name: 'вид 3', view: year })).toBe(true)
    expect(renameView(views, 'v1', 'Вид 2')).toEqual({ problem: 'taken' })
    expect(renameView(views, 'v1', '')).toEqual({ problem: 'empty' })
    const renamed = renameView(views, 'v1', 'Вид один')
    expect('saved' in renamed && renamed.saved.views[1]!.name).toBe('Вид один')
  })

  it('deletes a view (the default with it) and sets or clears the default', () => {
    let views = saved(saveView(empty, { id: 'a', name: 'A', view: week, makeDefault: true }))
    views = saved(saveView(views, { id: 'b', name: 'B', view: year }))
    expect(setDefaultView(views, 'b').defaultId).toBe('b')
    expect(setDefaultView(views, 'gone').defaultId).toBeNull()
    expect(setDefaultView(views, null).defaultId).toBeNull()
    expect(deleteView(views, 'a')).toEqual({ views: [{ id: 'b', name: 'B', view: year }], defaultId: null })
    expect(deleteView(views, 'b').defaultId).toBe('a')
  })

  it('reads what was never saved or is broken as no views, with the entries it left out', () => {
    for (const none of [null, undefined, [], '', 'not json', '{"v":1}', 42]) expect(parseSavedViews(none)).toEqual({ saved: { views: [], defaultId: null }, dropped: [] })
    const stored = {
      v: 1,
      d: 'zz',
      l: [{ i: 'a', n: 'A', q: encodeReportView(week) }, { i: 'a', n: 'Other', q: '' }, { n: 'no id', q: '' }, 'x', { i: 'c', n: 'a', q: '' }, { i: 'd', n: 'D', q: '!!' }],
    }
    const parsed = parseSavedViews(JSON.stringify(stored))
    // A default that names no view is none; an unreadable view text opens the page's defaults.
    expect(parsed.saved).toEqual({ views: [{ id: 'a', name: 'A', view: week }, { id: 'd', name: 'D', view: DEFAULT_REPORT_VIEW }], defaultId: null })
    expect(parsed.dropped).toEqual([
      { index: 1, reason: 'duplicate' },
      { index: 2, reason: 'unreadable' },
      { index: 3, reason: 'unreadable' },
      { index: 4, reason: 'duplicate' },
    ])
  })
})
