import { dealCardPath } from '@/b24/portal-links'
import { runPlan } from '@/b24/write-plan'
import { buildDigest, coveredWeek, digestMessage, lastDueMoment, nextDueMoment, weekBefore, type Digest, type DigestWeek } from '@/domain/reports/digest'
import type { CurrencySums } from '@/domain/reports'
import { newPlan, notifyStep, type WritePlan } from '@/domain/write-plan'
import { portalOrigin } from '../portal/app-auth'
import type { Job, RunnerStore } from '../store/runner-store'
import type { JobContext, JobHandler } from '../tick'
import { digestRecipients, readDigestCheck, readDigestFacts, type DigestCheck, type DigestFacts, type DigestRecipient } from './read'
import { digestReportLink } from './link'

/*
 * The weekly digest (issue 15), one job of the runner (`digest`) that looks each hour, and at
 * the settings' moment, whether a week is due. Per week («round») the heads are fixed when the
 * round opens, so a head added later gets the digest from the next week. Per head, exactly once
 * even across restarts, crashes mid-send and retries:
 *
 *   mark    — the notice's plan is saved in the runner's journal, then the head is marked «planned»;
 *   send    — the plan sends im.notify.system.add with TAG = the head's week key (a repeat of the
 *             same TAG replaces the notice on the portal, never adds a second one);
 *   confirm — the plan done, the head is marked «sent» (with the receivables told, for next week).
 *
 * After a crash: a plan still in the journal is finished, never planned afresh; «planned» with
 * no plan left means the plan finished (a done plan leaves the journal) and only the confirm was
 * lost. A digest is never sent for a moment before the runner first looked (the install on a
 * Thursday does not send Monday's digest).
 */

export const DIGEST_JOB_ID = 'digest'
const SCOPE = 'digest'
const CHECK_MS = 3_600_000
const RETRY_MS = 60_000
/** A notice the portal keeps refusing for a day is given up (said in the store), not retried all week. */
const GIVE_UP_MS = 24 * 3_600_000

const SINCE_KEY = 'digest:since'
const roundKey = (week: string) => `digest:round:${week}`
const headKey = (week: string, r: DigestRecipient) => `digest:head:${week}:${r.userId}:${r.departmentId}`
/** The notice's TAG and plan step key: one per head, department and week. */
export const digestTag = (week: string, r: DigestRecipient) => `APP_WEEKLY_DIGEST_${week}_${r.userId}_${r.departmentId}`

interface Round {
  week: string
  openedAt: string
  recipients: DigestRecipient[]
}

export interface HeadMark {
  state: 'planned' | 'sent' | 'given-up'
  at: string
  /** receivables the digest told (minor units per currency): the next week's digest compares with them */
  receivables: CurrencySums
}

/** Puts the digest job on the schedule once (due at once: its first look sets where it starts). */
export async function scheduleDigestJob(store: RunnerStore): Promise<void> {
  if (store.dueAtOf(DIGEST_JOB_ID) === null) await store.schedule({ id: DIGEST_JOB_ID, kind: 'digest', subject: 0, dueAt: new Date(0).toISOString() })
}

/** The runner's record of one head's digest of a week (tests and the status read it). */
export function headMark(store: RunnerStore, week: string, recipient: DigestRecipient): HeadMark | undefined {
  return store.get<HeadMark>(headKey(week, recipient))
}

export function digestRound(store: RunnerStore, week: string): Round | undefined {
  return store.get<Round>(roundKey(week))
}

async function mark(store: RunnerStore, week: string, recipient: DigestRecipient, state: HeadMark['state'], receivables: CurrencySums, now: Date): Promise<void> {
  await store.set(headKey(week, recipient), { state, at: now.toISOString(), receivables } satisfies HeadMark)
}

function planOf(week: DigestWeek, recipient: DigestRecipient, digest: Digest, check: DigestCheck, portal: { origin: string; appCode: string }, now: Date): WritePlan {
  const tag = digestTag(week.key, recipient)
  const message = digestMessage(digest, check.locale, {
    report: digestReportLink(portal.origin, portal.appCode, recipient.departmentId, week),
    deal: (id) => new URL(dealCardPath(id), portal.origin).toString(),
  })
  const label = { ru: `Итоги недели ${week.key} руководителю #${recipient.userId}`, en: `Week in review ${week.key} to head #${recipient.userId}` }
  return newPlan({ id: tag, scope: SCOPE, title: label, steps: [notifyStep(tag, recipient.userId, message, label)], now })
}

/** Sends the due week's digests that are not sent yet; returns when to look again. */
export async function runDigest(context: JobContext, origin: string): Promise<Date> {
  const { store, now } = context
  const check = await readDigestCheck(context.gateway)
  const at = now.getTime()
  const nextLook = new Date(Math.min(at + CHECK_MS, nextDueMoment(check.settings, at, check.offsetMinutes)))
  let since = store.get<string>(SINCE_KEY)
  if (!since) await store.set(SINCE_KEY, (since = now.toISOString()))
  if (!check.settings.enabled) return nextLook
  const due = lastDueMoment(check.settings, at, check.offsetMinutes)
  if (due < Date.parse(since)) return nextLook
  const week = coveredWeek(due, check.offsetMinutes)

  let facts: DigestFacts | null = null
  const factsNow = async () => (facts ??= await readDigestFacts(context.gateway))
  let round = store.get<Round>(roundKey(week.key))
  if (!round) {
    const { departments, tree } = await factsNow()
    round = { week: week.key, openedAt: now.toISOString(), recipients: digestRecipients(departments, tree) }
    await store.set(roundKey(week.key), round)
  }

  const journal = store.journal
  const unfinished = new Map((await journal.list(SCOPE)).map((plan) => [plan.id, plan]))
  let allDone = true
  for (const recipient of round.recipients) {
    const tag = digestTag(week.key, recipient)
    const marked = headMark(store, week.key, recipient)
    if (marked?.state === 'sent' || marked?.state === 'given-up') continue
    let plan = unfinished.get(tag)
    let receivables = marked?.receivables ?? {}
    if (!plan && marked?.state === 'planned') {
      // The plan finished and left the journal; only the confirm was lost.
      await mark(store, week.key, recipient, 'sent', receivables, now)
      continue
    }
    if (!plan) {
      const { deals, users, tree } = await factsNow()
      const department = tree.byId.get(recipient.departmentId)
      const previous = headMark(store, weekBefore(week).key, recipient)
      const digest = buildDigest({
        department: { id: recipient.departmentId, name: department?.name ?? `#${recipient.departmentId}` },
        deals,
        users,
        tree,
        week,
        now: at,
        plans: check.plans,
        previousReceivables: previous?.state === 'sent' ? previous.receivables : null,
      })
      receivables = digest.receivables
      plan = planOf(week, recipient, digest, check, { origin, appCode: context.appCode }, now)
      await journal.save(plan)
      await mark(store, week.key, recipient, 'planned', receivables, now)
    }
    const result = await runPlan(plan, { transport: context.transport, journal, limitWaits: 1 })
    if (result.status === 'done') await mark(store, week.key, recipient, 'sent', receivables, now)
    else if (at - Date.parse(plan.createdAt) > GIVE_UP_MS) {
      await journal.remove(plan.id)
      await mark(store, week.key, recipient, 'given-up', receivables, now)
    } else allDone = false
  }
  return allDone ? nextLook : new Date(at + RETRY_MS)
}

/** The job's handler: links point at the portal the runner is connected to. */
export const digestJobHandler: JobHandler = (_job: Job, context) => runDigest(context, portalOrigin(context.store))
