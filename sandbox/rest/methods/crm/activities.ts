import { pageOf } from '../../../core/paging'
import { errors } from '../../../core/errors'
import type { CallContext, MethodTable, Params, UserRow } from '../../../core/types'
import type { Row } from '../../../store/types'
import { compileFilter, compileOrder, parseFilter, parseOrder } from '../../filter'
import { formatPortalDate, parseDateInput } from './dates'
import { entityByTypeId, type CrmRow } from './entities'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { isObject, listOf, param, positiveId } from './params'
import { crmRights } from './rights'

/*
 * CRM activities: the deprecated but still only way to an e-mail on a card, crm.activity.add (b24restdocs
 * `api-reference/crm/timeline/activities/activity-base/crm-activity-add.md`, the e-mail walk-through
 * `tutorials/crm/how-to-add-crm-objects/how-to-send-email.md`), crm.activity.get/list/delete
 * (`activity-base/crm-activity-{get,list,delete}.md`, fields `crm-activity-fields.md`, enums
 * `api-reference/crm/data-types.md#activity-enums`), and the modern to-do, crm.activity.todo.add
 * (`timeline/activities/todo/crm-activity-todo-add.md`, in timeline-methods.ts). Errors are the legacy
 * CRM ones: HTTP 400, `error: ""`, the text of the page's table.
 */

export interface ActivityCommunication {
  ID: number
  TYPE: 'EMAIL' | 'PHONE' | ''
  VALUE: string
  ENTITY_ID: number
  ENTITY_TYPE_ID: number
}

export interface ActivityRow extends Row {
  OWNER_TYPE_ID: number
  OWNER_ID: number
  TYPE_ID: number
  PROVIDER_ID: string
  PROVIDER_TYPE_ID: string
  SUBJECT: string
  DESCRIPTION: string
  DEADLINE: string
  RESPONSIBLE_ID: number
  AUTHOR_ID: number
  CREATED: string
  COMPLETED: 'Y' | 'N'
  COLOR_ID: string | null
  PING_OFFSETS: number[]
  /** crm.activity.add only (absent on to-dos): 1 incoming, 2 outgoing. */
  DIRECTION?: number
  DESCRIPTION_TYPE?: number
  START_TIME?: string
  END_TIME?: string
  PRIORITY?: number
  STATUS?: number
  COMMUNICATIONS?: ActivityCommunication[]
  SETTINGS?: Record<string, unknown>
  ORIGINATOR_ID?: string | null
  ORIGIN_ID?: string | null
  LAST_UPDATED?: string
}

export const ACTIVITY_TABLE = 'crm_activities'

export const ACTIVITY_TYPE = { meeting: 1, call: 2, task: 3, email: 4, provider: 6 } as const
const DIRECTION = { incoming: 1, outgoing: 2 } as const
const STATUS = { waiting: 1, completed: 2 } as const

const fail = (text: string) => errors.legacy(text)
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

const yes = (value: unknown) => value === true || String(value).toUpperCase() === 'Y' || value === 1 || value === '1'

function dateOf(raw: unknown, name: string): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  try {
    return parseDateInput(raw) ?? undefined
  } catch {
    throw fail(`The field ${name} is not defined or invalid.`)
  }
}

function userOf(ctx: CallContext, id: number): UserRow | undefined {
  return ctx.store.table<UserRow>('users').get(id)
}

/** COMMUNICATIONS as the portal keeps them: an e-mail keeps only EMAIL ones, a call only PHONE ones. */
function communicationsOf(raw: unknown, typeId: number, owner: { typeId: number; id: number } | null): ActivityCommunication[] | null {
  if (raw === undefined || raw === null || raw === '') return null
  const list = listOf(raw)
  if (!Array.isArray(raw) && !isObject(raw)) return null
  const wanted = typeId === ACTIVITY_TYPE.email ? 'EMAIL' : typeId === ACTIVITY_TYPE.call ? 'PHONE' : ''
  const out: ActivityCommunication[] = []
  for (const item of list) {
    if (!isObject(item)) continue
    const type = String(item.TYPE ?? '').toUpperCase()
    // how-to-send-email.md: with another TYPE than the activity's, the communication is discarded.
    if (wanted && type && type !== wanted) continue
    out.push({
      ID: 0,
      TYPE: wanted,
      VALUE: String(item.VALUE ?? '').trim(),
      ENTITY_ID: positiveId(item.ENTITY_ID) ?? owner?.id ?? 0,
      ENTITY_TYPE_ID: positiveId(item.ENTITY_TYPE_ID) ?? owner?.typeId ?? 0,
    })
  }
  return out
}

