// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DAY, HOUR, NBSP, at, created, evaluate, keyOf, step, task } from './helpers'

describe('§5 Первичная идентификация — Услуги', () => {
  it('reassigns to the mover, sets «Выполнить Экспресс-идентификацию», after 5 hours tells the responsible and his head (no product manager)', () => {
    const result = evaluate({ pipeline: 'Услуги', stage: 'Первичная идентификация', movedById: 4, after: 6 * HOUR })
    expect(result.autoActions.map((a) => a.type)).toEqual(['setResponsible'])
    expect(created(result, 'express-id')).toMatchObject({ responsibleId: 4, deadline: at(5 * HOUR) })
    expect(result.notificationsDue.map((n) => n.userIds)).toEqual([[4, 2]])
  })
})

describe('§6 Счет/КП — Услуги', () => {
  const stage = 'Счет/КП'
  const kp = (closedAfter: number) => task(keyOf('Услуги', 'quote', 'send-kp'), 'Сформировать и отправить КП', { closedAfter })
  const sheet = (closedAfter: number) =>
    task(keyOf('Услуги', 'quote', 'send-prep-sheet'), 'Подготовить и отправить лист о подготовке к выполнению работ', { closedAfter })

  it('sets the two tasks in parallel and reminds after 2 hours', () => {
    const result = evaluate({ pipeline: 'Услуги', stage, after: 3 * HOUR })
    expect(result.tasksToCreate.map((t) => t.title)).toEqual(['Сформировать и отправить КП', 'Подготовить и отправить лист о подготовке к выполнению работ'])
    expect(result.notificationsDue.map((n) => [n.stepId, n.dueAt])).toEqual([['quote-reminder', at(2 * HOUR)]])
    expect(step(result, 'fill-kp-date').waitingOn).toEqual({ kind: 'steps', stepIds: ['send-kp', 'send-prep-sheet'] })
  })

  it('no reminder when both were done within 2 hours; one done is not enough to go on', () => {
    const both = evaluate({ pipeline: 'Услуги', stage, tasks: [kp(HOUR), sheet(90 * 60_000)], after: 3 * HOUR })
    expect(step(both, 'quote-reminder').state).toBe('skipped')
    const one = evaluate({ pipeline: 'Услуги', stage, tasks: [kp(HOUR)], after: 3 * HOUR })
    expect(step(one, 'fill-kp-date').waitingOn).toEqual({ kind: 'steps', stepIds: ['send-prep-sheet'] })
    expect(one.notificationsDue.map((n) => n.stepId)).toEqual(['quote-reminder'])
  })

  it('after both, no feedback date → a task to fill it, blocked until filled; the feedback task waits for the date', () => {
    const result = evaluate({ pipeline: 'Услуги', stage, tasks: [kp(HOUR), sheet(2 * HOUR)], after: 3 * HOUR })
    expect(created(result, 'fill-kp-date')).toMatchObject({ title: 'Заполнить дату получения обратной связи по КП', deadline: at(2 * HOUR + DAY) })
    expect(step(result, 'fill-kp-date').blockedReason?.ru).toBe('Заполните дату получения обратной связи по КП')
    expect(step(result, 'kp-feedback').waitingOn).toEqual({ kind: 'fields', fields: ['kpFeedbackDate'] })
  })

  it('date filled → «Получить обратную связь по КП» due on it, a reminder an hour before', () => {
    const date = at(3 * DAY)
    const fields = { kpFeedbackDate: date }
    const result = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [kp(HOUR), sheet(2 * HOUR)], after: 3 * HOUR })
    expect(step(result, 'fill-kp-date').state).toBe('skipped')
    expect(created(result, 'kp-feedback')).toMatchObject({ title: 'Получить обратную связь по КП', deadline: date })
    expect(step(result, 'kp-feedback-reminder').waitingOn).toEqual({ kind: 'time', until: at(3 * DAY - HOUR) })
    const soon = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [kp(HOUR), sheet(2 * HOUR)], after: 3 * DAY - 30 * 60_000 })
    expect(soon.notificationsDue.map((n) => [n.stepId, n.dueAt, n.key])).toEqual([['kp-feedback-reminder', at(3 * DAY - HOUR), keyOf('Услуги', 'quote', 'kp-feedback-reminder', 0, '202503060900')]])
  })

  it('a changed date → a new «Получить обратную связь по КП/счету», and a new reminder for the new date', () => {
    const oldKey = keyOf('Услуги', 'quote', 'kp-feedback', 0, '202503060900')
    const old = task(oldKey, 'Получить обратную связь по КП')
    const fields = { kpFeedbackDate: at(5 * DAY) }
    const performed = [keyOf('Услуги', 'quote', 'kp-feedback-reminder', 0, '202503060900')]
    const result = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [kp(HOUR), sheet(2 * HOUR), old], performed, after: 5 * DAY - 30 * 60_000 })
    expect(created(result, 'kp-feedback')).toMatchObject({ title: 'Получить обратную связь по КП/счету', deadline: at(5 * DAY) })
    expect(result.obsoleteTasks).toEqual([{ taskId: old.id, key: oldKey }])
    expect(result.notificationsDue.map((n) => n.key)).toEqual([keyOf('Услуги', 'quote', 'kp-feedback-reminder', 0, '202503080900')])
  })
})

