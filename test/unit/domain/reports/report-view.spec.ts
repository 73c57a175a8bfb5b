// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_REPORT_VIEW,
  decodeReportView,
  encodeReportView,
  parseReportView,
  reconcileReportView,
  reportViewLink,
  sameReportView,
  viewParamOf,
  type ReportView,
} from '@/domain/reports/report-view'

const full: ReportView = {
  tab: 'trends',
  period: 'custom',
  from: '2026-01-05',
  to: '2026-03-31',
  periodField: 'closed',
  pipelineId: 0,
  departmentId: 7,
  managerId: 12,
  dimension: 'manager',
  trendStep: 'week',
  funnelPipelineId: 3,
  committee: 'leads',
}

/** Base64url of a JSON text, as a hand-made link would carry it. */
const b64 = (json: string) => Buffer.from(json, 'utf8').toString('base64url')

describe('report view: encode / decode', () => {
  it('round-trips every field, and the text is URL-safe', () => {
    const text = encodeReportView(full)
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(decodeReportView(text)).toEqual({ view: full, dropped: [] })
  })

  it('round-trips the default view and a week preset, short', () => {
    const week: ReportView = { ...DEFAULT_REPORT_VIEW, period: 'lastWeek', departmentId: 2 }
    expect(decodeReportView(encodeReportView(DEFAULT_REPORT_VIEW))).toEqual({ view: DEFAULT_REPORT_VIEW, dropped: [] })
    expect(decodeReportView(encodeReportView(week)).view).toEqual(week)
    // Only what differs from the default is written.
    expect(encodeReportView(week).length).toBeLessThan(40)
    expect(Buffer.from(encodeReportView(week), 'base64url').toString()).toBe('{"v":1,"p":"lastWeek","o":2}')
  })

  it('keeps the general pipeline (id 0), which is not «all»', () => {
    const view = { ...DEFAULT_REPORT_VIEW, pipelineId: 0 }
    expect(decodeReportView(encodeReportView(view)).view.pipelineId).toBe(0)
    expect(sameReportView(view, DEFAULT_REPORT_VIEW)).toBe(false)
  })

  it('reads base64url of any length modulo 4 (1, 2, 3 bytes in the last group)', () => {
    for (const json of ['{"t":"yearly"}', '{"t":"yearly" }', '{"t":"yearly"  }']) {
      expect(decodeReportView(b64(json)).view.tab).toBe('yearly')
    }
  })

  it('gives the default view and a reason for text that is not a view, never throwing', () => {
    for (const bad of ['', '!!!', 'a', b64('not json'), b64('[1,2]'), b64('"x"'), b64('null'), 'x'.repeat(5000), 42, null, undefined, {}, Buffer.from([0xff, 0xfe]).toString('base64url')]) {
      const parsed = decodeReportView(bad)
      expect(parsed.view).toEqual(DEFAULT_REPORT_VIEW)
      expect(parsed.dropped).toEqual([{ field: 'view', reason: 'unreadable', value: bad }])
    }
  })

  it('drops unknown keys and wrong values one by one, keeping the rest', () => {
    const parsed = decodeReportView(b64(JSON.stringify({ v: 9, t: 'funnel', p: 'decade', c: -1, o: 'x', m: '12', g: 'planet', zz: 1, k: 'objects' })))
    expect(parsed.view).toEqual({ ...DEFAULT_REPORT_VIEW, tab: 'funnel', managerId: 12, committee: 'objects' })
    expect(parsed.dropped).toEqual([
      { field: 'period', reason: 'invalid', value: 'decade' },
      { field: 'pipelineId', reason: 'invalid', value: -1 },
      { field: 'departmentId', reason: 'invalid', value: 'x' },
      { field: 'dimension', reason: 'invalid', value: 'planet' },
      { field: 'zz', reason: 'unknown', value: 1 },
    ])
  })
})

describe('report view: parse', () => {
  it('takes the days only with a period of one own, real days, running forwards', () => {
    expect(parseReportView({ period: 'week', from: '2026-01-01' })).toEqual({
      view: { ...DEFAULT_REPORT_VIEW, period: 'week' },
      dropped: [{ field: 'from', reason: 'invalid', value: '2026-01-01' }],
    })
    expect(parseReportView({ period: 'custom', from: '2026-02-30' }).dropped).toEqual([{ field: 'from', reason: 'invalid', value: '2026-02-30' }])
    expect(parseReportView({ period: 'custom', from: '2026-03-01', to: '2026-02-01' })).toEqual({
      view: { ...DEFAULT_REPORT_VIEW, period: 'custom', from: '2026-03-01' },
      dropped: [{ field: 'to', reason: 'invalid', value: '2026-02-01' }],
    })
  })

  it('reads a missing or empty option as the default view, without a reason', () => {
    expect(parseReportView(undefined)).toEqual({ view: DEFAULT_REPORT_VIEW, dropped: [] })
    expect(parseReportView(null)).toEqual({ view: DEFAULT_REPORT_VIEW, dropped: [] })
    expect(parseReportView({ managerId: '' })).toEqual({ view: DEFAULT_REPORT_VIEW, dropped: [] })
    expect(parseReportView('deals').dropped).toEqual([{ field: 'view', reason: 'unreadable', value: 'deals' }])
  })
})

describe('report view: stale ids', () => {
  it('drops a pipeline, department or manager the portal no longer has, with the reason', () => {
    const known = { pipelineIds: [0, 1], departmentIds: [1, 7], userIds: [1, 12] }
    expect(reconcileReportView(full, known)).toEqual({
      view: { ...full, funnelPipelineId: undefined },
      dropped: [{ field: 'funnelPipelineId', reason: 'stale', value: 3 }],
    })
    const gone = reconcileReportView(full, { pipelineIds: [], departmentIds: [], userIds: [] })
    expect(gone.dropped.map((d) => d.field)).toEqual(['pipelineId', 'funnelPipelineId', 'departmentId', 'managerId'])
    expect(gone.view).not.toHaveProperty('departmentId')
  })
})

describe('report view: link', () => {
  it('opens the app by its code through REST_APP_URI with params[view], brackets escaped', () => {
    const link = reportViewLink('https://lemus.bitrix24.ru/crm/', 'local.66ba434d853c87.18550109', full)
    expect(link).toBe(`https://lemus.bitrix24.ru/marketplace/view/local.66ba434d853c87.18550109/?params%5Bview%5D=${encodeReportView(full)}`)
    expect(link).not.toMatch(/[[\]]/)
    // What the portal hands the app: PLACEMENT_OPTIONS {"view": "<text>"} from the query's params[view].
    const url = new URL(link)
    expect(url.searchParams.get('params[view]')).toBe(encodeReportView(full))
    expect(decodeReportView(viewParamOf({ view: url.searchParams.get('params[view]') })).view).toEqual(full)
  })

  it('reads the view from PLACEMENT_OPTIONS given as an object or as JSON text', () => {
    expect(viewParamOf({ view: 'abc' })).toBe('abc')
    expect(viewParamOf('{"view":"abc"}')).toBe('abc')
    for (const none of ['', 'not json', null, undefined, [], { view: 5 }, { view: '' }, { ID: '4' }]) expect(viewParamOf(none)).toBeNull()
  })
})