/** `Name Surname <address>` or a bare address: the address, if it is one. */
function addressIn(from: string): string | null {
  const match = /<([^<>]+)>\s*$/.exec(from)
  const address = (match ? match[1]! : from).trim()
  return EMAIL.test(address) ? address : null
}

function addActivity(ctx: CallContext, params: Params): number {
  const fields = param(params, 'fields')
  if (!isObject(fields)) throw fail("Parameter 'fields' must be array.")
  const f: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) f[key.toUpperCase()] = value
  const typeId = Number(f.TYPE_ID)
  if (![ACTIVITY_TYPE.meeting, ACTIVITY_TYPE.call, ACTIVITY_TYPE.email, ACTIVITY_TYPE.provider].includes(typeId as 1)) {
    throw fail('The field TYPE_ID is not defined or invalid.')
  }
  if (typeId === ACTIVITY_TYPE.provider && !f.PROVIDER_ID) throw fail('The custom activity without provider is not supported in current context')
  if (typeId === ACTIVITY_TYPE.provider) throw fail('Use crm.activity.configurable.add for this activity provider')
  const entity = entityByTypeId(f.OWNER_TYPE_ID)
  const ownerId = positiveId(f.OWNER_ID)
  const owner = entity && ownerId !== null ? ctx.store.table<CrmRow>(entity.table).get(ownerId) : undefined
  const communications = communicationsOf(f.COMMUNICATIONS, typeId, entity && owner ? { typeId: entity.entityTypeId, id: owner.ID } : null)
  if (communications === null) throw fail('The field COMMUNICATIONS is not defined or invalid.')
  if ((typeId === ACTIVITY_TYPE.email || typeId === ACTIVITY_TYPE.call) && communications.length > 1) {
    throw fail('The only one communication is allowed for activity of specified type.')
  }
  const subject = String(f.SUBJECT ?? '').trim()
  if (!subject) throw fail('The field SUBJECT is not defined or empty.')
  const responsible = positiveId(f.RESPONSIBLE_ID)
  if (responsible === null || !userOf(ctx, responsible)) throw fail('The field RESPONSIBLE_ID is not defined or invalid.')
  if (!entity || !owner) throw fail('Could not build binding. Please ensure that owner info and communications are defined correctly.')
  // how-to-send-email.md: the rights checked are those to change the record the activity goes on.
  if (!crmRights(ctx.store, ctx.user).canWrite(owner)) throw fail('Access denied.')

  const direction = Number(f.DIRECTION) === DIRECTION.incoming ? DIRECTION.incoming : DIRECTION.outgoing
  const completed = yes(f.COMPLETED)
  const settings: Record<string, unknown> = isObject(f.SETTINGS) ? { ...f.SETTINGS } : {}
  // how-to-send-email.md: an e-mail goes out when TYPE_ID 4, DIRECTION 2 and COMPLETED Y come together.
  // The sandbox sends nothing; it checks what the portal checks and keeps the letter on the card.
  if (typeId === ACTIVITY_TYPE.email && direction === DIRECTION.outgoing && completed) {
    const to = communications[0]
    if (!to || !to.VALUE) throw fail('Email send error. "To" is not found')
    if (!EMAIL.test(to.VALUE)) throw fail('Email send error. Invalid email is specified')
    const sender = userOf(ctx, responsible)!
    const from = typeof settings.MESSAGE_FROM === 'string' && settings.MESSAGE_FROM.trim() ? settings.MESSAGE_FROM.trim() : sender.EMAIL ? `${sender.NAME} ${sender.LAST_NAME} <${sender.EMAIL}>` : ''
    if (!from) throw fail('Email send error. "From" is not found')
    if (!addressIn(from)) throw fail('Email send error. Invalid email is specified')
    settings.MESSAGE_FROM = from
  }
  const now = formatPortalDate(ctx.now())
  const start = dateOf(f.START_TIME, 'START_TIME') ?? now
  const end = dateOf(f.END_TIME, 'END_TIME') ?? start
  const table = ctx.store.table<ActivityRow>(ACTIVITY_TABLE)
  const row = table.insert({
    OWNER_TYPE_ID: entity.entityTypeId,
    OWNER_ID: owner.ID,
    TYPE_ID: typeId,
    PROVIDER_ID: typeId === ACTIVITY_TYPE.email ? 'CRM_EMAIL' : typeId === ACTIVITY_TYPE.call ? 'VOXIMPLANT_CALL' : 'CRM_MEETING',
    PROVIDER_TYPE_ID: typeId === ACTIVITY_TYPE.email ? 'EMAIL' : typeId === ACTIVITY_TYPE.call ? 'CALL' : 'MEETING',
    SUBJECT: subject,
    DESCRIPTION: String(f.DESCRIPTION ?? ''),
    DESCRIPTION_TYPE: [1, 2, 3].includes(Number(f.DESCRIPTION_TYPE)) ? Number(f.DESCRIPTION_TYPE) : 1,
    // crm-activity-add.md: DEADLINE is not set directly; it is START_TIME for calls and meetings, END_TIME otherwise.
    DEADLINE: typeId === ACTIVITY_TYPE.email ? end : start,
    START_TIME: start,
    END_TIME: end,
    RESPONSIBLE_ID: responsible,
    AUTHOR_ID: ctx.user.ID,
    CREATED: now,
    LAST_UPDATED: now,
    COMPLETED: completed ? 'Y' : 'N',
    STATUS: completed ? STATUS.completed : STATUS.waiting,
    DIRECTION: direction,
    PRIORITY: [1, 2, 3].includes(Number(f.PRIORITY)) ? Number(f.PRIORITY) : 2,
    COLOR_ID: null,
    PING_OFFSETS: [],
    COMMUNICATIONS: [],
    SETTINGS: settings,
    ORIGINATOR_ID: f.ORIGINATOR_ID == null ? null : String(f.ORIGINATOR_ID),
    ORIGIN_ID: f.ORIGIN_ID == null ? null : String(f.ORIGIN_ID),
  })
  // Communication IDs are the activity's own rows on the portal: numbered here per activity.
  table.update(row.ID, { COMMUNICATIONS: communications.map((c, i) => ({ ...c, ID: row.ID * 100 + i + 1 })) })
  return row.ID
}

