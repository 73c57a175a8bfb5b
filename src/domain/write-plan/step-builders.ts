import type { Params, PlanText, StepRef, WriteStep } from './plan'

/*
 * The common steps, each with the finder the portal can answer for it. The key goes where
 * the portal keeps it and a list can filter or show it: ORIGIN_ID of a CRM record, a tag in
 * a comment's or task's text, the TAG of a notification.
 */

/** The tag put into a comment's or task's text: `[b24app:<key>]`. */
export function idempotencyTag(key: string): string {
  return `[b24app:${key}]`
}

/** The marker of the app's CRM records (b24restdocs crm-company-fields: ORIGINATOR_ID «External source»). */
export const APP_ORIGINATOR = 'b24app'

/** An update or set: sending it twice writes the same state. */
export function setStep(key: string, method: string, params: Params, label: PlanText): WriteStep {
  return { key, method, params, label, kind: 'set' }
}

export type CrmEntity = 'company' | 'contact' | 'deal' | 'lead'

/**
 * crm.<entity>.add with the key in ORIGIN_ID; found again by crm.<entity>.list filtered on it
 * (b24restdocs api-reference/crm/companies/crm-company-add.md, ORIGINATOR_ID/ORIGIN_ID).
 */
export function crmAddStep(key: string, entity: CrmEntity, fields: Params, label: PlanText): WriteStep {
  return {
    key,
    method: `crm.${entity}.add`,
    params: { fields: { ...fields, ORIGINATOR_ID: APP_ORIGINATOR, ORIGIN_ID: key } },
    label,
    kind: 'create',
    find: {
      method: `crm.${entity}.list`,
      params: { filter: { ORIGINATOR_ID: APP_ORIGINATOR, ORIGIN_ID: key }, select: ['ID', 'ORIGIN_ID'] },
      field: 'ORIGIN_ID',
      match: 'equals',
      needle: key,
      idField: 'ID',
    },
  }
}

export type TimelineOwner = 'company' | 'contact' | 'deal' | 'lead'

/**
 * crm.timeline.comment.add with the tag at the end of the text; found among the owner's
 * comments (crm-timeline-comment-add.md, crm-timeline-comment-list.md). Screens hide the tag.
 * The owner may be a record made earlier in the same plan (`{ $step: key }`): the finder then
 * looks among that record's comments once it is known.
 */
export function timelineCommentStep(key: string, owner: { type: TimelineOwner; id: number | StepRef }, comment: string, label: PlanText, files?: [string, string][]): WriteStep {
  const tag = idempotencyTag(key)
  const fields: Params = { ENTITY_ID: owner.id, ENTITY_TYPE: owner.type, COMMENT: `${comment}\n${tag}` }
  if (files && files.length > 0) fields.FILES = files
  return {
    key,
    method: 'crm.timeline.comment.add',
    params: { fields },
    label,
    kind: 'create',
    find: {
      method: 'crm.timeline.comment.list',
      params: { filter: { ENTITY_ID: owner.id, ENTITY_TYPE: owner.type }, select: ['ID', 'COMMENT'], order: { ID: 'DESC' } },
      field: 'COMMENT',
      match: 'contains',
      needle: tag,
      idField: 'ID',
    },
  }
}

/**
 * tasks.task.add with the tag in the description; found by tasks.task.list on the same
 * CRM binding (b24restdocs api-reference/tasks/tasks-task-add.md, tasks-task-list.md).
 * `binding` is the UF_CRM_TASK value, e.g. `D_37`.
 */
export function taskAddStep(key: string, fields: Params & { TITLE: string }, binding: string, label: PlanText): WriteStep {
  const tag = idempotencyTag(key)
  const description = typeof fields.DESCRIPTION === 'string' && fields.DESCRIPTION !== '' ? `${fields.DESCRIPTION}\n${tag}` : tag
  return {
    key,
    method: 'tasks.task.add',
    params: { fields: { ...fields, DESCRIPTION: description } },
    label,
    kind: 'create',
    idPath: ['task', 'id'],
    find: {
      method: 'tasks.task.list',
      params: { filter: { UF_CRM_TASK: binding }, select: ['ID', 'DESCRIPTION'], order: { ID: 'DESC' } },
      rowsAt: ['tasks'],
      field: 'description',
      match: 'contains',
      needle: tag,
      idField: 'id',
    },
  }
}

/** Removes the app's tag from a text before a screen shows it. */
export function withoutIdempotencyTag(text: string): string {
  return text.replace(/\n?\[b24app:[^\]]*\]/g, '')
}

/**
 * Compare-and-set inside one batch: a list of the record filtered on its ID and the version
 * the user saw (DATE_MODIFY). The guarded update takes its `id` from this step's first row, so
 * when someone changed the record meanwhile the list is empty, the reference stays unresolved,
 * the update is refused and the halting batch writes nothing after it.
 */
export function versionCheckStep(key: string, entity: CrmEntity, id: number, dateModify: string, label: PlanText): WriteStep {
  return {
    key,
    method: `crm.${entity}.list`,
    params: { filter: { ID: id, '=DATE_MODIFY': dateModify }, select: ['ID'] },
    label,
    kind: 'check',
    idPath: ['0', 'ID'],
  }
}
