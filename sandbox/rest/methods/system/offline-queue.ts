import { createHash } from 'node:crypto'
import type { CallContext } from '../../../core/types'
import type { Row, Store } from '../../../store/types'
import { formatDateTime } from '../../time-format'
import { readApp } from './app-state'
import { queueOnlineEvent } from './event-outbox'

/**
 * The app's event bindings (`event.bind`) and the offline event queue the portal fills for
 * offline bindings (b24restdocs `api-reference/events/offline-events.md`). The events the sandbox
 * raises are in RAISED_EVENTS; `raiseEvent` is their one door.
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

/** Who raised an event, and when (a REST call's context, or the portal's own writer). */
export type EventSource = Pick<CallContext, 'store' | 'user' | 'now'>

/**
 * Raises `eventName` with the data of its doc page: queued for the app's offline bindings, and for its
 * online ones sent to their handlers once the change is committed (event-outbox.ts). Nothing is
 * raised before the app's install is finished: «Events will not be sent to the application until the
 * installation is complete» (b24restdocs `api-reference/tasks/events-tasks/on-task-add.md` and every
 * event page; `settings/app-installation/installation-finish.md`).
 */
export function raiseEvent(source: EventSource, eventName: string, data: Record<string, unknown>): void {
  if (!readApp(source.store).installed) return
  recordOfflineEvent(source.store, eventName, data, source.user.ID, source.now())
  queueOnlineEvent(source.store, eventName, data, source.user.ID, source.now())
}

export type CrmEventEntity = 'lead' | 'deal' | 'contact' | 'company'
export type CrmEventAction = 'ADD' | 'UPDATE' | 'DELETE'

/**
 * ONCRM{LEAD,DEAL,CONTACT,COMPANY}{ADD,UPDATE,DELETE}: data is `{FIELDS: {ID}}` and nothing else
 * (b24restdocs `api-reference/crm/deals/events/index.md`, `on-crm-deal-{add,update,delete}.md`,
 * `crm/leads/events/on-crm-lead-{add,update,delete}.md`, their company and contact siblings).
 */
export function raiseCrmEvent(source: EventSource, entity: CrmEventEntity, action: CrmEventAction, id: number): void {
  raiseEvent(source, `ONCRM${entity.toUpperCase()}${action}`, { FIELDS: { ID: id } })
}

/**
 * ONCRMDEALMOVETOCATEGORY, raised instead of ONCRMDEALUPDATE when a deal changes pipeline, with the new
 * CATEGORY_ID and STAGE_ID (b24restdocs `api-reference/crm/deals/events/on-crm-deal-move-to-category.md`,
 * `crm/deals/events/index.md`: «Moving a deal to another funnel does not trigger the event onCrmDealUpdate»).
 */
export function raiseDealMovedToCategory(source: EventSource, id: number, categoryId: number, stageId: string): void {
  raiseEvent(source, 'ONCRMDEALMOVETOCATEGORY', { FIELDS: { ID: id, CATEGORY_ID: categoryId, STAGE_ID: stageId } })
}

/**
 * ONTASKADD / ONTASKUPDATE / ONTASKDELETE (b24restdocs `api-reference/tasks/events-tasks/on-task-{add,update,delete}.md`):
 * FIELDS_BEFORE and FIELDS_AFTER hold `{ID}` or the string "undefined"; completing a task is an update
 * (`events-tasks/index.md`: OnTaskUpdate on «setting status to Completed»; there is no completion event).
 */
export function raiseTaskEvent(source: EventSource, action: 'ADD' | 'UPDATE' | 'DELETE', id: number): void {
  const task = { ID: id }
  const data =
    action === 'ADD'
      ? { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: task, IS_ACCESSIBLE_BEFORE: 'N', IS_ACCESSIBLE_AFTER: 'undefined' }
      : action === 'UPDATE'
        ? { FIELDS_BEFORE: task, FIELDS_AFTER: task, IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'undefined' }
        : { FIELDS_BEFORE: task, FIELDS_AFTER: 'undefined', IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'N' }
  raiseEvent(source, `ONTASK${action}`, data)
}

/**
 * ONCRMTIMELINECOMMENT{ADD,UPDATE,DELETE}: data is `{ID}` of the comment (b24restdocs
 * `api-reference/crm/timeline/comments/events/on-Crm-Timeline-Comment-{Add,Update,Delete}.md`).
 */
export function raiseTimelineCommentEvent(source: EventSource, action: CrmEventAction, id: number): void {
  raiseEvent(source, `ONCRMTIMELINECOMMENT${action}`, { ID: id })
}

/** Every event the sandbox raises (event.bind accepts these and a few it never raises). */
export const RAISED_EVENTS = [
  ...['LEAD', 'DEAL', 'CONTACT', 'COMPANY'].flatMap((entity) => ['ADD', 'UPDATE', 'DELETE'].map((action) => `ONCRM${entity}${action}`)),
  'ONCRMDEALMOVETOCATEGORY',
  'ONTASKADD',
  'ONTASKUPDATE',
  'ONTASKDELETE',
  'ONCRMTIMELINECOMMENTADD',
  'ONCRMTIMELINECOMMENTUPDATE',
  'ONCRMTIMELINECOMMENTDELETE',
] as const
