// @vitest-environment node
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { GatewayError, type Gateway, type ScreenCommands, type ScreenResult } from '@/b24/gateway'
import { useReportsStore } from './store'
import { periodRange } from './period'

// Shapes: crm.deal.list (b24restdocs api-reference/crm/deals/crm-deal-list.md), department.get
// (api-reference/departments/department-get.md), user.get (api-reference/user/user-get.md),
// crm.category.list {categories} (api-reference/crm/universal/category/crm-category-list.md),
// tasks.task.list {tasks} (api-reference/tasks/tasks-task-list.md).

const deals = Array.from({ length: 120 }, (_, i) => ({
  ID: String(i + 1),
  TITLE: `Сделка ${i + 1}`,
  CATEGORY_ID: String(i % 2),
  STAGE_ID: i % 2 ? 'C1:NEW' : 'WON',
  STAGE_SEMANTIC_ID: i % 2 ? 'P' : 'S',
  ASSIGNED_BY_ID: String(3 + (i % 2)),
  COMPANY_ID: '1',
  OPPORTUNITY: '1000.00',
  CURRENCY_ID: 'RUB',
  DATE_CREATE: '2025-06-01T10:00:00+03:00',
  CLOSEDATE: '2025-07-01T10:00:00+03:00',
  UF_CRM_LMS_PAID_AMOUNT: i % 3 ? '400|RUB' : '1000|RUB',
}))

const screenData: Record<string, unknown> = {
  me: { ID: '2' },
  categories: { categories: [{ id: 0, name: 'Товары', sort: 1 }, { id: 1, name: 'Услуги', sort: 2 }] },
  stages: [
    { STATUS_ID: 'WON', NAME: 'Успех', SORT: 10, SEMANTICS: 'S', ENTITY_ID: 'DEAL_STAGE' },
    { STATUS_ID: 'WEB', NAME: 'Веб-сайт', SORT: 10, ENTITY_ID: 'SOURCE' },
    { STATUS_ID: 'C1:NEW', NAME: 'Новая', SORT: 10, ENTITY_ID: 'DEAL_STAGE_1' },
  ],
  firstDeal: [{ ID: '1' }],
  lastDeal: [{ ID: '120' }],
  departments0: [{ ID: '1', NAME: 'Компания' }, { ID: '2', NAME: 'Отдел продаж', PARENT: '1' }],
  users0: [{ ID: '3', NAME: 'Дмитрий', UF_DEPARTMENT: [2] }, { ID: '4', NAME: 'Ольга', UF_DEPARTMENT: [2] }],
}

// Companies with the status-log field the «Профиль клиента» tab appends to (crm.company.list with a user field
// in select: api-reference/crm/companies/crm-company-list.md); moments in UTC as `toISOString()` writes them.
const logOf = (...moves: Array<[string, string, boolean, string]>) =>
  JSON.stringify(
    moves.map(([from, to, inactive, at]) => ({
      from: { level: from, subStatus: null, inactive: false },
      to: { level: to, subStatus: null, inactive },
      action: { type: inactive ? 'deactivate' : 'advance' },
      by: 3,
      at,
    })),
  )
const companies = [
  { ID: '1', TITLE: 'Ромашка', DATE_CREATE: '2024-03-01T10:00:00+03:00', UF_CRM_KOS_STATUS_LOG: logOf(['NEW', 'TERMS', false, '2024-05-01T07:00:00.000Z'], ['TERMS', 'LOI_SIGNING', false, '2025-06-01T07:00:00.000Z']) },
  { ID: '2', TITLE: 'Лютик', DATE_CREATE: '2025-01-10T10:00:00+03:00', UF_CRM_KOS_STATUS_LOG: logOf(['NEW', 'NEW', true, '2025-07-01T07:00:00.000Z']) },
  { ID: '3', TITLE: 'Без истории', DATE_CREATE: '2025-02-10T10:00:00+03:00', UF_CRM_KOS_STATUS_LOG: '' },
  { ID: '4', TITLE: 'Испорчено', DATE_CREATE: '2025-02-11T10:00:00+03:00', UF_CRM_KOS_STATUS_LOG: 'не JSON' },
]

