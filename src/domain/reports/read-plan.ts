import { STATUS_FIELDS } from './company-status'
import { dealSelect, DEFAULT_REPORT_FIELDS, type ReportFieldMap } from './fields'
import { STATUS_LOG_FIELD } from './status-moves'

/**
 * What the report page reads, and how. All lists go by ID keyset with `start=-1` (no COUNT on the
 * portal), 50 pages chained in one `batch` request (b24restdocs `settings/performance/huge-data.md`,
 * `settings/how-to-call-rest-api/batch.md`): N deals cost ⌈(⌊N/50⌋+1)/50⌉ requests, i.e. at most
 * ⌈N/2500⌉ + 1. Filters of the page run in the browser over what was read, so changing a filter
 * costs nothing, and the whole read is cached.
 */
export interface ListRead {
  /** name for progress and errors */
  name: 'users' | 'deals' | 'overdueTasks' | 'companies'
  method: string
  params: { select: string[]; filter: Record<string, unknown>; order?: Record<string, 'ASC' | 'DESC'> }
  /** the key the keyset filters on (`>ID`) */
  idKey: string
  /** the key of the ID in a returned row (`id` for tasks.task.list) */
  rowIdKey: string
  /** where rows sit in the result (`tasks` for tasks.task.list), none for plain arrays */
  resultKey?: string
}

/**
 * Screen batch: pipelines, departments and the stages of every pipeline, one request. The stages are
 * the whole `crm.status.list` dictionary, unfiltered and unpaged (see `stagesByCategory` in pipelines.ts).
 */
export function metaCommands(): Record<string, { method: string; params: Record<string, unknown> }> {
  return {
    categories: { method: 'crm.category.list', params: { entityTypeId: 2 } },
    departments: { method: 'department.get', params: { sort: 'ID', order: 'ASC' } },
    stages: { method: 'crm.status.list', params: { order: { SORT: 'ASC' } } },
  }
}

export function dealsRead(fields: ReportFieldMap = DEFAULT_REPORT_FIELDS): ListRead {
  return { name: 'deals', method: 'crm.deal.list', params: { select: dealSelect(fields), filter: {} }, idKey: 'ID', rowIdKey: 'ID' }
}

export function usersRead(): ListRead {
  return {
    name: 'users',
    method: 'user.get',
    params: { select: ['ID', 'NAME', 'LAST_NAME', 'UF_DEPARTMENT'], filter: {} },
    idKey: 'ID',
    rowIdKey: 'ID',
  }
}

/**
 * Only tasks past their deadline and not completed: the few that matter, not every task of the
 * portal (b24restdocs `api-reference/tasks/tasks-task-list.md`; status 5 = completed).
 */
export function overdueTasksRead(now: Date): ListRead {
  return {
    name: 'overdueTasks',
    method: 'tasks.task.list',
    params: {
      select: ['ID', 'TITLE', 'STATUS', 'DEADLINE', 'RESPONSIBLE_ID', 'UF_CRM_TASK'],
      filter: { '<DEADLINE': now.toISOString(), '!STATUS': 5 },
    },
    idKey: 'ID',
    rowIdKey: 'id',
    resultKey: 'tasks',
  }
}

/**
 * Companies for the yearly statistics: new clients by DATE_CREATE, and the status moves from the
 * status-log field the «Профиль клиента» tab appends to, read in the same keyset pages.
 */
export function companiesRead(statusLogField: string = STATUS_LOG_FIELD): ListRead {
  return {
    name: 'companies',
    method: 'crm.company.list',
    params: { select: ['ID', 'DATE_CREATE', 'ASSIGNED_BY_ID', statusLogField], filter: {} },
    idKey: 'ID',
    rowIdKey: 'ID',
  }
}

/**
 * Screen-batch commands for the two enumeration fields of the client status (their items' XML_IDs
 * are the ladder's codes): b24restdocs api-reference/crm/companies/userfields/crm-company-userfield-list.md.
 */
export function statusEnumCommands(): Record<'statusItems' | 'subStatusItems', { method: string; params: Record<string, unknown> }> {
  return {
    statusItems: { method: 'crm.company.userfield.list', params: { filter: { FIELD_NAME: STATUS_FIELDS.status } } },
    subStatusItems: { method: 'crm.company.userfield.list', params: { filter: { FIELD_NAME: STATUS_FIELDS.subStatus } } },
  }
}

export const PAGE_SIZE = 50
export const PAGES_PER_BATCH = 50

/** Requests a keyset read of N rows takes: the last page is short (maybe empty), 50 pages a batch. */
export function keysetRequests(rows: number): number {
  const pages = Math.floor(rows / PAGE_SIZE) + 1
  return Math.ceil(pages / PAGES_PER_BATCH)
}

/** The ceiling the issue sets for reading N deals: ⌈N/2500⌉ + a few (meta, stages, users, tasks). */
export function requestBudget(deals: number, few = 5): number {
  return Math.ceil(deals / (PAGE_SIZE * PAGES_PER_BATCH)) + few
}
