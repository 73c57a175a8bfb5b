import type { ClientStatus } from '@/domain/client-profile/status-transitions'

/**
 * Read model of the reports: the shapes as REST returns them (raw) and the typed rows the
 * aggregations work on. Raw rows carry strings as the legacy `crm.*.list` methods send them.
 */

/** A deal row of `crm.deal.list` with the report's `select` (b24restdocs `api-reference/crm/deals/crm-deal-list.md`). */
export interface RawDealRow {
  ID: string | number
  TITLE?: string | null
  CATEGORY_ID?: string | number | null
  STAGE_ID?: string | null
  STAGE_SEMANTIC_ID?: string | null
  ASSIGNED_BY_ID?: string | number | null
  COMPANY_ID?: string | number | null
  OPPORTUNITY?: string | number | null
  CURRENCY_ID?: string | null
  DATE_CREATE?: string | null
  CLOSEDATE?: string | null
  [userField: `UF_CRM_${string}`]: unknown
}

export type StageSemantic = 'P' | 'S' | 'F'

/** A deal as the reports see it: numbers parsed, money in minor units, dates as epoch ms. */
export interface ReportDeal {
  id: number
  title: string
  categoryId: number
  stageId: string
  semantic: StageSemantic
  assignedById: number
  companyId: number
  /** OPPORTUNITY in minor units */
  amount: number
  currency: string
  /** paid sum (user field) in minor units */
  paid: number
  createdAt: number
  /** CLOSEDATE, NaN when empty */
  closeAt: number
  /** payment due date (user field), NaN when the portal has none */
  dueAt: number
  /** invoice date (user field): an open deal with one is a receivable; NaN when none */
  invoiceAt: number
  scansReceived: boolean
  originalsReceived: boolean
  /** Raw ISO strings kept for calendar-year grouping without time-zone shifts. */
  createdIso: string
  closeIso: string
}

/** `user.get` row (b24restdocs `api-reference/user/user-get.md`). */
export interface RawUserRow {
  ID: string | number
  NAME?: string | null
  LAST_NAME?: string | null
  UF_DEPARTMENT?: Array<string | number> | string | number | null
}

/** `department.get` row (b24restdocs `api-reference/departments/department-get.md`). */
export interface RawDepartmentRow {
  ID: string | number
  NAME?: string | null
  PARENT?: string | number | null
  UF_HEAD?: string | number | null
}

/** `tasks.task.list` row, camelCase output (b24restdocs `api-reference/tasks/tasks-task-list.md`). */
export interface RawTaskRow {
  id: string | number
  title?: string | null
  status?: string | number | null
  deadline?: string | null
  responsibleId?: string | number | null
  ufCrmTask?: string[] | null
}

/** `crm.company.list` row (b24restdocs `api-reference/crm/companies/crm-company-list.md`). */
export interface RawCompanyRow {
  ID: string | number
  TITLE?: string | null
  DATE_CREATE?: string | null
  ASSIGNED_BY_ID?: string | number | null
  [userField: `UF_CRM_${string}`]: unknown
}

/** A pipeline (`crm.category.list`) and its stages (`crm.status.list`, ENTITY_ID DEAL_STAGE[_n]). */
export interface Pipeline {
  id: number
  name: string
  stages: Array<{ id: string; name: string; semantic: StageSemantic; sort: number }>
}

export interface ReportUser {
  id: number
  name: string
  departmentIds: number[]
}

export interface ReportDepartment {
  id: number
  name: string
  parentId: number
  headId: number
}

/** An open task bound to a deal whose deadline has passed. */
export interface OverdueAction {
  taskId: number
  dealId: number
  title: string
  deadlineAt: number
  responsibleId: number
}

/**
 * One change of a company's client status, as the «Профиль клиента» tab records it in the company's
 * status-log field (P6: who, when, from → to, remark; `src/domain/client-profile/status-log.ts`).
 */
export interface StatusMove {
  companyId: number
  from: ClientStatus
  to: ClientStatus
  /** Bitrix24 user ID of who made the change */
  by: number
  /** ISO-8601 moment as the tab wrote it */
  at: string
  remark?: string
}
