import type { PlanText, WriteStep } from './plan'
import { APP_ORIGINATOR } from './step-builders'

/*
 * Messages as plan steps. A notification is replaced, not doubled, when its TAG is sent
 * again (b24restdocs chats/notifications/im-notify-system-add.md), so it is a `set`. An
 * e-mail activity is a record: it carries its key in ORIGIN_ID and is looked up before a
 * repeat (crm/timeline/activities/activity-base/crm-activity-add.md).
 */

/** A system notification to one user; `tag` (default: the key) is what a repeat replaces. */
export function notifyStep(key: string, userId: number, message: string, label: PlanText, alsoByEmail = false, tag = key): WriteStep {
  const params = { USER_ID: userId, MESSAGE: message, TAG: tag, ...(alsoByEmail ? { MESSAGE_OUT: message } : {}) }
  return setStepOf(key, 'im.notify.system.add', params, label)
}

function setStepOf(key: string, method: string, params: WriteStep['params'], label: PlanText): WriteStep {
  return { key, method, params, label, kind: 'set' }
}

export interface EmailTarget {
  dealId: number
  responsibleId: number
  contactId: number
  email: string
}

/** An outgoing e-mail on the deal (TYPE_ID 4, DIRECTION 2) to the deal's contact. */
export function activityEmailStep(key: string, target: EmailTarget, message: string, label: PlanText, subject = message.slice(0, 120)): WriteStep {
  return {
    key,
    method: 'crm.activity.add',
    params: {
      fields: {
        OWNER_TYPE_ID: 2,
        OWNER_ID: target.dealId,
        TYPE_ID: 4,
        DIRECTION: 2,
        SUBJECT: subject,
        DESCRIPTION: message,
        DESCRIPTION_TYPE: 1,
        COMPLETED: 'Y',
        RESPONSIBLE_ID: target.responsibleId,
        COMMUNICATIONS: [{ VALUE: target.email, ENTITY_ID: target.contactId, ENTITY_TYPE_ID: 3 }],
        ORIGINATOR_ID: APP_ORIGINATOR,
        ORIGIN_ID: key,
      },
    },
    label,
    kind: 'create',
    find: {
      method: 'crm.activity.list',
      params: { filter: { OWNER_TYPE_ID: 2, OWNER_ID: target.dealId, ORIGIN_ID: key }, select: ['ID', 'ORIGIN_ID'] },
      field: 'ORIGIN_ID',
      match: 'equals',
      needle: key,
      idField: 'ID',
    },
  }
}
