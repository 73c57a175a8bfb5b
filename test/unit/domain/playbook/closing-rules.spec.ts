// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DAY, HOUR, at, evaluate, keyOf, step, task } from './helpers'

/*
 * A closing rule is checked as of the moment the task was closed: a task closed while its
 * condition held stays done when time alone later makes the condition false (a date that was
 * in the future passes), so the runner never renews it days later.
 */
describe('closing rules are judged at the moment of closing', () => {
  const stage = 'Счет/КП'
  const kp = task(keyOf('Товары', 'quote', 'send-kp'), 'Сформировать и отправить КП', { closedAfter: HOUR })
  const feedback = task(keyOf('Товары', 'quote', 'kp-feedback'), 'Получить обратную связь по КП', { closedAfter: DAY })
  const actualize = task(keyOf('Товары', 'quote', 'actualize-kp-date'), 'Актуализировать дату получения обратной связи', { createdAfter: DAY + 12 * HOUR, closedAfter: 2 * DAY })

  it('«Актуализировать дату» closed with a future date stays done after that date has passed', () => {
    const fields = { complexity: 'simple', kpFeedbackDate: at(3 * DAY) }
    const later = evaluate({ pipeline: 'Товары', stage, fields, tasks: [kp, feedback, actualize], after: 4 * DAY })
    expect(step(later, 'actualize-kp-date')).toMatchObject({ state: 'done', taskId: actualize.id })
    expect(step(later, 'actualize-kp-date').closedTooEarly).toBeUndefined()
    expect(later.blockers).toEqual([])
  })

  it('closed while the date was already past → closed too early, with the reason', () => {
    const fields = { complexity: 'simple', kpFeedbackDate: at(DAY + 18 * HOUR) }
    const result = evaluate({ pipeline: 'Товары', stage, fields, tasks: [kp, feedback, actualize], after: 2 * DAY + HOUR })
    expect(step(result, 'actualize-kp-date')).toMatchObject({ state: 'blocked', closedTooEarly: true })
    expect(step(result, 'actualize-kp-date').blockedReason?.ru).toBe('Укажите новую (будущую) дату получения обратной связи по КП')
  })

  it('an open task is judged now: the date that passed blocks it again', () => {
    const open = task(keyOf('Товары', 'quote', 'actualize-kp-date'), 'Актуализировать дату получения обратной связи', { createdAfter: DAY + 12 * HOUR })
    const result = evaluate({ pipeline: 'Товары', stage, fields: { complexity: 'simple', kpFeedbackDate: at(3 * DAY) }, tasks: [kp, feedback, open], after: 4 * DAY })
    expect(step(result, 'actualize-kp-date').state).toBe('blocked')
  })
})