describe('§7 Договор — Услуги', () => {
  it('no contract needed → the deal moves on to «Ожидание выезда на объект» (there is no «Комплектация» here)', () => {
    const result = evaluate({ pipeline: 'Услуги', stage: 'Договор', fields: { contractNeeded: 'N' } })
    expect(result.autoActions).toEqual([expect.objectContaining({ type: 'moveStage', toStageName: 'Ожидание выезда на объект' })])
  })

  it('contract needed → the same chain as «Товары»', () => {
    const contract = task(keyOf('Услуги', 'contract', 'send-contract'), 'Сформировать и отправить Договор', { closedAfter: HOUR })
    const result = evaluate({ pipeline: 'Услуги', stage: 'Договор', fields: { contractNeeded: 'Y', contractFeedbackDate: at(2 * DAY) }, tasks: [contract], after: 2 * HOUR })
    expect(result.tasksToCreate.map((t) => [t.title, t.deadline])).toEqual([['Получить обратную связь по договору', at(2 * DAY)]])
  })
})

describe('§4 Ожидание выезда на объект — Услуги', () => {
  const stage = 'Ожидание выезда на объект'

  it.each([
    [true, 2 * HOUR],
    [false, DAY],
    [null, DAY],
  ])('«Получить подтверждение готовности»: emergency %s → due in %d ms', (emergency, span) => {
    const result = evaluate({ pipeline: 'Услуги', stage, fields: { emergency } })
    expect(created(result, 'confirm-readiness')).toMatchObject({ title: 'Получить подтверждение готовности', deadline: at(span) })
  })

  it('at the planned readiness date minus 2 hours: a notification and an e-mail to the works executor', () => {
    const readiness = at(2 * DAY)
    const waiting = evaluate({ pipeline: 'Услуги', stage, fields: { readinessDate: readiness } })
    expect(step(waiting, 'readiness-alert').waitingOn).toEqual({ kind: 'time', until: at(2 * DAY - 2 * HOUR) })
    const due = evaluate({ pipeline: 'Услуги', stage, fields: { readinessDate: readiness }, after: 2 * DAY - HOUR })
    expect(due.notificationsDue).toEqual([expect.objectContaining({ stepId: 'readiness-alert', channels: ['notify', 'email'], userIds: [3, 9], dueAt: at(2 * DAY - 2 * HOUR) })])
  })

  it('without a readiness date the alert waits for it', () => {
    const result = evaluate({ pipeline: 'Услуги', stage })
    expect(step(result, 'readiness-alert').waitingOn).toEqual({ kind: 'fields', fields: ['readinessDate'] })
  })
})

describe('§4 В работе — Услуги', () => {
  const stage = 'В работе'

  it('sets «Подготовить и отправить счет с листом о подготовке к выполнению работ»', () => {
    expect(created(evaluate({ pipeline: 'Услуги', stage }), 'send-invoice')?.deadline).toBe(at(DAY))
  })

  it('emergency → a notification the next day; otherwise on the readiness date', () => {
    const readiness = at(4 * DAY)
    const emergency = evaluate({ pipeline: 'Услуги', stage, fields: { emergency: true, readinessDate: readiness } })
    expect(step(emergency, 'work-notice').waitingOn).toEqual({ kind: 'time', until: at(DAY) })
    const normal = evaluate({ pipeline: 'Услуги', stage, fields: { emergency: false, readinessDate: readiness } })
    expect(step(normal, 'work-notice').waitingOn).toEqual({ kind: 'time', until: readiness })
    const dueNormal = evaluate({ pipeline: 'Услуги', stage, fields: { emergency: false, readinessDate: readiness }, after: 4 * DAY })
    expect(dueNormal.notificationsDue.map((n) => n.stepId)).toEqual(['work-notice'])
  })
})

