import { createGateway, frameTransport, toGatewayError, type Gateway, type RestTransport } from '@/b24/gateway'
import { scheduleQueuedEvents } from './events/schedule-events'
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
}

/** Carries out one job; returns when the subject should be looked at again, or null. */
export type JobHandler = (job: Job, context: JobContext) => Promise<Date | null>

export interface TickReport {
  at: string
  events: number
  jobsRun: number
  jobsFailed: number
  error: string | null
}

const RETRY_FAILED_JOB_MS = 60_000
// The OAuth server's refusals of a refresh (invalid_grant, invalid_client; the SDK may pass only their text on).
const REVOKED = /invalid_grant|invalid_client|invalid refresh|refresh token|NO_AUTH_FOUND|REFRESH_FAILED/i

/** The portal's time (b24restdocs api-reference/common/system/server-time.md): reminders follow it, not the runner's clock. */
export async function portalNow(gateway: Gateway): Promise<Date> {
  const raw = await gateway.call<string>('server.time', {})
  const at = new Date(raw)
  return Number.isNaN(at.getTime()) ? new Date() : at
}

export async function tick(store: RunnerStore, secret: { clientId: string; clientSecret: string }, handlers: Record<string, JobHandler>): Promise<TickReport | null> {
  const client = openPortalClient(store, secret)
  if (!client) return null
  const transport = frameTransport(client)
  const gateway = createGateway(transport)
  const report: TickReport = { at: new Date().toISOString(), events: 0, jobsRun: 0, jobsFailed: 0, error: null }
  try {
    const now = await portalNow(gateway)
    report.at = now.toISOString()
    report.events = (await scheduleQueuedEvents(gateway, store, now)).events
    for (const job of store.dueJobs(now)) {
      const handler = handlers[job.kind]
      if (!handler) continue
      try {
        const next = await handler(job, { gateway, transport, store, now })
        if (next) await store.schedule({ ...job, dueAt: next.toISOString() })
        else await store.unschedule(job.id)
        report.jobsRun++
      } catch (error) {
        report.jobsFailed++
        await store.schedule({ ...job, dueAt: new Date(now.getTime() + RETRY_FAILED_JOB_MS).toISOString() })
        report.error = toGatewayError(error).message
      }
    }
  } catch (raw) {
    const error = toGatewayError(raw)
    report.error = error.message
    if (REVOKED.test(`${error.code} ${error.description}`)) await markRevoked(store, error.code || error.description, new Date())
  }
  return report
}