const str = (value: number | null | undefined) => (value === null || value === undefined ? null : String(value))

/** crm-activity-get.md's shape: numbers as strings; COMMUNICATIONS only when a list selects them. */
export function activityView(a: ActivityRow, withCommunications = false): Record<string, unknown> {
  const view: Record<string, unknown> = {
    ID: String(a.ID),
    OWNER_ID: String(a.OWNER_ID),
    OWNER_TYPE_ID: String(a.OWNER_TYPE_ID),
    TYPE_ID: String(a.TYPE_ID),
    PROVIDER_ID: a.PROVIDER_ID,
    PROVIDER_TYPE_ID: a.PROVIDER_TYPE_ID,
    PROVIDER_GROUP_ID: null,
    ASSOCIATED_ENTITY_ID: '0',
    SUBJECT: a.SUBJECT,
    CREATED: a.CREATED,
    LAST_UPDATED: a.LAST_UPDATED ?? a.CREATED,
    START_TIME: a.START_TIME ?? a.DEADLINE,
    END_TIME: a.END_TIME ?? a.DEADLINE,
    DEADLINE: a.DEADLINE,
    COMPLETED: a.COMPLETED,
    STATUS: str(a.STATUS ?? (a.COMPLETED === 'Y' ? STATUS.completed : STATUS.waiting)),
    RESPONSIBLE_ID: String(a.RESPONSIBLE_ID),
    PRIORITY: str(a.PRIORITY ?? 2),
    NOTIFY_TYPE: '0',
    NOTIFY_VALUE: '0',
    DESCRIPTION: a.DESCRIPTION,
    DESCRIPTION_TYPE: str(a.DESCRIPTION_TYPE ?? 1),
    DIRECTION: str(a.DIRECTION ?? 0),
    LOCATION: '',
    SETTINGS: a.SETTINGS && Object.keys(a.SETTINGS).length ? a.SETTINGS : [],
    ORIGINATOR_ID: a.ORIGINATOR_ID ?? null,
    ORIGIN_ID: a.ORIGIN_ID ?? null,
    AUTHOR_ID: String(a.AUTHOR_ID),
    EDITOR_ID: String(a.AUTHOR_ID),
  }
  if (withCommunications) {
    view.COMMUNICATIONS = (a.COMMUNICATIONS ?? []).map((c) => ({
      ID: String(c.ID),
      TYPE: c.TYPE,
      VALUE: c.VALUE,
      ENTITY_ID: String(c.ENTITY_ID),
      ENTITY_TYPE_ID: String(c.ENTITY_TYPE_ID),
    }))
  }
  return view
}

