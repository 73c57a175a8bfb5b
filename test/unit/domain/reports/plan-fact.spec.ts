// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  DepartmentTree,
  monthAmounts,
  monthOfIso,
  monthsAround,
  parseSalesPlans,
  planFact,
  setMonthPlans,
  setPlan,
  toReportDeal,
  type RawDealRow,
  type ReportUser,
  type SalesPlans,
} from '@/domain/reports'

// Company 1 → Sales 2 → (Moscow 3), Product 4. Managers 10, 11 in Sales, 12 in Moscow, 13 in Product.
const tree = new DepartmentTree([
  { id: 1, name: 'Компания', parentId: 0, headId: 1 },
  { id: 2, name: 'Продажи', parentId: 1, headId: 2 },
  { id: 3, name: 'Москва', parentId: 2, headId: 12 },
  { id: 4, name: 'Продукт', parentId: 1, headId: 13 },
])
const users = new Map<number, ReportUser>(
  [
    [10, 2],
    [11, 2],
    [12, 3],
    [13, 4],
  ].map(([id, dep]) => [id!, { id: id!, name: `U${id}`, departmentIds: [dep!] }]),
)
const deal = (id: number, assigned: number, semantic: 'P' | 'S' | 'F', closed: string, amount: string, currency = 'RUB') =>
  toReportDeal({ ID: id, ASSIGNED_BY_ID: assigned, STAGE_SEMANTIC_ID: semantic, CLOSEDATE: closed, OPPORTUNITY: amount, CURRENCY_ID: currency } as RawDealRow)

const deals = [
  deal(1, 10, 'S', '2026-11-03T10:00:00+03:00', '100000.00'),
  deal(2, 10, 'S', '2026-11-30T23:30:00+03:00', '50000.50'),
  deal(3, 10, 'S', '2026-12-01T00:10:00+03:00', '70000.00'), // next month by the portal's date
  deal(4, 10, 'P', '2026-11-15T10:00:00+03:00', '999.00'), // open: no fact
  deal(5, 10, 'F', '2026-11-15T10:00:00+03:00', '888.00'), // lost: no fact
  deal(6, 11, 'S', '2026-11-10T10:00:00+03:00', '30000.00'),
  deal(7, 11, 'S', '2026-11-11T10:00:00+03:00', '1000.00', 'USD'), // another currency: never in a RUB plan
  deal(8, 12, 'S', '2026-11-20T10:00:00+03:00', '20000.00'),
  deal(9, 13, 'S', '2026-11-21T10:00:00+03:00', '5000.00'),
]
const plans: SalesPlans = {
  version: 1,
  entries: [
    { month: '2026-11', owner: 'manager', id: 10, currency: 'RUB', amount: 20_000_000 }, // 200 000 ₽
    { month: '2026-11', owner: 'manager', id: 11, currency: 'RUB', amount: 6_000_000 },
    { month: '2026-11', owner: 'manager', id: 12, currency: 'RUB', amount: 1_000_000 },
    { month: '2026-11', owner: 'department', id: 2, currency: 'RUB', amount: 30_000_000 },
    { month: '2026-11', owner: 'department', id: 4, currency: 'RUB', amount: 1_000_000 },
    { month: '2026-12', owner: 'manager', id: 10, currency: 'RUB', amount: 7_000_000 },
  ],
}

