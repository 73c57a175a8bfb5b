import { command } from '@/b24/gateway'
import { runPlan } from '@/b24/write-plan'
import {
  dealSelect,
  keepSummary,
  KEPT_SUMMARY_FIELD,
  parseKeptSummary,
  sameStamp,
  serializeKeptSummary,
  toReportDeal,
  type RawDealRow,
} from '@/domain/reports'
import { newPlan, setStep, type WriteStep } from '@/domain/write-plan'
import type { PortalEvent } from '../events/offline-queue'
import type { Job, RunnerStore } from '../store/runner-store'
import type { BatchJobHandler, JobContext, KindHandler } from '../tick'

/*
 * «Сводка» kept on each company (issue 14): the runner keeps a summary of a company's deals in
 * the company's app field (src/domain/reports/kept-summary.ts), so the tab shows a big client in
 * one request. A deal event wakes a look at the deal (`summary-deal`): which company it is under
 * now and which it was under (the runner remembers), and both companies' summaries are made
 * again (`company-summary`), a second after the first event so a burst reads each company once.
 * On its first run after the install the runner makes every company's summary that has deals
 * (`summary-backfill`). Writes go as write plans; a summary equal to the kept one is not written.
 */

export const SUMMARY_DEAL = 'summary-deal'
export const COMPANY_SUMMARY = 'company-summary'
export const SUMMARY_BACKFILL = 'summary-backfill'
/** Events of one company within this time are one read of its deals. */
export const SUMMARY_DEBOUNCE_MS = 1_000
/** Companies made in one turn's group (each one reads its deals; their writes go in one plan). */
const COMPANIES_PER_GROUP = 20
const DONE_KEY = 'summary-backfill-done'
const dealKey = (dealId: number) => `summary-deal-company:${dealId}`

const positive = (value: unknown): number => {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : 0
}

/** Deal events (b24restdocs crm/deals/events: add, update, delete, move to another pipeline) wake a look at the deal's company. */
export function summarySubjectsOf(event: PortalEvent): Array<{ kind: string; id: number }> {
  if (!event.name.startsWith('ONCRMDEAL')) return []
  const id = positive((event.data.FIELDS as Record<string, unknown> | undefined)?.ID)
  return id ? [{ kind: SUMMARY_DEAL, id }] : []
}

/** The company's summary made again soon: an earlier time already set stands (a burst is one read). */
async function wakeCompany(store: RunnerStore, companyId: number, now: Date): Promise<void> {
  const id = `${COMPANY_SUMMARY}:${companyId}`
  const due = new Date(now.getTime() + SUMMARY_DEBOUNCE_MS).toISOString()
  const scheduled = store.dueAtOf(id)
  if (scheduled !== null && scheduled <= due) return
  await store.schedule({ id, kind: COMPANY_SUMMARY, subject: companyId, dueAt: due })
}

/** The first run after the install: every company with deals gets its summary. */
export async function scheduleSummaryBackfill(store: RunnerStore, now = new Date()): Promise<void> {
  if (store.get<boolean>(DONE_KEY) || store.dueAtOf(SUMMARY_BACKFILL) !== null) return
  await store.schedule({ id: SUMMARY_BACKFILL, kind: SUMMARY_BACKFILL, subject: 0, dueAt: now.toISOString() })
}

/** Deals looked at together: where each is now (one list request), where it was, and both companies woken. */
const dealBatch: BatchJobHandler = async (jobs, context) => {
  const ids = jobs.map((job) => job.subject)
  // b24restdocs api-reference/crm/deals/crm-deal-list.md: a deleted deal is not listed.
  const rows = await context.gateway.call<Array<{ ID: unknown; COMPANY_ID?: unknown }>>('crm.deal.list', { filter: { ID: ids }, select: ['ID', 'COMPANY_ID'], start: -1 })
  const now = new Map((Array.isArray(rows) ? rows : []).map((row) => [positive(row.ID), positive(row.COMPANY_ID)]))
  for (const dealId of ids) {
    const before = context.store.get<number>(dealKey(dealId)) ?? 0
    const after = now.get(dealId) ?? 0
    for (const companyId of new Set([before, after])) if (companyId) await wakeCompany(context.store, companyId, context.now)
    if (after !== before) await context.store.set(dealKey(dealId), after || undefined)
  }
  return new Map(jobs.map((job) => [job.id, null]))
}

