import { newPlan, setStep, taskAddStep, versionCheckStep } from '../write-plan'
import type { Params, WritePlan } from '../write-plan'

/*
 * The writes a person starts from «Следующий шаг» as write plans (src/domain/write-plan). The
 * automatic moves and notices the tab makes on open are not plans yet: the server-side runner
 * takes them over later.
 */

/** Unfinished key-field saves of a deal are listed under the deal; the stage's tasks apart from them. */
export const dealFieldsScope = (dealId: number) => `deal:${dealId}`
export const dealTasksScope = (dealId: number) => `deal:${dealId}:tasks`

/** CRM binding of a deal in UF_CRM_TASK (b24restdocs tasks/tasks-task-add.md). */
export const dealBinding = (dealId: number) => `D_${dealId}`

export interface StageTask {
  /** The playbook's key of the task (`pb:<deal>:…`): a task made earlier under it is found, not made again. */
  key: string
  title: string
  /** tasks.task.add fields without the tag (the step adds it to DESCRIPTION). */
  fields: Params & { TITLE: string }
}

/**
 * «Поставить задачи стадии» (N4): one tasks.task.add per task, each keyed by the playbook's own
 * key, so a lost reply or a repeat finds the task among the deal's tasks instead of making a copy.
 */
export function stageTasksPlan(input: { planId: string; dealId: number; tasks: readonly StageTask[]; now: Date }): WritePlan {
  return newPlan({
    id: input.planId,
    scope: dealTasksScope(input.dealId),
    title: { ru: 'Задачи стадии', en: 'Stage tasks' },
    now: input.now,
    meta: { kind: 'stage-tasks' },
    steps: input.tasks.map((task) => taskAddStep(task.key, task.fields, dealBinding(input.dealId), { ru: `Задача «${task.title}»`, en: `Task «${task.title}»` })),
  })
}

/**
 * The key fields saved in place (N5) with compare-and-set: the deal is updated only if it is
 * still the version the user started from (DATE_MODIFY); otherwise nothing is written and the
 * screen compares the versions.
 */
export function keyFieldsPlan(input: { planId: string; dealId: number; dateModify: string; fields: Params; now: Date }): WritePlan {
  const check = `${input.planId}-check`
  return newPlan({
    id: input.planId,
    scope: dealFieldsScope(input.dealId),
    title: { ru: 'Поля стадии', en: 'Stage fields' },
    now: input.now,
    meta: { kind: 'key-fields', dateModify: input.dateModify },
    steps: [
      versionCheckStep(check, 'deal', input.dealId, input.dateModify, { ru: 'Сделка не изменена другими', en: 'The deal is as you saw it' }),
      setStep(`${input.planId}-deal`, 'crm.deal.update', { id: { $step: check }, fields: input.fields }, { ru: 'Поля в сделке', en: 'Fields on the deal' }),
    ],
  })
}
