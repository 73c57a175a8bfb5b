import type { LocalizedText } from '../fields/types'
import { activityEmailStep, newPlan, notifyStep, setStep, taskAddStep, timelineCommentStep } from '../write-plan'
import type { Params, WriteStep, WritePlan } from '../write-plan'
import { dealBinding } from './deal-plans'
import type { DealEvaluation, DealTask, StepView, TaskToCreate } from './engine-types'
import { normalizeName } from './schema'

/*
 * What the runner does for a deal after the engine's verdict, as one write plan whose any
 * prefix leaves the deal consistent: first the effects (each keyed, so a repeat finds or
 * replaces instead of doubling), the record of performed keys last — a crash before that
 * record repeats only keyed effects.
 */

/** What the runner knows of the deal besides the verdict. */
export interface DealEffectsInput {
  planId: string
  dealId: number
  evaluation: DealEvaluation
  /** The deal pipeline's stages (for moves by name). */
  stages: readonly { STATUS_ID: string; NAME: string }[]
  /** The deal's tasks as read (to renew one closed too early). */
  tasks: readonly DealTask[]
  performedKeys: readonly string[]
  /** The deal field holding the performed keys. */
  performedField: string
  /** The client's e-mail and contact, when the deal has one. */
  client: { contactId: number; email: string } | null
  now: Date
}

export interface DealEffect {
  key: string
  title: LocalizedText
}

export interface DealEffects {
  plan: WritePlan | null
  effects: DealEffect[]
}

/** Performed keys kept on the deal: the newest ones only, old stages' keys are never asked for again. */
const KEPT_KEYS = 200

export const runnerDealScope = (dealId: number) => `runner:deal:${dealId}`

/** The task fields of a task the engine wants (the deal bound, the head as auditor, the key as tag). */
export function stageTaskFields(dealId: number, task: TaskToCreate, fallbackResponsibleId: number): Params & { TITLE: string } {
  const responsible = task.responsibleId ?? fallbackResponsibleId
  return {
    TITLE: task.title,
    RESPONSIBLE_ID: responsible,
    DEADLINE: task.deadline,
    AUDITORS: task.auditorIds.filter((id) => id !== responsible),
    UF_CRM_TASK: [dealBinding(dealId)],
    DESCRIPTION: task.description,
  }
}

function renewals(input: DealEffectsInput): { steps: WriteStep[]; effects: DealEffect[] } {
  const steps: WriteStep[] = []
  const effects: DealEffect[] = []
  const byId = new Map(input.tasks.map((task) => [task.id, task]))
  for (const view of input.evaluation.steps.filter((s): s is StepView & { taskId: number } => !!s.closedTooEarly && s.taskId !== undefined)) {
    const task = byId.get(view.taskId)
    // One renewal per closing: a task closed again later is renewed again.
    const key = `renew:${view.key ?? view.id}:${task?.closedAt ?? ''}`
    const reason = view.blockedReason ?? { ru: '', en: '' }
    const why = { ru: `Задача «${view.title}» возобновлена: ${reason.ru}`, en: `Task «${view.title}» reopened: ${reason.en}` }
    // b24restdocs tasks/tasks-task-renew.md: the task is open again, with its history.
    steps.push(setStep(`${key}:task`, 'tasks.task.renew', { taskId: view.taskId }, { ru: `Возобновить «${view.title}»`, en: `Renew «${view.title}»` }))
    steps.push(timelineCommentStep(`${key}:comment`, { type: 'deal', id: input.dealId }, why.ru, { ru: 'Комментарий о причине', en: 'Comment with the reason' }))
    const responsible = task?.responsibleId || input.evaluation.responsibleId
    if (responsible > 0) steps.push(notifyStep(`${key}:notify`, responsible, why.ru, { ru: 'Сообщить ответственному', en: 'Tell the responsible' }))
    effects.push({ key, title: { ru: `Задача «${view.title}» возобновлена`, en: `Task «${view.title}» reopened` } })
  }
  return { steps, effects }
}

