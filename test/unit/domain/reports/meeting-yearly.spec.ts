// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  companySummary,
  meetingReport,
  reportContext,
  toOverdueActions,
  toReportDeal,
  toReportDepartment,
  toReportUser,
  yearlyStatistics,
  yearOf,
  type ReportData,
  type StatusMove,
} from '@/domain/reports'
import { DEPARTMENTS, generateDeals, generateTasks, NOW, USERS } from './generated-data'

const raw = generateDeals(2500, 5)
const tasks = generateTasks(800, 2500, 11)
const data: ReportData = {
  deals: raw.map((row) => toReportDeal(row)),
  users: USERS.map(toReportUser),
  departments: DEPARTMENTS.map(toReportDepartment),
  pipelines: [],
  overdue: toOverdueActions(tasks, NOW),
  readAt: NOW,
}
const ctx = reportContext(data, NOW)
/** A status-log move between two levels (the shape `statusMovesOf` gives). */
const move = (companyId: number, from: string, to: string, at: string): StatusMove => ({
  companyId,
  from: { level: from, subStatus: null, inactive: false },
  to: { level: to, subStatus: null, inactive: false },
  by: 1,
  at,
})
const quarter = { from: NOW - 90 * 86_400_000, to: NOW }

describe('R3 meeting report by department (Kosino «Оперативные совещания»)', () => {
  const rows = meetingReport(data.deals, quarter, ctx)

  it('rows in tree order with depth (siblings by name); empty departments left out; no-department row last', () => {
    expect(rows.map((r) => [r.departmentId, r.depth])).toEqual([
      [1, 0],
      [2, 1],
      [4, 2],
      [5, 2],
      [3, 1],
      [0, 0],
    ])
    expect(rows.map((r) => r.name)).toEqual(['Компания', 'Отдел продаж', 'Продажи Восток', 'Продажи Запад', 'Отдел услуг', null])
  })

  it('a department’s figures include its sub-departments', () => {
    const byId = new Map(rows.map((r) => [r.departmentId, r.figures]))
    const sales = byId.get(2)!
    const own = meetingReport(data.deals.filter((d) => d.assignedById === 2), quarter, ctx).find((r) => r.departmentId === 2)!.figures
    const parts = [own, byId.get(4)!, byId.get(5)!]
    for (const key of ['createdCount', 'wonCount', 'lostCount', 'openCount', 'overdueActions'] as const) {
      expect(sales[key]).toBe(parts.reduce((s, f) => s + f[key], 0))
    }
    for (const key of ['createdAmount', 'wonAmount', 'openAmount', 'debt'] as const) {
      for (const currency of ['RUB', 'USD']) expect(sales[key][currency] ?? 0).toBe(parts.reduce((s, f) => s + (f[key][currency] ?? 0), 0))
      expect(sales[key].RUB).toBeGreaterThan(0)
    }
  })

  it('period figures match an independent count', () => {
    const inQuarter = (iso: string | null | undefined) => !!iso && Date.parse(iso) >= quarter.from && Date.parse(iso) <= quarter.to
    const east = raw.filter((r) => r.ASSIGNED_BY_ID === '3')
    const figures = rows.find((r) => r.departmentId === 4)!.figures
    expect(figures.createdCount).toBe(east.filter((r) => inQuarter(r.DATE_CREATE)).length)
    expect(figures.wonCount).toBe(east.filter((r) => r.STAGE_SEMANTIC_ID === 'S' && inQuarter(r.CLOSEDATE)).length)
    expect(figures.lostCount).toBe(east.filter((r) => r.STAGE_SEMANTIC_ID === 'F' && inQuarter(r.CLOSEDATE)).length)
    expect(figures.openCount).toBe(east.filter((r) => r.STAGE_SEMANTIC_ID === 'P').length)
    const wonIn = (currency: string) =>
      east
        .filter((r) => r.STAGE_SEMANTIC_ID === 'S' && inQuarter(r.CLOSEDATE) && r.CURRENCY_ID === currency)
        .reduce((s, r) => s + Math.round(parseFloat(String(r.OPPORTUNITY)) * 100), 0)
    expect(Object.keys(figures.wonAmount).sort()).toEqual(['RUB', 'USD'])
    expect(figures.wonAmount.RUB).toBe(wonIn('RUB'))
    expect(figures.wonAmount.USD).toBe(wonIn('USD'))
    expect(figures.createdCount).toBeGreaterThan(0)
  })

  it('lists the managers of each department with their own figures', () => {
    const services = rows.find((r) => r.departmentId === 3)!
    expect(services.managers.map((m) => m.userId)).toEqual([5])
    expect(services.managers[0]!.figures).toEqual(services.figures)
    const company = rows.find((r) => r.departmentId === 1)!
    expect(company.managers.map((m) => m.name)).toEqual(['Анна Админова'])
  })
})

