import { webformLeadFields, type ObjectTypeChoice } from '../../../sandbox/portal/webform-lead'
import { LEAD_PROCESSING_FIELDS as L } from '../../../src/domain/fields/lead-processing'
import { ANNOUNCED_COMMENT_PREFIX } from '../../../src/domain/lead-processing'
import { appClient, callApp } from './app-client'
import type { RunnerHarness } from './runner-harness'
import { webhookRaw } from './sandbox'

/*
 * Kosino's web-form leads with nobody opening the app (L3, L5): the feedback form adds the lead
 * as its responsible user with the form's own fields; each person reads his own notifications.
 * Shapes: b24restdocs api-reference/crm/leads/crm-lead-add.md (SOURCE_ID WEBFORM),
 * chats/notifications/im-notify-get.md, crm/timeline/comments/crm-timeline-comment-list.md.
 */

export const ADMIN = 1
/** Head of «Отдел продаж» and the form's responsible user. */
export const HEAD = 2
/** In «Отдел продаж». */
export const MANAGER = 3
const WEBFORM_USER = HEAD

export interface Notice {
  id: number
  notify_tag: string
  text: string
}

export function webFormLeads(harness: RunnerHarness) {
  let choices: ObjectTypeChoice[] = []

  const rest = async <T>(userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> => {
    const reply = await webhookRaw(harness.sandbox, userId, method, params)
    if (reply.status !== 200) throw new Error(`${method}: ${JSON.stringify(reply.body)}`)
    return reply.body.result as T
  }

  /** The admin's recipients per object type (app option `leadRecipients`); reads the form's object types. */
  async function setRecipients(byObjectType: Record<string, number[]>): Promise<void> {
    const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
    await callApp(b24, 'app.option.set', { options: { leadRecipients: JSON.stringify({ version: 1, byObjectType }) } })
    const fields = await callApp<Array<{ LIST: Array<{ ID: string; VALUE: string }> }>>(b24, 'crm.lead.userfield.list', { filter: { FIELD_NAME: L.objectType.fieldName } })
    choices = fields[0]!.LIST.map((item) => ({ id: String(item.ID), label: item.VALUE }))
  }

  /** A lead as the feedback form makes it: the form's own fields, added by the form's responsible user. */
  async function sendForm(values: { name: string; company: string; objectType: string }, source?: string): Promise<number> {
    const objectType = choices.find((choice) => choice.label === values.objectType)!.id
    const fields = webformLeadFields({ ...values, phone: '+7 916 222-33-44', email: 'form@example.ru', objectType, comment: 'Нужно помещение 40 м²' }, choices, 'ru')
    return rest<number>(WEBFORM_USER, 'crm.lead.add', { fields: source ? { ...fields, SOURCE_ID: source } : fields })
  }

  /** What `userId` reads of a lead's notice in his own notifications. */
  const noticesOf = async (userId: number, leadId: number) =>
    (await rest<{ notifications: Notice[] }>(userId, 'im.notify.get', { LIMIT: 50 })).notifications.filter((n) => n.notify_tag.startsWith(`KOS_NEW_LEAD_${leadId}:`))

  /** The marker comment the notice's plan leaves last on the lead: «the notice went out». */
  const markers = async (leadId: number) =>
    (await rest<Array<{ ID: string; COMMENT: string }>>(ADMIN, 'crm.timeline.comment.list', { filter: { ENTITY_ID: leadId, ENTITY_TYPE: 'lead' } })).filter((c) =>
      c.COMMENT.includes(ANNOUNCED_COMMENT_PREFIX),
    )

  return { rest, setRecipients, sendForm, noticesOf, markers }
}