export function planDealEffects(input: DealEffectsInput): DealEffects {
  const { evaluation, dealId } = input
  const steps: WriteStep[] = []
  const effects: DealEffect[] = []
  const performed: string[] = []

  // Reassignment first: the stage's tasks then go to the new responsible.
  for (const action of evaluation.autoActions.filter((a) => a.type === 'setResponsible')) {
    steps.push(setStep(action.key, 'crm.deal.update', { id: dealId, fields: { ASSIGNED_BY_ID: action.userId } }, { ru: 'Новый ответственный', en: 'New responsible' }))
    effects.push({ key: action.key, title: { ru: `Ответственный: пользователь ${action.userId}`, en: `Responsible: user ${action.userId}` } })
    performed.push(action.key)
  }
  for (const task of evaluation.tasksToCreate) {
    const label = { ru: `Задача «${task.title}»`, en: `Task «${task.title}»` }
    steps.push(taskAddStep(task.key, stageTaskFields(dealId, task, evaluation.responsibleId), dealBinding(dealId), label))
    effects.push({ key: task.key, title: label })
  }
  for (const stale of evaluation.obsoleteTasks) {
    // b24restdocs tasks/tasks-task-complete.md: its date changed, the task made for the old one is closed.
    steps.push(setStep(`close:${stale.key}`, 'tasks.task.complete', { taskId: stale.taskId }, { ru: 'Закрыть устаревшую задачу', en: 'Close the stale task' }))
    effects.push({ key: `close:${stale.key}`, title: { ru: 'Закрыта устаревшая задача', en: 'Stale task closed' } })
  }
  const renewed = renewals(input)
  steps.push(...renewed.steps)
  effects.push(...renewed.effects)

  for (const due of evaluation.notificationsDue) {
    for (const userId of due.userIds) {
      steps.push(notifyStep(`${due.key}:${userId}`, userId, due.message, { ru: 'Уведомление', en: 'Notification' }, due.channels.includes('email'), due.key))
    }
    if (due.toClient && input.client) {
      steps.push(activityEmailStep(`${due.key}:mail`, { dealId, responsibleId: evaluation.responsibleId, ...input.client }, due.message, { ru: 'Письмо клиенту', en: 'E-mail to the client' }))
    } else if (due.toClient) {
      const text = `Письмо клиенту не отправлено: у контакта сделки нет e-mail. Текст: ${due.message}`
      steps.push(timelineCommentStep(`${due.key}:nomail`, { type: 'deal', id: dealId }, text, { ru: 'Нет e-mail клиента', en: 'No client e-mail' }))
    }
    // The summary «Следующий шаг» reads from the runner names the kind, never the message: it may carry CRM values.
    effects.push({ key: due.key, title: due.toClient ? CLIENT_MAIL : NOTICE })
    performed.push(due.key)
  }
  // The move after the stage's other effects: the next stage's work starts once this stage's is done.
  for (const action of evaluation.autoActions.filter((a) => a.type === 'moveStage')) {
    const target = input.stages.find((s) => normalizeName(s.NAME) === normalizeName(action.toStageName))
    if (!target) continue
    steps.push(setStep(action.key, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: target.STATUS_ID } }, { ru: `На стадию «${target.NAME}»`, en: `To «${target.NAME}»` }))
    effects.push({ key: action.key, title: { ru: `Сделка переведена на «${target.NAME}»`, en: `Deal moved to «${target.NAME}»` } })
    performed.push(action.key)
  }
  if (steps.length === 0) return { plan: null, effects: [] }
  if (performed.length > 0) {
    // Last: until the deal holds the keys, a repeat redoes only keyed effects (found or replaced).
    const keys = [...new Set([...input.performedKeys, ...performed])].slice(-KEPT_KEYS)
    steps.push(setStep(`${input.planId}:performed`, 'crm.deal.update', { id: dealId, fields: { [input.performedField]: keys } }, { ru: 'Отметка о выполненном', en: 'Record of what was done' }))
  }
  return {
    plan: newPlan({ id: input.planId, scope: runnerDealScope(dealId), title: { ru: 'Автоматизация сделки', en: 'Deal automation' }, now: input.now, meta: { kind: 'runner-deal', dealId }, steps }),
    effects,
  }
}

const NOTICE: LocalizedText = { ru: 'Уведомление по плейбуку', en: 'Playbook notification' }
const CLIENT_MAIL: LocalizedText = { ru: 'Письмо клиенту', en: 'E-mail to the client' }

/** What a step is called outside the portal: a task by its playbook title, a message by its kind. */
function publicTitle(step: StepView): LocalizedText {
  return step.kind === 'notify' ? NOTICE : { ru: step.title, en: step.title }
}

/** When the verdict changes by time alone: the earliest waiting time or next repeat after now. */
export function nextLookAt(evaluation: DealEvaluation, now: Date): { at: Date; what: LocalizedText } | null {
  let best: { at: Date; what: LocalizedText } | null = null
  for (const step of evaluation.steps) {
    for (const iso of [step.waitingOn?.kind === 'time' ? step.waitingOn.until : undefined, step.nextAt, step.state === 'todo' || step.state === 'waiting' ? step.deadline : undefined]) {
      const at = iso ? new Date(iso) : null
      if (!at || Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) continue
      if (!best || at < best.at) best = { at, what: publicTitle(step) }
    }
  }
  return best
}
