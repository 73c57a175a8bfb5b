import { randomBytes } from 'node:crypto'
import { RestError, errors } from '../../../core/errors'
import type { CallContext, MethodTable, Params } from '../../../core/types'
import { ListPage } from '../../../core/types'
import { PAGE_SIZE, parseStart } from '../../../core/paging'
import { compileFilter, compileOrder, parseFilter, parseOrder } from '../../filter'
import { EVENT_HANDLERS_TABLE, OFFLINE_QUEUE_TABLE, RAISED_EVENTS, type EventHandlerRow, type OfflineEventRow } from './offline-queue'
import { checkHandlerUrl } from './handler-url'

/*
 * event.bind / event.unbind / event.get and the offline queue methods event.offline.{get,clear,error,list}
 * (b24restdocs `api-reference/events/event-bind.md`, `event-unbind.md`, `event-get.md`,
 * `event-offline-get.md`, `event-offline-clear.md`, `event-offline-error.md`, `event-offline-list.md`,
 * `offline-events.md`).
 *
 * Who may call: every method needs the app's OAuth context (WRONG_AUTH_TYPE for webhooks). The doc
 * pages head the offline methods with «any user», but the portal's own rest module
 * (Bitrix\Rest\Api\Event::eventOfflineGet/Clear/Error/List) refuses non-admins with AccessException,
 * and event.bind refuses offline bindings for non-admins («Offline events are not available», as
 * event-bind.md says too). The sandbox follows the portal: the offline methods are admin-only.
 */

/** Events a binding may name (b24restdocs `api-reference/events/events.md`): those the sandbox raises, and the app's own. */
const KNOWN_EVENTS = new Set<string>([
  ...RAISED_EVENTS,
  'ONAPPINSTALL',
  'ONAPPUPDATE',
  'ONAPPUNINSTALL',
  'ONOFFLINEEVENT',
])

const GET_FIELDS = ['ID', 'TIMESTAMP_X', 'EVENT_NAME', 'MESSAGE_ID']
const LIST_FIELDS = [...GET_FIELDS, 'PROCESS_ID', 'ERROR']

const argumentNull = (name: string) => errors.argument(`Argument '${name}' is null or empty`, name)

function text(params: Params, name: string): string {
  const value = params[name] ?? params[name.toUpperCase()] ?? params[name.toLowerCase()]
  return value === undefined || value === null ? '' : String(value).trim()
}

function appIdOf(ctx: CallContext): string {
  if (ctx.auth.type !== 'oauth') throw errors.wrongAuthType()
  return ctx.auth.appId
}

function eventType(params: Params): 'online' | 'offline' {
  const raw = text(params, 'event_type').toLowerCase()
  if (raw === '' || raw === 'online') return 'online'
  if (raw === 'offline') return 'offline'
  throw errors.argument('Value must be one of {online|offline}', 'EVENT_TYPE')
}

/** `auth_connector`: a separate queue per exchange channel (offline-events.md «How to Avoid Cycles»). */
const connectorOf = (params: Params) => text(params, 'auth_connector')

function queueOf(ctx: CallContext, params: Params, fields: readonly string[]) {
  const appId = appIdOf(ctx)
  const connector = connectorOf(params)
  const allowed = new Set(fields)
  // Unknown filter/order fields are skipped (the portal's sanitizeFilter keeps only the listed ones).
  const mapField = (field: string) => (allowed.has(field.toUpperCase()) ? field.toUpperCase() : null)
  const matches = compileFilter(parseFilter(params.filter ?? params.FILTER, { mapField }), (row: OfflineEventRow, field) => row[field])
  const mine = (row: OfflineEventRow) => row.APP_ID === appId && row.CONNECTOR_ID === connector && matches(row)
  return { table: ctx.store.table<OfflineEventRow>(OFFLINE_QUEUE_TABLE), mine, mapField }
}

/** The queue and the entries of this app's connector that `event.offline.get` handed out under `processId`. */
function processEntries(ctx: CallContext, params: Params, processId: string) {
  const table = ctx.store.table<OfflineEventRow>(OFFLINE_QUEUE_TABLE)
  const appId = appIdOf(ctx)
  const connector = connectorOf(params)
  const rows = [...table.rows()].filter((row) => row.APP_ID === appId && row.CONNECTOR_ID === connector && row.PROCESS_ID === processId)
  return { table, rows }
}

function ordered(rows: OfflineEventRow[], raw: unknown, fallback: Record<string, string>, mapField: (field: string) => string | null) {
  const terms = parseOrder(raw && typeof raw === 'object' && Object.keys(raw).length ? raw : fallback, mapField)
  return rows.sort(compileOrder(terms, (row, field) => (field === 'TIMESTAMP_X' ? Date.parse(row.TIMESTAMP_X) : row[field])))
}

