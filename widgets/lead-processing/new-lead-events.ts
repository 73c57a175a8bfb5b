import { toGatewayError, type Gateway } from '@/b24/gateway'
import { loadLeadScreen, sendNewLeadNotification } from './data'
import { awaitsAnnouncement, personName, planLeadAnnouncement } from './new-lead-notice'

/**
 * L3 without anyone opening the lead: the install binds ONCRMLEADADD as an offline event
 * (b24restdocs api-reference/events/offline-events.md), the portal queues one entry per new
 * lead, and this run — started by the app pages an admin opens — takes the queue, announces
 * each new web-form lead once, and tells the portal what it handled.
 *
 * event.offline.* are admin-only on a real portal (the rest module refuses others with
 * ACCESS_DENIED although the doc pages say «any user»): callers run this only for admins.
 */

export interface OfflineEventEntry {
  id: number
  messageId: string
  leadId: number
}

export interface NewLeadEventsReport {
  /** Leads announced now. */
  announced: number[]
  /** Leads that needed nothing (not a web-form lead, already announced, nobody to tell, deleted). */
  skipped: number[]
  /** Leads whose run failed: marked with event.offline.error and taken again next time. */
  failed: number[]
}

/** b24restdocs api-reference/events/event-offline-get.md: {process_id, events: [{ID, EVENT_DATA: {FIELDS: {ID}}, MESSAGE_ID}]}. */
export function parseOfflineEvents(raw: unknown): { processId: string | null; entries: OfflineEventEntry[] } {
  const value = (raw && typeof raw === 'object' ? raw : {}) as { process_id?: unknown; events?: unknown }
  const events = Array.isArray(value.events) ? value.events : []
  const entries = events.flatMap((event): OfflineEventEntry[] => {
    const row = (event ?? {}) as { ID?: unknown; MESSAGE_ID?: unknown; EVENT_DATA?: { FIELDS?: { ID?: unknown } } }
    const leadId = Number(row.EVENT_DATA?.FIELDS?.ID)
    if (!Number.isInteger(leadId) || leadId <= 0 || typeof row.MESSAGE_ID !== 'string') return []
    return [{ id: Number(row.ID), messageId: row.MESSAGE_ID, leadId }]
  })
  return { processId: typeof value.process_id === 'string' && value.process_id ? value.process_id : null, entries }
}

async function announce(gateway: Gateway, leadId: number): Promise<'announced' | 'skipped'> {
  let screen
  try {
    screen = await loadLeadScreen(gateway, leadId)
  } catch (raw) {
    // A lead deleted since it was queued needs nothing.
    if (toGatewayError(raw).kind === 'notFound') return 'skipped'
    throw raw
  }
  if (!awaitsAnnouncement(screen)) return 'skipped'
  const plan = planLeadAnnouncement(screen)
  // No recipients configured yet: the lead tab's on-open fallback announces it later.
  if (!plan.ok) return 'skipped'
  await sendNewLeadNotification(gateway, leadId, plan.plan, (id) => personName(screen, id))
  return 'announced'
}

/** One batch of the queue (clear=0: reserved under a process_id until handled), fresh or failed before. */
async function runBatch(gateway: Gateway, error: 0 | 1, limit: number, report: NewLeadEventsReport): Promise<void> {
  const taken = parseOfflineEvents(
    await gateway.call('event.offline.get', { filter: { '=EVENT_NAME': 'ONCRMLEADADD' }, clear: 0, error, limit }, { retry: false }),
  )
  if (!taken.processId || taken.entries.length === 0) return
  const handled: string[] = []
  const failed: string[] = []
  const outcome = new Map<number, 'announced' | 'skipped' | 'failed'>()
  for (const entry of taken.entries) {
    if (!outcome.has(entry.leadId)) {
      try {
        outcome.set(entry.leadId, await announce(gateway, entry.leadId))
      } catch {
        outcome.set(entry.leadId, 'failed')
      }
    }
    const result = outcome.get(entry.leadId)!
    if (result === 'failed') failed.push(entry.messageId)
    else handled.push(entry.messageId)
  }
  for (const [leadId, result] of outcome) report[result === 'announced' ? 'announced' : result === 'skipped' ? 'skipped' : 'failed'].push(leadId)
  // b24restdocs api-reference/events/event-offline-clear.md, event-offline-error.md
  if (handled.length) await gateway.call('event.offline.clear', { process_id: taken.processId, message_id: handled }, { retry: true })
  if (failed.length) await gateway.call('event.offline.error', { process_id: taken.processId, message_id: failed }, { retry: true })
}

/**
 * Announces the web-form leads created since the last run. Dedupe is the lead tab's own: the
 * marker comment on the lead plus the notification TAG (a repeat replaces, never adds).
 */
export async function processNewLeadEvents(gateway: Gateway, limit = 20): Promise<NewLeadEventsReport> {
  const report: NewLeadEventsReport = { announced: [], skipped: [], failed: [] }
  await runBatch(gateway, 0, limit, report)
  await runBatch(gateway, 1, limit, report)
  return report
}

/** Best effort and non-blocking: a page never waits for, nor shows, this run. Admins only. */
export function startNewLeadEvents(gateway: Gateway | null, isAdmin: boolean): void {
  if (!gateway || !isAdmin) return
  void processNewLeadEvents(gateway).catch(() => undefined)
}
