// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  companySummary,
  keepSummary,
  keptSummaryHolds,
  keptTotals,
  MAX_DATED,
  parseKeptSummary,
  serializeKeptSummary,
  stageChips,
  stageChipsOf,
  stampOf,
  toReportDeal,
  type Pipeline,
  type ProbeRow,
  type RawDealRow,
} from '@/domain/reports'

// The summary the runner keeps on a company for «Сводка» (issue 14): the same figures as the tab's
// own count over the deals, at any later moment (receivables age on the tab's clock), and a stamp
// that tells the tab whether its viewer sees exactly the deals the summary was made of.

const DAY = 86_400_000
const MADE = Date.parse('2026-06-01T12:00:00+03:00')
const STAGES = [
  ['0', 'NEW', 'P'],
  ['0', 'WON', 'S'],
  ['0', 'LOSE', 'F'],
  ['1', 'C1:NEW', 'P'],
  ['1', 'C1:WON', 'S'],
] as const

/** A deterministic spread of deals: currencies, stages, payments, close dates from a year back to a month ahead, invoices. */
function dealRows(count: number, companyId = 7): Array<RawDealRow & { DATE_MODIFY: string }> {
  return Array.from({ length: count }, (_, index) => {
    const [category, stage, semantic] = STAGES[index % STAGES.length]!
    const close = new Date(MADE - ((index * 37) % 400) * DAY + 30 * DAY).toISOString()
    const amount = 1000 + ((index * 7919) % 90_000)
    return {
      ID: String(100 + index),
      TITLE: `Сделка ${index}`,
      CATEGORY_ID: category,
      STAGE_ID: stage,
      STAGE_SEMANTIC_ID: semantic,
      ASSIGNED_BY_ID: String(3 + (index % 2)),
      COMPANY_ID: String(companyId),
      OPPORTUNITY: `${amount}.50`,
      CURRENCY_ID: index % 5 === 0 ? 'USD' : 'RUB',
      DATE_CREATE: new Date(MADE - index * 3 * DAY).toISOString(),
      CLOSEDATE: index % 11 === 0 ? '' : close,
      UF_CRM_LMS_PAID_AMOUNT: index % 3 === 0 ? `${Math.floor(amount / 2)}|RUB` : null,
      DATE_MODIFY: new Date(MADE - (index % 17) * 3_600_000).toISOString(),
    }
  })
}

function kept(rows: ReturnType<typeof dealRows>, now = MADE) {
  return keepSummary({ companyId: 7, deals: rows.map((row) => toReportDeal(row)), modified: rows, now })
}

/** The viewer's probe: the portal's total and its first page, DATE_MODIFY then ID descending. */
function probe(rows: readonly ProbeRow[]) {
  const sorted = [...rows].sort((a, b) => Date.parse(String(b.DATE_MODIFY)) - Date.parse(String(a.DATE_MODIFY)) || Number(b.ID) - Number(a.ID))
  return { total: rows.length, rows: sorted.slice(0, 50).map(({ ID, DATE_MODIFY }) => ({ ID, DATE_MODIFY })) }
}

