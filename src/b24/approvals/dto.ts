import { z } from 'zod/mini'
import { restId as id, restText as text, rowsOf } from '@/b24/rest-values'
import type { FileVersion, TaskRecord, TimelineRecord } from '@/domain/approvals'
import { APPROVAL_FIELDS } from '@/domain/fields/approvals'

/**
 * REST replies → the domain's plain records. Parsed defensively: numbers arrive as strings
 * (legacy CRM, tasks), lists as arrays or `{id: row}` objects, files in several shapes.
 */

// b24restdocs api-reference/crm/deals/crm-deal-get.md (legacy: UPPER_CASE, numbers as strings)
const dealSchema = z.object({
  ID: id,
  TITLE: text,
  CATEGORY_ID: z.catch(id, 0),
  ASSIGNED_BY_ID: id,
  [APPROVAL_FIELDS.contractFile]: z.optional(z.unknown()),
  [APPROVAL_FIELDS.state]: z.optional(z.unknown()),
  [APPROVAL_FIELDS.reportFile]: z.optional(z.unknown()),
  [APPROVAL_FIELDS.reportState]: z.optional(z.unknown()),
})

export interface DealRow {
  id: number
  title: string
  categoryId: number
  responsibleId: number
  file: FileVersion | null
  cachedState: string
  /** «Отчет по результатам измерения» and the report approval's cache (LEMUS §4). */
  reportFile: FileVersion | null
  reportCachedState: string
  /** Where the portal shows each file to a signed-in person (relative or absolute, as the portal gives it). */
  fileUrl: string | null
  reportFileUrl: string | null
}

/**
 * A file field's value: `{id, showUrl, downloadUrl}` (legacy get), `[{id, url}]` (item
 * get, multiple), or a bare id. For several files the newest (highest id) is the version.
 * `url`: the link that opens the file in the portal for a signed-in person (`showUrl`, `url`);
 * the download links (`downloadUrl`, `urlMachine`) may carry a token and are never kept
 * (b24restdocs api-reference/files/how-to-download-files.md, «Types of links»).
 */
function newestFile(raw: unknown): { file: FileVersion; url: string | null } | null {
  const candidates = Array.isArray(raw) ? raw : [raw]
  let best: { file: FileVersion; url: string | null } | null = null
  for (const value of candidates) {
    let fileId: number | null = null
    let name: string | undefined
    let url: string | null = null
    if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) fileId = Number(value)
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>
      const rawId = record.id ?? record.ID
      if (rawId !== undefined && /^\d+$/.test(String(rawId))) fileId = Number(rawId)
      const rawName = record.name ?? record.NAME ?? record.ORIGINAL_NAME
      if (typeof rawName === 'string' && rawName) name = rawName
      const rawUrl = record.showUrl ?? record.url
      if (typeof rawUrl === 'string' && rawUrl) url = rawUrl
    }
    if (fileId && fileId > 0 && (!best || fileId > best.file.id)) best = { file: name ? { id: fileId, name } : { id: fileId }, url }
  }
  return best
}

export function parseFileValue(raw: unknown): FileVersion | null {
  return newestFile(raw)?.file ?? null
}

/** The portal's «open» link of the file `parseFileValue` picks (null: none given). */
export function parseFileLink(raw: unknown): string | null {
  return newestFile(raw)?.url ?? null
}

const textOrEmpty = (value: unknown): string => (typeof value === 'string' ? value : '')

export function parseDeal(raw: unknown): DealRow {
  const deal = dealSchema.parse(raw)
  return {
    id: deal.ID,
    title: deal.TITLE,
    categoryId: deal.CATEGORY_ID,
    responsibleId: deal.ASSIGNED_BY_ID,
    file: parseFileValue(deal[APPROVAL_FIELDS.contractFile]),
    cachedState: textOrEmpty(deal[APPROVAL_FIELDS.state]),
    reportFile: parseFileValue(deal[APPROVAL_FIELDS.reportFile]),
    reportCachedState: textOrEmpty(deal[APPROVAL_FIELDS.reportState]),
    fileUrl: parseFileLink(deal[APPROVAL_FIELDS.contractFile]),
    reportFileUrl: parseFileLink(deal[APPROVAL_FIELDS.reportFile]),
  }
}

export function parseDeals(raw: unknown): DealRow[] {
  return rowsOf(raw).map(parseDeal)
}

// b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-list.md
const commentSchema = z.object({ ID: id, AUTHOR_ID: id, CREATED: text, COMMENT: text, ENTITY_ID: z.optional(id) })

export function parseComments(raw: unknown): (TimelineRecord & { entityId: number | null })[] {
  return rowsOf(raw).map((row) => {
    const c = commentSchema.parse(row)
    return { id: c.ID, authorId: c.AUTHOR_ID, created: c.CREATED, text: c.COMMENT, entityId: c.ENTITY_ID ?? null }
  })
}

// b24restdocs api-reference/tasks/tasks-task-list.md (output camelCase, numbers as strings)
const taskSchema = z.object({
  id,
  title: text,
  description: text,
  createdBy: id,
  responsibleId: id,
  createdDate: text,
  status: z.catch(id, 2),
  changedBy: z.catch(z.optional(id), undefined),
  deadline: z.catch(z.optional(z.nullable(z.string())), undefined),
})

function toTaskRecord(row: z.infer<typeof taskSchema>): TaskRecord {
  const { changedBy, deadline, ...rest } = row
  return { ...rest, ...(changedBy ? { changedBy } : {}), ...(deadline ? { deadline } : {}) }
}

export function parseTaskRows(raw: unknown): TaskRecord[] {
  const list = raw && typeof raw === 'object' && !Array.isArray(raw) && 'tasks' in raw ? (raw as { tasks: unknown }).tasks : raw
  return rowsOf(list).map((row) => toTaskRecord(taskSchema.parse(row)))
}

export function parseTask(raw: unknown): TaskRecord | null {
  const task = raw && typeof raw === 'object' && 'task' in raw ? (raw as { task: unknown }).task : raw
  if (!task || typeof task !== 'object' || Array.isArray(task)) return null
  return toTaskRecord(taskSchema.parse(task))
}

// b24restdocs api-reference/crm/universal/category/crm-category-list.md
const categorySchema = z.object({ id, name: text })

export function parseCategories(raw: unknown): { id: number; name: string }[] {
  const list = raw && typeof raw === 'object' && 'categories' in raw ? (raw as { categories: unknown }).categories : raw
  return rowsOf(list).map((row) => categorySchema.parse(row))
}
