import { APPROVAL_FIELDS } from '@/domain/fields/approvals'
import { setStep, stepState, taskAddStep, timelineCommentStep, withStep, type PlanText, type WritePlan, type WriteStep } from '@/domain/write-plan'
import type { Effect, RoundProcess } from './effects'
import {
  APPROVER_TASK_TITLES,
  DRAFT_TASK_TITLE,
  FIX_TASK_TITLE,
  PAYOUT_TASK_TITLE,
  REPORT_FIX_TASK_TITLE,
  TRIP_DECISION_TITLE_PREFIX,
  TRIP_REQUEST_TITLE_PREFIX,
} from './record-text'
import type { UserId } from './types'

/*
 * An approval's effects as write-plan steps (src/domain/write-plan). The security property of
 * the approvals — a step counts only as the portal records it, with the author the portal sets —
 * holds for the look-ups too: a create whose reply was lost is looked for among the records the
 * user himself made, so nobody can pre-write a record carrying the key and make the real one
 * look done.
 * - a record comment: its tag carries the plan's ID besides the record's key. Comments cannot be
 *   listed by author (b24restdocs crm-timeline-comment-list.md filters on ENTITY_ID/ENTITY_TYPE
 *   only), so the tag must be something nobody else knows before the comment exists;
 * - a task: looked for among the tasks the user created for that responsible (tasks-task-list.md
 *   filters on CREATED_BY, which the portal sets), so its key may stay the same across plans
 *   and finishing a step later never makes a second task;
 * - a notice: TAG makes a repeated notice replace the earlier one (im-notify-personal-add.md);
 * - closing a task: tasks.task.complete refuses a task that is already completed
 *   (tasks-task-complete.md), so after a lost reply it is looked up (completed already?) like a
 *   create instead of being sent again.
 */

/** tasks.task.complete, looked up as «that task is completed» before it is sent again. */
export function completeTaskStep(key: string, taskId: number, label: PlanText): WriteStep {
  return {
    key,
    method: 'tasks.task.complete',
    params: { taskId },
    label,
    kind: 'create',
    find: {
      method: 'tasks.task.list',
      params: { filter: { ID: taskId, REAL_STATUS: 5 }, select: ['ID', 'STATUS'] },
      rowsAt: ['tasks'],
      field: 'status',
      match: 'equals',
      needle: '5',
      idField: 'id',
    },
  }
}

/** How the screen names the process's own tasks (the titles themselves are Russian portal data). */
const TASK_LABELS: Record<string, PlanText> = {
  [PAYOUT_TASK_TITLE]: { ru: `Задача бухгалтеру «${PAYOUT_TASK_TITLE}»`, en: 'The accountant’s task to pay out the trip money' },
  [DRAFT_TASK_TITLE]: { ru: `Задача «${DRAFT_TASK_TITLE}»`, en: 'The task to draft the non-standard contract' },
  [FIX_TASK_TITLE]: { ru: `Задача «${FIX_TASK_TITLE}»`, en: 'The task to fix the contract draft' },
  [REPORT_FIX_TASK_TITLE]: { ru: `Задача «${REPORT_FIX_TASK_TITLE}»`, en: 'The task to fix the measurement report' },
}

function taskLabel(title: string): PlanText {
  if (TASK_LABELS[title]) return TASK_LABELS[title]
  if (title.startsWith(TRIP_DECISION_TITLE_PREFIX)) return { ru: 'Решение (задача-запись утверждающего)', en: 'The decision (the approver’s record task)' }
  if (title.startsWith(TRIP_REQUEST_TITLE_PREFIX)) return { ru: 'Заявка утверждающему (задача)', en: 'The request to the approver (a task)' }
  if (title.startsWith(APPROVER_TASK_TITLES.contract)) return { ru: 'Задача утверждающему: решение по договору', en: 'The approver’s task: decide on the contract' }
  if (title.startsWith(APPROVER_TASK_TITLES.report)) return { ru: 'Задача утверждающему: решение по отчету', en: 'The approver’s task: decide on the report' }
  return { ru: `Задача «${title}»`, en: `Task «${title}»` }
}

function labelOf(effect: Effect): PlanText {
  switch (effect.kind) {
    case 'timeline-comment':
      return { ru: 'Запись в ленте сделки', en: 'Record in the deal timeline' }
    case 'create-task':
      return taskLabel(effect.title)
    case 'complete-task':
      return effect.key.endsWith(':close-request')
        ? { ru: `Закрыть заявку (задача №${effect.taskId})`, en: `Close the request (task #${effect.taskId})` }
        : { ru: `Закрыть задачу №${effect.taskId}`, en: `Close task #${effect.taskId}` }
    case 'set-deadline':
      return { ru: `Срок задачи №${effect.taskId}`, en: `Deadline of task #${effect.taskId}` }
    case 'notify':
      return { ru: 'Уведомление сотруднику', en: 'Notice to the employee' }
    case 'cache-state':
      return effect.process === 'report'
        ? { ru: 'Состояние согласования отчета в сделке', en: 'Report approval state on the deal' }
        : { ru: 'Состояние согласования в сделке', en: 'Approval state on the deal' }
  }
}

