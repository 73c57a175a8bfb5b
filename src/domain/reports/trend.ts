import type { ReportDeal } from './types'

/**
 * «Динамика» (issue 15): money of the chosen period by month or week, and the period against the
 * one before it and the same period a year earlier. Per currency, never mixed:
 * - created — amount of the deals created (DATE_CREATE) in the span;
 * - won — amount of the deals won whose CLOSEDATE is in the span;
 * - paid — the paid sum of those same won deals (a deal keeps no payment date, only the sum).
 * Calendar steps are the viewer's local calendar, as the period filter's presets are.
 */
export type TrendStep = 'month' | 'week'

export const TREND_FIGURES = ['created', 'won', 'paid'] as const
export type TrendFigure = (typeof TREND_FIGURES)[number]

/** Minor units of one currency. */
export type TrendMoney = Record<TrendFigure, number>

/** Inclusive epoch-ms span. */
export interface TrendRange {
  from: number
  to: number
}

export interface TrendPoint {
  /** epoch ms of the step's first moment inside the range */
  start: number
  /** figures per currency code */
  byCurrency: Map<string, TrendMoney>
  /** the step holding `now`: not over yet (a month or week to date) */
  partial: boolean
}

const emptyMoney = (): TrendMoney => ({ created: 0, won: 0, paid: 0 })

/** `ms` moved by whole calendar months, the day clamped to the target month's last day. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms)
  const target = new Date(d.getFullYear(), d.getMonth() + months, 1, d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds())
  const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate()
  target.setDate(Math.min(d.getDate(), lastDay))
  return target.getTime()
}

const isMonthStart = (ms: number) => {
  const d = new Date(ms)
  return d.getDate() === 1 && d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0
}

/** Whole months from `from` to the moment after `to`, or null when the range is not month-aligned. */
function wholeMonths(range: TrendRange): number | null {
  const after = range.to + 1
  if (!isMonthStart(range.from) || !isMonthStart(after)) return null
  const a = new Date(range.from)
  const b = new Date(after)
  return (b.getFullYear() - a.getFullYear()) * 12 + (b.getMonth() - a.getMonth())
}

/** The span just before: as many calendar months for a month-aligned range (a quarter → the quarter before), else as many days. */
export function previousRange(range: TrendRange): TrendRange {
  const months = wholeMonths(range)
  if (months !== null) return { from: addMonths(range.from, -months), to: range.from - 1 }
  const length = range.to - range.from + 1
  return { from: range.from - length, to: range.from - 1 }
}

/** The same span a year earlier (calendar, so a leap February stays February). */
export function lastYearRange(range: TrendRange): TrendRange {
  return { from: addMonths(range.from, -12), to: addMonths(range.to + 1, -12) - 1 }
}

/**
 * The span the trend shows for the report's period: its own bounds, and for an open end the
 * twelve calendar months up to the end of `now`'s month.
 */
export function trendRange(period: { from?: number; to?: number }, now: number): TrendRange {
  const today = new Date(now)
  const to = period.to ?? new Date(today.getFullYear(), today.getMonth() + 1, 1).getTime() - 1
  const end = new Date(to)
  const from = period.from ?? new Date(end.getFullYear(), end.getMonth() - 11, 1).getTime()
  return { from, to }
}

/** Start of the step (month or ISO week from Monday) holding `ms`. */
export function stepStart(ms: number, step: TrendStep): number {
  const d = new Date(ms)
  if (step === 'month') return new Date(d.getFullYear(), d.getMonth(), 1).getTime()
  const sinceMonday = (d.getDay() + 6) % 7
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday).getTime()
}

function nextStep(start: number, step: TrendStep): number {
  const d = new Date(start)
  return step === 'month' ? new Date(d.getFullYear(), d.getMonth() + 1, 1).getTime() : new Date(d.getFullYear(), d.getMonth(), d.getDate() + 7).getTime()
}

const inRange = (ms: number, range: TrendRange) => ms >= range.from && ms <= range.to

function add(byCurrency: Map<string, TrendMoney>, currency: string, figure: TrendFigure, minor: number): void {
  let money = byCurrency.get(currency)
  if (!money) byCurrency.set(currency, (money = emptyMoney()))
  money[figure] += minor
}

/** What one deal adds to a span: [figure, minor units] pairs. */
function contributions(deal: ReportDeal, range: TrendRange): Array<[TrendFigure, number, number]> {
  const out: Array<[TrendFigure, number, number]> = []
  if (inRange(deal.createdAt, range)) out.push(['created', deal.amount, deal.createdAt])
  if (deal.semantic === 'S' && inRange(deal.closeAt, range)) {
    out.push(['won', deal.amount, deal.closeAt])
    out.push(['paid', deal.paid, deal.closeAt])
  }
  return out
}

