import { describe, expect, it } from 'vitest'
import {
  DIMENSIONS,
  drillDown,
  groupDeals,
  reportContext,
  toOverdueActions,
  toReportDeal,
  toReportDepartment,
  toReportUser,
  totalsOf,
  type AggregateContext,
  type RawDealRow,
  type ReportData,
  type ReportDeal,
} from '@/domain/reports'
import { DEPARTMENTS, generateDeals, generateTasks, NOW, PIPELINE_STAGES, USERS } from './generated-data'

// Deal row shape: b24restdocs api-reference/crm/deals/crm-deal-list.md; task rows: api-reference/tasks/tasks-task-list.md
const raw = generateDeals(3000)
const tasks = generateTasks(1500, 3000)
const data: ReportData = {
  deals: raw.map((row) => toReportDeal(row)),
  users: USERS.map(toReportUser),
  departments: DEPARTMENTS.map(toReportDepartment),
  pipelines: [
    { id: 0, name: 'Товары', stages: PIPELINE_STAGES[0]!.map((s, i) => ({ ...s, name: s.id, sort: i * 10 })) },
    { id: 1, name: 'Услуги', stages: PIPELINE_STAGES[1]!.map((s, i) => ({ ...s, name: s.id, sort: i * 10 })) },
  ],
  overdue: toOverdueActions(tasks, NOW),
  readAt: NOW,
}
const ctx: AggregateContext = reportContext(data, NOW)

/** An independent reading of the raw rows: floats rounded to kopecks, no shared helpers. */
function naive(row: RawDealRow) {
  const kopecks = (v: unknown) => (v === null || v === undefined || v === '' ? 0 : Math.round(parseFloat(String(v).split('|')[0]!) * 100))
  const amount = kopecks(row.OPPORTUNITY)
  const paid = kopecks(row.UF_CRM_LMS_PAID_AMOUNT)
  const lost = row.STAGE_SEMANTIC_ID === 'F'
  const debt = lost ? 0 : Math.max(0, amount - paid)
  // receivables: won deals only (the generated portal has no invoice-date field)
  const receivable = row.STAGE_SEMANTIC_ID === 'S' ? debt : 0
  const close = row.CLOSEDATE ? Date.parse(row.CLOSEDATE) : NaN
  const age = Math.floor((NOW - close) / 86_400_000)
  const bucket = Number.isNaN(age) || age < 0 ? 'notDue' : age <= 30 ? 'd0_30' : age <= 60 ? 'd31_60' : age <= 90 ? 'd61_90' : 'd90plus'
  const rub = row.CURRENCY_ID === 'RUB'
  const overdueTasks = tasks.filter(
    (t) => ![4, 5].includes(Number(t.status)) && t.deadline && Date.parse(t.deadline) < NOW,
  ).reduce((n, t) => n + (t.ufCrmTask ?? []).filter((b) => b === `D_${row.ID}`).length, 0)
  return { amount: rub ? amount : 0, paid: rub ? paid : 0, debt: rub ? debt : 0, receivable: rub ? receivable : 0, bucket, rub, overdueTasks }
}

describe('deals report totals (R1) on 3,000 generated deals', () => {
  const totals = totalsOf(data.deals, ctx)
  const expected = raw.map(naive)

  it('counts every deal and splits open / won / lost', () => {
    expect(totals.count).toBe(3000)
    expect(totals.open + totals.won + totals.lost).toBe(3000)
    expect(totals.won).toBe(raw.filter((r) => r.STAGE_SEMANTIC_ID === 'S').length)
    expect(totals.lost).toBe(raw.filter((r) => r.STAGE_SEMANTIC_ID === 'F').length)
  })

  it('sums amount, paid and debt in kopecks of the main currency only', () => {
    expect(ctx.currency).toBe('RUB')
    expect(totals.otherCurrency).toBe(raw.filter((r) => r.CURRENCY_ID !== 'RUB').length)
    expect(totals.otherCurrency).toBeGreaterThan(0)
    expect(totals.amount).toBe(expected.reduce((s, e) => s + e.amount, 0))
    expect(totals.paid).toBe(expected.reduce((s, e) => s + e.paid, 0))
    expect(totals.debt).toBe(expected.reduce((s, e) => s + e.debt, 0))
    expect(totals.debtors).toBe(expected.filter((e) => e.debt > 0).length)
  })

  it('spreads the receivables over the age buckets without losing a kopeck', () => {
    const buckets = totals.buckets
    expect(totals.receivable).toBe(expected.reduce((s, e) => s + e.receivable, 0))
    expect(buckets.notDue + buckets.d0_30 + buckets.d31_60 + buckets.d61_90 + buckets.d90plus).toBe(totals.receivable)
    for (const bucket of ['notDue', 'd0_30', 'd31_60', 'd61_90', 'd90plus'] as const) {
      expect(buckets[bucket]).toBe(expected.filter((e) => e.bucket === bucket).reduce((s, e) => s + e.receivable, 0))
      expect(buckets[bucket]).toBeGreaterThan(0)
    }
  })

  it('counts documents received and overdue next actions', () => {
    const yes = (v: unknown) => v === '1' || v === 'Y' || v === true
    expect(totals.scansReceived).toBe(raw.filter((r) => yes(r.UF_CRM_LMS_SCANS_RECEIVED)).length)
    expect(totals.originalsReceived).toBe(raw.filter((r) => yes(r.UF_CRM_LMS_ORIGINALS_RECEIVED)).length)
    expect(totals.overdueActions).toBe(expected.reduce((s, e) => s + e.overdueTasks, 0))
    expect(totals.overdueDeals).toBe(expected.filter((e) => e.overdueTasks > 0).length)
    expect(totals.overdueActions).toBeGreaterThan(0)
  })
})