/** Every deal of the portal by keyset (ID and company only): the companies to make, and where each deal is. */
async function backfill(_job: Job, context: JobContext): Promise<Date | null> {
  const rows = await context.gateway.readAll<{ ID: unknown; COMPANY_ID?: unknown }>('crm.deal.list', { filter: { '>COMPANY_ID': 0 }, select: ['ID', 'COMPANY_ID'] })
  const companies = new Set<number>()
  await Promise.all(
    rows.map((row) => {
      const companyId = positive(row.COMPANY_ID)
      if (companyId) companies.add(companyId)
      return companyId ? context.store.set(dealKey(positive(row.ID)), companyId) : Promise.resolve()
    }),
  )
  for (const companyId of companies) await wakeCompany(context.store, companyId, new Date(context.now.getTime() - SUMMARY_DEBOUNCE_MS))
  await context.store.set(DONE_KEY, true)
  return null
}

interface Made {
  companyId: number
  step: WriteStep | null
}

/** One company: its deals read under the app's rights, the summary made, a write step when it differs from the kept one. */
async function makeSummary(companyId: number, kept: unknown, context: JobContext): Promise<Made> {
  const rows = await context.gateway.readAll<RawDealRow & { DATE_MODIFY?: string | null }>('crm.deal.list', { filter: { COMPANY_ID: companyId }, select: [...dealSelect(), 'DATE_MODIFY'] })
  for (const row of rows) {
    const dealId = positive(row.ID)
    if (context.store.get<number>(dealKey(dealId)) !== companyId) await context.store.set(dealKey(dealId), companyId)
  }
  const summary = rows.length ? keepSummary({ companyId, deals: rows.map((row) => toReportDeal(row)), modified: rows, now: context.now.getTime() }) : null
  const current = parseKeptSummary(kept)
  const text = summary ? serializeKeptSummary(summary) : ''
  // The same deals as the kept summary: nothing to write (the tab ages the receivables on its own clock).
  if (summary && current && sameStamp(summary.stamp, current.stamp)) return { companyId, step: null }
  if (!summary && (kept === '' || kept === null || kept === undefined)) return { companyId, step: null }
  const stamp = summary ? `${summary.stamp.count}-${summary.stamp.head}` : `none-${context.now.getTime()}`
  // b24restdocs api-reference/crm/companies/crm-company-update.md
  return {
    companyId,
    step: setStep(`summary:${companyId}:${stamp}`, 'crm.company.update', { id: companyId, fields: { [KEPT_SUMMARY_FIELD]: text }, params: { REGISTER_SONET_EVENT: 'N' } }, {
      ru: `Сводка по сделкам компании ${companyId}`,
      en: `Deals summary of company ${companyId}`,
    }),
  }
}

const companyBatch: BatchJobHandler = async (jobs, context) => {
  // A plan left by a stopped run is outdated: the summaries are made again from the portal now.
  for (const plan of await context.store.journal.list('runner:summary')) await context.store.journal.remove(plan.id)
  const ids = jobs.map((job) => job.subject)
  // b24restdocs api-reference/crm/companies/crm-company-list.md: the kept summary of each
  const companies = await context.gateway.loadScreen({
    companies: command('crm.company.list', { filter: { ID: ids }, select: ['ID', KEPT_SUMMARY_FIELD], start: -1 }, (raw) => (Array.isArray(raw) ? (raw as Array<Record<string, unknown>>) : [])),
  })
  const keptOf = new Map(companies.value('companies').map((row) => [positive(row.ID), row[KEPT_SUMMARY_FIELD]]))
  const made: Made[] = []
  // A deleted company has nothing to keep.
  for (const companyId of ids) if (keptOf.has(companyId)) made.push(await makeSummary(companyId, keptOf.get(companyId), context))
  const steps = made.flatMap((entry) => (entry.step ? [entry.step] : []))
  if (steps.length > 0) {
    const plan = newPlan({
      id: `runner-summary-${context.now.getTime()}-${ids[0]}`,
      scope: 'runner:summary',
      title: { ru: 'Сводки по сделкам компаний', en: 'Companies’ deal summaries' },
      now: context.now,
      meta: { kind: 'runner-summary', companies: made.filter((entry) => entry.step).map((entry) => entry.companyId) },
      steps,
    })
    const result = await runPlan(plan, { transport: context.transport, journal: context.store.journal })
    await context.store.journal.remove(plan.id)
    // Not written: looked at again a minute later (the tick keeps a failed job).
    if (result.status !== 'done') throw new Error(`summaries not written: ${JSON.stringify(result.state)}`)
  }
  return new Map(jobs.map((job) => [job.id, null]))
}

export const companySummaryHandlers: Record<string, KindHandler> = {
  [SUMMARY_DEAL]: { batch: dealBatch },
  [COMPANY_SUMMARY]: { batch: companyBatch, size: COMPANIES_PER_GROUP },
  [SUMMARY_BACKFILL]: backfill,
}