describe('§4 §8 §9 Подведение итогов — Услуги', () => {
  const stage = 'Подведение итогов'
  const report = task(keyOf('Услуги', 'closing', 'send-report'), 'Подготовить и отправить клиенту Отчет по результатам измерения', { closedAfter: HOUR })
  const feedback = task(keyOf('Услуги', 'closing', 'report-feedback'), 'Получить обратную связь по Отчету', { closedAfter: DAY })

  it('§4 report → fill its feedback date if empty → «Получить обратную связь по Отчету» due on it', () => {
    const start = evaluate({ pipeline: 'Услуги', stage })
    expect(result0Titles(start)).toEqual(['Подготовить и отправить клиенту Отчет по результатам измерения'])
    const noDate = evaluate({ pipeline: 'Услуги', stage, tasks: [report], after: 2 * HOUR })
    expect(created(noDate, 'fill-report-date')?.title).toBe('Заполнить дату получения обратной связи по Отчету')
    expect(step(noDate, 'fill-report-date').blockedReason?.en).toBe('Fill in the report feedback date')
    const withDate = evaluate({ pipeline: 'Услуги', stage, fields: { reportFeedbackDate: at(3 * DAY) }, tasks: [report], after: 2 * HOUR })
    expect(created(withDate, 'report-feedback')).toMatchObject({ title: 'Получить обратную связь по Отчету', deadline: at(3 * DAY) })
  })

  it('§8 §9 after the feedback: unpaid → final payment and a reminder every 5 days; originals to send', () => {
    const fields = { reportFeedbackDate: at(DAY), paidAmount: 6_000_000 }
    const result = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [report, feedback], after: DAY + HOUR })
    expect(result.tasksToCreate.map((t) => t.title)).toEqual(['Получить окончательный расчет', 'Подготовить и отправить оригиналы документов'])
    expect(step(result, 'final-payment').blockedReason?.ru).toBe(`Оплачено 60${NBSP}000 из 100${NBSP}000 ₽ — нужен окончательный расчет`)
    expect(step(result, 'payment-reminder').waitingOn).toEqual({ kind: 'time', until: at(6 * DAY) })

    const first = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [report, feedback], after: 7 * DAY })
    expect(first.notificationsDue).toEqual([
      expect.objectContaining({ stepId: 'payment-reminder', index: 0, dueAt: at(6 * DAY), message: `Окончательный расчет не получен: оплачено 60${NBSP}000 из 100${NBSP}000 ₽ (сделка #42)` }),
    ])
    const sent = [keyOf('Услуги', 'closing', 'payment-reminder', 0)]
    const second = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [report, feedback], after: 12 * DAY, performed: sent })
    expect(second.notificationsDue.map((n) => [n.index, n.dueAt])).toEqual([[1, at(11 * DAY)]])
  })

  it('the 5-day cycle ends once paid in full', () => {
    const fields = { reportFeedbackDate: at(DAY), paidAmount: 10_000_000 }
    const result = evaluate({ pipeline: 'Услуги', stage, fields, tasks: [report, feedback], after: 12 * DAY })
    expect(step(result, 'payment-reminder').state).toBe('done')
    expect(step(result, 'final-payment').state).toBe('skipped')
    expect(result.notificationsDue).toEqual([])
  })
})

describe('§9 Сделка успешна — Услуги', () => {
  it('always sets «Получить оригиналы документов»', () => {
    const result = evaluate({ pipeline: 'Услуги', stage: 'Сделка успешна', fields: { originalsReceived: true, originalsPlannedDate: at(7 * DAY) } })
    expect(result.tasksToCreate.map((t) => [t.title, t.deadline])).toEqual([['Получить оригиналы документов', at(7 * DAY)]])
  })
})

function result0Titles(result: ReturnType<typeof evaluate>): string[] {
  return result.tasksToCreate.map((t) => t.title)
}
