import type { Gateway } from '@/b24/gateway'
import { readCompanyStructure, readLeadNoticeFacts } from '@/b24/lead-notice'
import { runPlan, type PlanJournal } from '@/b24/write-plan'
import { awaitsAnnouncement, leadHandover, leadScope, newLeadNoticePlan, newLeadNoticePlanId, planLeadAnnouncement } from '@/domain/lead-processing'
import type { WritePlan } from '@/domain/write-plan'
import type { JobHandler } from '../tick'

/*
 * A lead job (ONCRMLEADADD / ONCRMLEADUPDATE / a comment on the lead): the Kosino new-lead
 * notice (L3, L5). A new web-form lead not announced yet gets its notice as a write plan in the
 * runner's journal; «announced» is the marker comment the plan leaves on the lead, so what the
 * portal holds decides, never the runner's memory. Other leads need nothing.
 */

export interface LeadJobContext {
  gateway: Gateway
  /** Where the notice's plan is kept between its steps: the runner's store. */
  journal: PlanJournal
  now: Date
}

/** A plan stopped by limits or a lost reply: looked at again a minute later. */
const RETRY_MS = 60_000
/** A notice that could not go out for a day (a refusal that does not pass) is given up; the next edit of the lead plans it again. */
const GIVE_UP_MS = 24 * 3_600_000

async function run(plan: WritePlan, context: LeadJobContext): Promise<Date | null> {
  const result = await runPlan(plan, { transport: context.gateway.transport, journal: context.journal, limitWaits: 1 })
  if (result.status === 'done') return null
  if (context.now.getTime() - Date.parse(result.createdAt) > GIVE_UP_MS) {
    await context.journal.remove(result.id)
    return null
  }
  return new Date(context.now.getTime() + RETRY_MS)
}

/** Sends the lead's notice once; returns when to look again (an unfinished plan), or null. */
export async function announceNewLead(leadId: number, context: LeadJobContext): Promise<Date | null> {
  // An unfinished notice (a crash, a limit, a lost reply) is finished, never planned afresh.
  const unfinished = (await context.journal.list(leadScope(leadId))).find((plan) => plan.id === newLeadNoticePlanId(leadId))
  if (unfinished) return run(unfinished, context)

  const facts = await readLeadNoticeFacts(context.gateway, leadId)
  if (!facts || !awaitsAnnouncement(facts)) return null
  const structure = await readCompanyStructure(context.gateway)
  const planned = planLeadAnnouncement({ lead: facts.lead, recipients: facts.recipients, directory: facts.directory, ...structure })
  // No object type or nobody to tell: nothing is sent; a later edit of the lead (or its step to «Новый») looks again.
  if (!planned.ok) return null
  const nameOf = (id: number) => structure.people.find((person) => person.id === id)?.name ?? `#${id}`
  const handOverTo = leadHandover(facts.lead.assignedById, planned.plan)
  return run(newLeadNoticePlan({ leadId, notice: planned.plan, nameOf, now: context.now, handOverTo }), context)
}

export const leadJobHandler: JobHandler = (job, context) =>
  announceNewLead(job.subject, { gateway: context.gateway, journal: context.store.journal, now: context.now })
