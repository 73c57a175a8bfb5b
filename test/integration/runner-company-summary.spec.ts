import { describe, expect, it } from 'vitest'
import { DEMO_COMPANIES } from '../../sandbox/demo/crm'
import { createGateway, frameTransport } from '@/b24/gateway'
import {
  companySummary,
  dealSelect,
  keptSummaryHolds,
  keptTotals,
  KEPT_SUMMARY_FIELD,
  parseKeptSummary,
  PROBE_ORDER,
  toReportDeal,
  type KeptSummary,
  type ProbeRow,
  type RawDealRow,
} from '@/domain/reports'
import { loadSummary } from '../../widgets/summary/data'
import { toSummaryView } from '../../widgets/summary/view-model'
import { appClient } from './helpers/app-client'
import { eventually, useRunnerHarness } from './helpers/runner-harness'
import { webhookRaw } from './helpers/sandbox'

// «Сводка» kept on the company by the runner (issue 14), the real SDK against the sandbox: made for
// every company with deals on the runner's first run, made again after a deal is added, changed,
// moved to another company or deleted — each time equal to a recount of what crm.deal.list returns
// (b24restdocs api-reference/crm/deals/crm-deal-list.md) — and read by the tab in one request for
// the admin, while a manager with own-deals rights gets figures recounted under his rights.

const harness = useRunnerHarness()
const ADMIN = 1
const MANAGER = 3

async function rest<T>(userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const reply = await webhookRaw(harness.sandbox, userId, method, params)
  if (reply.status !== 200) throw new Error(`${method}: ${JSON.stringify(reply.body)}`)
  return reply.body.result as T
}

async function allDeals(userId: number, companyId: number): Promise<Array<RawDealRow & ProbeRow>> {
  const rows: Array<RawDealRow & ProbeRow> = []
  for (let start = 0; ; start += 50) {
    const reply = await webhookRaw(harness.sandbox, userId, 'crm.deal.list', { filter: { COMPANY_ID: companyId }, select: [...dealSelect(), 'DATE_MODIFY'], order: { ID: 'ASC' }, start })
    rows.push(...(reply.body.result as Array<RawDealRow & ProbeRow>))
    if (reply.body.next === undefined) return rows
  }
}

async function keptOf(companyId: number): Promise<KeptSummary | null> {
  const rows = await rest<Array<Record<string, unknown>>>(ADMIN, 'crm.company.list', { filter: { ID: companyId }, select: ['ID', KEPT_SUMMARY_FIELD] })
  return parseKeptSummary(rows[0]?.[KEPT_SUMMARY_FIELD])
}

