import { createHash } from 'node:crypto'
import type { Row, Store } from '../../../store/types'
import { formatDateTime } from '../../time-format'

/**
 * The app's event bindings (`event.bind`) and the offline event queue the portal fills for
 * offline bindings (b24restdocs `api-reference/events/offline-events.md`). Only events the
 * sandbox really raises end up in the queue: today ONCRMLEADADD.
 */

export const EVENT_HANDLERS_TABLE = 'event_handlers'
export const OFFLINE_QUEUE_TABLE = 'event_offline'

export interface EventHandlerRow extends Row {
  APP_ID: string
  EVENT_NAME: string
  /** '' for an offline binding. */
  EVENT_HANDLER: string
  /** `auth_type`: 0 = the user whose action raised the event. */
  USER_ID: number
  CONNECTOR_ID: string
  OFFLINE: boolean
}

export interface OfflineEventRow extends Row {
  APP_ID: string
  CONNECTOR_ID: string
  EVENT_NAME: string
  EVENT_DATA: Record<string, unknown>
  /** The user whose action raised the event (returned as EVENT_ADDITIONAL.user_id). */
  USER_ID: number
  /** 32 hex characters: event.offline.clear refuses any other length. */
  MESSAGE_ID: string
  /** '' while free; a process id once event.offline.get took it with clear=0. */
  PROCESS_ID: string
  ERROR: 0 | 1
  TIMESTAMP_X: string
}

function messageId(eventName: string, data: unknown): string {
  return createHash('md5').update(`${eventName}|${JSON.stringify(data)}`).digest('hex')
}

/**
 * Queues an event for every app that bound it offline. A free entry with the same MESSAGE_ID
 * is refreshed rather than repeated: the queue holds one entry per changed object.
 */
export function recordOfflineEvent(store: Store, eventName: string, data: Record<string, unknown>, userId: number, now: Date): void {
  const bindings = [...store.table<EventHandlerRow>(EVENT_HANDLERS_TABLE).rows()].filter((row) => row.OFFLINE && row.EVENT_NAME === eventName)
  if (bindings.length === 0) return
  const queue = store.table<OfflineEventRow>(OFFLINE_QUEUE_TABLE)
  const id = messageId(eventName, data)
  const seen = new Set<string>()
  for (const binding of bindings) {
    const key = `${binding.APP_ID}|${binding.CONNECTOR_ID}`
    if (seen.has(key)) continue
    seen.add(key)
    const fields = { EVENT_DATA: data, USER_ID: userId, TIMESTAMP_X: formatDateTime(now) }
    const pending = [...queue.rows()].find(
      (row) => row.APP_ID === binding.APP_ID && row.CONNECTOR_ID === binding.CONNECTOR_ID && row.MESSAGE_ID === id && row.PROCESS_ID === '' && row.ERROR === 0,
    )
    if (pending) queue.update(pending.ID, fields)
    else queue.insert({ APP_ID: binding.APP_ID, CONNECTOR_ID: binding.CONNECTOR_ID, EVENT_NAME: eventName, MESSAGE_ID: id, PROCESS_ID: '', ERROR: 0, ...fields })
  }
}

/** b24restdocs `api-reference/crm/leads/events/on-crm-lead-add.md`: data.FIELDS.ID is the new lead. */
export function recordLeadAdded(store: Store, leadId: number, userId: number, now: Date): void {
  recordOfflineEvent(store, 'ONCRMLEADADD', { FIELDS: { ID: leadId } }, userId, now)
}
