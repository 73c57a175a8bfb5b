// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { applyFilter, DepartmentTree, filterCompanies, toReportDeal, toReportDepartment, toReportUser, yearlyStatistics } from '@/domain/reports'
import { DEPARTMENTS, generateDeals, NOW, USERS } from './generated-data'

const raw = generateDeals(2000, 99)
const deals = raw.map((row) => toReportDeal(row))
const ctx = { users: new Map(USERS.map(toReportUser).map((u) => [u.id, u])), tree: new DepartmentTree(DEPARTMENTS.map(toReportDepartment)) }

describe('report filters', () => {
  it('period applies to DATE_CREATE by default, CLOSEDATE on request, inclusive', () => {
    const from = NOW - 365 * 86_400_000
    const created = applyFilter(deals, { from, to: NOW }, ctx)
    expect(created.map((d) => d.id)).toEqual(raw.filter((r) => Date.parse(r.DATE_CREATE!) >= from && Date.parse(r.DATE_CREATE!) <= NOW).map((r) => Number(r.ID)))
    const closed = applyFilter(deals, { from, to: NOW, periodField: 'closed' }, ctx)
    expect(closed.map((d) => d.id)).toEqual(raw.filter((r) => r.CLOSEDATE && Date.parse(r.CLOSEDATE) >= from && Date.parse(r.CLOSEDATE) <= NOW).map((r) => Number(r.ID)))
    expect(closed.length).not.toBe(created.length)
    const exact = deals[0]!
    expect(applyFilter([exact], { from: exact.createdAt, to: exact.createdAt }, ctx)).toHaveLength(1)
  })

  it('pipeline and manager filters', () => {
    expect(applyFilter(deals, { categoryIds: [1] }, ctx)).toHaveLength(raw.filter((r) => r.CATEGORY_ID === '1').length)
    expect(applyFilter(deals, { managerIds: [3, 4] }, ctx)).toHaveLength(raw.filter((r) => r.ASSIGNED_BY_ID === '3' || r.ASSIGNED_BY_ID === '4').length)
    expect(applyFilter(deals, { categoryIds: [], managerIds: [] }, ctx)).toHaveLength(2000)
  })

  it('a department includes its sub-departments', () => {
    // Отдел продаж (2) = head 2 + Восток (user 3) + Запад (user 4); user 5 is primarily in 3.
    const sales = applyFilter(deals, { departmentId: 2 }, ctx)
    expect(sales).toHaveLength(raw.filter((r) => ['2', '3', '4'].includes(String(r.ASSIGNED_BY_ID))).length)
    expect(applyFilter(deals, { departmentId: 5 }, ctx)).toHaveLength(raw.filter((r) => r.ASSIGNED_BY_ID === '4').length)
    expect(applyFilter(deals, { departmentId: 9 }, ctx)).toHaveLength(0)
  })

  it('the yearly tab’s companies and their status moves follow the department and manager filters, as deals do', () => {
    const companies = [
      { ID: 1, DATE_CREATE: '2026-02-01T10:00:00+03:00', ASSIGNED_BY_ID: '3' },
      { ID: 2, DATE_CREATE: '2026-03-01T10:00:00+03:00', ASSIGNED_BY_ID: 4 },
      { ID: 3, DATE_CREATE: '2026-04-01T10:00:00+03:00', ASSIGNED_BY_ID: '5' },
      { ID: 4, DATE_CREATE: '2026-05-01T10:00:00+03:00', ASSIGNED_BY_ID: null },
    ]
    const status = (level: string) => ({ level, subStatus: null, inactive: false })
    const moves = companies.map((company) => ({ companyId: company.ID, from: status('NEW'), to: status('TALKS'), by: 1, at: '2026-06-01T10:00:00Z' }))
    const east = filterCompanies(companies, moves, { departmentId: 4 }, ctx)
    expect(east.companies.map((c) => c.ID)).toEqual([1])
    expect(east.moves.map((m) => m.companyId)).toEqual([1])
    // Отдел продаж with its sub-departments: Восток, Запад and Дина (primarily in 3 — not here).
    expect(filterCompanies(companies, moves, { departmentId: 2 }, ctx).companies.map((c) => c.ID)).toEqual([1, 2])
    expect(filterCompanies(companies, moves, { managerIds: [5] }, ctx).companies.map((c) => c.ID)).toEqual([3])
    expect(filterCompanies(companies, moves, {}, ctx).companies).toHaveLength(4)
    // The figure a head reads: new clients of his department only, not the whole portal's.
    const year = yearlyStatistics({ companies: east.companies, deals: [], moves: east.moves, currency: 'RUB' }).find((y) => y.year === 2026)!
    expect(year.newClients).toBe(1)
  })

  it('filters combine', () => {
    const from = NOW - 400 * 86_400_000
    const result = applyFilter(deals, { departmentId: 2, categoryIds: [0], from }, ctx)
    expect(result.length).toBeGreaterThan(0)
    expect(result.every((d) => d.categoryId === 0 && d.createdAt >= from && [2, 3, 4].includes(d.assignedById))).toBe(true)
  })
})

describe('department tree', () => {
  const tree = ctx.tree
  it('knows subtrees, ancestors, depth and roots', () => {
    expect([...tree.subtree(2)].sort()).toEqual([2, 4, 5])
    expect(tree.ancestors(4)).toEqual([2, 1])
    expect(tree.depth(1)).toBe(0)
    expect(tree.roots()).toEqual([1])
  })
  it('survives a cycle in bad data', () => {
    const looped = new DepartmentTree([
      { id: 1, name: 'a', parentId: 2, headId: 0 },
      { id: 2, name: 'b', parentId: 1, headId: 0 },
    ])
    expect([...looped.subtree(1)].sort()).toEqual([1, 2])
    expect(looped.ancestors(1)).toEqual([2])
  })
})
