import type { ObjectsDirectory } from '../sale/objects-directory'
import { idempotencyTag, newPlan, notifyStep, setStep, timelineCommentStep, type WritePlan } from '../write-plan'
import type { LeadData } from './lead-data'
import { leadScope } from './lead-plans'
import { headOf, type DepartmentNode, type PersonInDepartments } from './lead-reading'
import { newLeadNoticeKey, planNewLeadNotification, type LeadRecipientsConfig, type NotificationPlan, type NotificationResult } from './notification'
import type { LeadStatusCode } from './statuses'

/*
 * L3/L5 as the runner sends it: a new web-form lead is announced once to the recipients of its
 * object type, with the head in copy. Whether it was announced is what the portal holds — the
 * marker comment the notice's plan leaves on the lead — so the runner, the tab and a restarted
 * runner all read the same answer.
 */

/** The runner's plan of one lead's notice: one per lead, so an unfinished one is resumed, not made again. */
export const newLeadNoticePlanId = (leadId: number) => `new-lead-notice-${leadId}`

/** The lead's timeline holds the notice's marker comment: the notice went out. */
export function isLeadAnnounced(leadId: number, commentTexts: readonly string[]): boolean {
  const tag = idempotencyTag(newLeadNoticeKey(leadId))
  return commentTexts.some((text) => text.includes(tag))
}

export interface NewLeadFacts {
  /** SOURCE_ID of the lead. */
  sourceId: string
  status: LeadStatusCode
  announced: boolean
}

/** A lead to announce: from the web form, not yet announced, not yet taken into work («Формирование запроса» or «Новый»). */
export function awaitsAnnouncement(facts: NewLeadFacts): boolean {
  return facts.sourceId === 'WEBFORM' && !facts.announced && (facts.status === 'REQUEST' || facts.status === 'NEW')
}

export interface AnnouncementInput {
  lead: LeadData
  recipients: LeadRecipientsConfig
  directory: ObjectsDirectory
  people: readonly PersonInDepartments[]
  departments: readonly DepartmentNode[]
}

/**
 * The head who gets an object type's notice in copy: the head of the first recipient's
 * department (walking up while that is himself), none when nobody is set or he is a recipient
 * already. The settings screen shows it; the notice is planned with it.
 */
export function copyHeadOf(recipients: readonly number[], people: readonly PersonInDepartments[], departments: readonly DepartmentNode[]): number | null {
  const first = recipients[0]
  if (first === undefined) return null
  const head = headOf(first, people, departments)
  return head === null || recipients.includes(head) ? null : head
}

/** Recipients of the lead's object type; the head of the first recipient's department in copy. */
export function planLeadAnnouncement(input: AnnouncementInput): NotificationResult {
  const configured = input.recipients.byObjectType[input.lead.objectType ?? ''] ?? []
  const type = input.directory.objectTypes.find((entry) => entry.code === input.lead.objectType)
  const head = copyHeadOf(configured, input.people, input.departments)
  const heads = type && head !== null ? { [type.department]: head } : {}
  return planNewLeadNotification(input.lead, input.recipients, input.directory, heads)
}

/**
 * Who the lead goes to (seed «Приложение 1»: the object type decides who works it): the first
 * recipient of its object type, unless its responsible already is one of them (the form's
 * responsible is whoever the portal's form names, often a head who does not work leads).
 */
export function leadHandover(assignedById: number | null, notice: NotificationPlan): number | null {
  const first = notice.to[0]
  if (first === undefined || (assignedById !== null && notice.to.includes(assignedById))) return null
  return first
}

/** The marker comment's text before its tag; screens and tests look for it. */
export const ANNOUNCED_COMMENT_PREFIX = 'Уведомление о новом лиде отправлено'

/**
 * The notice as a write plan: the lead handed to its manager when it is not theirs yet, one system notification per person (the letter's text also for
 * e-mail; the copy marked «(копия)»), each with its own TAG so a resend replaces only that
 * person's earlier notice, then the marker comment on the lead — last, so it is there only
 * once everybody was told.
 */
export function newLeadNoticePlan(input: { leadId: number; notice: NotificationPlan; nameOf: (userId: number) => string; now: Date; handOverTo?: number | null }): WritePlan {
  const { leadId, notice, nameOf } = input
  // First the lead is handed to its manager, so the notice reaches someone who already owns it.
  const handover = input.handOverTo
    ? [setStep(`${notice.tag}:assign`, 'crm.lead.update', { id: leadId, fields: { ASSIGNED_BY_ID: input.handOverTo } }, { ru: `Лид передан: ${nameOf(input.handOverTo)}`, en: `Lead handed to ${nameOf(input.handOverTo)}` })]
    : []
  const message = `${notice.subject}\n${notice.body}`
  const toSteps = notice.to.map((userId) =>
    notifyStep(`${notice.tag}:to:${userId}`, userId, message, { ru: `Уведомление: ${nameOf(userId)}`, en: `Notice to ${nameOf(userId)}` }, true),
  )
  const ccSteps = notice.cc.map((userId) =>
    notifyStep(`${notice.tag}:cc:${userId}`, userId, `(копия) ${message}`, { ru: `Копия уведомления: ${nameOf(userId)}`, en: `Copy of the notice to ${nameOf(userId)}` }, true),
  )
  const copy = notice.cc.length ? `; копия: ${notice.cc.map(nameOf).join(', ')}` : ''
  const marker = timelineCommentStep(
    notice.tag,
    { type: 'lead', id: leadId },
    `${ANNOUNCED_COMMENT_PREFIX}: ${notice.to.map(nameOf).join(', ')}${copy}`,
    { ru: 'Отметка в ленте лида об уведомлении', en: 'Note on the lead that the notice was sent' },
  )
  return newPlan({
    id: newLeadNoticePlanId(leadId),
    scope: leadScope(leadId),
    title: { ru: 'Уведомление о новом лиде', en: 'New lead notice' },
    steps: [...handover, ...toSteps, ...ccSteps, marker],
    now: input.now,
    meta: { kind: 'new-lead-notice' },
  })
}
