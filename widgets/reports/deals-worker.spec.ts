// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  applyFilter,
  groupDeals,
  reportContext,
  toOverdueActions,
  toReportDeal,
  toReportDepartment,
  toReportUser,
  totalsOf,
  type PackedDeals,
  type RawDealRow,
  type ReportData,
} from '@/domain/reports'
import { DEPARTMENTS, generateDeals, generateTasks, NOW, PIPELINE_STAGES, USERS } from '../../test/unit/domain/reports/generated-data'
import { answer, DealsEngine, type FiguresQuery, type ReportMetaData } from './deals-engine'
import { serveDeals, type WorkerRequest } from './deals-service'
import { createDealsWorker, InThreadDeals, unpackInTasks } from './deals-worker'

// The report page's deals worker (issue 15: reading 100,000 deals froze the page): the engine the worker runs,
// its message protocol, the page's client of it, and the stand-in on the page's thread when there is no Worker.
// Deal rows: b24restdocs api-reference/crm/deals/crm-deal-list.md (generated, seeded).

const raw = generateDeals(12_000)
const meta: ReportMetaData = {
  users: USERS.map(toReportUser),
  departments: DEPARTMENTS.map(toReportDepartment),
  pipelines: [
    { id: 0, name: 'Товары', stages: PIPELINE_STAGES[0]!.map((s, i) => ({ ...s, name: s.id, sort: i * 10 })) },
    { id: 1, name: 'Услуги', stages: PIPELINE_STAGES[1]!.map((s, i) => ({ ...s, name: s.id, sort: i * 10 })) },
  ],
  overdue: toOverdueActions(generateTasks(800, 12_000), NOW),
  readAt: NOW,
}
const typed = raw.map((row) => toReportDeal(row))
const data: ReportData = { ...meta, deals: typed }
const ctx = reportContext(data, NOW)
const query: FiguresQuery = { filter: { categoryIds: [0], departmentId: 2, from: NOW - 400 * 86_400_000, to: NOW, periodField: 'created', managerIds: [] }, dimension: 'manager', now: NOW, currency: ctx.currency }

/** The figures as the page computed them on its own thread before the worker. */
function expected(q: FiguresQuery) {
  const kept = applyFilter(typed, q.filter, ctx)
  return { totals: totalsOf(kept, ctx), groups: groupDeals(kept, q.dimension, ctx) }
}

// IndexedDB as the cache store uses it, in memory: what is stored is a structured copy.
const stored = vi.hoisted(() => new Map<string, unknown>())
vi.mock('./cache-store', () => ({
  loadCached: async (key: string) => (stored.has(key) ? structuredClone(stored.get(key)) : null),
  saveCached: async (key: string, data: unknown, now: number) => void stored.set(key, structuredClone({ key, savedAt: now, data })),
  dropCached: async (key: string) => void stored.delete(key),
}))

/** A Worker that runs the worker's message handler a message at a time, copying what crosses as a browser does. */
class FakeWorker {
  static made = 0
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: ErrorEvent) => void) | null = null
  transferred: unknown[] = []
  private readonly serve = serveDeals((reply, back = []) => {
    this.transferred.push(...back)
    const copy = structuredClone(reply, { transfer: back as ArrayBuffer[] })
    setTimeout(() => this.onmessage?.({ data: copy } as MessageEvent))
  })
  constructor(readonly url: URL, readonly options: WorkerOptions) {
    FakeWorker.made++
  }
  postMessage(message: WorkerRequest) {
    const copy = structuredClone(message)
    setTimeout(() => this.serve(copy))
  }
  terminate() {}
}

afterEach(() => vi.unstubAllGlobals())

