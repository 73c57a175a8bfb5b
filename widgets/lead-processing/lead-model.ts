import type { EnumMap } from '@/b24/enum-items'
import { leadStatusOf, type LeadRow } from '@/b24/lead-notice'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import { bitrixLeadStatusId, type LeadProcessing, type LeadResultCode } from '@/domain/lead-processing'
import { isoDateOf } from '~widgets/client-profile/dto'

export type LeadEnums = Record<'stage' | 'result' | 'objectType', EnumMap>

export function processingOf(lead: LeadRow, enums: LeadEnums): LeadProcessing {
  const uf = lead.uf
  const text = (field: string) => (typeof uf[field] === 'string' ? (uf[field] as string) : '')
  const date = (field: string) => isoDateOf(uf[field]) || null
  const result = enums.result.codeOf(uf[L.result.fieldName]) as LeadResultCode | null
  return {
    status: leadStatusOf(lead, enums.stage),
    firstResult: text(L.firstResult.fieldName),
    firstDate: date(L.firstDate.fieldName),
    outcome: text(L.outcome.fieldName),
    outcomeDate: date(L.outcomeDate.fieldName),
    result: result ?? (lead.statusId === 'CONVERTED' ? 'CONVERT' : lead.statusId === 'JUNK' ? 'INACTIVE' : null),
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