function fakeGateway(options: { failDeals?: boolean; onDealsRead?: () => void } = {}) {
  const calls: string[] = []
  const gateway: Gateway = {
    transport: { call: () => Promise.reject(new Error('not used')), batch: () => Promise.reject(new Error('not used')) },
    call: () => Promise.reject(new Error('not used')),
    prime: () => undefined,
    async loadScreen<C extends ScreenCommands>(commands: C): Promise<ScreenResult<C>> {
      calls.push(`batch:${Object.keys(commands).length}`)
      const values: Record<string, unknown> = {}
      for (const [name, command] of Object.entries(commands)) values[name] = command.parse(screenData[name] ?? [])
      return { errors: {}, value: (name) => values[name] as never, optional: (name) => values[name] as never }
    },
    async readAll<T>(method: string, params: Record<string, unknown>, opts: { onProgress?: (n: number) => void; signal?: AbortSignal } = {}) {
      calls.push(`readAll:${method}`)
      if (method === 'crm.company.list') {
        const select = params.select as string[]
        // Only what was selected comes back, as crm.company.list does.
        return companies.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => select.includes(key)))) as T[]
      }
      if (method === 'crm.deal.list') {
        if (options.failDeals) throw new GatewayError('limit', 'QUERY_LIMIT_EXCEEDED', 'Too many requests')
        opts.onProgress?.(60)
        options.onDealsRead?.()
        opts.signal?.throwIfAborted()
        opts.onProgress?.(120)
        return [...deals] as T[] // a fresh array, as the gateway returns
      }
      return [{ id: '1', status: '2', deadline: '2020-01-01T00:00:00+03:00', ufCrmTask: ['D_2'] }] as T[]
    },
    createOnce: () => Promise.reject(new Error('not used')),
  }
  return { gateway, calls }
}

