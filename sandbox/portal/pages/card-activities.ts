import type { UserRow } from '../../core/types'
import { activitiesOf, ACTIVITY_TYPE, type ActivityRow } from '../../rest/methods/crm/activities'
import type { Store } from '../../store/types'
import { html, type SafeHtml } from '../html'
import type { Lang } from '../session'
import { userName } from '../session'
import { t, type TextKey } from '../texts'

/**
 * «Дела и письма» on a CRM card: the record's activities, newest first, as the portal's timeline shows
 * them: an e-mail with its subject, recipient and sender, a to-do with its deadline (b24restdocs
 * `api-reference/crm/timeline/activities/activity-base/crm-activity-add.md`, `todo/crm-activity-todo-add.md`).
 */
export function cardActivities(store: Store, ownerTypeId: number, ownerId: number, lang: Lang): SafeHtml {
  const rows = activitiesOf({ store }, ownerTypeId, ownerId)
  const users = store.table<UserRow>('users')
  return html`<section class="card activities" data-testid="card-activities">
  <h2>${t(lang, 'activities')}</h2>
  ${rows.length === 0
    ? html`<p class="muted" data-testid="no-activities">${t(lang, 'noActivities')}</p>`
    : html`<ul class="activity-list">${rows.map((row) => activityItem(row, users.get(row.RESPONSIBLE_ID), lang))}</ul>`}
</section>`
}

function kindOf(row: ActivityRow): TextKey {
  if (row.TYPE_ID === ACTIVITY_TYPE.email) {
    if (row.DIRECTION === 1) return 'activityEmailIn'
    return row.COMPLETED === 'Y' ? 'activityEmailOut' : 'activityEmailDraft'
  }
  if (row.TYPE_ID === ACTIVITY_TYPE.call) return 'activityCall'
  if (row.TYPE_ID === ACTIVITY_TYPE.meeting) return 'activityMeeting'
  return 'activityTodo'
}

function activityItem(row: ActivityRow, responsible: UserRow | undefined, lang: Lang): SafeHtml {
  const email = row.TYPE_ID === ACTIVITY_TYPE.email
  const to = (row.COMMUNICATIONS ?? []).map((c) => c.VALUE).filter(Boolean).join(', ')
  const from = typeof row.SETTINGS?.MESSAGE_FROM === 'string' ? row.SETTINGS.MESSAGE_FROM : ''
  const when = (email ? row.CREATED : row.DEADLINE).slice(0, 16).replace('T', ' ')
  return html`<li class="activity" data-testid="activity" data-activity-id="${row.ID}" data-type-id="${row.TYPE_ID}">
  <div class="activity-head"><span class="activity-kind">${t(lang, kindOf(row))}</span> <span class="muted">${when}</span>${row.COMPLETED === 'Y' && !email ? html` <span class="muted">· ${t(lang, 'activityDone')}</span>` : ''}</div>
  <div class="activity-subject" data-testid="activity-subject">${row.SUBJECT}</div>
  ${email && to ? html`<div class="activity-meta" data-testid="activity-to">${t(lang, 'activityTo')}: ${to}</div>` : ''}
  ${email && from ? html`<div class="activity-meta" data-testid="activity-from">${t(lang, 'activityFrom')}: ${from}</div>` : ''}
  <div class="activity-meta muted">${t(lang, 'activityResponsible')}: ${userName(responsible)}</div>
  ${row.DESCRIPTION ? html`<div class="activity-body">${row.DESCRIPTION}</div>` : ''}
</li>`
}