describe('grouping by pipeline, stage, department and manager', () => {
  const grand = totalsOf(data.deals, ctx)

  it.each(DIMENSIONS)('%s: groups add up to the grand total', (dimension) => {
    const rows = groupDeals(data.deals, dimension, ctx)
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0)
    expect(sum((r) => r.totals.count)).toBe(grand.count)
    expect(sum((r) => r.totals.amount)).toBe(grand.amount)
    expect(sum((r) => r.totals.debt)).toBe(grand.debt)
    expect(sum((r) => r.totals.receivable)).toBe(grand.receivable)
    expect(sum((r) => r.totals.openUnpaid)).toBe(grand.openUnpaid)
    expect(sum((r) => r.totals.buckets.d90plus)).toBe(grand.buckets.d90plus)
    expect(sum((r) => r.totals.overdueActions)).toBe(grand.overdueActions)
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length)
  })

  it('pipelines and stages come in the portal order, with names', () => {
    const pipelines = groupDeals(data.deals, 'pipeline', ctx)
    expect(pipelines.map((r) => r.label)).toEqual(['Товары', 'Услуги'])
    expect(pipelines[0]!.totals.count).toBe(raw.filter((r) => r.CATEGORY_ID === '0').length)
    const stages = groupDeals(data.deals, 'stage', ctx)
    expect(stages.map((r) => r.key)).toEqual([...PIPELINE_STAGES[0]!, ...PIPELINE_STAGES[1]!].map((s) => s.id))
    expect(stages[4]!.label).toBe('Услуги / C1:NEW')
  })

  it('a deal counts in its manager’s first department; unknown managers and departments go last unnamed', () => {
    const departments = groupDeals(data.deals, 'department', ctx)
    const east = departments.find((r) => r.key === '4')!
    expect(east.label).toBe('Продажи Восток')
    expect(east.totals.count).toBe(raw.filter((r) => r.ASSIGNED_BY_ID === '3').length)
    const services = departments.find((r) => r.key === '3')!
    expect(services.totals.count).toBe(raw.filter((r) => r.ASSIGNED_BY_ID === '5').length)
    const none = departments.at(-1)!
    expect(none.key).toBe('0')
    expect(none.label).toBeNull()
    expect(none.totals.count).toBe(raw.filter((r) => r.ASSIGNED_BY_ID === '6' || r.ASSIGNED_BY_ID === '7').length)
    const managers = groupDeals(data.deals, 'manager', ctx)
    expect(managers.at(-1)).toMatchObject({ key: '7', label: null })
    const named = managers.filter((r) => r.label !== null)
    for (let i = 1; i < named.length; i++) expect(named[i - 1]!.totals.amount).toBeGreaterThanOrEqual(named[i]!.totals.amount)
  })
})

describe('drill-down from a figure to its deals', () => {
  const rows = groupDeals(data.deals, 'manager', ctx)

  it('the deals behind each figure are exactly as many as the figure says', () => {
    for (const row of rows) {
      const t = row.totals
      const list = (measure: Parameters<typeof drillDown>[1]['measure']) => drillDown(data.deals, { dimension: 'manager', key: row.key, measure }, ctx)
      expect(list('count')).toHaveLength(t.count)
      expect(list('won')).toHaveLength(t.won)
      expect(list('receivable')).toHaveLength(t.receivableDeals)
      expect(list('openUnpaid')).toHaveLength(t.openUnpaidDeals)
      expect(list('overdue')).toHaveLength(t.overdueDeals)
      expect(list('scansReceived')).toHaveLength(t.scansReceived)
      const old = list('d90plus')
      expect(old.reduce((s, d) => s + Math.max(0, d.amount - d.paid), 0)).toBe(t.buckets.d90plus)
    }
  })

  it('lists the heaviest receivable first and only deals of the chosen group', () => {
    const list = drillDown(data.deals, { dimension: 'pipeline', key: '1', measure: 'receivable' }, ctx)
    expect(list.every((d: ReportDeal) => d.categoryId === 1)).toBe(true)
    const debts = list.map((d) => d.amount - d.paid)
    expect(debts).toEqual([...debts].sort((a, b) => b - a))
  })

  it('without a group, drills into the grand total', () => {
    expect(drillDown(data.deals, { measure: 'lost' }, ctx)).toHaveLength(raw.filter((r) => r.STAGE_SEMANTIC_ID === 'F').length)
  })
})
