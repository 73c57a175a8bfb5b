import { pageOf } from '../../../core/paging'
import { RestError } from '../../../core/errors'
import type { CallContext, MethodTable, Params, UserRow } from '../../../core/types'
import type { Row } from '../../../store/types'
import { fileUrl, getFile, isFilePair, saveFile } from '../../../files/files'
import { compileFilter, compileOrder, parseFilter, parseOrder } from '../../filter'
import { formatPortalDate, parseDateInput } from './dates'
import { entityByTimelineType, entityByTypeId, type CrmRow, type EntityDef } from './entities'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { isObject, listOf, param, positiveId } from './params'
import { crmRights } from './rights'
import { ACTIVITY_TABLE, type ActivityRow } from './activities'
import { raiseTimelineCommentEvent } from '../system/offline-queue'

/**
 * Timeline comments, to-do activities and log messages. The author is always the caller.
 * b24restdocs `api-reference/crm/timeline/comments/crm-timeline-comment-{add,list,get,update,delete}.md`,
 * `api-reference/crm/timeline/activities/todo/crm-activity-todo-add.md`,
 * `api-reference/crm/timeline/logmessage/crm-timeline-logmessage-add.md`.
 */

export interface CommentRow extends Row {
  ENTITY_TYPE: string
  ENTITY_ID: number
  CREATED: string
  COMMENT: string
  AUTHOR_ID: number
  FILES: number[]
}

export interface LogMessageRow extends Row {
  ENTITY_TYPE_ID: number
  ENTITY_ID: number
  TITLE: string
  TEXT: string
  ICON_CODE: string
  AUTHOR_ID: number
  CREATED: string
}

export const COMMENT_TABLE = 'crm_timeline_comments'
export const LOG_MESSAGE_TABLE = 'crm_timeline_logmessages'

const fail = (code: string, text: string) => new RestError(400, code, text)

/** The owner record, checked for existence and the caller's rights. */
function ownerRecord(ctx: CallContext, entity: EntityDef | undefined, idRaw: unknown, need: 'read' | 'write'): CrmRow {
  const id = positiveId(idRaw)
  const row = entity && id !== null ? ctx.store.table<CrmRow>(entity.table).get(id) : undefined
  if (!row) throw fail('OWNER_NOT_FOUND', 'Owner of the item not found')
  const rights = crmRights(ctx.store, ctx.user)
  if (!(need === 'write' ? rights.canWrite(row) : rights.canRead(row))) throw fail('ACCESS_DENIED', 'Access denied')
  return row
}

function saveFiles(ctx: CallContext, raw: unknown): number[] {
  const list = listOf(raw)
  const pairs = isFilePair(list) && !isFilePair(list[0]) ? [list] : list
  return pairs.map((pair) => {
    if (!isFilePair(pair)) throw fail('100', 'FILES must be [[name, base64], …]')
    return saveFile(ctx.store, { name: pair[0], base64: pair[1], authorId: ctx.user.ID, created: formatPortalDate(ctx.now()) }).ID
  })
}

function userName(ctx: CallContext, id: number): string {
  const u = ctx.store.table<UserRow>('users').get(id)
  return u ? `${u.NAME} ${u.LAST_NAME}`.trim() : ''
}

function commentView(ctx: CallContext, row: CommentRow): Record<string, unknown> {
  const files: Record<string, unknown> = {}
  for (const id of row.FILES) {
    const file = getFile(ctx.store, id)
    if (!file) continue
    const url = fileUrl(ctx.origin, file)
    files[String(id)] = {
      id,
      date: file.CREATED,
      type: file.MIME.startsWith('image/') ? 'image' : 'file',
      name: file.NAME,
      size: file.SIZE,
      authorId: file.AUTHOR_ID,
      authorName: userName(ctx, file.AUTHOR_ID),
      urlPreview: file.MIME.startsWith('image/') ? url : null,
      urlShow: url,
      urlDownload: url,
    }
  }
  return {
    ID: String(row.ID),
    ENTITY_ID: String(row.ENTITY_ID),
    ENTITY_TYPE: row.ENTITY_TYPE,
    CREATED: row.CREATED,
    COMMENT: row.COMMENT,
    AUTHOR_ID: String(row.AUTHOR_ID),
    FILES: files,
  }
}

