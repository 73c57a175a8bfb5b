// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { companySummary, stageChips, toReportDeal, type Pipeline, type RawDealRow } from '@/domain/reports'

// Deal rows as crm.deal.list returns them (b24restdocs api-reference/crm/deals/crm-deal-list.md):
// OPPORTUNITY as decimal text, CURRENCY_ID per deal, the paid sum as a money user field «amount|currency».
const NOW = Date.parse('2026-06-01T00:00:00+03:00')
let nextId = 100
const deal = (fields: Partial<RawDealRow>): RawDealRow => ({
  ID: String(nextId++),
  TITLE: 'Сделка',
  CATEGORY_ID: '0',
  STAGE_ID: 'NEW',
  STAGE_SEMANTIC_ID: 'P',
  ASSIGNED_BY_ID: '3',
  COMPANY_ID: '13',
  OPPORTUNITY: '0.00',
  CURRENCY_ID: 'RUB',
  DATE_CREATE: '2026-01-10T10:00:00+03:00',
  CLOSEDATE: '2026-02-01T10:00:00+03:00',
  ...fields,
})

describe('«Сводка»: each currency summed on its own, no deal dropped (issue 15)', () => {
  // Company 13: three rouble deals, then one newer USD deal (the newest decided the currency before).
  const rows = [
    deal({ STAGE_ID: 'WON', STAGE_SEMANTIC_ID: 'S', OPPORTUNITY: '1000.00', UF_CRM_LMS_PAID_AMOUNT: '400|RUB', CLOSEDATE: '2026-01-20T10:00:00+03:00' }),
    deal({ OPPORTUNITY: '234.00', DATE_CREATE: '2026-02-10T10:00:00+03:00', CLOSEDATE: '2026-07-01T10:00:00+03:00' }),
    deal({ STAGE_ID: 'LOSE', STAGE_SEMANTIC_ID: 'F', OPPORTUNITY: '99.00', DATE_CREATE: '2026-03-10T10:00:00+03:00' }),
    deal({ STAGE_ID: 'WON', STAGE_SEMANTIC_ID: 'S', OPPORTUNITY: '17000.00', CURRENCY_ID: 'USD', UF_CRM_LMS_PAID_AMOUNT: '2000|USD', DATE_CREATE: '2026-05-10T10:00:00+03:00' }),
    deal({ COMPANY_ID: '14', OPPORTUNITY: '5.00', CURRENCY_ID: 'EUR' }),
  ]
  const summary = companySummary({ companyId: 13, deals: rows.map((row) => toReportDeal(row)), moves: [], now: NOW })

  it('counts every deal whatever its currency', () => {
    expect(summary.counts).toEqual({ count: 4, open: 1, won: 2, lost: 1 })
  })

  it('sums each currency separately: roubles are not lost to the newest USD deal, dollars never added to roubles', () => {
    expect(summary.byCurrency.map((entry) => entry.currency)).toEqual(['RUB', 'USD'])
    const [rub, usd] = summary.byCurrency
    expect(rub).toMatchObject({ currency: 'RUB', count: 3, amount: 133_300, wonAmount: 100_000, paid: 40_000, debt: 60_000 + 23_400 })
    expect(usd).toMatchObject({ currency: 'USD', count: 1, amount: 1_700_000, wonAmount: 1_700_000, paid: 200_000, debt: 1_500_000 })
    // the RUB debt closed 20 Jan is over 90 days old on 1 June
    expect(rub!.buckets.d90plus).toBe(60_000)
    expect(summary.byCurrency.reduce((sum, entry) => sum + entry.count, 0)).toBe(summary.counts.count)
  })

  it('what is unpaid is split as the report splits it: the won deal owes (a receivable), the open deal is not a debt', () => {
    const [rub, usd] = summary.byCurrency
    expect(rub).toMatchObject({ receivable: 60_000, openUnpaid: 23_400 })
    expect(usd).toMatchObject({ receivable: 1_500_000, openUnpaid: 0 })
    // Nothing unpaid falls between the two figures.
    for (const entry of summary.byCurrency) expect(entry.receivable + entry.openUnpaid).toBe(entry.debt)
  })

  it('most deals first; the currency asked for first when the company has deals in it', () => {
    const moreDollars = [...rows, ...['USD', 'USD', 'USD', 'EUR'].map((currency) => deal({ CURRENCY_ID: currency }))].map((row) => toReportDeal(row))
    expect(companySummary({ companyId: 13, deals: moreDollars, moves: [], now: NOW }).byCurrency.map((entry) => entry.currency)).toEqual(['USD', 'RUB', 'EUR'])
    expect(companySummary({ companyId: 13, deals: moreDollars, moves: [], now: NOW, currency: 'EUR' }).byCurrency.map((entry) => entry.currency)).toEqual(['EUR', 'USD', 'RUB'])
    expect(companySummary({ companyId: 13, deals: moreDollars, moves: [], now: NOW, currency: 'KZT' }).byCurrency.map((entry) => entry.currency)).toEqual(['USD', 'RUB', 'EUR'])
  })

  it('a company without deals has no sums rather than a zero in some currency', () => {
    expect(companySummary({ companyId: 99, deals: [], moves: [], now: NOW })).toMatchObject({ counts: { count: 0, open: 0, won: 0, lost: 0 }, byCurrency: [] })
  })
})