/** Whether the kept summary stands for the deals the admin sees now (its stamp against the portal's probe). */
async function holds(companyId: number): Promise<{ kept: KeptSummary | null; ok: boolean }> {
  const kept = await keptOf(companyId)
  const reply = await webhookRaw(harness.sandbox, ADMIN, 'crm.deal.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'DATE_MODIFY'], order: PROBE_ORDER })
  return { kept, ok: keptSummaryHolds(kept, { total: Number(reply.body.total), rows: reply.body.result as ProbeRow[] }) }
}

/** The kept figures equal the recount of every deal crm.deal.list returns. */
async function expectRecount(companyId: number): Promise<KeptSummary> {
  const state = await eventually(() => holds(companyId), (value) => value.ok, 20_000)
  expect(state.ok).toBe(true)
  const deals = (await allDeals(ADMIN, companyId)).map((row) => toReportDeal(row))
  const now = Date.now()
  const recount = companySummary({ companyId, deals, moves: [], now })
  const kept = keptTotals(state.kept!, now)
  expect(kept.counts).toEqual(recount.counts)
  expect(kept.byCurrency).toEqual(recount.byCurrency)
  expect(kept.counts.count).toBe(deals.length)
  return state.kept!
}

const A = DEMO_COMPANIES.technoPromMash
const B = DEMO_COMPANIES.energocentr

describe('runner: «Сводка» kept on each company', () => {
  it('made for every company with deals on the first run, equal to a REST recount', async () => {
    await expectRecount(A)
    await expectRecount(B)
    expect(harness.runner.store.get('summary-backfill-done')).toBe(true)
  })

  let added = 0
  it('made again after a deal is added and after it is changed', async () => {
    const before = (await keptOf(A))!.counts.count
    added = await rest<number>(MANAGER, 'crm.deal.add', { fields: { TITLE: 'Сводка: новая сделка', COMPANY_ID: A, ASSIGNED_BY_ID: MANAGER, OPPORTUNITY: 125_000, CURRENCY_ID: 'RUB', STAGE_ID: 'WON', UF_CRM_LMS_PAID_AMOUNT: '25000|RUB' } })
    expect((await expectRecount(A)).counts.count).toBe(before + 1)
    await rest(MANAGER, 'crm.deal.update', { id: added, fields: { OPPORTUNITY: 150_000 } })
    const kept = await expectRecount(A)
    expect(kept.currencies.find((entry) => entry.currency === 'RUB')!.amount).toBeGreaterThanOrEqual(15_000_000)
  })

  it('a deal moved to another company: both companies made again', async () => {
    const a = (await keptOf(A))!.counts.count
    const b = (await keptOf(B))!.counts.count
    await rest(ADMIN, 'crm.deal.update', { id: added, fields: { COMPANY_ID: B } })
    expect((await expectRecount(A)).counts.count).toBe(a - 1)
    expect((await expectRecount(B)).counts.count).toBe(b + 1)
  })

  it('a deleted deal leaves its company’s summary', async () => {
    const b = (await keptOf(B))!.counts.count
    await rest(ADMIN, 'crm.deal.delete', { id: added })
    expect((await expectRecount(B)).counts.count).toBe(b - 1)
  })

  it('a big client: the admin’s tab reads it in one request; a manager with own-deals rights gets his own deals recounted', async () => {
    // 90 more deals on A, two in three the manager's, the admin's closed to others: more than the tab's newest page for both.
    const cmd = Object.fromEntries(
      Array.from({ length: 90 }, (_, index) => [
        `d${index}`,
        `crm.deal.add?fields[TITLE]=Поставка ${index}&fields[COMPANY_ID]=${A}&fields[ASSIGNED_BY_ID]=${index % 3 ? MANAGER : ADMIN}&fields[OPENED]=N&fields[OPPORTUNITY]=${1000 + index}&fields[STAGE_ID]=${index % 3 ? 'NEW' : 'WON'}`,
      ]),
    )
    for (const from of [0, 45]) {
      const reply = await webhookRaw(harness.sandbox, ADMIN, 'batch', { halt: 1, cmd: Object.fromEntries(Object.entries(cmd).slice(from, from + 45)) })
      expect(reply.status).toBe(200)
    }
    const kept = await expectRecount(A)
    expect(kept.counts.count).toBeGreaterThan(90)

    const open = async (userId: number) => {
      const { b24 } = await appClient(harness.sandbox.origin, userId)
      // Requests counted on the tab's side: the runner shares the app's key on the portal.
      const transport = frameTransport(b24)
      let requests = 0
      const counted: typeof transport = {
        call: (method, params) => (requests++, transport.call(method, params)),
        batch: (commands, options) => (requests++, transport.batch(commands, options)),
      }
      const data = await loadSummary(createGateway(counted), A)
      return { data, requests, view: toSummaryView(data, Date.now()) }
    }

    const admin = await open(ADMIN)
    expect(admin.data.source).toBe('kept')
    expect(admin.requests).toBe(1)
    expect(admin.view.counts).toEqual(kept.counts)
    expect(admin.view.deals).toHaveLength(50)

    const manager = await open(MANAGER)
    const own = (await allDeals(MANAGER, A)).map((row) => toReportDeal(row))
    expect(own.length).toBeGreaterThanOrEqual(50)
    expect(own.length).toBeLessThan(kept.counts.count)
    expect(manager.data.source).toBe('deals')
    const recount = companySummary({ companyId: A, deals: own, moves: [], now: Date.now() })
    expect(manager.view.counts).toEqual(recount.counts)
    expect(manager.view.byCurrency.map(({ buckets: _b, ...rest }) => rest)).toEqual(recount.byCurrency.map(({ buckets: _b, ...rest }) => rest))
  })
})
