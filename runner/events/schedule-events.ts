import type { Gateway } from '@/b24/gateway'
import type { RunnerStore } from '../store/runner-store'
import { approvalSubjectsOf } from './approval-subjects'
import { summarySubjectsOf } from '../handlers/company-summary'
import { clearAndTakeMore, clearEventPages, finishEventPage, PAGES_PER_REQUEST, reservedProcessIds, retakeEventPage, subjectOf, takeEventPage, type EventPage } from './offline-queue'

/**
 * Turns the portal's queued events into jobs due now, one per subject (ten updates of one deal
 * are one look at it). A page is cleared only after its jobs are in the store, so a crash
 * between the two reads the page again (at least once); jobs are keyed by subject, so a page
 * read twice schedules nothing twice. `firstPage` is a page the caller already took (the tick
 * takes it in the same request as the portal's time).
 */
/**
 * Pages a stopped runner left reserved (see `reservedProcessIds`): taken again by their process
 * id, scheduled and cleared like any page, before the runner takes new ones.
 */
export async function recoverReservedPages(gateway: Gateway, store: RunnerStore, now: Date, ownPage: string | null = null): Promise<{ events: number; jobs: number }> {
  let events = 0
  let jobs = 0
  // The page this turn has just taken is reserved too: it is the turn's own to handle, not an orphan.
  for (const processId of (await reservedProcessIds(gateway)).filter((id) => id !== ownPage)) {
    const page = await retakeEventPage(gateway, processId)
    jobs += await scheduleSubjects(store, page, now)
    events += page.events.length
    await finishEventPage(gateway, page)
  }
  return { events, jobs }
}

async function scheduleSubjects(store: RunnerStore, page: EventPage, now: Date): Promise<number> {
  const subjects = new Map<string, { kind: string; id: number }>()
  for (const event of page.events) {
    const subject = subjectOf(event)
    if (subject) subjects.set(`${subject.kind}:${subject.id}`, subject)
    for (const extra of [...approvalSubjectsOf(event), ...summarySubjectsOf(event)]) subjects.set(`${extra.kind}:${extra.id}`, extra)
  }
  for (const [id, subject] of subjects) await store.schedule({ id, kind: subject.kind, subject: subject.id, dueAt: now.toISOString() })
  return subjects.size
}

/**
 * While the queue is busy, the handled pages are cleared and the next ones taken in the same
 * request, PAGES_PER_REQUEST at a time; once a page comes back short, the queue is drained and
 * the last pages are cleared alone. At most `maxPages` pages a turn, so the turn gets to its jobs.
 */
export async function scheduleQueuedEvents(gateway: Gateway, store: RunnerStore, now: Date, options: { pageSize?: number; maxPages?: number; firstPage?: EventPage } = {}): Promise<{ events: number; jobs: number }> {
  let events = 0
  let jobs = 0
  const limit = options.pageSize ?? 50
  const maxPages = options.maxPages ?? 5 * PAGES_PER_REQUEST
  let pages = [options.firstPage ?? (await takeEventPage(gateway, limit))].filter((page) => page.events.length > 0)
  let taken = pages.length
  while (pages.length > 0) {
    for (const page of pages) {
      jobs += await scheduleSubjects(store, page, now)
      events += page.events.length
    }
    const drained = pages.some((page) => page.events.length < limit)
    if (drained || taken >= maxPages) {
      await clearEventPages(gateway, pages)
      break
    }
    pages = await clearAndTakeMore(gateway, pages, limit)
    taken += pages.length
  }
  return { events, jobs }
}