describe('the deals worker', () => {
  it('types the rows as they arrive, packs them once, and the page unpacks the same deals a piece at a time', async () => {
    const engine = new DealsEngine()
    for (let from = 0; from < raw.length; from += 2500) answer(engine, { id: from, op: 'rows', rows: raw.slice(from, from + 2500) })
    const { reply, transfer } = answer(engine, { id: 1, op: 'pack' })
    expect(reply.ok).toBe(true)
    const packed = (reply as { value: PackedDeals }).value
    // the columns' memory is handed over, not copied
    expect(transfer).toHaveLength(5)
    expect(transfer.every((buffer) => buffer instanceof ArrayBuffer)).toBe(true)
    expect(packed.count).toBe(12_000)
    const later: string[] = []
    // A task queued before the unpacking starts runs before it ends: the unpacking gives the page a turn.
    setTimeout(() => later.push('a task between the pieces'))
    const unpacking = unpackInTasks(packed).then((deals) => (later.push('unpacked'), deals))
    expect(await unpacking).toEqual(typed)
    expect(later).toEqual(['a task between the pieces', 'unpacked'])
  })

  it('works out the deals tab’s figures as the page did: filtered totals and groups', () => {
    const engine = new DealsEngine()
    engine.addRows(raw)
    engine.setMeta(meta)
    for (const dimension of ['pipeline', 'stage', 'department', 'manager'] as const) {
      const q = { ...query, dimension }
      expect(engine.figures(q)).toEqual(expected(q))
    }
    expect(engine.figures(query).totals.count).toBeGreaterThan(0)
    expect(engine.figures(query).totals.count).toBeLessThan(typed.length)
  })

  it('an engine failure comes back as an answer, not a dead worker', () => {
    const engine = new DealsEngine()
    const { reply } = answer(engine, { id: 7, op: 'rows', rows: [null as unknown as RawDealRow] })
    expect(reply).toMatchObject({ id: 7, ok: false })
  })

  it('the page’s client pairs answers with questions and drops nothing, through a Worker', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const worker = createDealsWorker()
    expect(FakeWorker.made).toBe(1)
    worker.reset()
    for (let from = 0; from < raw.length; from += 2500) worker.addRows(raw.slice(from, from + 2500))
    // 12,000 deals come to the page as two slices, each unpacked in a task of its own.
    const order: string[] = []
    setTimeout(() => setTimeout(() => order.push('a task between the slices')))
    const deals = await worker.pageDeals().then((result) => (order.push('deals'), result))
    expect(deals).toEqual(typed)
    expect(order).toEqual(['a task between the slices', 'deals'])
    worker.setMeta(meta)
    const [a, b] = await Promise.all([worker.figures(query), worker.figures({ ...query, dimension: 'stage' })])
    expect(a).toEqual(expected(query))
    expect(b).toEqual(expected({ ...query, dimension: 'stage' }))
    // The worker stores its deals itself; a later page (a new worker) gets them back from the cache.
    await worker.saveCache('portal|2', meta, NOW)
    const later = createDealsWorker()
    expect(await later.loadCache('portal|3', NOW)).toBeNull()
    const cached = await later.loadCache('portal|2', NOW)
    expect(cached?.savedAt).toBe(NOW)
    expect(cached?.meta.users).toEqual(meta.users)
    expect(await later.pageDeals()).toEqual(typed)
    expect(await later.figures(query)).toEqual(expected(query))
    await later.dropCache('portal|2')
    expect(await later.loadCache('portal|2', NOW)).toBeNull()
  })

  it('with no Worker the same figures come on the page’s thread, 10,000 deals a task', async () => {
    expect(typeof Worker).toBe('undefined')
    const worker = createDealsWorker()
    expect(worker).toBeInstanceOf(InThreadDeals)
    worker.addRows(raw)
    worker.setMeta(meta)
    const order: string[] = []
    setTimeout(() => order.push('a task between the pieces'))
    const figures = worker.figures(query).then((result) => (order.push('figures'), result))
    expect(await figures).toEqual(expected(query))
    expect(order).toEqual(['a task between the pieces', 'figures'])
  })
})