describe('kept summary: the same figures as the count over every deal', () => {
  const rows = dealRows(700)
  const summary = kept(rows)!

  it.each([0, 1, 29, 31, 45, 61, 75, 91, 120, 400])('%i days after it was made: counts, money and ages per currency equal companySummary', (days) => {
    const now = MADE + days * DAY
    const direct = companySummary({ companyId: 7, deals: rows.map((row) => toReportDeal(row)), moves: [], now })
    const fromKept = keptTotals(summary, now)
    expect(fromKept.counts).toEqual(direct.counts)
    expect(fromKept.byCurrency).toEqual(direct.byCurrency)
    expect(direct.byCurrency.map((entry) => entry.currency)).toEqual(['RUB', 'USD'])
    // the data has receivables not due yet, fresh and old, so ages do move between these days
    if (days === 0) expect(Object.values(direct.byCurrency[0]!.buckets).filter((amount) => amount > 0).length).toBeGreaterThanOrEqual(4)
  })

  it('stage chips and first/last day as from the deals', () => {
    const pipelines: Pipeline[] = [
      { id: 0, name: 'Продажи', stages: [{ id: 'NEW', name: 'Новая', semantic: 'P', sort: 10 }, { id: 'WON', name: 'Успешна', semantic: 'S', sort: 20 }] },
      { id: 1, name: 'ВЭД', stages: [{ id: 'C1:WON', name: 'Успешна', semantic: 'S', sort: 20 }] },
    ]
    const direct = companySummary({ companyId: 7, deals: rows.map((row) => toReportDeal(row)), moves: [], now: MADE })
    expect(stageChipsOf(summary.stages, pipelines)).toEqual(stageChips(direct.deals, pipelines))
    const days = rows.map((row) => String(row.DATE_CREATE).slice(0, 10)).sort()
    expect([summary.firstDay, summary.lastDay]).toEqual([days[0], days.at(-1)])
  })

  it('stays small: no deal rows, a few kilobytes for 700 deals', () => {
    const text = serializeKeptSummary(summary)
    expect(text.length).toBeLessThan(12_000)
    expect(text).not.toContain('Сделка')
    expect(parseKeptSummary(text)).toEqual(summary)
  })

  it('is left to the full read when its dated receivables would not stay bounded', () => {
    const many = dealRows(MAX_DATED * 4).map((row, index) => ({ ...row, STAGE_ID: 'WON', STAGE_SEMANTIC_ID: 'S', CATEGORY_ID: '0', CLOSEDATE: new Date(MADE - (index % 80) * DAY - index * 60_000).toISOString(), UF_CRM_LMS_PAID_AMOUNT: null }))
    expect(kept(many)).toBeNull()
  })

  it('reads back nothing it cannot trust', () => {
    for (const raw of [null, '', '{', '[]', JSON.stringify({ ...summary, v: 2 }), JSON.stringify({ ...summary, counts: { count: '7' } }), JSON.stringify({ ...summary, currencies: [{ currency: 'RUB' }] })]) {
      expect(parseKeptSummary(raw)).toBeNull()
    }
  })
})

describe('kept summary: the stamp tells when the viewer sees exactly its deals', () => {
  const rows = dealRows(120)
  const summary = kept(rows)!
  const later = (ms: number) => new Date(MADE + ms).toISOString()

  it('holds for a viewer who sees every deal, unchanged', () => {
    expect(keptSummaryHolds(summary, probe(rows))).toBe(true)
    expect(stampOf(rows.length, rows)).toEqual(summary.stamp)
  })

  it('does not hold after a deal changed, was added, deleted or moved to another company', () => {
    const changed = rows.map((row, index) => (index === 60 ? { ...row, DATE_MODIFY: later(1000) } : row))
    expect(keptSummaryHolds(summary, probe(changed))).toBe(false)
    expect(keptSummaryHolds(summary, probe([...rows, { ...rows[0]!, ID: '999', DATE_MODIFY: later(1000) }]))).toBe(false)
    expect(keptSummaryHolds(summary, probe(rows.filter((_, index) => index !== 90)))).toBe(false)
  })

  it('does not hold when one deal left and another came at the newest moment (same count, same newest time)', () => {
    const newest = rows.reduce((max, row) => Math.max(max, Date.parse(row.DATE_MODIFY)), 0)
    const swapped = [...rows.filter((_, index) => index !== 5), { ...rows[5]!, ID: '998', DATE_MODIFY: new Date(newest).toISOString() }]
    expect(swapped).toHaveLength(rows.length)
    expect(keptSummaryHolds(summary, probe(swapped))).toBe(false)
  })

  it('does not hold for a viewer who sees only some deals (a manager with own-deals rights)', () => {
    expect(keptSummaryHolds(summary, probe(rows.filter((row) => row.ASSIGNED_BY_ID === '3')))).toBe(false)
  })

  it('does not hold without a summary or a probe', () => {
    expect(keptSummaryHolds(null, probe(rows))).toBe(false)
    expect(keptSummaryHolds(summary, null)).toBe(false)
  })
})
