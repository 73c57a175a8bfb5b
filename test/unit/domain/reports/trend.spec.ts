// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  addMonths,
  compareFigure,
  lastYearRange,
  previousRange,
  stepStart,
  trendComparison,
  trendRange,
  trendSeries,
  trendTotals,
  type ReportDeal,
} from '@/domain/reports'

// «Динамика» (issue 15). Dates are built in the local calendar, as the page builds its periods,
// so the figures below hold in any time zone. Amounts are minor units, computed by hand.
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime()
const end = (y: number, m: number, d: number) => new Date(y, m - 1, d + 1).getTime() - 1

let nextId = 1
function deal(created: number, semantic: 'P' | 'S' | 'F', amount: number, options: { close?: number; paid?: number; currency?: string } = {}): ReportDeal {
  return {
    id: nextId++,
    title: '',
    categoryId: 0,
    stageId: '',
    semantic,
    assignedById: 1,
    companyId: 0,
    amount,
    currency: options.currency ?? 'RUB',
    paid: options.paid ?? 0,
    createdAt: created,
    closeAt: options.close ?? Number.NaN,
    dueAt: Number.NaN,
    invoiceAt: Number.NaN,
    scansReceived: false,
    originalsReceived: false,
    createdIso: '',
    closeIso: '',
  }
}

// Q2 2026 is the chosen period; Q1 2026 the one before; Q2 2025 the same a year earlier.
const deals = [
  deal(at(2026, 4, 3), 'S', 100_00, { close: at(2026, 5, 10), paid: 60_00 }), // created Apr, won May
  deal(at(2026, 5, 20), 'P', 50_00), // created May, open
  deal(at(2026, 2, 1), 'S', 30_00, { close: at(2026, 4, 2), paid: 30_00 }), // created Q1, won Apr
  deal(at(2026, 6, 30, 23), 'F', 7_00, { close: at(2026, 6, 30, 23) }), // lost: created only
  deal(at(2026, 1, 15), 'S', 20_00, { close: at(2026, 3, 31, 23), paid: 5_00 }), // all in Q1
  deal(at(2025, 4, 10), 'S', 80_00, { close: at(2025, 6, 1), paid: 80_00 }), // Q2 2025
  deal(at(2026, 5, 5), 'S', 1_000_00, { close: at(2026, 5, 6), paid: 1_000_00, currency: 'USD' }), // dollars apart
  deal(at(2026, 7, 1, 0), 'P', 999_00), // after the period
]
const q2 = { from: at(2026, 4, 1, 0), to: end(2026, 6, 30) }

describe('trend spans', () => {
  it('a quarter is compared with the quarter before and the same quarter a year earlier', () => {
    expect(previousRange(q2)).toEqual({ from: at(2026, 1, 1, 0), to: end(2026, 3, 31) })
    expect(lastYearRange(q2)).toEqual({ from: at(2025, 4, 1, 0), to: end(2025, 6, 30) })
    // A month: the month before, however many days it has.
    expect(previousRange({ from: at(2026, 3, 1, 0), to: end(2026, 3, 31) })).toEqual({ from: at(2026, 2, 1, 0), to: end(2026, 2, 28) })
  })

  it('a custom span of days is compared with as many days before it', () => {
    const tenDays = { from: at(2026, 5, 11, 0), to: end(2026, 5, 20) }
    expect(previousRange(tenDays)).toEqual({ from: at(2026, 5, 1, 0), to: end(2026, 5, 10) })
    expect(lastYearRange(tenDays)).toEqual({ from: at(2025, 5, 11, 0), to: end(2025, 5, 20) })
  })

  it('a leap day moves to 28 February a year earlier', () => {
    expect(addMonths(at(2028, 2, 29), -12)).toBe(at(2027, 2, 28))
    expect(addMonths(at(2026, 3, 31), -1)).toBe(at(2026, 2, 28))
  })

  it('an open period shows the twelve months up to the end of this month', () => {
    expect(trendRange({}, at(2026, 5, 17))).toEqual({ from: at(2025, 6, 1, 0), to: end(2026, 5, 31) })
    expect(trendRange({ from: at(2026, 1, 1, 0) }, at(2026, 5, 17))).toEqual({ from: at(2026, 1, 1, 0), to: end(2026, 5, 31) })
  })

  it('weeks start on Monday', () => {
    // 2026-05-20 is a Wednesday; 2026-05-18 the Monday.
    expect(stepStart(at(2026, 5, 20), 'week')).toBe(at(2026, 5, 18, 0))
    expect(stepStart(at(2026, 5, 24), 'week')).toBe(at(2026, 5, 18, 0))
    expect(stepStart(at(2026, 5, 20), 'month')).toBe(at(2026, 5, 1, 0))
  })
})