/** The deal fields of a process's state cache. */
function cacheFields(process: RoundProcess | undefined) {
  return process === 'report' ? { state: APPROVAL_FIELDS.reportState, round: APPROVAL_FIELDS.reportRound } : { state: APPROVAL_FIELDS.state, round: APPROVAL_FIELDS.round }
}

/** One effect as one step of the plan `planId`, written by `me`. */
export function effectStep(effect: Effect, me: UserId, planId: string): WriteStep {
  const label = labelOf(effect)
  switch (effect.kind) {
    case 'timeline-comment':
      // crm-timeline-comment-add.md: AUTHOR_ID is the caller.
      return timelineCommentStep(`${effect.key}:${planId}`, { type: 'deal', id: effect.dealId }, effect.text, label)
    case 'create-task': {
      // tasks-task-add.md: CREATED_BY is the caller (never sent); STATUS 5 makes a record, not a to-do.
      const fields: Parameters<typeof taskAddStep>[1] = { TITLE: effect.title, RESPONSIBLE_ID: effect.responsibleId, DESCRIPTION: effect.description }
      if (effect.crm.length > 0) fields.UF_CRM_TASK = effect.crm
      if (effect.auditors?.length) fields.AUDITORS = effect.auditors
      if (effect.completeOnCreate) fields.STATUS = 5
      if (effect.deadline) fields.DEADLINE = effect.deadline
      const step = taskAddStep(effect.key, fields, effect.crm[0] ?? '', label)
      const filter = { CREATED_BY: me, RESPONSIBLE_ID: effect.responsibleId }
      return { ...step, find: { ...step.find!, params: { filter, select: ['ID', 'DESCRIPTION'], order: { ID: 'DESC' } } } }
    }
    case 'complete-task':
      return completeTaskStep(effect.key, effect.taskId, label)
    case 'set-deadline':
      // tasks-task-update.md: the responsible, the creator or an admin may change it.
      return setStep(effect.key, 'tasks.task.update', { taskId: effect.taskId, fields: { DEADLINE: effect.deadline } }, label)
    case 'notify':
      return setStep(effect.key, 'im.notify.personal.add', { USER_ID: effect.userId, MESSAGE: effect.message, TAG: effect.key }, label)
    case 'cache-state': {
      const field = cacheFields(effect.process)
      return setStep(effect.key, 'crm.deal.update', { id: effect.dealId, fields: { [field.state]: effect.status, [field.round]: effect.round } }, label)
    }
  }
}

export function effectSteps(effects: readonly Effect[], me: UserId, planId: string): WriteStep[] {
  return effects.map((effect) => effectStep(effect, me, planId))
}

/**
 * The plan with every unfinished create marked «outcome unknown», so the runner looks each one
 * up before it sends it. For a plan finishing what the portal shows half done (the journal of
 * the first attempt may be in another browser), and for a repeat after a refusal: a task closed
 * meanwhile by someone else is then found closed instead of being refused again.
 */
export function lookUpFirst(plan: WritePlan): WritePlan {
  let next = plan
  for (const step of plan.steps) {
    const state = stepState(next, step.key)
    if (step.kind === 'create' && (state.status === 'pending' || state.status === 'failed')) next = withStep(next, step.key, { status: 'sent', attempts: state.attempts })
  }
  return next
}

/**
 * A new version of a process's file field («Проект договора», «Отчет по результатам измерения»;
 * legacy fileData shape, b24restdocs crm-deal-update.md). Sending it again after a lost reply only
 * puts the same file in once more: the field keeps one file.
 */
export function approvalFileStep(process: RoundProcess, dealId: number, name: string, base64: string, planId: string): WriteStep {
  const field = process === 'report' ? APPROVAL_FIELDS.reportFile : APPROVAL_FIELDS.contractFile
  const fieldName = process === 'report' ? 'Отчет по результатам измерения' : 'Проект договора'
  return setStep(`apr:${process}:${dealId}:file:${planId}`, 'crm.deal.update', {
    id: dealId,
    fields: { [field]: { fileData: [name, base64] } },
  }, { ru: `Файл «${name}» в поле «${fieldName}»`, en: `File «${name}» in «${fieldName}»` })
}
