// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import { afterLandedUpdate, assumeStarted, conversionPlan, conversionPlanId, holdsStep, initialLeadProcessing, leadScope, leadStepPlan } from '@/domain/lead-processing'
import { refsIn, stepState } from '@/domain/write-plan'

// Shapes: b24restdocs api-reference/crm/leads/crm-lead-update.md, crm/companies/crm-company-add.md,
// crm/contacts/crm-contact-add.md, crm/companies/contacts/crm-company-contact-items-set.md,
// crm/timeline/comments/crm-timeline-comment-add.md.
const now = new Date('2026-12-06T10:00:00Z')

describe('the lead step as a plan', () => {
  const next = { ...initialLeadProcessing(), status: 'NEEDS' as const, firstResult: 'Нужен склад', firstDate: '2026-12-06' }
  const plan = leadStepPlan({ planId: 'p', leadId: 7, dateModify: '2026-12-06T09:00:00+03:00', from: 'NEW', next, fields: { STATUS_ID: 'IN_PROCESS' }, comment: 'Статус: Новый → Выяснение потребности', now })

  it('checks the lead’s version first and updates only the lead it found, then writes the comment', () => {
    expect(plan.scope).toBe(leadScope(7))
    expect(plan.steps.map((step) => [step.key, step.method, step.kind])).toEqual([
      ['p-check', 'crm.lead.list', 'check'],
      ['p-lead', 'crm.lead.update', 'set'],
      ['p-comment', 'crm.timeline.comment.add', 'create'],
    ])
    expect(plan.steps[0]!.params).toEqual({ filter: { ID: 7, '=DATE_MODIFY': '2026-12-06T09:00:00+03:00' }, select: ['ID'] })
    expect(plan.steps[1]!.params).toEqual({ id: { $step: 'p-check' }, fields: { STATUS_ID: 'IN_PROCESS' } })
    expect((plan.steps[2]!.params.fields as { COMMENT: string }).COMMENT).toBe('Статус: Новый → Выяснение потребности\n[b24app:p-comment]')
    expect(plan.title.ru).toBe('Перевод лида в «Выяснение потребности»')
    expect(plan.meta).toEqual({ kind: 'lead-step', from: 'NEW', to: 'NEEDS', next })
  })

  it('after its own update landed unseen, finishes only the comment, looked up by its key first', () => {
    expect(holdsStep(next, plan)).toBe(true)
    expect(holdsStep({ ...next, firstResult: 'Другое' }, plan)).toBe(false)
    expect(holdsStep(initialLeadProcessing(), plan)).toBe(false)
    const rest = afterLandedUpdate(plan)
    expect(rest.id).toBe('p')
    expect(rest.steps.map((step) => step.key)).toEqual(['p-comment'])
    expect(stepState(rest, 'p-comment').status).toBe('sent')
  })
})

describe('the conversion as a plan (L4)', () => {
  const input = {
    leadId: 41,
    company: { TITLE: 'ООО «Экор»' },
    contact: { NAME: 'Анна' },
    historyComment: '[Обработка «лида»/создание карточки клиента] 2026-12-06\nЛид №41 преобразован в клиента.',
    lead: { STATUS_ID: 'CONVERTED' },
    now,
  }

  it('makes the company, its contact, the link and the history before the lead is marked converted', () => {
    const plan = conversionPlan(input)
    expect(plan.id).toBe(conversionPlanId(41))
    expect(plan.steps.map((step) => step.method)).toEqual([
      'crm.company.add',
      'crm.contact.add',
      'crm.company.contact.items.set',
      'crm.timeline.comment.add',
      'crm.lead.update',
    ])
    const [company, contact, links, history, lead] = plan.steps
    // Found again by its key after a lost reply (ORIGIN_ID with the app's originator).
    expect(company!.params.fields).toMatchObject({ TITLE: 'ООО «Экор»', ORIGINATOR_ID: 'b24app', ORIGIN_ID: 'lead-41-convert-company' })
    expect(company!.find?.params.filter).toEqual({ ORIGINATOR_ID: 'b24app', ORIGIN_ID: 'lead-41-convert-company' })
    expect(contact!.params.fields).toMatchObject({ NAME: 'Анна', COMPANY_ID: { $step: 'lead-41-convert-company' } })
    expect(links!.params).toEqual({ id: { $step: 'lead-41-convert-company' }, items: [{ CONTACT_ID: { $step: 'lead-41-convert-contact' }, IS_PRIMARY: 'Y' }] })
    // The history hangs on the company made by the plan, and is looked up among that company's comments.
    expect(history!.params.fields).toMatchObject({ ENTITY_TYPE: 'company', ENTITY_ID: { $step: 'lead-41-convert-company' } })
    expect(refsIn(history!.find?.params)).toEqual(['lead-41-convert-company'])
    expect(lead!.params).toEqual({
      id: 41,
      fields: { STATUS_ID: 'CONVERTED', COMPANY_ID: { $step: 'lead-41-convert-company' }, [L.company.fieldName]: { $step: 'lead-41-convert-company' } },
    })
  })

  it('leaves out the contact and its link when the lead names nobody', () => {
    const plan = conversionPlan({ ...input, contact: null })
    expect(plan.steps.map((step) => step.method)).toEqual(['crm.company.add', 'crm.timeline.comment.add', 'crm.lead.update'])
  })

  it('keeps its keys from one attempt to the next, so a repeat finds what the first one made', () => {
    expect(conversionPlan(input).steps.map((step) => step.key)).toEqual(conversionPlan({ ...input, now: new Date() }).steps.map((step) => step.key))
    const started = assumeStarted(conversionPlan(input))
    expect(started.steps.filter((step) => step.kind === 'create').map((step) => stepState(started, step.key).status)).toEqual(['sent', 'sent', 'sent'])
    expect(stepState(started, 'lead-41-convert-lead').status).toBe('pending')
  })
})
