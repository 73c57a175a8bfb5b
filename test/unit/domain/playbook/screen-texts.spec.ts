// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { evaluate, HOUR, keyOf, step, task } from './helpers'

// Issue 16: what the «Следующий шаг» tab prints for a step must read as words, said once.
describe('step texts as the tab shows them', () => {
  it('a reminder waiting on an earlier step shows the deal number, not «#{dealId}»', () => {
    const result = evaluate({ pipeline: 'Товары', stage: 'Договор', fields: { contractNeeded: true } })
    const reminder = step(result, 'contract-feedback-reminder')
    expect(reminder.state).toBe('waiting')
    expect(reminder.title).toBe('Наступил срок обратной связи по договору (сделка #42)')
    const texts = JSON.stringify(result.steps)
    expect(texts).not.toMatch(/\{(dealId|paid|amount|currency)\}/)
  })

  it('the sums of a payment reminder waiting its turn are this deal’s', () => {
    const result = evaluate({ pipeline: 'Услуги', stage: 'Подведение итогов', fields: { paidAmount: 6_000_000 } })
    const reminder = step(result, 'payment-reminder')
    expect(reminder.state).toBe('waiting')
    expect(reminder.title).toContain('оплачено 60\u00a0000 из 100\u00a0000 ₽ (сделка #42)')
  })

  it('a step not needed names the field in one pair of quotes', () => {
    const result = evaluate({ pipeline: 'Товары', stage: 'Договор', fields: { contractNeeded: false } })
    const explanation = step(result, 'send-contract').explanation
    expect(explanation?.ru).toBe('Не нужно: не выполнено условие «Нужен ли договор» = да')
    expect(explanation?.en).toBe('Not needed: «Contract needed» = yes does not hold')
    expect(explanation?.ru).not.toContain('««')
  })

  it('a reminder that went out late reads as sent once the task is done, not as not needed', () => {
    const express = keyOf('Товары', 'express-id', 'express-id')
    const reminderKey = keyOf('Товары', 'express-id', 'express-id-reminder')
    // The task was closed after 6 hours; the 5-hour reminder had gone out by then.
    const late = evaluate({
      pipeline: 'Товары',
      stage: 'Экспресс-идентификация',
      tasks: [task(express, 'Выполнить Экспресс-идентификацию', { closedAfter: 6 * HOUR })],
      performed: [reminderKey],
      after: 7 * HOUR,
    })
    const reminder = step(late, 'express-id-reminder')
    expect(reminder.state).toBe('done')
    expect(reminder.explanation).toEqual({ ru: 'Отправлено', en: 'Sent' })
    expect(late.notificationsDue).toEqual([])
    // Done in time, nothing sent: then it was not needed.
    const inTime = evaluate({
      pipeline: 'Товары',
      stage: 'Экспресс-идентификация',
      tasks: [task(express, 'Выполнить Экспресс-идентификацию', { closedAfter: 2 * HOUR })],
      after: 7 * HOUR,
    })
    expect(step(inTime, 'express-id-reminder').state).toBe('skipped')
    expect(step(inTime, 'express-id-reminder').explanation?.ru).toBe('Не нужно: всё сделано вовремя')
  })
})
