// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { caller, failure, peopleStore } from './testing'

// Shapes pinned here: b24restdocs api-reference/tasks/tasks-task-{add,get,list,update}.md,
// api-reference/tasks/status/tasks-task-complete.md ("0" "Action on the task is not allowed"),
// tasks.task.get of a missing task → "result": [] (api-reference/tasks/tasks-task-get.md).
// Error codes of get/complete/delete: tasks-task-get.md, status/tasks-task-complete.md, tasks-task-delete.md.

describe('tasks.task.*', () => {
  it('adds with UPPER_CASE input, answers camelCase strings, and sets the creator to the caller', async () => {
    const store = peopleStore()
    const head = caller(store, 2)
    const { result } = (await head.call('tasks.task.add', {
      fields: { TITLE: 'Сформировать и отправить КП', RESPONSIBLE_ID: 3, CREATED_BY: 1, AUDITORS: [2], DEADLINE: '2026-03-04T18:00:00+03:00', UF_CRM_TASK: ['D_12'] },
    })) as { result: { task: Record<string, unknown> } }
    expect(result.task).toMatchObject({
      id: '1',
      title: 'Сформировать и отправить КП',
      responsibleId: '3',
      createdBy: '2',
      status: '2',
      auditors: ['2'],
      accomplices: [],
      deadline: '2026-03-04T18:00:00+03:00',
      closedDate: null,
      ufCrmTask: ['D_12'],
    })
    expect(result.task.creator).toMatchObject({ id: '2', name: 'Ирина Руководова' })
    const core = await failure(head.call('tasks.task.add', { fields: { TITLE: 'x' } }))
    expect([core.code, core.description]).toEqual(['ERROR_CORE', 'Responsible person not specified'])
    const noUser = await failure(head.call('tasks.task.add', { fields: { TITLE: 'x', RESPONSIBLE_ID: 99 } }))
    expect(noUser.code).toBe('ERROR_CORE')
    const noFields = await failure(head.call('tasks.task.add', {}))
    expect(noFields.code).toBe('100')
  })

  it('lists by UF_CRM_TASK binding, returns ufCrmTask only when selected, and hides others’ tasks', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    await admin.call('tasks.task.add', { fields: { TITLE: 'A', RESPONSIBLE_ID: 3, UF_CRM_TASK: ['D_12'] } })
    await admin.call('tasks.task.add', { fields: { TITLE: 'B', RESPONSIBLE_ID: 4, UF_CRM_TASK: ['D_12', 'CO_3'] } })
    await admin.call('tasks.task.add', { fields: { TITLE: 'C', RESPONSIBLE_ID: 3, UF_CRM_TASK: ['D_13'] } })
    const bound = await admin.call('tasks.task.list', { filter: { UF_CRM_TASK: 'D_12' }, order: { ID: 'asc' }, select: ['ID', 'TITLE', 'UF_CRM_TASK'] })
    expect(bound.total).toBe(2)
    expect((bound.result as { tasks: Array<Record<string, unknown>> }).tasks.map((t) => [t.title, t.ufCrmTask])).toEqual([
      ['A', ['D_12']],
      ['B', ['D_12', 'CO_3']],
    ])
    const plain = (await admin.call('tasks.task.get', { taskId: 1 })).result as { task: Record<string, unknown> }
    expect(plain.task).not.toHaveProperty('ufCrmTask')
    const manager = caller(store, 3)
    const mine = (await manager.call('tasks.task.list', {})).result as { tasks: Array<{ id: string }> }
    expect(mine.tasks.map((t) => t.id)).toEqual(['3', '1'])
    expect((await manager.call('tasks.task.get', { taskId: 2 })).result).toEqual([])
    expect((await manager.call('tasks.task.get', { taskId: 404 })).result).toEqual([])
    // The head of sales sees her managers' tasks.
    expect(((await caller(store, 2).call('tasks.task.list', {})).result as { tasks: unknown[] }).tasks).toHaveLength(3)
  })

  it('is completed only by the responsible, the creator or an admin', async () => {
    const store = peopleStore()
    const head = caller(store, 2, new Date('2026-03-03T07:00:00Z'))
    await head.call('tasks.task.add', { fields: { TITLE: 'Получить оригиналы', RESPONSIBLE_ID: 3, AUDITORS: [5] } })
    const auditor = await failure(caller(store, 5).call('tasks.task.complete', { taskId: 1 }))
    expect([auditor.status, auditor.code, auditor.description]).toEqual([400, '0', 'Action on the task is not allowed'])
    const stranger = await failure(caller(store, 7).call('tasks.task.complete', { taskId: 1 }))
    expect(stranger.code).toBe('0')
    const done = (await caller(store, 3, new Date('2026-03-04T08:00:00Z')).call('tasks.task.complete', { taskId: 1 })).result as { task: Record<string, unknown> }
    expect(done.task).toMatchObject({ status: '5', closedBy: '3', closedDate: '2026-03-04T11:00:00+03:00' })
    expect((await failure(caller(store, 3).call('tasks.task.complete', { taskId: 1 }))).code).toBe('0')
  })

  it('updates and deletes', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    await admin.call('tasks.task.add', { fields: { TITLE: 'A', RESPONSIBLE_ID: 3 } })
    const upd = (await caller(store, 3).call('tasks.task.update', { taskId: 1, fields: { DESCRIPTION: 'причина', UF_CRM_TASK: ['D_7'] } })).result as { task: Record<string, unknown> }
    expect(upd.task).toMatchObject({ description: 'причина', ufCrmTask: ['D_7'], changedBy: '3' })
    expect((await failure(caller(store, 3).call('tasks.task.delete', { taskId: 1 }))).code).toBe('1048582')
    expect((await admin.call('tasks.task.delete', { taskId: 1 })).result).toEqual({ task: true })
  })

  it('answers get/complete/delete errors with the codes and texts of their doc pages', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    const manager = caller(store, 3)
    await admin.call('tasks.task.add', { fields: { TITLE: 'Чужая', RESPONSIBLE_ID: 4 } })
    await admin.call('tasks.task.add', { fields: { TITLE: 'Павла', RESPONSIBLE_ID: 3 } })
    const shape = async (method: string, params: Record<string, unknown>, who = manager) => {
      const e = await failure(who.call(method, params))
      return [e.status, e.code, e.description]
    }
    // tasks-task-get.md: no taskId → 100; a taskId of the wrong type → 0 "wrong task id".
    expect(await shape('tasks.task.get', {})).toEqual([400, '100', 'CTaskItem All parameters in the constructor must have real class type (internal error)'])
    expect(await shape('tasks.task.get', { taskId: 'abc' })).toEqual([400, '0', 'wrong task id'])
    expect(await shape('tasks.task.get', { taskId: 0 })).toEqual([400, '0', 'wrong task id'])
    // status/tasks-task-complete.md: missing task, no access and no right all read "Action on the task is not allowed".
    expect(await shape('tasks.task.complete', { taskId: 'abc' })).toEqual([400, '0', 'wrong task id'])
    expect(await shape('tasks.task.complete', { taskId: 404 })).toEqual([400, '0', 'Action on the task is not allowed'])
    expect(await shape('tasks.task.complete', { taskId: 1 })).toEqual([400, '0', 'Action on the task is not allowed'])
    expect(await shape('tasks.task.complete', {})).toEqual([400, '100', 'CTaskItem All parameters in the constructor must have real class type'])
    // tasks-task-delete.md: no access to the task or no right to delete it → 1048582.
    expect(await shape('tasks.task.delete', { taskId: 1 })).toEqual([400, '1048582', 'No access to delete the task'])
    expect(await shape('tasks.task.delete', { taskId: 2 })).toEqual([400, '1048582', 'No access to delete the task'])
    expect(await shape('tasks.task.delete', { taskId: 404 })).toEqual([400, '1048582', 'No access to delete the task'])
    expect(await shape('tasks.task.delete', { taskId: 'abc' })).toEqual([400, '0', 'wrong task id'])
    expect(await shape('tasks.task.delete', {})).toEqual([400, '100', 'CTaskItem All parameters in the constructor must have real class type'])
    expect((await admin.call('tasks.task.get', { taskId: 2 })).result).toMatchObject({ task: { title: 'Павла' } })
  })
})
