import type { EnumMap } from '@/b24/enum-items'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import { leadStatusFromPortal, objectTypeFromText, type LeadData, type LeadStatusCode } from '@/domain/lead-processing'
import type { ObjectsDirectory } from '@/domain/sale'
import type { LeadRow } from './dto'

/** The processing status: the tab's own field («Статус обработки»), else the portal's stage. */
export function leadStatusOf(lead: LeadRow, stage: EnumMap): LeadStatusCode {
  return (stage.codeOf(lead.uf[L.stage.fieldName]) as LeadStatusCode | null) ?? leadStatusFromPortal(lead.statusId)
}

/** «Тип объекта»: the lead's field, else the name an older form wrote into the text. */
export function objectTypeOf(lead: LeadRow, objectType: EnumMap, directory: ObjectsDirectory): string | null {
  return objectType.codeOf(lead.uf[L.objectType.fieldName]) ?? objectTypeFromText(lead.comments, directory)
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