/** The figures of a span per currency (one pass). */
export function trendTotals(deals: Iterable<ReportDeal>, range: TrendRange): Map<string, TrendMoney> {
  const byCurrency = new Map<string, TrendMoney>()
  for (const deal of deals) for (const [figure, minor] of contributions(deal, range)) add(byCurrency, deal.currency, figure, minor)
  return byCurrency
}

/**
 * One point per month or week of the range, oldest first, empty steps included (a line has no gaps);
 * the step holding `now` is marked partial.
 */
export function trendSeries(deals: Iterable<ReportDeal>, range: TrendRange, step: TrendStep, now = Number.POSITIVE_INFINITY): TrendPoint[] {
  const points: TrendPoint[] = []
  const index = new Map<number, TrendPoint>()
  for (let start = stepStart(range.from, step); start <= range.to; start = nextStep(start, step)) {
    const partial = now >= start && now < Math.min(nextStep(start, step), range.to + 1)
    const point = { start: Math.max(start, range.from), byCurrency: new Map<string, TrendMoney>(), partial }
    points.push(point)
    index.set(start, point)
  }
  for (const deal of deals) {
    for (const [figure, minor, at] of contributions(deal, range)) {
      const point = index.get(stepStart(at, step))
      if (point) add(point.byCurrency, deal.currency, figure, minor)
    }
  }
  return points
}

/** A figure against an earlier span: the difference and its share of the earlier one (null when that was 0). */
export interface TrendDelta {
  delta: number
  share: number | null
}

export function compareFigure(current: number, earlier: number): TrendDelta {
  return { delta: current - earlier, share: earlier === 0 ? null : (current - earlier) / earlier }
}

export interface TrendComparisonRow {
  currency: string
  figure: TrendFigure
  current: number
  previous: number
  lastYear: number
  vsPrevious: TrendDelta
  vsLastYear: TrendDelta
}

export interface TrendComparison {
  range: TrendRange
  previous: TrendRange
  lastYear: TrendRange
  /** the period is not over: every span is cut at the same point of it as `now` (like with like) */
  toDate: boolean
  /** `main` currency first, then the others by code; three rows (created, won, paid) each */
  rows: TrendComparisonRow[]
}

/**
 * The spans compared. While the period runs (`now` inside it), a whole period before would set a
 * month to date against a whole month: so the period is taken to the end of today and the earlier
 * spans to the same day of theirs (as many calendar months, or as many days, back; a year back).
 */
export function comparedSpans(range: TrendRange, now?: number): { range: TrendRange; previous: TrendRange; lastYear: TrendRange; toDate: boolean } {
  const previous = previousRange(range)
  const lastYear = lastYearRange(range)
  const today = now === undefined ? null : new Date(now)
  const afterToday = today ? new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1).getTime() : Number.NaN
  if (!(afterToday > range.from && afterToday <= range.to)) return { range, previous, lastYear, toDate: false }
  const months = wholeMonths(range)
  return {
    range: { from: range.from, to: afterToday - 1 },
    previous: { from: previous.from, to: (months !== null ? addMonths(afterToday, -months) : afterToday - (range.to - range.from + 1)) - 1 },
    lastYear: { from: lastYear.from, to: addMonths(afterToday, -12) - 1 },
    toDate: true,
  }
}

/** The period against the one before and the same one a year earlier, per currency and figure (to date while it runs). */
export function trendComparison(deals: readonly ReportDeal[], whole: TrendRange, main: string, now?: number): TrendComparison {
  const { range, previous, lastYear, toDate } = comparedSpans(whole, now)
  const spans = [trendTotals(deals, range), trendTotals(deals, previous), trendTotals(deals, lastYear)] as const
  const currencies = new Set(spans.flatMap((span) => [...span.keys()]))
  const ordered = [...currencies].sort((a, b) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b)))
  const rows = ordered.flatMap((currency) =>
    TREND_FIGURES.map((figure) => {
      const [current, before, yearAgo] = spans.map((span) => span.get(currency)?.[figure] ?? 0) as [number, number, number]
      return { currency, figure, current, previous: before, lastYear: yearAgo, vsPrevious: compareFigure(current, before), vsLastYear: compareFigure(current, yearAgo) }
    }),
  )
  return { range, previous, lastYear, toDate, rows }
}