/** The activity and its owner, or the page's errors: not found, or no right to the owner. */
function activityOf(ctx: CallContext, params: Params, need: 'read' | 'write'): ActivityRow {
  const id = positiveId(param(params, 'id'))
  if (id === null) throw fail('ID is not defined or invalid.')
  const row = ctx.store.table<ActivityRow>(ACTIVITY_TABLE).get(id)
  const entity = row ? entityByTypeId(row.OWNER_TYPE_ID) : undefined
  const owner = row && entity ? ctx.store.table<CrmRow>(entity.table).get(row.OWNER_ID) : undefined
  if (!row || !owner) throw fail('Activity is not found.')
  const rights = crmRights(ctx.store, ctx.user)
  if (!(need === 'write' ? rights.canWrite(owner) : rights.canRead(owner))) throw fail('Access denied.')
  return row
}

/** The activities of one CRM record the caller may read, newest first (the card page's list). */
export function activitiesOf(ctx: Pick<CallContext, 'store'>, ownerTypeId: number, ownerId: number): ActivityRow[] {
  return [...ctx.store.table<ActivityRow>(ACTIVITY_TABLE).rows()]
    .filter((a) => a.OWNER_TYPE_ID === ownerTypeId && a.OWNER_ID === ownerId)
    .sort((a, b) => b.ID - a.ID)
}

export const activityMethods: MethodTable = {
  'crm.activity.add': { scope: 'crm', cost: CALL_COST, handler: addActivity },
  'crm.activity.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => activityView(activityOf(ctx, params, 'read')),
  },
  'crm.activity.delete': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const row = activityOf(ctx, params, 'write')
      ctx.store.table(ACTIVITY_TABLE).delete(row.ID)
      return true
    },
  },
  'crm.activity.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx, params) => {
      const rights = crmRights(ctx.store, ctx.user)
      const matches = compileFilter(parseFilter(param(params, 'filter'), { mapField: (f) => f.toUpperCase() }), (r: ActivityRow, f) => r[f])
      const order = parseOrder(param(params, 'order'), (f) => f.toUpperCase())
      // crm-activity-list.md: COMMUNICATIONS (and FILES) come only when `select` names them.
      const select = listOf(param(params, 'select')).map((s) => String(s).toUpperCase())
      const withCommunications = select.includes('COMMUNICATIONS')
      const rows = [...ctx.store.table<ActivityRow>(ACTIVITY_TABLE).rows()]
        .filter((a) => {
          const entity = entityByTypeId(a.OWNER_TYPE_ID)
          const owner = entity ? ctx.store.table<CrmRow>(entity.table).get(a.OWNER_ID) : undefined
          return owner !== undefined && rights.canRead(owner) && matches(a)
        })
        .sort(compileOrder(order, (r, f) => r[f]))
      return pageOf(rows, param(params, 'start'), (row) => activityView(row, withCommunications))
    },
  },
}
