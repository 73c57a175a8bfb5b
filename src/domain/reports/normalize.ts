import { restAmountToMinor } from './money'
import { DEFAULT_REPORT_FIELDS, isYes, type ReportFieldMap } from './fields'
import type {
  OverdueAction,
  RawDealRow,
  RawDepartmentRow,
  RawTaskRow,
  RawUserRow,
  ReportDeal,
  ReportDepartment,
  ReportUser,
  StageSemantic,
} from './types'

function toId(value: unknown): number {
  const n = Number(value)
  return Number.isFinite(n) ? n : 0
}

function toTime(value: unknown): number {
  if (typeof value !== 'string' || value === '') return Number.NaN
  return Date.parse(value)
}

function toSemantic(value: unknown): StageSemantic {
  return value === 'S' || value === 'F' ? value : 'P'
}

/** One `crm.deal.list` row → the typed report deal. */
export function toReportDeal(row: RawDealRow, fields: ReportFieldMap = DEFAULT_REPORT_FIELDS): ReportDeal {
  const createdIso = typeof row.DATE_CREATE === 'string' ? row.DATE_CREATE : ''
  const closeIso = typeof row.CLOSEDATE === 'string' ? row.CLOSEDATE : ''
  return {
    id: toId(row.ID),
    title: row.TITLE ?? '',
    categoryId: toId(row.CATEGORY_ID),
    stageId: row.STAGE_ID ?? '',
    semantic: toSemantic(row.STAGE_SEMANTIC_ID),
    assignedById: toId(row.ASSIGNED_BY_ID),
    companyId: toId(row.COMPANY_ID),
    amount: restAmountToMinor(row.OPPORTUNITY),
    currency: row.CURRENCY_ID || 'RUB',
    paid: restAmountToMinor(row[fields.paid]),
    createdAt: toTime(createdIso),
    closeAt: toTime(closeIso),
    dueAt: fields.paymentDue ? toTime(row[fields.paymentDue]) : Number.NaN,
    invoiceAt: fields.invoiceDate ? toTime(row[fields.invoiceDate]) : Number.NaN,
    scansReceived: isYes(row[fields.scansReceived]),
    originalsReceived: isYes(row[fields.originalsReceived]),
    createdIso,
    closeIso,
  }
}

export function toReportUser(row: RawUserRow): ReportUser {
  const raw = row.UF_DEPARTMENT
  const list = Array.isArray(raw) ? raw : raw === null || raw === undefined || raw === '' ? [] : [raw]
  const name = [row.NAME, row.LAST_NAME].filter((part) => part).join(' ').trim()
  return { id: toId(row.ID), name: name || `#${row.ID}`, departmentIds: list.map(toId).filter((id) => id > 0) }
}

export function toReportDepartment(row: RawDepartmentRow): ReportDepartment {
  return {
    id: toId(row.ID),
    name: row.NAME ?? `#${row.ID}`,
    parentId: toId(row.PARENT),
    headId: toId(row.UF_HEAD),
  }
}

/** Task statuses that mean the responsible is done: 4 awaiting control, 5 completed. */
const DONE_STATUSES = new Set([4, 5])

/**
 * Open tasks past their deadline, one entry per bound deal (`ufCrmTask` `"D_<id>"`).
 * A task bound to no deal is not a deal's next action and is left out.
 */
export function toOverdueActions(rows: readonly RawTaskRow[], now: number): OverdueAction[] {
  const result: OverdueAction[] = []
  for (const row of rows) {
    if (DONE_STATUSES.has(Number(row.status))) continue
    const deadlineAt = toTime(row.deadline)
    if (!(deadlineAt < now)) continue
    for (const binding of row.ufCrmTask ?? []) {
      const match = /^D_(\d+)$/.exec(binding)
      if (!match) continue
      result.push({
        taskId: toId(row.id),
        dealId: Number(match[1]),
        title: row.title ?? '',
        deadlineAt,
        responsibleId: toId(row.responsibleId),
      })
    }
  }
  return result
}
