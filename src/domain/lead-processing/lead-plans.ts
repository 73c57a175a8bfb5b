import { LEAD_PROCESSING_FIELDS as L } from '../fields/lead-processing'
import { crmAddStep, newPlan, setStep, stepState, timelineCommentStep, versionCheckStep, withStep } from '../write-plan'
import type { Params, PlanText, WritePlan } from '../write-plan'
import { LEAD_STATUSES, type LeadStatusCode } from './statuses'
import type { LeadProcessing } from './transitions'

/*
 * The lead tab's writes as write plans (src/domain/write-plan): each ordered so that any
 * prefix leaves the lead and the client consistent, and resumable without doubling.
 */

/** What the lead's unfinished plans are listed under. */
export const leadScope = (leadId: number) => `lead:${leadId}`

const statusText = (code: LeadStatusCode): PlanText => {
  const label = LEAD_STATUSES.find((status) => status.code === code)?.label
  return { ru: label?.ru ?? code, en: label?.en ?? code }
}

export interface LeadStepPlanInput {
  planId: string
  leadId: number
  /** DATE_MODIFY of the lead as the user saw it: the step writes only onto that version. */
  dateModify: string
  from: LeadStatusCode
  /** The processing state the step writes (kept with the plan to recognise it on the lead later). */
  next: LeadProcessing
  /** crm.lead.update fields of the new processing state. */
  fields: Params
  /** The timeline comment telling what moved and what was entered. */
  comment: string
  now: Date
}

/**
 * A status step (L2): compare-and-set on the lead (nothing is written when someone changed it
 * since it was read), the lead's fields, then the comment about it — never a comment about a
 * move that did not happen.
 */
export function leadStepPlan(input: LeadStepPlanInput): WritePlan {
  const { planId, leadId } = input
  const to = statusText(input.next.status)
  const check = `${planId}-check`
  return newPlan({
    id: planId,
    scope: leadScope(leadId),
    title: { ru: `Перевод лида в «${to.ru}»`, en: `Moving the lead to «${to.en}»` },
    now: input.now,
    meta: { kind: 'lead-step', from: input.from, to: input.next.status, next: { ...input.next } },
    steps: [
      versionCheckStep(check, 'lead', leadId, input.dateModify, { ru: 'Лид не изменён другими', en: 'The lead is as you saw it' }),
      setStep(`${planId}-lead`, 'crm.lead.update', { id: { $step: check }, fields: input.fields }, { ru: `Статус «${to.ru}» в лиде`, en: `Status «${to.en}» on the lead` }),
      timelineCommentStep(`${planId}-comment`, { type: 'lead', id: leadId }, input.comment, { ru: 'Комментарий в истории лида', en: 'Comment in the lead’s timeline' }),
    ],
  })
}

export interface ConversionPlanInput {
  leadId: number
  /** crm.company.add fields (the app's marker is added by the step). */
  company: Params
  /** crm.contact.add fields, or null when the lead names nobody. */
  contact: Params | null
  /** The first history event of the client, as its timeline comment. */
  historyComment: string
  /** crm.lead.update fields besides the link to the company (e.g. STATUS_ID). */
  lead: Params
  now: Date
}

/** One conversion per lead: the plan's ID, and so its keys (ORIGIN_ID, comment tag), come from the lead. */
export const conversionPlanId = (leadId: number) => `lead-${leadId}-convert`

/**
 * L4 as a plan: the company first, then its contact, the link between them, the client's first
 * history event, and only then the lead marked converted, pointing to the company. A lead that
 * points to a company therefore always has it; a company without the lead's mark is finished by
 * repeating the plan, whose creates are found again by their keys instead of being made twice.
 */
export function conversionPlan(input: ConversionPlanInput): WritePlan {
  const planId = conversionPlanId(input.leadId)
  const company = `${planId}-company`
  const contact = `${planId}-contact`
  const steps = [crmAddStep(company, 'company', input.company, { ru: 'Компания клиента', en: 'The client’s company' })]
  if (input.contact) {
    steps.push(
      crmAddStep(contact, 'contact', { ...input.contact, COMPANY_ID: { $step: company } }, { ru: 'Контакт клиента', en: 'The client’s contact' }),
      setStep(
        `${planId}-links`,
        'crm.company.contact.items.set',
        { id: { $step: company }, items: [{ CONTACT_ID: { $step: contact }, IS_PRIMARY: 'Y' }] },
        { ru: 'Контакт привязан к компании', en: 'Contact linked to the company' },
      ),
    )
  }
  steps.push(
    timelineCommentStep(`${planId}-history`, { type: 'company', id: { $step: company } }, input.historyComment, {
      ru: 'Первое событие в истории клиента',
      en: 'The client’s first history event',
    }),
    setStep(
      `${planId}-lead`,
      'crm.lead.update',
      { id: input.leadId, fields: { ...input.lead, COMPANY_ID: { $step: company }, [L.company.fieldName]: { $step: company } } },
      { ru: 'Лид отмечен преобразованным', en: 'Lead marked as converted' },
    ),
  )
  return newPlan({
    id: planId,
    scope: leadScope(input.leadId),
    title: { ru: 'Преобразование лида в клиента', en: 'Converting the lead to a client' },
    now: input.now,
    meta: { kind: 'lead-conversion' },
    steps,
  })
}

/**
 * The same plan when an earlier attempt may have made some of its records (its company is found
 * by key, e.g. made from another browser): every create is looked up by its key before anything
 * is sent, so the attempt finishes what is missing and makes nothing twice.
 */
export function assumeStarted(plan: WritePlan): WritePlan {
  let next = plan
  for (const step of plan.steps) {
    if (step.kind === 'create' && stepState(next, step.key).status === 'pending') next = withStep(next, step.key, { status: 'sent', attempts: 0 })
  }
  return next
}

/**
 * What is left of a status step whose guarded update landed although the plan did not see it
 * (a lost reply; the re-check then finds the lead changed — by this very update): the steps
 * after the update, each create looked up by its key before it is sent.
 */
export function afterLandedUpdate(plan: WritePlan): WritePlan {
  const update = plan.steps.findIndex((step) => step.method === 'crm.lead.update')
  const rest = plan.steps.slice(update + 1)
  const next = newPlan({ id: plan.id, scope: plan.scope, title: plan.title, now: new Date(plan.createdAt), meta: plan.meta, steps: rest })
  return assumeStarted(next)
}

/** The lead already holds the state a step meant to write (compared field by field). */
export function holdsStep(current: LeadProcessing, plan: WritePlan): boolean {
  const next = plan.meta?.next as LeadProcessing | undefined
  if (!next) return false
  return (Object.keys(next) as (keyof LeadProcessing)[]).every((key) => (current[key] ?? null) === (next[key] ?? null))
}
