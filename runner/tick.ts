import { command, createGateway, frameTransport, toGatewayError, type Gateway, type RestTransport } from '@/b24/gateway'
import { parseEventPage, type EventPage } from './events/offline-queue'
import { recoverReservedPages, scheduleQueuedEvents } from './events/schedule-events'
import { markRevoked, openPortalClient } from './portal/app-auth'
import type { Job, RunnerStore } from './store/runner-store'

/*
 * One turn of the runner: read the portal's clock, move the queued events into jobs, then
 * carry out the jobs that are due. A job's handler answers when to look again (or never);
 * a failed job is kept and tried again a minute later, so nothing is dropped.
 */

export interface JobContext {
  gateway: Gateway
  /** The same connection, for write plans (runPlan sends their batches itself). */
  transport: RestTransport
  store: RunnerStore
  /** The portal's time at the start of this turn. */
  now: Date
  /** The app's code on the portal (a local app's client_id): links that open the app. */
  appCode: string
}

/** Carries out one job; returns when the subject should be looked at again, or null. */
export type JobHandler = (job: Job, context: JobContext) => Promise<Date | null>

/** Carries out a group of jobs of one kind together; answers per job ID as JobHandler does. */
export type BatchJobHandler = (jobs: readonly Job[], context: JobContext) => Promise<Map<string, Date | null>>

/**
 * A kind's handler: one job at a time, or many together (fewer requests on a busy portal), at
 * most `size` a group (BATCH_JOBS unless the handler reads more in its requests).
 */
export type KindHandler = JobHandler | { batch: BatchJobHandler; size?: number }

/** Jobs of one kind handed to a batch handler at once, unless it says otherwise (one crm.deal.list page). */
export const BATCH_JOBS = 50
/** Passes per turn: a job's handler may make others due now (a task wakes its deal). */
const PASSES = 2

export interface TickReport {
  at: string
  events: number
  jobsRun: number
  jobsFailed: number
  error: string | null
  /** Reserved pages of an earlier run were looked for (and taken back) in this turn. */
  recovered?: boolean
}

const RETRY_FAILED_JOB_MS = 60_000
/** Events per page of the queue (event.offline.get's default, b24restdocs events/event-offline-get.md). */
const EVENT_PAGE = 50
// The OAuth server's refusals of a refresh (invalid_grant, invalid_client; the SDK may pass only their text on).
const REVOKED = /invalid_grant|invalid_client|invalid refresh|refresh token|NO_AUTH_FOUND|REFRESH_FAILED/i

/** The portal's time (b24restdocs api-reference/common/system/server-time.md): reminders follow it, not the runner's clock. */
function toDate(raw: unknown): Date {
  const at = new Date(String(raw))
  return Number.isNaN(at.getTime()) ? new Date() : at
}

/**
 * A turn opens with one request: the portal's time and the first page of its event queue
 * together, so an idle runner costs the portal one request per poll.
 */
async function openTurn(gateway: Gateway): Promise<{ now: Date; page: EventPage }> {
  const opening = await gateway.loadScreen({
    time: command('server.time', {}, toDate),
    events: command('event.offline.get', { clear: 0, limit: EVENT_PAGE }, parseEventPage),
  })
  return { now: opening.value('time'), page: opening.value('events') }
}

/**
 * One turn. `recover`: first take back the pages a stopped runner left reserved on the portal
 * (the runner's first turn after a start); the report's `recovered` says it was done.
 */
export async function tick(store: RunnerStore, secret: { clientId: string; clientSecret: string }, handlers: Record<string, KindHandler>, options: { recover?: boolean } = {}): Promise<TickReport | null> {
  const client = openPortalClient(store, secret)
  if (!client) return null
  const transport = frameTransport(client)
  const gateway = createGateway(transport)
  const report: TickReport = { at: new Date().toISOString(), events: 0, jobsRun: 0, jobsFailed: 0, error: null }
  try {
    const { now, page } = await openTurn(gateway)
    report.at = now.toISOString()
    if (options.recover) {
      report.events += (await recoverReservedPages(gateway, store, now, page.processId)).events
      report.recovered = true
    }
    report.events += page.events.length === 0 ? 0 : (await scheduleQueuedEvents(gateway, store, now, { pageSize: EVENT_PAGE, firstPage: page })).events
    for (let pass = 0; pass < PASSES; pass++) {
      const due = store.dueJobs(now, 1_000)
      if (due.length === 0) break
      const context: JobContext = { gateway, transport, store, now, appCode: secret.clientId }
      for (const [kind, jobs] of groupByKind(due)) {
        const handler = handlers[kind]
        if (!handler) {
          // A kind this runner does not handle (an older store, a handler removed): dropped, not retried forever.
          for (const job of jobs) await store.unschedule(job.id)
          continue
        }
        const groups = typeof handler === 'function' ? jobs.map((job) => [job]) : chunks(jobs, handler.size ?? BATCH_JOBS)
        for (const group of groups) {
          try {
            const answers = typeof handler === 'function' ? new Map([[group[0]!.id, await handler(group[0]!, context)]]) : await handler.batch(group, context)
            for (const job of group) {
              // Rescheduled while it ran (a task woke its deal): that newer time stands.
              if (store.dueAtOf(job.id) !== job.dueAt) continue
              const next = answers.get(job.id) ?? null
              if (next) await store.schedule({ ...job, dueAt: next.toISOString() })
              else await store.unschedule(job.id)
            }
            report.jobsRun += group.length
          } catch (error) {
            report.jobsFailed += group.length
            for (const job of group) await store.schedule({ ...job, dueAt: new Date(now.getTime() + RETRY_FAILED_JOB_MS).toISOString() })
            report.error = toGatewayError(error).message
          }
        }
      }
    }
  } catch (raw) {
    const error = toGatewayError(raw)
    report.error = error.message
    if (REVOKED.test(`${error.code} ${error.description}`)) await markRevoked(store, error.code || error.description, new Date())
  }
  return report
}

function groupByKind(jobs: readonly Job[]): Map<string, Job[]> {
  const groups = new Map<string, Job[]>()
  for (const job of jobs) groups.set(job.kind, [...(groups.get(job.kind) ?? []), job])
  return groups
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size))
  return result
}