describe('reports store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('reads pipelines and people in screen batches, deals and overdue tasks by keyset, then aggregates', async () => {
    const store = useReportsStore()
    const { gateway, calls } = fakeGateway()
    const phases: string[] = []
    store.$subscribe(() => store.progress && phases.push(`${store.progress.phase}:${store.progress.rows}/${store.progress.estimate}`), { flush: 'sync' })
    await store.open(gateway, { domain: 'portal.test' })
    // 21 commands: the saved views (user.option.get) and app.info ride in the first batch, no request of their own.
    expect(calls).toEqual(['batch:21', 'readAll:crm.deal.list', 'readAll:tasks.task.list'])
    expect(phases).toContain('deals:60/120')
    expect(store.status).toBe('ready')
    expect(store.totals).toMatchObject({ count: 120, won: 60, amount: 12_000_000, overdueActions: 1 })
    // every third deal is fully paid, the others owe 600 ₽
    expect(store.totals!.debt).toBe(80 * 60_000)
    expect(store.groups.map((g) => g.label)).toEqual(['Товары', 'Услуги'])
    expect(store.savedAt).not.toBeNull()
  })

  it('filters without reading again and drills down to the deals behind a figure', async () => {
    const store = useReportsStore()
    const { gateway, calls } = fakeGateway()
    await store.open(gateway, { domain: 'portal.test' })
    const before = calls.length
    store.filter.managerIds = [4]
    // The figures come from the deals worker (here its stand-in on the test's thread): they arrive, they are not computed on read.
    await store.settled()
    expect(store.totals!.count).toBe(60)
    store.dimension = 'stage'
    store.filter.periodField = 'closed'
    await store.settled()
    expect(store.groups.map((g) => g.label)).toEqual(['Услуги / Новая'])
    store.drill = { dimension: 'stage', key: 'C1:NEW', label: 'Новая', measure: 'openUnpaid' }
    expect(store.drillDeals.every((d) => d.assignedById === 4 && d.amount > d.paid)).toBe(true)
    expect(store.drillDeals.length).toBe(40)
    expect(calls.length).toBe(before)
  })

  it('the trends tab takes the period and follows the pipeline and manager filters', async () => {
    const store = useReportsStore()
    await store.open(fakeGateway().gateway, { domain: 'portal.test' })
    store.period = 'custom'
    store.customFrom = '2025-07-01'
    store.customTo = '2025-09-30'
    const row = (figure: string) => store.trend!.comparison.rows.find((r) => r.currency === 'RUB' && r.figure === figure)!
    // 60 won deals of 1000 closed 1 July 2025, 20 of them paid in full, 40 paid 400; all 120 created 1 June (the quarter before).
    expect(row('won')).toMatchObject({ current: 60_000_00, previous: 0, lastYear: 0 })
    expect(row('paid').current).toBe(36_000_00)
    expect(row('created')).toMatchObject({ current: 0, previous: 120_000_00 })
    expect(store.trend!.series.map((p) => p.byCurrency.get('RUB')?.won ?? 0)).toEqual([60_000_00, 0, 0])
    store.filter.managerIds = [4]
    expect(row('won').current).toBe(0)
    expect(row('created').previous).toBe(60_000_00)
    store.filter.managerIds = []
    store.filter.categoryIds = [1]
    expect(row('won').current).toBe(0)
    store.filter.categoryIds = [0]
    expect(row('won').current).toBe(60_000_00)
    expect(store.trend!.open).toBe(false)
  })

  it('the yearly tab counts client status moves from the companies’ status logs, read with the companies', async () => {
    const store = useReportsStore()
    const { gateway, calls } = fakeGateway()
    await store.open(gateway, { domain: 'portal.test' })
    expect(store.yearly.every((year) => year.statusMoves === 0)).toBe(true)
    await store.loadCompanies(gateway)
    expect(calls.filter((call) => call === 'readAll:crm.company.list')).toHaveLength(1)
    const byYear = Object.fromEntries(store.yearly.map((year) => [year.year, [year.newClients, year.statusMoves, year.movesByStatus]]))
    expect(byYear).toEqual({
      2024: [1, 1, { TERMS: 1 }],
      2025: [3, 2, { LOI_SIGNING: 1, INACTIVE: 1 }],
    })
    expect(store.companies?.unreadableCompanyIds).toEqual([4])
  })

  it('cancel stops the read and says so', async () => {
    const store = useReportsStore()
    const { gateway } = fakeGateway({ onDealsRead: () => store.cancel() })
    await store.open(gateway, { domain: 'portal.test' })
    expect(store.status).toBe('cancelled')
    expect(store.data).toBeNull()
    expect(store.error).toBeNull()
  })

  it('a REST failure becomes an error the page can show', async () => {
    const store = useReportsStore()
    await store.open(fakeGateway({ failDeals: true }).gateway, { domain: 'portal.test' })
    expect(store.status).toBe('error')
    expect(store.error?.kind).toBe('limit')
  })
})

describe('period presets', () => {
  const today = new Date(2026, 4, 20, 15, 0) // 20 May 2026, local time

  it('this quarter and last year are whole calendar ranges', () => {
    const quarter = periodRange('quarter', today)
    expect(new Date(quarter.from!).getMonth()).toBe(3)
    expect(new Date(quarter.to! + 1).getMonth()).toBe(6)
    const last = periodRange('lastYear', today)
    expect(new Date(last.from!).getFullYear()).toBe(2025)
    expect(new Date(last.to!).getFullYear()).toBe(2025)
    expect(periodRange('all', today)).toEqual({})
  })

  it('a custom period includes its last day whole and ignores bad dates', () => {
    const custom = periodRange('custom', today, '2026-01-01', '2026-01-31')
    expect(custom.to! - custom.from!).toBe(31 * 86_400_000 - 1)
    expect(periodRange('custom', today, 'x', '')).toEqual({ from: undefined, to: undefined })
  })
})