describe('«Сводка» stage chips: per pipeline, not per stage name (issue 15)', () => {
  // Two pipelines with a stage of the same name: crm.status.list keeps them apart by STATUS_ID (NEW, C1:NEW).
  const pipelines: Pipeline[] = [
    { id: 0, name: 'Инфраструктура', stages: [{ id: 'NEW', name: 'Новая', semantic: 'P', sort: 10 }, { id: 'WON', name: 'Успешно', semantic: 'S', sort: 60 }] },
    { id: 1, name: 'ВЭД', stages: [{ id: 'C1:NEW', name: 'Новая', semantic: 'P', sort: 10 }, { id: 'C1:WON', name: 'Успешно', semantic: 'S', sort: 60 }] },
  ]
  const deals = [
    deal({ CATEGORY_ID: '1', STAGE_ID: 'C1:NEW' }),
    deal({ CATEGORY_ID: '0', STAGE_ID: 'WON', STAGE_SEMANTIC_ID: 'S' }),
    deal({ CATEGORY_ID: '0', STAGE_ID: 'NEW' }),
    deal({ CATEGORY_ID: '1', STAGE_ID: 'C1:NEW' }),
    deal({ CATEGORY_ID: '0', STAGE_ID: 'NEW' }),
    deal({ CATEGORY_ID: '0', STAGE_ID: 'NEW' }),
  ].map((row) => toReportDeal(row))

  it('same-named stages of two pipelines are two chips, named with their pipeline, in the portal’s order', () => {
    expect(stageChips(deals, pipelines)).toEqual([
      { key: '0:NEW', pipeline: 'Инфраструктура', stage: 'Новая', semantic: 'P', count: 3 },
      { key: '0:WON', pipeline: 'Инфраструктура', stage: 'Успешно', semantic: 'S', count: 1 },
      { key: '1:C1:NEW', pipeline: 'ВЭД', stage: 'Новая', semantic: 'P', count: 2 },
    ])
  })

  it('one pipeline: no pipeline name on the chips', () => {
    const oneOnly = deals.filter((d) => d.categoryId === 0)
    expect(stageChips(oneOnly, pipelines).map((chip) => [chip.pipeline, chip.stage, chip.count])).toEqual([
      [null, 'Новая', 3],
      [null, 'Успешно', 1],
    ])
  })

  it('a stage or pipeline the portal no longer lists keeps its deals, after the known ones, by its code', () => {
    const gone = [...deals, ...[deal({ CATEGORY_ID: '7', STAGE_ID: 'C7:OLD' }), deal({ CATEGORY_ID: '0', STAGE_ID: 'ARCHIVE' })].map((row) => toReportDeal(row))]
    const chips = stageChips(gone, pipelines)
    expect(chips.reduce((sum, chip) => sum + chip.count, 0)).toBe(gone.length)
    expect(chips.slice(-3).map((chip) => [chip.pipeline, chip.stage])).toEqual([
      ['Инфраструктура', 'ARCHIVE'],
      ['ВЭД', 'Новая'],
      ['#7', 'C7:OLD'],
    ])
  })
})