describe('plan vs fact', () => {
  it('holds each manager plan against the amount won in the month, in the plan currency', () => {
    const result = planFact({ plans, month: '2026-11', deals, users, tree })
    const m = (id: number, currency = 'RUB') => result.managers.find((r) => r.id === id && r.currency === currency)
    // 100 000 + 50 000,50 = 150 000,50 ₽ of 200 000 ₽ = 75,00025 %
    expect(m(10)).toMatchObject({ plan: 20_000_000, fact: 15_000_050, deals: 2 })
    expect(m(10)!.done).toBeCloseTo(0.7500025, 9)
    expect(m(11)).toMatchObject({ plan: 6_000_000, fact: 3_000_000, deals: 1, done: 0.5 })
    // The USD deal is a row of its own, with no plan.
    expect(m(11, 'USD')).toMatchObject({ plan: null, fact: 100_000, deals: 1, done: null })
    expect(m(12)).toMatchObject({ plan: 1_000_000, fact: 2_000_000, done: 2 })
    expect(m(13)).toMatchObject({ plan: null, fact: 500_000, done: null })
  })

  it('counts a department over its subtree and sets its plan beside the sum of its managers', () => {
    const result = planFact({ plans, month: '2026-11', deals, users, tree })
    // Sales = 10 + 11 + 12 (Moscow is inside): 150 000,50 + 30 000 + 20 000 ₽; managers' plans 200 000 + 60 000 + 10 000 ₽.
    expect(result.departments.find((r) => r.id === 2)).toMatchObject({ plan: 30_000_000, fact: 20_000_050, deals: 4, managersPlan: 27_000_000, depth: 1 })
    expect(result.departments.find((r) => r.id === 2)!.done).toBeCloseTo(20_000_050 / 30_000_000, 12)
    expect(result.departments.find((r) => r.id === 4)).toMatchObject({ plan: 1_000_000, fact: 500_000, managersPlan: 0, done: 0.5 })
  })

  it('takes the month from the portal date: a deal won on the 1st 00:10 is the next month', () => {
    const result = planFact({ plans, month: '2026-12', deals, users, tree })
    expect(result.managers).toEqual([{ owner: 'manager', id: 10, currency: 'RUB', plan: 7_000_000, fact: 7_000_000, deals: 1, done: 1 }])
    expect(result.departments).toEqual([])
  })

  it('follows the report filters: a department shows its own rows, a manager filter hides department rows', () => {
    const moscow = planFact({ plans, month: '2026-11', deals: deals.filter((d) => d.assignedById === 12), users, tree, departmentId: 3 })
    expect(moscow.managers.map((r) => r.id)).toEqual([12])
    expect(moscow.departments).toEqual([])
    const sales = planFact({ plans, month: '2026-11', deals, users, tree, departmentId: 2 })
    expect(sales.departments.map((r) => r.id)).toEqual([2])
    expect(sales.managers.map((r) => r.id).sort()).toEqual([10, 11, 11, 12])
    const one = planFact({ plans, month: '2026-11', deals: deals.filter((d) => d.assignedById === 11), users, tree, managerIds: [11] })
    expect(one.departments).toEqual([])
    expect(one.managers.map((r) => `${r.id}${r.currency}`)).toEqual(['11RUB', '11USD'])
  })

  it('reads the stored option and writes a month without touching the others', () => {
    expect(parseSalesPlans(JSON.stringify(plans))).toEqual(plans)
    expect(parseSalesPlans('not json')).toEqual({ version: 1, entries: [] })
    expect(parseSalesPlans(null)).toEqual({ version: 1, entries: [] })
    const odd = { entries: [{ month: '2026-13', owner: 'manager', id: 1, currency: 'RUB', amount: 1 }, { month: '2026-01', owner: 'boss', id: 1, currency: 'RUB', amount: 1 }, { month: '2026-01', owner: 'manager', id: 1, currency: 'RUB', amount: 1.5 }] }
    expect(parseSalesPlans(odd).entries).toEqual([])

    const next = setMonthPlans(plans, '2026-11', 'RUB', new Map([['manager:10', 100], ['department:2', 0], ['manager:13', 300]]))
    expect(monthAmounts(next, '2026-11', 'RUB')).toEqual(new Map([['manager:10', 100], ['manager:13', 300]]))
    expect(monthAmounts(next, '2026-12', 'RUB')).toEqual(new Map([['manager:10', 7_000_000]]))
    expect(setPlan(next, { month: '2026-12', owner: 'manager', id: 10, currency: 'RUB', amount: 0 }).entries.filter((e) => e.month === '2026-12')).toEqual([])
  })

  it('names months', () => {
    expect(monthOfIso('2026-11-30T23:30:00+03:00')).toBe('2026-11')
    expect(monthOfIso('')).toBe('')
    expect(monthsAround('2026-01', 3, 1)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11'])
  })
})
