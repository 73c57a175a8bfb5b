// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_REPORT_FIELDS,
  debtAgeDays,
  isFresh,
  reportCacheKey,
  wrapForCache,
  drillDown,
  groupDeals,
  meetingReport,
  reportContext,
  toReportDeal,
  toReportUser,
  totalsOf,
  type RawDealRow,
  type ReportData,
} from '@/domain/reports'
import { generateDeals, NOW, USERS } from './generated-data'

// Issue 15: «Долг» mixed open deals with receivables and aged them from the planned close date.
// A receivable is a won deal (STAGE_SEMANTIC_ID S, crm.deal.fields: b24restdocs
// api-reference/crm/deals/crm-deal-fields.md) — or an open one already invoiced — not paid in full,
// aged from its invoice date or CLOSEDATE («Дата завершения»); an open deal without an invoice is
// the pipeline's unpaid amount, shown apart and never aged.

const DAY = 86_400_000
const iso = (ms: number) => `${new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19)}+03:00`
const row = (id: number, fields: Partial<RawDealRow>): RawDealRow => ({
  ID: String(id),
  STAGE_SEMANTIC_ID: 'P',
  ASSIGNED_BY_ID: '3',
  OPPORTUNITY: '1000.00',
  CURRENCY_ID: 'RUB',
  DATE_CREATE: iso(NOW - 200 * DAY),
  ...fields,
})
const noOverdue = new Map<number, number>()

describe('receivables apart from the open pipeline', () => {
  // An open deal planned to close 120 days ago and unpaid: the old report put it into «90+ дн.».
  const late = toReportDeal(row(1, { CLOSEDATE: iso(NOW - 120 * DAY) }))
  // A win closed 40 days ago, 300 of 1000 paid.
  const won = toReportDeal(row(2, { STAGE_SEMANTIC_ID: 'S', CLOSEDATE: iso(NOW - 40 * DAY), UF_CRM_LMS_PAID_AMOUNT: '300|RUB' }))
  const lost = toReportDeal(row(3, { STAGE_SEMANTIC_ID: 'F', CLOSEDATE: iso(NOW - 200 * DAY) }))

  it('an open deal is the pipeline’s unpaid amount, not a receivable, and is not aged', () => {
    const totals = totalsOf([late, won, lost], { now: NOW, currency: 'RUB', overdueByDeal: noOverdue })
    expect(totals.openUnpaid).toBe(100_000)
    expect(totals.openUnpaidDeals).toBe(1)
    expect(totals.receivable).toBe(70_000)
    expect(totals.receivableDeals).toBe(1)
    expect(totals.buckets).toEqual({ notDue: 0, d0_30: 0, d31_60: 70_000, d61_90: 0, d90plus: 0 })
    // everything unpaid together stays for «Сводка»: the two parts add up to it
    expect(totals.debt).toBe(totals.receivable + totals.openUnpaid)
  })

  it('an open deal with an invoice date is a receivable aged from the invoice, when the portal maps that field', () => {
    const fields = { paid: 'UF_CRM_LMS_PAID_AMOUNT', scansReceived: 'UF_CRM_S', originalsReceived: 'UF_CRM_O', invoiceDate: 'UF_CRM_INVOICE_DATE' } as const
    const invoiced = toReportDeal(row(4, { CLOSEDATE: iso(NOW + 30 * DAY), UF_CRM_INVOICE_DATE: iso(NOW - 95 * DAY) }), fields)
    const notInvoiced = toReportDeal(row(5, { CLOSEDATE: iso(NOW - 95 * DAY), UF_CRM_INVOICE_DATE: '' }), fields)
    expect(debtAgeDays(invoiced, NOW)).toBe(95)
    const totals = totalsOf([invoiced, notInvoiced], { now: NOW, currency: 'RUB', overdueByDeal: noOverdue })
    expect(totals.receivable).toBe(100_000)
    expect(totals.buckets.d90plus).toBe(100_000)
    expect(totals.openUnpaid).toBe(100_000)
  })

  it('a deal kept by an older cache (no invoiceAt) is not taken for an invoiced one, and such a cache is not used', () => {
    const { invoiceAt: _, ...old } = late
    expect(totalsOf([old as typeof late], { now: NOW, currency: 'RUB', overdueByDeal: noOverdue }).receivable).toBe(0)
    const key = reportCacheKey({ domain: 'portal.example', userId: 2, fields: DEFAULT_REPORT_FIELDS })
    expect(isFresh({ key, version: 1, savedAt: NOW, data: {} }, key, NOW)).toBe(false)
    expect(isFresh(wrapForCache(key, {}, NOW), key, NOW)).toBe(true)
  })

  it('the meeting report’s debt column is receivables only', () => {
    const data: ReportData = { deals: [late, won, lost], users: USERS.map(toReportUser), departments: [], pipelines: [], overdue: [], readAt: NOW }
    const rows = meetingReport(data.deals, { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY }, reportContext(data, NOW))
    const figures = rows.flatMap((r) => r.managers).find((m) => m.userId === 3)!.figures
    expect(figures.debt).toEqual({ RUB: 70_000 })
  })
})

