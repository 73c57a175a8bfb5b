// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { nextLookAt, planDealEffects } from '@/domain/playbook'
import type { DealEvaluation, DealTask } from '@/domain/playbook'
import { at, evaluate, HOUR, keyOf, task } from './helpers'

// The runner's effects of one verdict as a write plan (src/domain/playbook/deal-effects.ts).
const STAGES = [
  { STATUS_ID: 'C1:NEW', NAME: 'Не обработан' },
  { STATUS_ID: 'C1:EXPRESS_ID', NAME: 'Экспресс-идентификация' },
  { STATUS_ID: 'C1:PICKING', NAME: 'Комплектация' },
]

function plan(evaluation: DealEvaluation, tasks: DealTask[] = [], client: { contactId: number; email: string } | null = null) {
  return planDealEffects({ planId: 'p1', dealId: 42, evaluation, stages: STAGES, tasks, performedKeys: ['old'], performedField: 'UF_CRM_LMS_PB_DONE', client, now: new Date(at(HOUR)) })
}

describe('the runner’s plan for a deal', () => {
  it('on «Экспресс-идентификация»: the reassignment first, then the task keyed by the playbook with the head as auditor', () => {
    const result = plan(evaluate({ pipeline: 'Товары', stage: 'Экспресс-идентификация', movedById: 4, after: 60_000 }))
    const steps = result.plan!.steps
    expect(steps.map((s) => s.method)).toEqual(['crm.deal.update', 'tasks.task.add', 'crm.deal.update'])
    expect(steps[0]!.params).toEqual({ id: 42, fields: { ASSIGNED_BY_ID: 4 } })
    const fields = (steps[1]!.params as { fields: Record<string, unknown> }).fields
    expect(fields).toMatchObject({ TITLE: 'Выполнить Экспресс-идентификацию', RESPONSIBLE_ID: 4, AUDITORS: [2], UF_CRM_TASK: ['D_42'] })
    expect(String(fields.DESCRIPTION)).toContain(`[b24app:${keyOf('Товары', 'express-id', 'express-id')}]`)
    expect(fields.DEADLINE).toBe(at(5 * HOUR))
    // The performed keys are written last, with the earlier ones kept.
    expect(steps[2]!.params).toEqual({ id: 42, fields: { UF_CRM_LMS_PB_DONE: ['old', keyOf('Товары', 'express-id', 'assign-mover')] } })
  })

  it('past 5 hours: one notification per person, the TAG is the playbook key, then the key recorded', () => {
    const express = task(keyOf('Товары', 'express-id', 'express-id'), 'Выполнить Экспресс-идентификацию')
    const result = plan(evaluate({ pipeline: 'Товары', stage: 'Экспресс-идентификация', responsibleId: 3, tasks: [express], after: 5 * HOUR + 60_000 }))
    const notices = result.plan!.steps.filter((s) => s.method === 'im.notify.system.add')
    expect(notices.map((s) => s.params.USER_ID).sort()).toEqual([2, 3, 5])
    expect(new Set(notices.map((s) => s.params.TAG))).toEqual(new Set([keyOf('Товары', 'express-id', 'express-id-reminder')]))
    expect(result.plan!.steps.at(-1)!.params.fields).toEqual({ UF_CRM_LMS_PB_DONE: ['old', keyOf('Товары', 'express-id', 'express-id-reminder')] })
  })

  it('a task closed while underpaid: renewed, the reason on the deal, the responsible told — and nothing recorded as performed', () => {
    const payment = { ...task(keyOf('Товары', 'picking', 'final-payment'), 'Получить окончательный расчет', { closedAfter: HOUR / 2 }) }
    const result = plan(evaluate({ pipeline: 'Товары', stage: 'Комплектация', amountMinor: 100_000, fields: { paidAmount: 40_000 }, tasks: [payment] }), [payment])
    const methods = result.plan!.steps.map((s) => s.method)
    expect(methods).toEqual(['tasks.task.renew', 'crm.timeline.comment.add', 'im.notify.system.add'])
    expect(result.plan!.steps[0]!.params).toEqual({ taskId: payment.id })
    expect(String((result.plan!.steps[1]!.params.fields as { COMMENT: string }).COMMENT)).toMatch(/возобновлена: Оплачено 400 из 1\s000/)
  })

  it('a client message is an e-mail activity to the contact, keyed in ORIGIN_ID; without an address the deal says so', () => {
    const evaluation: DealEvaluation = { ...evaluate({ pipeline: 'Товары', stage: 'Комплектация' }), notificationsDue: [{ key: 'k1', stepId: 's', channels: ['email'], userIds: [], toClient: true, message: 'Товар готов', index: 0, dueAt: at(0) }] }
    // The verdict's own tasks of the stage are in the plan too; the mail step is found by its key.
    const mail = plan(evaluation, [], { contactId: 7, email: 'client@example.ru' }).plan!.steps.find((s) => s.key === 'k1:mail')!
    expect(mail.method).toBe('crm.activity.add')
    expect(mail.params.fields).toMatchObject({ OWNER_TYPE_ID: 2, OWNER_ID: 42, TYPE_ID: 4, DIRECTION: 2, ORIGIN_ID: 'k1:mail', COMMUNICATIONS: [{ VALUE: 'client@example.ru', ENTITY_ID: 7, ENTITY_TYPE_ID: 3 }] })
    expect(mail.kind).toBe('create')
    expect(plan(evaluation).plan!.steps.find((s) => s.key === 'k1:nomail')?.method).toBe('crm.timeline.comment.add')
  })

  it('nothing due: no plan', () => {
    const express = task(keyOf('Товары', 'express-id', 'express-id'), 'Выполнить Экспресс-идентификацию')
    expect(plan(evaluate({ pipeline: 'Товары', stage: 'Экспресс-идентификация', tasks: [express], after: HOUR })).plan).toBeNull()
  })
})

describe('when the runner looks at a deal again', () => {
  it('at the 5-hour reminder while the express task is open', () => {
    const express = task(keyOf('Товары', 'express-id', 'express-id'), 'Выполнить Экспресс-идентификацию')
    const evaluation = evaluate({ pipeline: 'Товары', stage: 'Экспресс-идентификация', tasks: [express], after: HOUR })
    expect(nextLookAt(evaluation, new Date(at(HOUR)))?.at.toISOString()).toBe(at(5 * HOUR))
  })

  it('never, on a stage with nothing timed', () => {
    expect(nextLookAt(evaluate({ pipeline: 'Товары', stage: 'Не обработан' }), new Date(at(HOUR)))).toBeNull()
  })
})
