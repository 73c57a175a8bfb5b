import { idempotencyTag } from '@/b24/gateway'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import {
  bitrixLeadStatusId,
  leadRecipientsSchema,
  type LeadData,
  type LeadProcessing,
  type LeadRecipientsConfig,
  type LeadResultCode,
  type LeadStatusCode,
} from '@/domain/lead-processing'
import { normalizeForSearch } from '@/domain/client-profile'
import { labelText, type ObjectsDirectory } from '@/domain/sale'
import { isoDateOf } from '~widgets/client-profile/dto'
import type { EnumMap } from '~widgets/client-profile/enums'
import type { DepartmentRow, LeadRow, PersonRow } from './dto'

/** App option holding the L3 map object type → recipients (admin writes, everyone reads). */
export const LEAD_RECIPIENTS_OPTION = 'leadRecipients'

export type LeadEnums = Record<'stage' | 'result' | 'objectType', EnumMap>

/** The portal's own stage when the tab has not written one yet (a lead made elsewhere). */
function stageFromPortal(statusId: string): LeadStatusCode {
  if (statusId === 'UC_REQUEST') return 'REQUEST'
  if (statusId === 'IN_PROCESS') return 'NEEDS'
  if (statusId === 'PROCESSED' || statusId === 'CONVERTED' || statusId === 'JUNK') return 'PROCESSED'
  return 'NEW'
}

export function processingOf(lead: LeadRow, enums: LeadEnums): LeadProcessing {
  const uf = lead.uf
  const text = (field: string) => (typeof uf[field] === 'string' ? (uf[field] as string) : '')
  const date = (field: string) => isoDateOf(uf[field]) || null
  const result = enums.result.codeOf(uf[L.result.fieldName]) as LeadResultCode | null
  return {
    status: (enums.stage.codeOf(uf[L.stage.fieldName]) as LeadStatusCode | null) ?? stageFromPortal(lead.statusId),
    firstResult: text(L.firstResult.fieldName),
    firstDate: date(L.firstDate.fieldName),
    outcome: text(L.outcome.fieldName),
    outcomeDate: date(L.outcomeDate.fieldName),
    result: result ?? (lead.statusId === 'CONVERTED' ? 'CONVERT' : lead.statusId === 'JUNK' ? 'INACTIVE' : null),
  }
}

/**
 * «Тип объекта»: the lead's field; a lead from an older form names it only in the text
 * («Тип объекта: Аптека»), which is matched against the directory's names.
 */
export function objectTypeOf(lead: LeadRow, enums: LeadEnums, directory: ObjectsDirectory): string | null {
  const code = enums.objectType.codeOf(lead.uf[L.objectType.fieldName])
  if (code) return code
  const match = /Тип объекта:\s*(.+)/.exec(lead.comments)
  if (!match) return null
  const wanted = normalizeForSearch(match[1]!).replace(/\s*-\s*/g, '-')
  const found = directory.objectTypes.find((type) => normalizeForSearch(labelText(type.label)).replace(/\s*-\s*/g, '-') === wanted)
  return found?.code ?? null
}

export function leadData(lead: LeadRow, objectType: string | null): LeadData {
  return {
    id: lead.id,
    title: lead.title,
    companyTitle: lead.companyTitle,
    name: lead.name,
    lastName: lead.lastName,
    secondName: lead.secondName,
    phones: lead.phones,
    emails: lead.emails,
    objectType,
    comments: lead.comments,
    assignedById: lead.assignedById || null,
  }
}

/** crm.lead.update fields for a processing state; STATUS_ID follows so the portal's lists agree. */
export function leadUpdateFields(next: LeadProcessing, enums: LeadEnums, portalStatusIds: readonly string[]): Record<string, unknown> {
  return {
    STATUS_ID: bitrixLeadStatusId(next.status, next.result, portalStatusIds),
    [L.stage.fieldName]: enums.stage.idOf(next.status) ?? '',
    [L.firstResult.fieldName]: next.firstResult,
    [L.firstDate.fieldName]: next.firstDate ?? '',
    [L.outcome.fieldName]: next.outcome,
    [L.outcomeDate.fieldName]: next.outcomeDate ?? '',
    [L.result.fieldName]: enums.result.idOf(next.result) ?? '',
  }
}

export function parseRecipientsOption(raw: unknown): LeadRecipientsConfig {
  let value = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      value = null
    }
  }
  const parsed = leadRecipientsSchema.safeParse(value)
  return parsed.success ? parsed.data : { version: 1, byObjectType: {} }
}

/**
 * The head of a person's department from the portal's structure (N3): the department's
 * UF_HEAD, walking up while that is the person himself or empty.
 */
export function headOf(userId: number, people: readonly PersonRow[], departments: readonly DepartmentRow[]): number | null {
  const person = people.find((entry) => entry.id === userId)
  let department = departments.find((entry) => entry.id === person?.departments[0])
  const seen = new Set<number>()
  while (department && !seen.has(department.id)) {
    seen.add(department.id)
    if (department.head !== null && department.head !== userId) return department.head
    department = departments.find((entry) => entry.id === department!.parent)
  }
  return null
}

/** The idempotency key of a lead's new-lead notification (the plan's im.notify TAG). */
export function notificationMarker(tag: string): string {
  return idempotencyTag(tag)
}

export function isWebFormLead(lead: LeadRow): boolean {
  return lead.sourceId === 'WEBFORM'
}
