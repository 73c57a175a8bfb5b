import { planNewLeadNotification, type NotificationResult } from '@/domain/lead-processing'
import type { LeadScreen } from './data'
import { headOf, isWebFormLead, leadData, notificationMarker, objectTypeOf, processingOf } from './lead-model'

/**
 * L3 decisions shared by the lead tab (on open, the fallback) and the offline-event run
 * (new-lead-events.ts): whether a lead was already announced, and the announcement itself.
 */

type NoticeScreen = Pick<LeadScreen, 'lead' | 'comments' | 'recipients' | 'directory' | 'people' | 'departments' | 'enums'>

export const newLeadTag = (leadId: number) => `KOS_NEW_LEAD_${leadId}`

/** The marker comment written with the notification is on the lead: it was sent. */
export function isLeadAnnounced(screen: Pick<LeadScreen, 'lead' | 'comments'>): boolean {
  const marker = notificationMarker(newLeadTag(screen.lead.id))
  return screen.comments.some((comment) => comment.text.includes(marker))
}

/**
 * A lead the ONCRMLEADADD run announces: from the web form, not yet announced, and not yet taken
 * into work («Формирование запроса» or «Новый»).
 */
export function awaitsAnnouncement(screen: NoticeScreen): boolean {
  if (!isWebFormLead(screen.lead) || isLeadAnnounced(screen)) return false
  const status = processingOf(screen.lead, screen.enums).status
  return status === 'REQUEST' || status === 'NEW'
}

/** Recipients of the lead's object type, the head of the first recipient's department in copy. */
export function planLeadAnnouncement(screen: NoticeScreen): NotificationResult {
  const objectType = objectTypeOf(screen.lead, screen.enums, screen.directory)
  const recipients = screen.recipients.byObjectType[objectType ?? ''] ?? []
  const type = screen.directory.objectTypes.find((entry) => entry.code === objectType)
  const head = recipients[0] === undefined ? null : headOf(recipients[0], screen.people, screen.departments)
  const heads = type && head !== null ? { [type.department]: head } : {}
  return planNewLeadNotification(leadData(screen.lead, objectType), screen.recipients, screen.directory, heads)
}

/** Display name for the marker comment. */
export function personName(screen: Pick<LeadScreen, 'people'>, id: number): string {
  return screen.people.find((person) => person.id === id)?.name ?? `#${id}`
}
