import { command, joinOffsetPages, offsetPageCommands, type Gateway } from '@/b24/gateway'

/*
 * The portal's offline event queue as the runner reads it (b24restdocs api-reference/events/
 * event-offline-get.md, event-offline-clear.md, event-offline-error.md): a page is reserved
 * with clear=0 under a process_id, and cleared only after what it asks for is durably
 * scheduled; a page that could not be scheduled is marked as an error and read again later.
 */

/** What the install binds for the runner; kept beside the install plan (src/domain/install). */
export { RUNNER_EVENTS } from '@/domain/install/runner-events'

export interface PortalEvent {
  messageId: string
  name: string
  data: Record<string, unknown>
  at: string
}

export interface EventPage {
  processId: string | null
  events: PortalEvent[]
}

export function parseEventPage(raw: unknown): EventPage {
  const value = (raw && typeof raw === 'object' ? raw : {}) as { process_id?: unknown; events?: unknown }
  const rows = Array.isArray(value.events) ? value.events : []
  const events = rows.flatMap((row): PortalEvent[] => {
    const event = (row ?? {}) as { MESSAGE_ID?: unknown; EVENT_NAME?: unknown; EVENT_DATA?: unknown; TIMESTAMP_X?: unknown }
    if (typeof event.MESSAGE_ID !== 'string' || typeof event.EVENT_NAME !== 'string') return []
    const data = event.EVENT_DATA && typeof event.EVENT_DATA === 'object' ? (event.EVENT_DATA as Record<string, unknown>) : {}
    return [{ messageId: event.MESSAGE_ID, name: event.EVENT_NAME.toUpperCase(), data, at: String(event.TIMESTAMP_X ?? '') }]
  })
  return { processId: typeof value.process_id === 'string' && value.process_id !== '' ? value.process_id : null, events }
}

/** A subject the runner looks at again because of an event: a deal, a lead, or a task whose deal is not known yet. */
export type EventSubject = { kind: 'deal' | 'lead' | 'task'; id: number }

const positive = (value: unknown): number | null => {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : null
}

/** The record an event is about (CRM: FIELDS.ID; tasks: FIELDS_AFTER.ID or FIELDS_BEFORE.ID; comments: their owner). */
export function subjectOf(event: PortalEvent): EventSubject | null {
  const fields = (event.data.FIELDS ?? {}) as Record<string, unknown>
  if (event.name.startsWith('ONCRMDEAL')) return positive(fields.ID) ? { kind: 'deal', id: positive(fields.ID)! } : null
  if (event.name.startsWith('ONCRMLEAD')) return positive(fields.ID) ? { kind: 'lead', id: positive(fields.ID)! } : null
  if (event.name.startsWith('ONTASK')) {
    const after = event.data.FIELDS_AFTER
    const before = event.data.FIELDS_BEFORE
    const id = positive((after && typeof after === 'object' ? (after as Record<string, unknown>).ID : undefined) ?? (before && typeof before === 'object' ? (before as Record<string, unknown>).ID : undefined))
    return id ? { kind: 'task', id } : null
  }
  if (event.name === 'ONCRMTIMELINECOMMENTADD') {
    const type = String(fields.ENTITY_TYPE ?? '').toLowerCase()
    const id = positive(fields.ENTITY_ID)
    if (id && type === 'deal') return { kind: 'deal', id }
    if (id && type === 'lead') return { kind: 'lead', id }
  }
  return null
}

export async function takeEventPage(gateway: Gateway, limit = 50): Promise<EventPage> {
  return parseEventPage(await gateway.call('event.offline.get', { clear: 0, limit }, { retry: true }))
}

/**
 * Pages taken in one request while the queue is busy: the portal hands each `event.offline.get`
 * a different set of entries (event-offline-get.md: «multiple parallel requests … each will
 * receive different sets of records»), so 20 pages of 50 and the clears of the pages before them
 * fit one batch of at most 50 commands.
 */
export const PAGES_PER_REQUEST = 20

/**
 * Clears the handled pages and takes up to PAGES_PER_REQUEST more in the same request. A clear
 * that fails leaves its page to be read again (its jobs are keyed by subject, so that only
 * repeats a look); a take that fails reserved nothing.
 */
export async function clearAndTakeMore(gateway: Gateway, handled: readonly EventPage[], limit = 50): Promise<EventPage[]> {
  const clears = clearCommands(handled)
  const takes = PAGES_PER_REQUEST
  const gets = Object.fromEntries(Array.from({ length: takes }, (_, index) => [`next${index}`, command('event.offline.get', { clear: 0, limit }, parseEventPage)]))
  const reply = await gateway.loadScreen({ ...clears, ...gets })
  return Array.from({ length: takes }, (_, index) => reply.optional(`next${index}` as never) as EventPage | undefined).filter((page): page is EventPage => !!page && page.events.length > 0)
}

function clearCommands(pages: readonly EventPage[]) {
  const held = pages.filter((page) => page.processId && page.events.length > 0)
  return Object.fromEntries(held.map((page, index) => [`clear${index}`, command('event.offline.clear', { process_id: page.processId, message_id: page.events.map((event) => event.messageId) }, (raw) => raw)]))
}

/** Clears the handled pages together, in one request; a clear that fails leaves its page to be read again. */
export async function clearEventPages(gateway: Gateway, pages: readonly EventPage[]): Promise<void> {
  const clears = clearCommands(pages)
  if (Object.keys(clears).length > 0) await gateway.loadScreen(clears)
}

/** Clears a handled page alone, retried on limits (a clear is idempotent for the same process_id). */
export async function finishEventPage(gateway: Gateway, page: EventPage): Promise<void> {
  if (!page.processId || page.events.length === 0) return
  await gateway.call('event.offline.clear', { process_id: page.processId, message_id: page.events.map((event) => event.messageId) }, { retry: true })
}

/** `event.offline.list` pages read at most when looking for reserved entries (50 a page). */
const ORPHAN_LIST_PAGES = 4

/**
 * The process ids of pages still reserved on the portal (b24restdocs api-reference/events/
 * event-offline-list.md: the rows carry PROCESS_ID). One runner serves a portal and clears the
 * page it reserved within the same turn, so at its start any reserved page is an orphan: the
 * runner stopped between reserving it and clearing it, and the portal keeps such entries
 * reserved for good. Taken again by their process id (event-offline-get.md `process_id`).
 */
export async function reservedProcessIds(gateway: Gateway): Promise<string[]> {
  const parse = (raw: unknown) => (Array.isArray(raw) ? (raw as { ID?: unknown; PROCESS_ID?: unknown }[]) : [])
  const screen = await gateway.loadScreen(offsetPageCommands('reserved', 'event.offline.list', { filter: { '!PROCESS_ID': '' }, order: { ID: 'ASC' } }, ORPHAN_LIST_PAGES, parse))
  const rows = joinOffsetPages('reserved', ORPHAN_LIST_PAGES, (name) => screen.optional(name as never) as ReturnType<typeof parse> | undefined, (row) => String(row.ID))
  return [...new Set(rows.map((row) => row.PROCESS_ID).filter((id): id is string => typeof id === 'string' && id !== ''))]
}

/** A reserved page taken again under its process id (nothing new is reserved by this call). */
export async function retakeEventPage(gateway: Gateway, processId: string, limit = 50): Promise<EventPage> {
  const page = parseEventPage(await gateway.call('event.offline.get', { clear: 0, limit, process_id: processId }, { retry: true }))
  return { processId: page.processId ?? processId, events: page.events }
}
