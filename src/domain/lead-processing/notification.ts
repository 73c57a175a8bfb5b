import { z } from 'zod/mini'
import { findObjectType, labelText, type DepartmentCode, type ObjectsDirectory } from '../sale/objects-directory'
import { cleanValues, type LeadData } from './lead-data'
import { leadMessage } from './messages'

/*
 * L3: a new web-form lead notifies the managers responsible for the chosen object type,
 * with the head of that department in copy. The map object type → recipients is an app
 * option the admin edits; the department of each object type comes from the objects
 * directory (Приложение 1); the heads come from the portal's departments.
 */

export interface LeadRecipientsConfig {
  version: 1
  /** Object type code → Bitrix24 user IDs. */
  byObjectType: Record<string, number[]>
}

export const leadRecipientsSchema: z.ZodMiniType<LeadRecipientsConfig> = z.object({
  version: z.literal(1),
  byObjectType: z.record(
    z.string(),
    z.array(z.number().check(z.int(), z.positive({ error: leadMessage('recipientsInvalid') })), { error: leadMessage('recipientsInvalid') }),
  ),
})

export type DepartmentHeads = Partial<Record<DepartmentCode, number>>

export interface NotificationPlan {
  to: number[]
  cc: number[]
  subject: string
  /** Plain text with one «Поле – значение» line each, as the seed's letter. */
  body: string
  /** im.notify TAG: one notification per lead however often it is planned. */
  tag: string
}

/** The key of a lead's new-lead notice: the base of its notifications' TAGs and its marker comment's tag. */
export const newLeadNoticeKey = (leadId: number) => `KOS_NEW_LEAD_${leadId}`

export type NotificationRefusal = 'no-object-type' | 'unknown-object-type' | 'no-recipients'

export type NotificationResult = { ok: true; plan: NotificationPlan } | { ok: false; reason: NotificationRefusal }

export function planNewLeadNotification(
  lead: LeadData,
  config: LeadRecipientsConfig,
  directory: ObjectsDirectory,
  heads: DepartmentHeads,
): NotificationResult {
  if (!lead.objectType) return { ok: false, reason: 'no-object-type' }
  const objectType = findObjectType(directory, lead.objectType)
  if (!objectType) return { ok: false, reason: 'unknown-object-type' }

  const head = heads[objectType.department]
  const configured = [...new Set(config.byObjectType[objectType.code] ?? [])]
  // Nobody configured: the head gets it directly rather than nobody at all.
  const to = configured.length > 0 ? configured : head === undefined ? [] : [head]
  if (to.length === 0) return { ok: false, reason: 'no-recipients' }
  const cc = head === undefined || to.includes(head) ? [] : [head]

  const line = (label: string, value: string) => `${label} – ${value.trim() || '—'}`
  const body = [
    'В базе данных CRM сформирован новый «лид» со следующими параметрами:',
    line('Имя', [lead.name, lead.lastName].map((part) => part.trim()).filter(Boolean).join(' ')),
    line('Компания', lead.companyTitle),
    line('Телефон', cleanValues(lead.phones).join(', ')),
    line('Почта', cleanValues(lead.emails).join(', ')),
    line('Тип объекта', labelText(objectType.label)),
    line('Дополнительные данные', lead.comments),
  ].join('\n')

  return { ok: true, plan: { to, cc, subject: 'Сформирован новый «лид»', body, tag: newLeadNoticeKey(lead.id) } }
}