describe('trend figures', () => {
  it('sums created by DATE_CREATE, won and paid by CLOSEDATE of won deals, per currency', () => {
    const totals = trendTotals(deals, q2)
    // created: 100 + 50 + 7 = 157; won: 100 (May) + 30 (Apr) = 130; paid: 60 + 30 = 90
    expect(totals.get('RUB')).toEqual({ created: 157_00, won: 130_00, paid: 90_00 })
    expect(totals.get('USD')).toEqual({ created: 1_000_00, won: 1_000_00, paid: 1_000_00 })
  })

  it('one point per month, empty months kept, every deal in its month', () => {
    const series = trendSeries(deals, q2, 'month')
    expect(series.map((p) => p.start)).toEqual([at(2026, 4, 1, 0), at(2026, 5, 1, 0), at(2026, 6, 1, 0)])
    expect(series.map((p) => p.byCurrency.get('RUB'))).toEqual([
      { created: 100_00, won: 30_00, paid: 30_00 },
      { created: 50_00, won: 100_00, paid: 60_00 },
      { created: 7_00, won: 0, paid: 0 },
    ])
    expect(series[1]!.byCurrency.get('USD')).toEqual({ created: 1_000_00, won: 1_000_00, paid: 1_000_00 })
  })

  it('by week: the first week starts at the period, weeks from Monday, none lost', () => {
    const may = { from: at(2026, 5, 1, 0), to: end(2026, 5, 31) }
    const series = trendSeries(deals, may, 'week')
    // 1 May 2026 is a Friday: points 1 May, then Mondays 4, 11, 18, 25 May.
    expect(series.map((p) => new Date(p.start).getDate())).toEqual([1, 4, 11, 18, 25])
    // Won on Sunday 10 May: the week of Monday 4 May. Created on 20 May: the week of 18 May.
    expect(series[1]!.byCurrency.get('RUB')).toEqual({ created: 0, won: 100_00, paid: 60_00 })
    expect(series[3]!.byCurrency.get('RUB')).toEqual({ created: 50_00, won: 0, paid: 0 })
    expect(series[0]!.byCurrency.size + series[2]!.byCurrency.size + series[4]!.byCurrency.size).toBe(0)
  })

  it('compares each figure with the period before and a year earlier, delta and share', () => {
    const { rows } = trendComparison(deals, q2, 'RUB')
    expect(rows.map((r) => `${r.currency}.${r.figure}`)).toEqual(['RUB.created', 'RUB.won', 'RUB.paid', 'USD.created', 'USD.won', 'USD.paid'])
    const won = rows.find((r) => r.currency === 'RUB' && r.figure === 'won')!
    // Q1 2026 won: 20; Q2 2025 won: 80.
    expect(won).toMatchObject({ current: 130_00, previous: 20_00, lastYear: 80_00 })
    expect(won.vsPrevious).toEqual({ delta: 110_00, share: 5.5 })
    expect(won.vsLastYear).toEqual({ delta: 50_00, share: 0.625 })
    const created = rows.find((r) => r.currency === 'RUB' && r.figure === 'created')!
    // Q1 2026 created: 30 (1 Feb) + 20 (15 Jan) = 50; Q2 2025: 80.
    expect(created).toMatchObject({ current: 157_00, previous: 50_00, lastYear: 80_00 })
    const usd = rows.find((r) => r.currency === 'USD' && r.figure === 'paid')!
    expect(usd.vsPrevious).toEqual({ delta: 1_000_00, share: null })
  })

  it('a share against nothing is no share', () => {
    expect(compareFigure(5, 0)).toEqual({ delta: 5, share: null })
    expect(compareFigure(0, 4)).toEqual({ delta: -4, share: -1 })
  })
})

describe('a period that is not over (issue 15: the current month was partial but unmarked)', () => {
  // Today is 20 May 2026, noon: Q2 2026 runs; May is the month to date.
  const today = at(2026, 5, 20)

  it('marks the step holding today, and only it, as partial', () => {
    const months = trendSeries(deals, q2, 'month', today)
    expect(months.map((p) => p.partial)).toEqual([false, true, false])
    const weeks = trendSeries(deals, { from: at(2026, 5, 1, 0), to: end(2026, 5, 31) }, 'week', today)
    // 18–24 May holds the 20th
    expect(weeks.filter((p) => p.partial).map((p) => new Date(p.start).getDate())).toEqual([18])
    expect(trendSeries(deals, q2, 'month').some((p) => p.partial)).toBe(false)
  })

  it('compares the period to the end of today with the same days of the earlier periods, not with whole ones', () => {
    const early = [
      deal(at(2026, 5, 2), 'P', 10_00), // Q2 2026 to date
      deal(at(2026, 2, 15), 'P', 20_00), // Q1 up to 20 February: counted
      deal(at(2026, 2, 21, 0), 'P', 40_00), // Q1 after 20 February: a later part the running quarter has not had yet
      deal(at(2025, 5, 19), 'P', 5_00), // a year earlier, before 20 May 2025: counted
      deal(at(2025, 5, 21, 0), 'P', 8_00), // a year earlier, after 20 May 2025: not
    ]
    const comparison = trendComparison(early, q2, 'RUB', today)
    expect(comparison.toDate).toBe(true)
    expect(comparison.range).toEqual({ from: q2.from, to: end(2026, 5, 20) })
    expect(comparison.previous).toEqual({ from: at(2026, 1, 1, 0), to: end(2026, 2, 20) })
    expect(comparison.lastYear).toEqual({ from: at(2025, 4, 1, 0), to: end(2025, 5, 20) })
    expect(comparison.rows.find((r) => r.figure === 'created')).toMatchObject({ current: 10_00, previous: 20_00, lastYear: 5_00 })
  })

  it('a period over (or not begun) is compared whole', () => {
    expect(trendComparison(deals, q2, 'RUB', at(2026, 8, 1)).toDate).toBe(false)
    expect(trendComparison(deals, q2, 'RUB', at(2026, 8, 1)).previous).toEqual(previousRange(q2))
  })
})