function commentOrThrow(ctx: CallContext, params: Params): CommentRow {
  const id = positiveId(param(params, 'id'))
  const row = id === null ? undefined : ctx.store.table<CommentRow>(COMMENT_TABLE).get(id)
  if (!row) throw fail('NOT_FOUND', 'Element not found')
  ownerRecord(ctx, entityByTimelineType(row.ENTITY_TYPE), row.ENTITY_ID, 'read')
  return row
}

function fieldsParam(params: Params): Record<string, unknown> {
  const fields = param(params, 'fields')
  if (!isObject(fields)) throw fail('100', "Required fields are not provided: 'fields'")
  return fields
}

export const timelineMethods: MethodTable = {
  'crm.timeline.comment.add': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const fields = fieldsParam(params)
      const entity = entityByTimelineType(fields.ENTITY_TYPE)
      if (fields.ENTITY_ID === undefined || fields.ENTITY_TYPE === undefined) {
        throw fail('100', 'Required fields are not provided: ENTITY_ID, ENTITY_TYPE')
      }
      const owner = ownerRecord(ctx, entity, fields.ENTITY_ID, 'read')
      const comment = String(fields.COMMENT ?? '').trim()
      if (!comment) throw fail('INVALID_ARG_VALUE', 'Empty comment')
      const row = ctx.store.table<CommentRow>(COMMENT_TABLE).insert({
        ENTITY_TYPE: entity!.timelineType,
        ENTITY_ID: owner.ID,
        CREATED: formatPortalDate(ctx.now()),
        COMMENT: comment,
        AUTHOR_ID: ctx.user.ID,
        FILES: fields.FILES === undefined ? [] : saveFiles(ctx, fields.FILES),
      })
      raiseTimelineCommentEvent(ctx, 'ADD', row.ID)
      return row.ID
    },
  },
  'crm.timeline.comment.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => commentView(ctx, commentOrThrow(ctx, params)),
  },
  'crm.timeline.comment.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx, params) => {
      const filter = param(params, 'filter')
      const f = isObject(filter) ? filter : {}
      const entity = entityByTimelineType(f.ENTITY_TYPE ?? f['=ENTITY_TYPE'])
      const ownerId = f.ENTITY_ID ?? f['=ENTITY_ID']
      if (!entity || ownerId === undefined) throw fail('', 'Access denied.')
      ownerRecord(ctx, entity, ownerId, 'read')
      const rest = { ...f }
      for (const k of ['ENTITY_TYPE', '=ENTITY_TYPE', 'ENTITY_ID', '=ENTITY_ID']) delete rest[k]
      const matches = compileFilter(parseFilter(rest), (r: CommentRow, field) => r[field.toUpperCase()])
      const order = parseOrder(param(params, 'order'), (x) => (['ID', 'CREATED', 'AUTHOR_ID'].includes(x.toUpperCase()) ? x.toUpperCase() : null))
      const rows = [...ctx.store.table<CommentRow>(COMMENT_TABLE).rows()]
        .filter((r) => r.ENTITY_TYPE === entity.timelineType && r.ENTITY_ID === Number(ownerId) && matches(r))
        .sort(compileOrder(order.length ? order : [{ field: 'CREATED', desc: true }], (r, x) => r[x]))
      return pageOf(rows, param(params, 'start'), (r) => commentView(ctx, r))
    },
  },
  'crm.timeline.comment.update': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const row = commentOrThrow(ctx, params)
      // Only the author edits a comment: its text is the author's word (approvals rely on it).
      if (row.AUTHOR_ID !== ctx.user.ID) throw fail('ACCESS_DENIED', 'Access denied')
      const fields = fieldsParam(params)
      const patch: Partial<CommentRow> = {}
      if (fields.COMMENT !== undefined) {
        const comment = String(fields.COMMENT).trim()
        if (!comment) throw fail('INVALID_ARG_VALUE', 'Empty comment')
        patch.COMMENT = comment
      }
      // Sending FILES replaces every earlier file of the comment.
      if (fields.FILES !== undefined) patch.FILES = saveFiles(ctx, fields.FILES)
      ctx.store.table<CommentRow>(COMMENT_TABLE).update(row.ID, patch)
      raiseTimelineCommentEvent(ctx, 'UPDATE', row.ID)
      return row.ID
    },
  },
  'crm.timeline.comment.delete': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const row = commentOrThrow(ctx, params)
      if (row.AUTHOR_ID !== ctx.user.ID && !ctx.user.IS_ADMIN) throw fail('ACCESS_DENIED', 'Access denied')
      ctx.store.table(COMMENT_TABLE).delete(row.ID)
      raiseTimelineCommentEvent(ctx, 'DELETE', row.ID)
      return null
    },
  },
  'crm.activity.todo.add': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const ownerTypeId = param(params, 'ownerTypeId')
      const ownerId = param(params, 'ownerId')
      const deadlineRaw = param(params, 'deadline')
      if (ownerTypeId === undefined || ownerId === undefined || deadlineRaw === undefined) {
        throw fail('100', 'Required parameters: ownerTypeId, ownerId, deadline')
      }
      const entity = entityByTypeId(ownerTypeId)
      const owner = ownerRecord(ctx, entity, ownerId, 'write')
      let deadline: string | null
      try {
        deadline = parseDateInput(deadlineRaw)
      } catch {
        throw fail('WRONG_DATETIME_FORMAT', 'Wrong datetime format')
      }
      const responsible = positiveId(param(params, 'responsibleId')) ?? Number(owner.ASSIGNED_BY_ID ?? ctx.user.ID)
      const row = ctx.store.table<ActivityRow>(ACTIVITY_TABLE).insert({
        OWNER_TYPE_ID: entity!.entityTypeId,
        OWNER_ID: owner.ID,
        TYPE_ID: 6,
        PROVIDER_ID: 'CRM_TODO',
        PROVIDER_TYPE_ID: 'TODO',
        SUBJECT: String(param(params, 'title') ?? ''),
        DESCRIPTION: String(param(params, 'description') ?? ''),
        DEADLINE: deadline!,
        RESPONSIBLE_ID: responsible,
        AUTHOR_ID: ctx.user.ID,
        CREATED: formatPortalDate(ctx.now()),
        COMPLETED: 'N',
        COLOR_ID: param(params, 'colorId') == null ? null : String(param(params, 'colorId')),
        PING_OFFSETS: listOf(param(params, 'pingOffsets')).map(Number).filter(Number.isFinite),
      })
      return { id: row.ID }
    },
  },
  'crm.timeline.logmessage.add': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const fields = fieldsParam(params)
      for (const key of ['entityTypeId', 'entityId', 'title', 'text', 'iconCode']) {
        if (fields[key] === undefined || fields[key] === '') throw fail('100', `Required field '${key}' is not provided`)
      }
      const entity = entityByTypeId(fields.entityTypeId)
      const owner = ownerRecord(ctx, entity, fields.entityId, 'write')
      const row = ctx.store.table<LogMessageRow>(LOG_MESSAGE_TABLE).insert({
        ENTITY_TYPE_ID: entity!.entityTypeId,
        ENTITY_ID: owner.ID,
        TITLE: String(fields.title),
        TEXT: String(fields.text),
        ICON_CODE: String(fields.iconCode),
        AUTHOR_ID: ctx.user.ID,
        CREATED: formatPortalDate(ctx.now()),
      })
      return {
        logMessage: { id: row.ID, created: row.CREATED, authorId: row.AUTHOR_ID, title: row.TITLE, text: row.TEXT, iconCode: row.ICON_CODE },
      }
    },
  },
}