/** event-offline-get.md «Response Handling»: string IDs, EVENT_ADDITIONAL.user_id. */
function eventView(row: OfflineEventRow, withState: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    ID: String(row.ID),
    TIMESTAMP_X: row.TIMESTAMP_X,
    EVENT_NAME: row.EVENT_NAME,
    EVENT_DATA: row.EVENT_DATA,
    EVENT_ADDITIONAL: { user_id: String(row.USER_ID) },
    MESSAGE_ID: row.MESSAGE_ID,
  }
  if (withState) {
    view.PROCESS_ID = row.PROCESS_ID
    view.ERROR = String(row.ERROR)
  }
  return view
}

function flagOf(params: Params, name: string, fallback: 0 | 1): 0 | 1 {
  const raw = params[name] ?? params[name.toUpperCase()]
  if (raw === undefined || raw === null || raw === '') return fallback
  return Number(raw) === 1 || raw === true || String(raw).toUpperCase() === 'Y' ? 1 : 0
}

/** undefined = not given; null = given but not an array. */
function arrayParam(params: Params, name: string): unknown[] | null | undefined {
  const raw = params[name] ?? params[name.toUpperCase()]
  if (raw === undefined) return undefined
  if (Array.isArray(raw)) return raw
  // Form-encoded arrays arrive as {"0": ..., "1": ...}.
  if (raw && typeof raw === 'object') return Object.values(raw)
  return null
}

function messageIds(params: Params): string[] | undefined {
  const list = arrayParam(params, 'message_id')
  if (list === undefined) return undefined
  if (!Array.isArray(list)) throw errors.argument('Value must be array of MESSAGE_ID values', 'message_id')
  return list.map((value) => {
    const id = String(value).trim()
    if (id.length !== 32) throw errors.argument('Value must be array of MESSAGE_ID values', 'message_id')
    return id
  })
}

function requireEventName(params: Params): string {
  const event = text(params, 'event').toUpperCase()
  if (!event) throw argumentNull('EVENT')
  return event
}

function requireProcessId(params: Params): string {
  const processId = text(params, 'process_id')
  if (!processId) throw argumentNull('PROCESS_ID')
  return processId
}

