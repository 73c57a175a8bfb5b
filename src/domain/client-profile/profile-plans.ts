import { crmAddStep, newPlan, setStep, stepState, timelineCommentStep, versionCheckStep, withStep } from '../write-plan'
import type { Params, WritePlan, WriteStep } from '../write-plan'
import type { StatusChangeRecord } from './status-transitions'

/*
 * The writes of «Профиль клиента» as write plans (src/domain/write-plan). Each is ordered so
 * that any prefix leaves the card consistent, resumes without doubling a step, and — where two
 * people can edit the card — writes only onto the version of the company the user's screen was
 * built on (compare-and-set): the guarded update takes the company's ID from the check.
 */

export type ProfilePlanKind = 'profile-save' | 'status-change' | 'history-event' | 'history-change'

/** What a company's unfinished plans are listed under. */
export const companyScope = (companyId: number) => `company:${companyId}`

export function planKind(plan: WritePlan): ProfilePlanKind | null {
  const kind = plan.meta?.kind
  return kind === 'profile-save' || kind === 'status-change' || kind === 'history-event' || kind === 'history-change' ? kind : null
}

const checkKey = (planId: string) => `${planId}-check`
const companyKey = (planId: string) => `${planId}-company`

function guardedCompanyUpdate(planId: string, companyId: number, dateModify: string, fields: Params, what: { ru: string; en: string }): WriteStep[] {
  return [
    versionCheckStep(checkKey(planId), 'company', companyId, dateModify, { ru: 'Карточку никто не изменил с момента чтения', en: 'Nobody changed the card since it was read' }),
    setStep(companyKey(planId), 'crm.company.update', { id: { $step: checkKey(planId) }, fields }, what),
  ]
}

export interface NewContact {
  /** The person's key in the form: the contact's idempotency key is made from it. */
  key: string
  lastName: string
  firstName: string
  middleName: string
  /** The person's «Должность» (the contact's POST); absent when the position block is not written. */
  position?: string
}

export interface ProfileSavePlanInput {
  planId: string
  companyId: number
  /** DATE_MODIFY of the company read just before the save. */
  dateModify: string
  /** crm.company.update fields; never empty (the caller writes the ФИО tick when only contacts change). */
  fields: Params
  contacts: {
    add: NewContact[]
    update: { contactId: number; lastName: string; firstName: string; middleName: string; position?: string }[]
    /** The company's contact links after the save when some are removed: kept IDs (new ones are added by the plan). */
    relink: number[] | null
  }
  /**
   * Company fields written after the contacts (unguarded): the legacy company-level position
   * cleared once a contact holds it, so no prefix of the plan loses the value.
   */
  afterContacts?: Params
  assignedById: number
  now: Date
  meta?: Params
}

/** A contact's POST when the plan writes positions, nothing otherwise. */
const postOf = (person: { position?: string }): Params => (person.position === undefined ? {} : { POST: person.position })

export const newContactKey = (planId: string, personKey: string) => `${planId}-contact-${personKey}`

/**
 * A profile save (P1–P4): the guarded company update first, then the new contacts (created once,
 * found again by ORIGIN_ID), the changed ones (names, position), the company's contact links,
 * and last what may only go once the contacts hold it (the legacy position cleared). When the
 * company moved since it was read, the check stops the plan before anything is written.
 */
