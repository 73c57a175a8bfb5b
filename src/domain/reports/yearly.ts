import { moveYear, statusKey } from './status-moves'
import type { RawCompanyRow, ReportDeal, StatusMove } from './types'

/**
 * Yearly statistics of the work with companies (R3, Kosino «Годовая статистика по работе с
 * компаниями»). Years are read from the ISO text itself (`2024-…`), i.e. the portal's own
 * calendar, so a deal closed on 31 December at 23:30 Moscow time stays in its year.
 */
export interface YearFigures {
  year: number
  /** companies created that year */
  newClients: number
  /** client status changes recorded that year (the companies' status logs) */
  statusMoves: number
  /** status changes by the status reached: level code, or INACTIVE (see `statusKey`) */
  movesByStatus: Record<string, number>
  dealsCreated: number
  dealsWon: number
  /** sum of won deals (CLOSEDATE in the year), minor units of the report currency */
  wonAmount: number
  dealsLost: number
  /** distinct companies with at least one deal won that year */
  companiesWithWins: number
}

export function yearOf(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-/.test(iso)) return null
  return Number(iso.slice(0, 4))
}

function emptyYear(year: number): YearFigures {
  return { year, newClients: 0, statusMoves: 0, movesByStatus: {}, dealsCreated: 0, dealsWon: 0, wonAmount: 0, dealsLost: 0, companiesWithWins: 0 }
}

export interface YearlyInput {
  companies: Iterable<Pick<RawCompanyRow, 'ID' | 'DATE_CREATE'>>
  deals: Iterable<ReportDeal>
  moves: Iterable<StatusMove>
  currency: string
  /** Viewer's offset east of UTC for moves written in UTC; the browser's by default (see `localMoment`). */
  offsetMinutes?: number
}

/** Figures per year, oldest first; only years where something happened. */
export function yearlyStatistics(input: YearlyInput): YearFigures[] {
  const years = new Map<number, YearFigures>()
  const winners = new Map<number, Set<number>>()
  const at = (year: number): YearFigures => {
    let figures = years.get(year)
    if (!figures) years.set(year, (figures = emptyYear(year)))
    return figures
  }

  for (const company of input.companies) {
    const year = yearOf(company.DATE_CREATE)
    if (year !== null) at(year).newClients++
  }
  for (const move of input.moves) {
    const year = moveYear(move.at, input.offsetMinutes)
    if (year === null) continue
    const figures = at(year)
    const key = statusKey(move.to)
    figures.statusMoves++
    figures.movesByStatus[key] = (figures.movesByStatus[key] ?? 0) + 1
  }
  for (const deal of input.deals) {
    const created = yearOf(deal.createdIso)
    if (created !== null) at(created).dealsCreated++
    const closed = yearOf(deal.closeIso)
    if (closed === null) continue
    if (deal.semantic === 'S') {
      const figures = at(closed)
      figures.dealsWon++
      if (deal.currency === input.currency) figures.wonAmount += deal.amount
      if (deal.companyId > 0) {
        let set = winners.get(closed)
        if (!set) winners.set(closed, (set = new Set()))
        set.add(deal.companyId)
      }
    } else if (deal.semantic === 'F') {
      at(closed).dealsLost++
    }
  }
  for (const [year, set] of winners) at(year).companiesWithWins = set.size
  return [...years.values()].sort((a, b) => a.year - b.year)
}
