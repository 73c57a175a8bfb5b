import { command } from '@/b24/gateway'
import type { Gateway, ScreenCommands } from '@/b24/gateway'
import { peopleCommands, peopleOf } from '@/b24/people'
import type { RestGrantSource } from '@/b24/rest-grant/grant'
import type { DealsWorker } from './deals-worker'
import { mapInTasks } from './tasks'
import { DEFAULT_REPORT_FIELDS, type ReportFieldMap } from '@/domain/reports/fields'
import { historyRead, toHistoryRow, type HistoryRow, type RawHistoryRow } from '@/domain/reports/funnel'
import type { ReportData } from '@/domain/reports/model'
import { toOverdueActions, toReportDepartment, toReportUser } from '@/domain/reports/normalize'
import { stagesByCategory, toPipelines, type RawCategory, type RawStatusRow } from '@/domain/reports/pipelines'
import { dealsRead, metaCommands, overdueTasksRead, companiesRead } from '@/domain/reports/read-plan'
import { statusMovesOfCompanies } from '@/domain/reports/status-moves'
import type { RawCompanyRow, RawDealRow, RawDepartmentRow, RawTaskRow, RawUserRow, StatusMove } from '@/domain/reports/types'
import { VIEWS_READ } from '@/domain/reports/saved-views'

export { peopleCommands, peopleOf, readPeople } from '@/b24/people'

/**
 * The report page's reads through the shell's gateway: one screen batch for pipelines with their
 * stages, departments and users, then the deals and the overdue tasks by ID keyset (50 pages per
 * batch request). About ⌈N/2500⌉ + 3 requests for N deals.
 */
export type ReadPhase = 'meta' | 'deals' | 'tasks' | 'companies'

export interface ReadProgress {
  phase: ReadPhase
  rows: number
  /** upper estimate of the deals to read (max ID − min ID + 1), 0 when unknown */
  estimate: number
}

export interface ReadOptions {
  fields?: ReportFieldMap
  now: Date
  signal?: AbortSignal
  onProgress?: (progress: ReadProgress) => void
  /** The frame's REST grant: with it the deals worker reads the deals itself, off the page's thread. */
  grants?: RestGrantSource
  /** Each request the worker sends, for the page's request counter. */
  onRequest?: () => void
}

const asArray = <T>(raw: unknown): T[] => (Array.isArray(raw) ? (raw as T[]) : [])

export { mapInTasks } from './tasks'

export function metaScreen(): ScreenCommands {
  const meta = metaCommands()
  const commands: ScreenCommands = {
    // b24restdocs api-reference/user/user-current.md
    me: command('user.current', {}, (raw) => raw as RawUserRow),
    // b24restdocs api-reference/crm/universal/category/crm-category-list.md
    categories: command(meta.categories!.method, meta.categories!.params, (raw) => asArray<RawCategory>((raw as { categories?: unknown })?.categories)),
    // b24restdocs api-reference/crm/status/crm-status-list.md: the whole dictionary, every pipeline's stages in it
    stages: command(meta.stages!.method, meta.stages!.params, (raw) => asArray<RawStatusRow>(raw)),
    // first and last deal IDs: the progress bar's scale (b24restdocs api-reference/crm/deals/crm-deal-list.md)
    firstDeal: command('crm.deal.list', { select: ['ID'], order: { ID: 'ASC' }, start: -1 }, (raw) => asArray<RawDealRow>(raw)[0]),
    lastDeal: command('crm.deal.list', { select: ['ID'], order: { ID: 'DESC' }, start: -1 }, (raw) => asArray<RawDealRow>(raw)[0]),
    // The user's saved views and the app's code for view links ride in the same request.
    savedViews: command(VIEWS_READ.savedViews.method, VIEWS_READ.savedViews.params, (raw) => raw),
    app: command(VIEWS_READ.app.method, VIEWS_READ.app.params, (raw) => raw),
  }
  return { ...commands, ...peopleCommands() }
}

export interface ReportMeta {
  userId: number
  categories: RawCategory[]
  stages: Map<number, RawStatusRow[]>
  departments: RawDepartmentRow[]
  users: RawUserRow[]
  estimate: number
  /** The user option of saved views as read (null when none or unreadable). */
  savedViews: unknown
  /** The app's code (app.info CODE), which links to it name; null when not read. */
  appCode: string | null
}

const appCodeOf = (raw: unknown): string | null => {
  const code = (raw as { CODE?: unknown } | null | undefined)?.CODE
  return typeof code === 'string' && code !== '' ? code : null
}