export function profileSavePlan(input: ProfileSavePlanInput): WritePlan {
  const { planId, companyId } = input
  if (Object.keys(input.fields).length === 0) throw new Error('A profile save writes at least one company field')
  const steps: WriteStep[] = guardedCompanyUpdate(planId, companyId, input.dateModify, input.fields, { ru: 'Поля профиля в карточке компании', en: 'Profile fields on the company card' })
  for (const person of input.contacts.add) {
    const name = [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ')
    steps.push(
      crmAddStep(
        newContactKey(planId, person.key),
        'contact',
        { NAME: person.firstName, LAST_NAME: person.lastName, SECOND_NAME: person.middleName, ...postOf(person), COMPANY_ID: companyId, ASSIGNED_BY_ID: input.assignedById, TYPE_ID: 'CLIENT' },
        { ru: `Новое контактное лицо: ${name}`, en: `New contact person: ${name}` },
      ),
    )
  }
  for (const person of input.contacts.update) {
    const name = [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ')
    steps.push(
      setStep(
        `${planId}-rename-${person.contactId}`,
        'crm.contact.update',
        // b24restdocs crm-contact-update.md: POST is the contact's «Должность».
        { id: person.contactId, fields: { NAME: person.firstName, LAST_NAME: person.lastName, SECOND_NAME: person.middleName, ...postOf(person) } },
        { ru: `Контактное лицо: ${name}`, en: `Contact person: ${name}` },
      ),
    )
  }
  if (input.contacts.relink) {
    // b24restdocs crm-company-contact-items-set.md: the set replaces the links, so the new contacts are in it too.
    const ids: unknown[] = [...input.contacts.relink, ...input.contacts.add.map((person) => ({ $step: newContactKey(planId, person.key) }))]
    steps.push(
      setStep(
        `${planId}-links`,
        'crm.company.contact.items.set',
        { id: companyId, items: ids.map((contactId, index) => ({ CONTACT_ID: contactId, SORT: (index + 1) * 10 })) },
        { ru: 'Контактные лица компании', en: 'The company’s contact persons' },
      ),
    )
  }
  if (input.afterContacts && Object.keys(input.afterContacts).length > 0) {
    steps.push(
      setStep(`${planId}-after-contacts`, 'crm.company.update', { id: companyId, fields: input.afterContacts }, {
        ru: 'Прежняя должность компании перенесена к контактному лицу',
        en: 'The former company position moved to the contact person',
      }),
    )
  }
  return newPlan({
    id: planId,
    scope: companyScope(companyId),
    title: { ru: 'Сохранение профиля клиента', en: 'Saving the client profile' },
    now: input.now,
    meta: { ...input.meta, kind: 'profile-save' },
    steps,
  })
}

export interface StatusChangePlanInput {
  planId: string
  companyId: number
  dateModify: string
  /** The status fields with the change appended to the status log. */
  fields: Params
  comment: string
  /** «Новый → Не активен», in both languages, for the plan's title. */
  move: { ru: string; en: string }
  /** The log record of this change: who and when identify it in the company's status log. */
  record: StatusChangeRecord
  now: Date
}

/**
 * A status change (P5, P6): the guarded status update, then the timeline comment about it —
 * the halting batch never writes a comment about a change the portal refused.
 */
export function statusChangePlan(input: StatusChangePlanInput): WritePlan {
  const { planId, companyId } = input
  return newPlan({
    id: planId,
    scope: companyScope(companyId),
    title: { ru: `Статус клиента: ${input.move.ru}`, en: `Client status: ${input.move.en}` },
    now: input.now,
    // The remark too: once the change is in, the remark block empties (it belonged to this change).
    meta: { kind: 'status-change', record: { by: input.record.by, at: input.record.at, ...(input.record.remark ? { remark: input.record.remark } : {}) } },
    steps: [
      ...guardedCompanyUpdate(planId, companyId, input.dateModify, input.fields, { ru: 'Новый статус в карточке компании', en: 'The new status on the company card' }),
      timelineCommentStep(`${planId}-comment`, { type: 'company', id: companyId }, input.comment, { ru: 'Комментарий о смене статуса', en: 'Comment about the status change' }),
    ],
  })
}

/** A history event (P7): one timeline comment with its files, found again by its tag after a lost reply. */
export function historyEventPlan(input: { planId: string; companyId: number; comment: string; files: [string, string][]; now: Date }): WritePlan {
  return newPlan({
    id: input.planId,
    scope: companyScope(input.companyId),
    title: { ru: 'Событие в истории клиента', en: 'Event in the client history' },
    now: input.now,
    meta: { kind: 'history-event' },
    steps: [
      timelineCommentStep(`${input.planId}-event`, { type: 'company', id: input.companyId }, input.comment, { ru: 'Комментарий с событием', en: 'Comment with the event' }, input.files),
    ],
  })
}

export interface HistoryChangePlanInput {
  planId: string
  companyId: number
  /** The timeline comment holding the event. */
  eventId: number
  /** The comment's text as the portal holds it (with its tag): kept in the record. */
  beforeText: string
  /** The record of the change (who: the author of the record; when: its date; what was before). */
  record: string
  /** The new comment text for an edit; absent for a delete. */
  afterText?: string
  now: Date
}

/**
 * Editing or deleting a history event (issue 16): the change first, then the record of it (a
 * tagged comment: who — its author, when — its date, what the event was). The change runs with
 * the user's own rights, so the portal's refusal (someone else's comment) writes nothing at
 * all; a stop after the change keeps the plan, with the text before it, in the journal until
 * «Повторить» writes the record (found again by its tag after a lost reply, never doubled).
 */
export function historyChangePlan(input: HistoryChangePlanInput): WritePlan {
  const editing = input.afterText !== undefined
  const change: WriteStep = editing
    ? setStep(`${input.planId}-update`, 'crm.timeline.comment.update', { id: input.eventId, fields: { COMMENT: input.afterText } }, { ru: 'Новый текст события', en: 'The event’s new text' })
    : setStep(`${input.planId}-delete`, 'crm.timeline.comment.delete', { id: input.eventId }, { ru: 'Удаление события', en: 'Deleting the event' })
  return newPlan({
    id: input.planId,
    scope: companyScope(input.companyId),
    title: editing ? { ru: 'Изменение события в истории клиента', en: 'Editing an event in the client history' } : { ru: 'Удаление события из истории клиента', en: 'Deleting an event from the client history' },
    now: input.now,
    meta: { kind: 'history-change', eventId: input.eventId, action: editing ? 'edited' : 'deleted' },
    steps: [
      change,
      timelineCommentStep(`${input.planId}-record`, { type: 'company', id: input.companyId }, input.record, { ru: 'Запись об изменении (кто, когда, что было)', en: 'Record of the change (who, when, what it was)' }),
    ],
  })
}

/**
 * A delete sent before whose repeat finds the comment gone: the first send got there and its
 * reply was lost. The plan goes on with the delete marked done (the record follows).
 */
export function withLostDeleteDone(plan: WritePlan): WritePlan | null {
  if (planKind(plan) !== 'history-change' || plan.meta?.action !== 'deleted') return null
  const step = plan.steps.find((candidate) => candidate.method === 'crm.timeline.comment.delete')
  if (!step) return null
  const state = stepState(plan, step.key)
  if (state.status !== 'failed' || state.error?.kind !== 'notFound' || state.attempts < 2) return null
  return withStep(plan, step.key, { status: 'done', value: true, attempts: state.attempts })
}

/** The plan stopped because the company moved since it was read (its check found another version). */
export function stoppedByConflict(plan: WritePlan): boolean {
  const check = plan.steps.find((step) => step.kind === 'check')
  return plan.status === 'incomplete' && check !== undefined && stepState(plan, check.key).error?.kind === 'conflict'
}

/** True once the plan's guarded company update is done (after that the check is never read again). */
export function companyUpdateDone(plan: WritePlan): boolean {
  return stepState(plan, companyKey(plan.id)).status === 'done'
}

/**
 * A status change whose check failed only because its own update reached the portal (a lost
 * reply, then a resend the check refused): the company's status log holds this change's record.
 */
export function statusChangeLanded(plan: WritePlan, log: readonly Pick<StatusChangeRecord, 'by' | 'at'>[]): boolean {
  const record = plan.meta?.record as { by?: unknown; at?: unknown } | undefined
  return planKind(plan) === 'status-change' && !!record && log.some((entry) => entry.by === record.by && entry.at === record.at)
}

/** The plan with its check and guarded update marked done: resuming it writes only what follows. */
export function withCompanyUpdateDone(plan: WritePlan, companyId: number): WritePlan {
  const check = stepState(plan, checkKey(plan.id))
  const update = stepState(plan, companyKey(plan.id))
  const marked = withStep(plan, checkKey(plan.id), { status: 'done', value: companyId, attempts: check.attempts })
  return withStep(marked, companyKey(plan.id), { status: 'done', value: true, attempts: update.attempts })
}

/** Steps of the plan that wrote something (the check reads only). */
export function writtenSteps(plan: WritePlan): WriteStep[] {
  return plan.steps.filter((step) => step.kind !== 'check' && stepState(plan, step.key).status === 'done')
}