describe('receivables recounted independently on 3,000 generated deals', () => {
  const raw = generateDeals(3000, 7)
  const data: ReportData = { deals: raw.map((r) => toReportDeal(r)), users: USERS.map(toReportUser), departments: [], pipelines: [], overdue: [], readAt: NOW }
  const ctx = reportContext(data, NOW)
  const totals = totalsOf(data.deals, ctx)
  /** From the raw rows, no shared helpers: kopecks of a REST amount text. */
  const kopecks = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : Math.round(parseFloat(String(v).split('|')[0]!) * 100))
  const unpaid = (r: RawDealRow) => Math.max(0, kopecks(r.OPPORTUNITY) - kopecks(r.UF_CRM_LMS_PAID_AMOUNT))
  const rub = raw.filter((r) => r.CURRENCY_ID === 'RUB')
  const wonRows = rub.filter((r) => r.STAGE_SEMANTIC_ID === 'S')
  const openRows = rub.filter((r) => r.STAGE_SEMANTIC_ID === 'P')

  it('receivables are the won deals’ unpaid parts; the open pipeline’s unpaid amount is apart', () => {
    expect(totals.receivable).toBe(wonRows.reduce((s, r) => s + unpaid(r), 0))
    expect(totals.receivableDeals).toBe(wonRows.filter((r) => unpaid(r) > 0).length)
    expect(totals.openUnpaid).toBe(openRows.reduce((s, r) => s + unpaid(r), 0))
    expect(totals.openUnpaidDeals).toBe(openRows.filter((r) => unpaid(r) > 0).length)
    expect(totals.receivable).toBeGreaterThan(0)
    expect(totals.openUnpaid).toBeGreaterThan(0)
  })

  it('ages only receivables, from CLOSEDATE, and the age buckets add up to them', () => {
    const b = totals.buckets
    expect(b.notDue + b.d0_30 + b.d31_60 + b.d61_90 + b.d90plus).toBe(totals.receivable)
    const old = wonRows.filter((r) => Math.floor((NOW - Date.parse(r.CLOSEDATE!)) / DAY) > 90)
    expect(b.d90plus).toBe(old.reduce((s, r) => s + unpaid(r), 0))
  })

  it('each figure opens exactly its deals, and the groups add up to the total', () => {
    expect(drillDown(data.deals, { measure: 'receivable' }, ctx)).toHaveLength(totals.receivableDeals)
    expect(drillDown(data.deals, { measure: 'openUnpaid' }, ctx).every((d) => d.semantic === 'P')).toBe(true)
    expect(drillDown(data.deals, { measure: 'd90plus' }, ctx).every((d) => d.semantic === 'S')).toBe(true)
    const groups = groupDeals(data.deals, 'manager', ctx)
    expect(groups.reduce((s, g) => s + g.totals.receivable, 0)).toBe(totals.receivable)
    expect(groups.reduce((s, g) => s + g.totals.openUnpaid, 0)).toBe(totals.openUnpaid)
  })
})