/** Current user, pipelines with stages, departments and users, saved views: one request. */
export async function readMeta(gateway: Gateway): Promise<ReportMeta> {
  const screen = await gateway.loadScreen(metaScreen())
  const me = screen.value('me') as RawUserRow
  const categories = (screen.optional('categories') as RawCategory[] | undefined) ?? [{ id: 0, name: '' }]
  const stages = stagesByCategory((screen.optional('stages') as RawStatusRow[] | undefined) ?? [])
  const first = Number((screen.optional('firstDeal') as RawDealRow | undefined)?.ID ?? 0)
  const last = Number((screen.optional('lastDeal') as RawDealRow | undefined)?.ID ?? 0)
  return {
    userId: Number(me.ID),
    categories,
    stages,
    ...peopleOf(screen),
    estimate: last >= first && last > 0 ? last - first + 1 : 0,
    savedViews: screen.optional('savedViews') ?? null,
    appCode: appCodeOf(screen.optional('app')),
  }
}

/**
 * Everything the report page shows. With the frame's grant the deals worker reads the deals
 * itself; without, each batch goes to it as it arrives (typed there, off the page's thread). When
 * the read is done the worker hands the deals over packed, a slice at a time, and the page unpacks
 * each in a task of its own; the worker keeps its copy (for the figures and the cache).
 */
export async function readReportData(gateway: Gateway, meta: ReportMeta, options: ReadOptions & { worker: DealsWorker }): Promise<ReportData> {
  const fields = options.fields ?? DEFAULT_REPORT_FIELDS
  const progress = (phase: ReadPhase, rows: number) => options.onProgress?.({ phase, rows, estimate: meta.estimate })
  const worker = options.worker

  const deals = dealsRead(fields)
  progress('deals', 0)
  worker.reset()
  let read = 0
  if (options.grants && worker.readDeals) {
    read = await worker.readDeals(
      { method: deals.method, params: deals.params, idKey: deals.rowIdKey, cursorKey: deals.idKey, fields },
      { grants: options.grants, signal: options.signal, onRequest: options.onRequest, onProgress: (rows) => progress('deals', (read = rows)) },
    )
  } else {
    const kept = await gateway.readAll<RawDealRow>(deals.method, deals.params, {
      idKey: deals.rowIdKey,
      cursorKey: deals.idKey,
      signal: options.signal,
      onProgress: (rows) => progress('deals', (read = rows)),
      onRows: (rows) => worker.addRows(rows, fields),
    })
    if (kept.length > 0) worker.addRows(kept, fields)
  }

  const tasks = overdueTasksRead(options.now)
  progress('tasks', read)
  const [rawTasks, typedDeals] = await Promise.all([
    gateway.readAll<RawTaskRow>(tasks.method, tasks.params, {
      idKey: tasks.rowIdKey,
      cursorKey: tasks.idKey,
      itemsKey: tasks.resultKey,
      signal: options.signal,
    }),
    worker.pageDeals(),
  ])

  return {
    deals: typedDeals,
    users: meta.users.map(toReportUser),
    departments: meta.departments.map(toReportDepartment),
    pipelines: toPipelines(meta.categories, meta.stages),
    overdue: toOverdueActions(rawTasks, options.now.getTime()),
    readAt: options.now.getTime(),
  }
}

export interface CompaniesRead {
  /** With the responsible: the department and manager filters apply to new clients too. */
  companies: Array<Pick<RawCompanyRow, 'ID' | 'DATE_CREATE' | 'ASSIGNED_BY_ID'>>
  /** client status moves from the companies' status-log field */
  moves: StatusMove[]
  /** companies whose status log is not readable JSON: their moves are not counted */
  unreadableCompanyIds: number[]
}

/**
 * Companies for the yearly statistics, read when that tab is first opened: one keyset read gives
 * both the new clients and the status moves (the log field rides in the select); the raw log text
 * is dropped as soon as it is parsed.
 */
export async function readCompanies(gateway: Gateway, signal?: AbortSignal): Promise<CompaniesRead> {
  const read = companiesRead()
  const rows = await gateway.readAll<RawCompanyRow>(read.method, read.params, { idKey: read.rowIdKey, cursorKey: read.idKey, signal })
  const { moves, unreadableCompanyIds } = statusMovesOfCompanies(rows)
  const companies = rows.map((row) => ({ ID: row.ID, DATE_CREATE: row.DATE_CREATE ?? null, ASSIGNED_BY_ID: row.ASSIGNED_BY_ID ?? null }))
  rows.length = 0
  return { companies, moves, unreadableCompanyIds }
}

/**
 * One pipeline's stage history for the funnel tab, read when the tab shows that pipeline: by ID keyset,
 * 50 pages of 50 rows per batch request, so R rows cost ⌈(⌊R/50⌋+1)/50⌉ ≤ ⌈R/2500⌉ + 1 requests. The portal
 * returns only rows of deals the viewer may read.
 */
export async function readStageHistory(gateway: Gateway, categoryId: number, signal?: AbortSignal): Promise<HistoryRow[]> {
  const read = historyRead(categoryId)
  const rows = await gateway.readAll<RawHistoryRow>(read.method, read.params, { idKey: read.idKey, cursorKey: read.idKey, itemsKey: read.itemsKey, signal })
  return mapInTasks(rows, toHistoryRow)
}
