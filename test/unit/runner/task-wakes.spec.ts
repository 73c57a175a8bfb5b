// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { dealsOfBindings, isOwnFreshTask } from '../../../runner/handlers/task'

// Which task events wake a deal (runner/handlers/task.ts): tasks.task.list rows, camelCase strings.
const fresh = { id: '9', ufCrmTask: ['D_7'], status: '2', createdBy: '1', createdDate: '2026-03-05T10:00:00+03:00', changedDate: '2026-03-05T10:00:00+03:00', description: 'x\n[b24app:pb:7:goods:express-id:express-id:0]' }

describe('task events and their deals', () => {
  it('reads the deals a task is bound to, and nothing else', () => {
    expect(dealsOfBindings(['D_7', 'C_3', 'D_7', 'D_12'])).toEqual([7, 12])
    expect(dealsOfBindings('D_5')).toEqual([5])
    expect(dealsOfBindings(null)).toEqual([])
  })

  it('skips only the runner’s own task untouched since its create', () => {
    expect(isOwnFreshTask(fresh, 1)).toBe(true)
    // Closed by its responsible (even in the same second), changed later, made by someone else or by hand: the deal looks again.
    expect(isOwnFreshTask({ ...fresh, status: '5' }, 1)).toBe(false)
    expect(isOwnFreshTask({ ...fresh, changedDate: '2026-03-05T10:05:00+03:00' }, 1)).toBe(false)
    expect(isOwnFreshTask({ ...fresh, createdBy: '3' }, 1)).toBe(false)
    expect(isOwnFreshTask({ ...fresh, description: 'Сделано вручную' }, 1)).toBe(false)
    expect(isOwnFreshTask(fresh, null)).toBe(false)
  })
})
