import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// Tasks and timeline through the SDK.
// Shapes: b24restdocs api-reference/tasks/tasks-task-{add,list,get}.md, api-reference/tasks/status/tasks-task-complete.md,
// api-reference/crm/timeline/comments/crm-timeline-comment-{add,list}.md, api-reference/crm/timeline/activities/todo/crm-activity-todo-add.md.

const sandbox = useTestSandbox({ demo: true, limits: false })

/** The raw reply of a webhook call over plain http (the SDK shows only the status for code "0"). */
const raw = (userId: number, method: string, params: Record<string, unknown>) => webhookRaw(sandbox, userId, method, params)

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'succeeded'
  } catch (error: any) {
    return `${error.status} ${error.code}`
  }
}

describe('tasks bound to a deal', () => {
  it('the head sets a task on manager 3’s deal; an auditor cannot complete it, the responsible can', async () => {
    const deal = DEMO_DEALS.servicesWaitVisit
    const head = B24Hook.fromWebhookUrl(sandbox.webhookUrl(2))
    const added = await head.actions.v2.call.make<any>({
      method: 'tasks.task.add',
      params: {
        fields: {
          TITLE: 'Оформить нестандартный договор',
          RESPONSIBLE_ID: 3,
          AUDITORS: [6],
          CREATED_BY: 6,
          DEADLINE: '2030-01-15T18:00:00+03:00',
          UF_CRM_TASK: [`D_${deal}`],
        },
      },
    })
    const task = added.getData()!.result.task
    expect(task).toMatchObject({ title: 'Оформить нестандартный договор', responsibleId: '3', createdBy: '2', status: '2', auditors: ['6'], ufCrmTask: [`D_${deal}`] })

    const bound = await head.actions.v2.callList.make<any>({
      method: 'tasks.task.list',
      params: { filter: { UF_CRM_TASK: `D_${deal}` }, select: ['ID', 'TITLE', 'STATUS', 'UF_CRM_TASK'] },
      idKey: 'id',
      cursorIdKey: 'ID',
      customKeyForResult: 'tasks',
    })
    expect(bound.isSuccess).toBe(true)
    const titles = (bound.getData() as any[]).map((t) => t.title)
    expect(titles).toContain('Оформить нестандартный договор')
    expect(titles).toContain('Получить подтверждение готовности')

    const auditor = B24Hook.fromWebhookUrl(sandbox.webhookUrl(6))
    expect(await failureOf(auditor.actions.v2.call.make({ method: 'tasks.task.complete', params: { taskId: task.id } }))).toMatch(/^400 /)
    expect(await raw(6, 'tasks.task.complete', { taskId: task.id })).toMatchObject({
      status: 400,
      body: { error: '0', error_description: 'Action on the task is not allowed' },
    })
    const stranger = B24Hook.fromWebhookUrl(sandbox.webhookUrl(4))
    expect((await stranger.actions.v2.call.make<any>({ method: 'tasks.task.get', params: { taskId: task.id } })).getData()!.result).toEqual([])

    const responsible = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    const done = (await responsible.actions.v2.call.make<any>({ method: 'tasks.task.complete', params: { taskId: task.id } })).getData()!.result.task
    expect(done).toMatchObject({ id: task.id, status: '5', closedBy: '3' })
    expect(done.closedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
    const seenByHead = (await head.actions.v2.call.make<any>({ method: 'tasks.task.get', params: { taskId: task.id, select: ['ID', 'STATUS', 'UF_CRM_TASK'] } })).getData()!.result.task
    expect(seenByHead).toMatchObject({ status: '5', ufCrmTask: [`D_${deal}`] })
  })
})

describe('task errors on the wire', () => {
  // b24restdocs api-reference/tasks/tasks-task-get.md, status/tasks-task-complete.md, tasks-task-delete.md.
  it('a stranger cannot delete the head’s task (1048582), a bad taskId is "wrong task id", a missing one is code 100', async () => {
    const head = B24Hook.fromWebhookUrl(sandbox.webhookUrl(2))
    const task = (await head.actions.v2.call.make<any>({ method: 'tasks.task.add', params: { fields: { TITLE: 'Проверить реквизиты', RESPONSIBLE_ID: 3 } } })).getData()!.result.task
    expect(await raw(4, 'tasks.task.delete', { taskId: task.id })).toMatchObject({ status: 400, body: { error: '1048582', error_description: 'No access to delete the task' } })
    expect(await raw(3, 'tasks.task.delete', { taskId: task.id })).toMatchObject({ status: 400, body: { error: '1048582', error_description: 'No access to delete the task' } })
    expect(await raw(4, 'tasks.task.complete', { taskId: task.id })).toMatchObject({ status: 400, body: { error: '0', error_description: 'Action on the task is not allowed' } })
    expect(await raw(3, 'tasks.task.get', { taskId: 'x' })).toMatchObject({ status: 400, body: { error: '0', error_description: 'wrong task id' } })
    expect(await raw(3, 'tasks.task.get', {})).toMatchObject({
      status: 400,
      body: { error: '100', error_description: 'CTaskItem All parameters in the constructor must have real class type (internal error)' },
    })
    expect((await raw(4, 'tasks.task.get', { taskId: task.id })).body.result).toEqual([])
    expect((await raw(2, 'tasks.task.delete', { taskId: task.id })).body.result).toEqual({ task: true })
  })
})

describe('timeline', () => {
  it('records a comment with the caller as author whatever the request says, and a to-do', async () => {
    const deal = DEMO_DEALS.goodsContract
    const approver = B24Hook.fromWebhookUrl(sandbox.webhookUrl(6))
    const id = (await approver.actions.v2.call.make<number>({
      method: 'crm.timeline.comment.add',
      params: { fields: { ENTITY_ID: deal, ENTITY_TYPE: 'deal', COMMENT: 'Договор согласован', AUTHOR_ID: 3, FILES: [['протокол.txt', Buffer.from('ok').toString('base64')]] } },
    })).getData()!.result
    const manager = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    const list = (await manager.actions.v2.call.make<any[]>({
      method: 'crm.timeline.comment.list',
      params: { filter: { ENTITY_ID: deal, ENTITY_TYPE: 'deal' }, order: { ID: 'DESC' } },
    })).getData()!.result
    expect(list[0]).toMatchObject({ ID: String(id), AUTHOR_ID: '6', COMMENT: 'Договор согласован', ENTITY_TYPE: 'deal' })
    expect(Object.values(list[0].FILES)).toEqual([expect.objectContaining({ name: 'протокол.txt', authorId: 6 })])
    expect(await failureOf(manager.actions.v2.call.make({ method: 'crm.timeline.comment.update', params: { id, fields: { COMMENT: 'Отклонено' } } }))).toBe('400 ACCESS_DENIED')
    const todo = await manager.actions.v2.call.make<any>({ method: 'crm.activity.todo.add', params: { ownerTypeId: 2, ownerId: deal, deadline: '2030-02-03T15:00:00', title: 'Созвон с юристом' } })
    expect(todo.getData()!.result).toEqual({ id: expect.any(Number) })
  })
})
