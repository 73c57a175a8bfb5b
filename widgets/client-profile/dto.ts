import { z } from 'zod/mini'
import { restId as id, restText as text, rowsOf } from '@/b24/rest-values'

/**
 * REST replies of the profile tab → plain rows. Legacy crm.* send numbers as strings and
 * empty values as null; multi-fields as `[{ID, VALUE_TYPE, VALUE}]`
 * (b24restdocs api-reference/crm/companies/crm-company-get.md, crm/data-types.md).
 */

export interface MultiValue {
  id: number
  value: string
}

function multi(raw: unknown): MultiValue[] {
  return rowsOf(raw).flatMap((row) => {
    const record = row as { ID?: unknown; VALUE?: unknown }
    const value = typeof record.VALUE === 'string' ? record.VALUE : ''
    return value === '' ? [] : [{ id: Number(record.ID ?? 0), value }]
  })
}

export interface CompanyRow {
  id: number
  title: string
  dateCreate: string
  dateModify: string
  assignedById: number
  phones: MultiValue[]
  emails: MultiValue[]
  /** Every UF_CRM_* value as the portal returned it. */
  uf: Record<string, unknown>
}

const companySchema = z.object({ ID: id, TITLE: text, DATE_CREATE: text, DATE_MODIFY: text, ASSIGNED_BY_ID: z.catch(id, 0) })

export function parseCompany(raw: unknown): CompanyRow {
  if (!raw || typeof raw !== 'object') throw new TypeError('crm.company.get: no company')
  const record = raw as Record<string, unknown>
  const base = companySchema.parse(record)
  const uf = Object.fromEntries(Object.entries(record).filter(([key]) => key.startsWith('UF_CRM_')))
  return {
    id: base.ID,
    title: base.TITLE,
    dateCreate: base.DATE_CREATE,
    dateModify: base.DATE_MODIFY,
    assignedById: base.ASSIGNED_BY_ID,
    phones: multi(record.PHONE),
    emails: multi(record.EMAIL),
    uf,
  }
}

export interface ContactRow {
  id: number
  lastName: string
  firstName: string
  middleName: string
  /** POST, the contact's own «Должность». */
  position: string
}

// b24restdocs api-reference/crm/contacts/crm-contact-list.md
const contactSchema = z.object({ ID: id, NAME: text, LAST_NAME: text, SECOND_NAME: text, POST: z.optional(text) })

export function parseContacts(raw: unknown): ContactRow[] {
  return rowsOf(raw)
    .map((row) => contactSchema.parse(row))
    .map((row) => ({ id: row.ID, lastName: row.LAST_NAME, firstName: row.NAME, middleName: row.SECOND_NAME, position: row.POST ?? '' }))
    .sort((a, b) => a.id - b.id)
}

export interface CommentFile {
  id: number
  name: string
  url: string
}

export interface CommentRow {
  id: number
  authorId: number
  created: string
  text: string
  files: CommentFile[]
}

// b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-list.md: FILES = {id: {name, urlDownload…}} or {}
const commentSchema = z.object({ ID: id, AUTHOR_ID: z.catch(id, 0), CREATED: text, COMMENT: text, FILES: z.optional(z.unknown()) })

function commentFiles(raw: unknown): CommentFile[] {
  return rowsOf(raw).flatMap((file) => {
    const record = (file ?? {}) as Record<string, unknown>
    const fileId = Number(record.id ?? 0)
    if (!fileId) return []
    const url = String(record.urlDownload ?? record.urlShow ?? '')
    return [{ id: fileId, name: String(record.name ?? `#${fileId}`), url }]
  })
}

export function parseComments(raw: unknown): CommentRow[] {
  return rowsOf(raw).map((row) => {
    const comment = commentSchema.parse(row)
    return { id: comment.ID, authorId: comment.AUTHOR_ID, created: comment.CREATED, text: comment.COMMENT, files: commentFiles(comment.FILES) }
  })
}

/** `2026-03-15T10:00:00+03:00`, `2026-03-15` or `15.03.2026` → `2026-03-15`; '' when unreadable. */
export function isoDateOf(value: unknown): string {
  const textValue = typeof value === 'string' ? value.trim() : ''
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(textValue)
  if (iso) return iso[1]!
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(textValue)
  return ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : ''
}
