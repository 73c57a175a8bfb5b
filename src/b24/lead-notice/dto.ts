import { z } from 'zod/mini'
import { restId as id, restText as text, rowsOf } from '@/b24/rest-values'

/**
 * REST shapes of a lead and the people around it, read by the lead tab and the runner
 * (legacy crm.lead.get: UPPER_CASE, strings; b24restdocs api-reference/crm/leads/crm-lead-get.md).
 */

export interface LeadRow {
  id: number
  title: string
  companyTitle: string
  name: string
  lastName: string
  secondName: string
  statusId: string
  sourceId: string
  comments: string
  assignedById: number
  dateModify: string
  phones: string[]
  emails: string[]
  uf: Record<string, unknown>
}

const leadSchema = z.object({
  ID: id,
  TITLE: text,
  COMPANY_TITLE: text,
  NAME: text,
  LAST_NAME: text,
  SECOND_NAME: text,
  STATUS_ID: text,
  SOURCE_ID: text,
  COMMENTS: text,
  ASSIGNED_BY_ID: z.catch(id, 0),
  DATE_MODIFY: text,
})

function values(raw: unknown): string[] {
  return rowsOf(raw).flatMap((row) => {
    const value = (row as { VALUE?: unknown }).VALUE
    return typeof value === 'string' && value.trim() !== '' ? [value] : []
  })
}

export function parseLead(raw: unknown): LeadRow {
  if (!raw || typeof raw !== 'object') throw new TypeError('crm.lead.get: no lead')
  const record = raw as Record<string, unknown>
  const lead = leadSchema.parse(record)
  return {
    id: lead.ID,
    title: lead.TITLE,
    companyTitle: lead.COMPANY_TITLE,
    name: lead.NAME,
    lastName: lead.LAST_NAME,
    secondName: lead.SECOND_NAME,
    statusId: lead.STATUS_ID,
    sourceId: lead.SOURCE_ID,
    comments: lead.COMMENTS,
    assignedById: lead.ASSIGNED_BY_ID,
    dateModify: lead.DATE_MODIFY,
    phones: values(record.PHONE),
    emails: values(record.EMAIL),
    uf: Object.fromEntries(Object.entries(record).filter(([key]) => key.startsWith('UF_CRM_'))),
  }
}

/** b24restdocs api-reference/crm/status/crm-status-list.md: the portal's lead stage ids (ENTITY_ID STATUS). */
export function parseStatusIds(raw: unknown): string[] {
  return rowsOf(raw).flatMap((row) => {
    const status = row as { STATUS_ID?: unknown; ENTITY_ID?: unknown }
    return status.ENTITY_ID === 'STATUS' && typeof status.STATUS_ID === 'string' ? [status.STATUS_ID] : []
  })
}

export interface PersonRow {
  id: number
  name: string
  departments: number[]
}

// b24restdocs api-reference/user/user-get.md (UF_DEPARTMENT: ids)
const personSchema = z.object({ ID: id, NAME: text, LAST_NAME: text, UF_DEPARTMENT: z.optional(z.unknown()) })

export function parsePeople(raw: unknown): PersonRow[] {
  return rowsOf(raw).map((row) => {
    const person = personSchema.parse(row)
    return {
      id: person.ID,
      name: [person.NAME, person.LAST_NAME].filter(Boolean).join(' ') || `#${person.ID}`,
      departments: rowsOf(person.UF_DEPARTMENT).map(Number).filter((value) => value > 0),
    }
  })
}

export interface DepartmentRow {
  id: number
  name: string
  parent: number | null
  head: number | null
}

// b24restdocs api-reference/departments/department-get.md
const departmentSchema = z.object({ ID: id, NAME: text, PARENT: z.optional(z.unknown()), UF_HEAD: z.optional(z.unknown()) })

export function parseDepartments(raw: unknown): DepartmentRow[] {
  return rowsOf(raw).map((row) => {
    const department = departmentSchema.parse(row)
    const parent = Number(department.PARENT ?? 0)
    const head = Number(department.UF_HEAD ?? 0)
    return { id: department.ID, name: department.NAME, parent: parent > 0 ? parent : null, head: head > 0 ? head : null }
  })
}