describe('R3 yearly statistics of the work with companies (Kosino «Годовая статистика»)', () => {
  it('pins a small portal by hand', () => {
    const deal = (id: number, semantic: 'P' | 'S' | 'F', created: string, closed: string, amount: string, companyId = 1, currency = 'RUB') =>
      toReportDeal({ ID: id, STAGE_SEMANTIC_ID: semantic, DATE_CREATE: created, CLOSEDATE: closed, OPPORTUNITY: amount, COMPANY_ID: companyId, CURRENCY_ID: currency })
    const moves: StatusMove[] = [
      move(1, 'NEW', 'TERMS', '2024-02-01T10:00:00+03:00'),
      move(1, 'TERMS', 'LOI_SIGNING', '2025-01-01T00:30:00+03:00'),
      move(2, 'NEW', 'LOI_SIGNING', '2025-06-01T10:00:00+03:00'),
    ]
    const result = yearlyStatistics({
      companies: [
        { ID: 1, DATE_CREATE: '2024-01-10T10:00:00+03:00' },
        { ID: 2, DATE_CREATE: '2024-12-31T23:30:00+03:00' },
        { ID: 3, DATE_CREATE: '2025-03-01T10:00:00+03:00' },
      ],
      deals: [
        deal(1, 'S', '2024-01-15T10:00:00+03:00', '2024-03-01T10:00:00+03:00', '1000.50'),
        deal(2, 'S', '2024-05-01T10:00:00+03:00', '2025-01-10T10:00:00+03:00', '2000', 2),
        deal(3, 'S', '2025-02-01T10:00:00+03:00', '2025-02-10T10:00:00+03:00', '500', 2),
        deal(4, 'F', '2025-02-01T10:00:00+03:00', '2025-04-10T10:00:00+03:00', '700', 3),
        deal(5, 'P', '2025-02-01T10:00:00+03:00', '2025-12-10T10:00:00+03:00', '900', 3),
        deal(6, 'S', '2025-02-01T10:00:00+03:00', '2025-12-10T10:00:00+03:00', '100', 3, 'USD'),
      ],
      moves,
      currency: 'RUB',
    })
    expect(result).toEqual([
      { year: 2024, newClients: 2, statusMoves: 1, movesByStatus: { TERMS: 1 }, dealsCreated: 2, dealsWon: 1, wonAmount: 100_050, dealsLost: 0, companiesWithWins: 1 },
      { year: 2025, newClients: 1, statusMoves: 2, movesByStatus: { LOI_SIGNING: 2 }, dealsCreated: 4, dealsWon: 3, wonAmount: 250_000, dealsLost: 1, companiesWithWins: 2 },
    ])
  })

  it('on generated data: won per year sums to all won deals and matches the year in the ISO text', () => {
    const result = yearlyStatistics({ companies: [], deals: data.deals, moves: [], currency: 'RUB' })
    expect(result.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026])
    expect(result.reduce((s, y) => s + y.dealsCreated, 0)).toBe(2500)
    expect(result.reduce((s, y) => s + y.dealsWon, 0)).toBe(raw.filter((r) => r.STAGE_SEMANTIC_ID === 'S' && r.CLOSEDATE).length)
    for (const year of result) {
      const won = raw.filter((r) => r.STAGE_SEMANTIC_ID === 'S' && r.CURRENCY_ID === 'RUB' && yearOf(r.CLOSEDATE) === year.year)
      expect(year.wonAmount).toBe(won.reduce((s, r) => s + Math.round(parseFloat(String(r.OPPORTUNITY)) * 100), 0))
    }
  })

  it('a year comes from the text, not the browser time zone', () => {
    expect(yearOf('2024-12-31T23:30:00+03:00')).toBe(2024)
    expect(yearOf('')).toBeNull()
    expect(yearOf(null)).toBeNull()
  })
})

describe('R2 company summary «Сводка»', () => {
  it('totals, debt, deals newest first, status and its history', () => {
    const companyDeals = data.deals.filter((d) => d.companyId === 7)
    const summary = companySummary({
      companyId: 7,
      deals: data.deals,
      moves: [
        move(7, 'TERMS', 'LOI_SIGNING', '2025-05-01T10:00:00+03:00'),
        move(7, 'NEW', 'TERMS', '2025-01-01T10:00:00+03:00'),
        { ...move(8, 'NEW', 'NEW', '2025-06-01T10:00:00+03:00'), to: { level: 'NEW', subStatus: null, inactive: true } },
      ],
      now: NOW,
      currency: 'RUB',
    })
    expect(summary.counts.count).toBe(companyDeals.length)
    expect(summary.deals).toHaveLength(companyDeals.length)
    for (const { currency, debt } of summary.byCurrency) expect(summary.deals.reduce((s, d) => s + (d.currency === currency ? d.debt : 0), 0)).toBe(debt)
    for (let i = 1; i < summary.deals.length; i++) expect(summary.deals[i - 1]!.createdAt).toBeGreaterThanOrEqual(summary.deals[i]!.createdAt)
    expect(summary.currentStatus).toEqual({ level: 'LOI_SIGNING', subStatus: null, inactive: false })
    expect(summary.history.map((m) => m.to.level)).toEqual(['TERMS', 'LOI_SIGNING'])
    expect(summary.lastDealAt).toBe(summary.deals[0]!.createdAt)
  })

  it('a company with no deals and no history', () => {
    const summary = companySummary({ companyId: 999, deals: data.deals, moves: [], now: NOW, currency: 'RUB' })
    expect(summary).toMatchObject({ currentStatus: null, firstDealAt: null, deals: [] })
    expect(summary.counts.count).toBe(0)
  })
})