export const eventMethods: MethodTable = {
  'event.bind': {
    scope: 'basic',
    appContextOnly: true,
    handler: (ctx, params) => {
      const appId = appIdOf(ctx)
      const event = requireEventName(params)
      const type = eventType(params)
      let userId = Number(text(params, 'auth_type') || 0)
      if (userId > 0 && !ctx.user.IS_ADMIN && userId !== ctx.user.ID) {
        throw errors.accessDenied('Event binding with AUTH_TYPE requires administrator access rights')
      }
      if (!ctx.user.IS_ADMIN) userId = ctx.user.ID
      let handler = text(params, 'handler')
      if (type === 'offline') {
        if (!ctx.user.IS_ADMIN) throw errors.accessDenied('Offline events binding requires administrator access rights')
        handler = ''
        userId = 0
      } else {
        if (!handler) throw argumentNull('HANDLER')
        // events/index.md: reachable from outside, not localhost or a local network (handler-url.ts).
        checkHandlerUrl(handler, ctx.allowLocalHandlers)
      }
      if (!KNOWN_EVENTS.has(event)) throw new RestError(400, 'ERROR_EVENT_NOT_FOUND', 'Event not found')
      const connector = connectorOf(params)
      const table = ctx.store.table<EventHandlerRow>(EVENT_HANDLERS_TABLE)
      const same = [...table.rows()].some(
        (row) => row.APP_ID === appId && row.EVENT_NAME === event && row.EVENT_HANDLER === handler && row.USER_ID === userId && row.CONNECTOR_ID === connector,
      )
      // The portal's handler table is unique on these columns: binding twice is an error, so installers check event.get first.
      if (same) throw errors.core('Unable to set event handler: Handler already binded')
      table.insert({ APP_ID: appId, EVENT_NAME: event, EVENT_HANDLER: handler, USER_ID: userId, CONNECTOR_ID: connector, OFFLINE: type === 'offline' })
      return true
    },
  },
  'event.unbind': {
    scope: 'basic',
    appContextOnly: true,
    handler: (ctx, params) => {
      const appId = appIdOf(ctx)
      const event = requireEventName(params)
      const type = eventType(params)
      const handler = type === 'offline' ? '' : text(params, 'handler')
      if (type === 'offline' && !ctx.user.IS_ADMIN) throw errors.accessDenied('Offline events unbinding requires administrator access rights')
      if (type === 'online' && !handler) throw argumentNull('HANDLER')
      const authType = text(params, 'auth_type')
      const table = ctx.store.table<EventHandlerRow>(EVENT_HANDLERS_TABLE)
      const found = [...table.rows()].filter((row) => {
        if (row.APP_ID !== appId || row.EVENT_NAME !== event || row.EVENT_HANDLER !== handler) return false
        if (type === 'offline') return row.CONNECTOR_ID === connectorOf(params)
        if (authType !== '') return row.USER_ID === Number(authType)
        return ctx.user.IS_ADMIN || row.USER_ID === ctx.user.ID
      })
      for (const row of found) table.delete(row.ID)
      return { count: found.length }
    },
  },
  'event.get': {
    scope: 'basic',
    appContextOnly: true,
    handler: (ctx) => {
      const appId = appIdOf(ctx)
      return [...ctx.store.table<EventHandlerRow>(EVENT_HANDLERS_TABLE).rows()]
        .filter((row) => row.APP_ID === appId && (ctx.user.IS_ADMIN || row.USER_ID === ctx.user.ID))
        .map((row) =>
          row.OFFLINE
            ? { event: row.EVENT_NAME, connector_id: row.CONNECTOR_ID, offline: 1 }
            : { event: row.EVENT_NAME, handler: row.EVENT_HANDLER, auth_type: String(row.USER_ID), offline: 0 },
        )
    },
  },
  'event.offline.get': {
    scope: 'basic',
    appContextOnly: true,
    adminOnly: true,
    handler: (ctx, params) => {
      const clear = flagOf(params, 'clear', 1) === 1
      const wantErrors = flagOf(params, 'error', 0)
      const given = text(params, 'process_id')
      const limit = params.limit === undefined ? PAGE_SIZE : Number(params.limit)
      if (!Number.isInteger(limit) || limit <= 0) throw errors.argument('Value must be positive integer', 'LIMIT')
      const { table, mine, mapField } = queueOf(ctx, params, GET_FIELDS)
      const fallbackOrder = { TIMESTAMP_X: 'ASC' }
      const processId = given || randomBytes(16).toString('hex')
      if (!given) {
        // Reserve the next free entries for this process, so parallel callers never share one.
        const free = ordered([...table.rows()].filter((row) => mine(row) && row.PROCESS_ID === '' && row.ERROR === wantErrors), params.order, fallbackOrder, mapField)
        for (const row of free.slice(0, limit)) table.update(row.ID, { PROCESS_ID: processId })
      }
      const taken = ordered([...table.rows()].filter((row) => mine(row) && row.PROCESS_ID === processId && row.ERROR === wantErrors), params.order, fallbackOrder, mapField).slice(0, limit)
      const events = taken.map((row) => eventView(row, false))
      if (clear && taken.length > 0) {
        for (const row of [...table.rows()]) if (row.PROCESS_ID === processId && row.APP_ID === appIdOf(ctx)) table.delete(row.ID)
      }
      return { process_id: clear && !given ? null : processId, events }
    },
  },
  'event.offline.clear': {
    scope: 'basic',
    appContextOnly: true,
    adminOnly: true,
    handler: (ctx, params) => {
      const processId = requireProcessId(params)
      const byMessage = messageIds(params)
      let byId: number[] | undefined
      if (byMessage === undefined) {
        const ids = arrayParam(params, 'id')
        if (ids !== undefined) {
          if (!Array.isArray(ids)) throw errors.argument('Value must be array of integers', 'id')
          byId = ids.map((value) => {
            const id = Math.trunc(Number(value))
            if (!(id > 0)) throw errors.argument('Value must be array of integers', 'id')
            return id
          })
        }
      }
      const { table, rows } = processEntries(ctx, params, processId)
      for (const row of rows) {
        if (byMessage && !byMessage.includes(row.MESSAGE_ID)) continue
        if (byId && !byId.includes(row.ID)) continue
        table.delete(row.ID)
      }
      return true
    },
  },
  'event.offline.error': {
    scope: 'basic',
    appContextOnly: true,
    adminOnly: true,
    handler: (ctx, params) => {
      const processId = requireProcessId(params)
      const ids = messageIds(params)
      if (ids === undefined) throw errors.argument('Value must be array of MESSAGE_ID values', 'message_id')
      const { table, rows } = processEntries(ctx, params, processId)
      for (const row of rows) {
        if (!ids.includes(row.MESSAGE_ID)) continue
        // Sandbox choice (undocumented): an entry marked as failed is freed, so `event.offline.get`
        // with `error: 1` hands it out again.
        table.update(row.ID, { ERROR: 1, PROCESS_ID: '' })
      }
      return true
    },
  },
  'event.offline.list': {
    scope: 'basic',
    appContextOnly: true,
    adminOnly: true,
    handler: (ctx, params) => {
      const { table, mine, mapField } = queueOf(ctx, params, LIST_FIELDS)
      const rows = ordered([...table.rows()].filter(mine), params.order, { ID: 'ASC' }, mapField)
      const start = Math.max(0, parseStart(params.start))
      const page = rows.slice(start, start + PAGE_SIZE).map((row) => eventView(row, true))
      return new ListPage(page, rows.length, start + PAGE_SIZE < rows.length ? start + PAGE_SIZE : undefined)
    },
  },
}
