// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DAY, HOUR, at, created, evaluate, keyOf, task } from './helpers'

/*
 * A task step that waits for a condition (`waitUntil`) starts when the condition is seen to
 * hold, not when the deal entered the stage: «После получения оплаты система ставит задачу
 * «Укомплектовать заказ по сделке»» — a payment that came five days after the deal reached
 * «Комплектация» must not give a task that is born three days overdue.
 */
describe('a task that waited for its condition is dated from when it holds', () => {
  const stage = 'Комплектация'

  it('paid five days after the deal entered → «Укомплектовать заказ по сделке» due two days after that', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000 }, after: 5 * DAY })
    expect(created(result, 'assemble')).toMatchObject({ title: 'Укомплектовать заказ по сделке', deadline: at(7 * DAY) })
  })

  it('paid on entry → due two days after the entry, as before', () => {
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000 }, after: 0 })
    expect(created(result, 'assemble')?.deadline).toBe(at(2 * DAY))
  })

  it('a task already made keeps the deadline it was made with', () => {
    const made = task(keyOf('Товары', 'picking', 'assemble'), 'Укомплектовать заказ по сделке', { createdAfter: 5 * DAY, deadlineAfter: 7 * DAY })
    const result = evaluate({ pipeline: 'Товары', stage, fields: { paidAmount: 10_000_000 }, tasks: [made], after: 6 * DAY + HOUR })
    expect(result.tasksToCreate).toEqual([])
    expect(result.steps.find((s) => s.id === 'assemble')).toMatchObject({ state: 'todo', deadline: at(7 * DAY) })
  })
})
