import { describe, expect, it } from 'vitest'
import { createGateway, GatewayError } from '@/b24/gateway'
import type { BatchReply, Params, RestTransport } from '@/b24/gateway'
import { composeRecordText, contractKeys, decodeMarker, type Effect } from '@/domain/approvals'
import { runEffects } from './run-effects'

// In-memory REST with the portal's author stamping: crm.timeline.comment.add/list
// (b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-{add,list}.md),
// tasks.task.add/list/complete/get (api-reference/tasks/tasks-task-*.md), im.notify.personal.add.
function fakePortal(caller: number, failing: Set<string> = new Set()) {
  const comments: { ID: number; ENTITY_ID: number; AUTHOR_ID: number; CREATED: string; COMMENT: string }[] = []
  const tasks: Record<string, string | string[]>[] = []
  const calls: string[] = []
  let nextId = 100
  const handle = (method: string, params: Params): unknown => {
    calls.push(method)
    if (failing.has(method)) throw new GatewayError('access', 'ACCESS_DENIED', 'Access denied', 403)
    switch (method) {
      case 'crm.timeline.comment.add': {
        const fields = params.fields as Record<string, unknown>
        const id = nextId++
        comments.push({ ID: id, ENTITY_ID: Number(fields.ENTITY_ID), AUTHOR_ID: caller, CREATED: '2026-03-01T10:00:00+03:00', COMMENT: String(fields.COMMENT) })
        return id
      }
      case 'crm.timeline.comment.list': {
        const filter = params.filter as Record<string, unknown>
        return comments.filter((c) => c.ENTITY_ID === Number(filter.ENTITY_ID)).map((c) => ({ ...c, ID: String(c.ID), AUTHOR_ID: String(c.AUTHOR_ID) }))
      }
      case 'tasks.task.add': {
        const fields = params.fields as Record<string, unknown>
        const task = {
          id: String(nextId++), title: String(fields.TITLE), description: String(fields.DESCRIPTION ?? ''),
          createdBy: String(caller), responsibleId: String(fields.RESPONSIBLE_ID), createdDate: '2026-03-01T10:00:00+03:00',
          status: '2', auditors: ((fields.AUDITORS as number[] | undefined) ?? []).map(String),
        }
        tasks.push(task)
        return { task }
      }
      case 'tasks.task.list': {
        const filter = params.filter as Record<string, unknown>
        return { tasks: tasks.filter((t) => String(filter.CREATED_BY) === t.createdBy && String(filter.RESPONSIBLE_ID) === t.responsibleId) }
      }
      case 'tasks.task.complete': {
        const task = tasks.find((t) => t.id === String(params.taskId))
        if (!task || task.status === '5') throw new GatewayError('unknown', '0', 'Action on the task is not allowed', 400)
        task.status = '5'
        return { task }
      }
      case 'tasks.task.get':
        return { task: tasks.find((t) => t.id === String(params.taskId)) }
      default:
        return true
    }
  }
  const transport: RestTransport = {
    async call(method, params) {
      return handle(method, params)
    },
    async batch(commands) {
      const reply: BatchReply = { results: {}, errors: {} }
      for (const [name, [method, params]] of Object.entries(commands)) reply.results[name] = handle(method, params)
      return reply
    },
  }
  return { gateway: createGateway(transport, { sleep: async () => {} }), comments, tasks, calls, forge: (author: number, dealId: number, text: string) => comments.push({ ID: nextId++, ENTITY_ID: dealId, AUTHOR_ID: author, CREATED: 'x', COMMENT: text }) }
}

const APPROVER = 6
const approveKey = contractKeys.record(12, 1, 'approve')
const approvePlan: Effect[] = [
  { kind: 'timeline-comment', key: approveKey, dealId: 12, text: composeRecordText('Согласовано', { t: 'contract', a: 'approve', deal: 12, round: 1, key: approveKey }) },
  { kind: 'notify', key: 'n1', userId: 3, message: 'ok' },
  { kind: 'cache-state', key: 'c1', dealId: 12, status: 'approved', round: 1 },
]

describe('running an approval plan against REST', () => {
  it('writes the record once however often the plan runs', async () => {
    const portal = fakePortal(APPROVER)
    await runEffects(portal.gateway, APPROVER, approvePlan)
    await runEffects(portal.gateway, APPROVER, approvePlan)
    expect(portal.comments).toHaveLength(1)
    expect(portal.comments[0]?.AUTHOR_ID).toBe(APPROVER)
  })

  it('a comment by someone else carrying the key does not suppress the real record', async () => {
    const portal = fakePortal(APPROVER)
    portal.forge(3, 12, approvePlan[0]!.kind === 'timeline-comment' ? approvePlan[0]!.text : '')
    await runEffects(portal.gateway, APPROVER, approvePlan)
    const byApprover = portal.comments.filter((c) => c.AUTHOR_ID === APPROVER)
    expect(byApprover).toHaveLength(1)
    const decoded = decodeMarker(byApprover[0]!.COMMENT)
    expect(decoded.status === 'ok' && decoded.marker.key).toBe(approveKey)
  })

  it('follow-ups that fail become warnings; the record stands', async () => {
    const portal = fakePortal(APPROVER, new Set(['crm.deal.update']))
    const outcome = await runEffects(portal.gateway, APPROVER, approvePlan)
    expect(portal.comments).toHaveLength(1)
    expect(outcome.warnings.map((w) => w.effect.kind)).toEqual(['cache-state'])
    expect(portal.calls).toContain('im.notify.personal.add')
  })

  it('a failing record stops the plan', async () => {
    const portal = fakePortal(APPROVER, new Set(['crm.timeline.comment.add']))
    await expect(runEffects(portal.gateway, APPROVER, approvePlan)).rejects.toMatchObject({ code: 'ACCESS_DENIED' })
    expect(portal.calls).not.toContain('im.notify.personal.add')
  })

  it('creates a task with its key tag, completes a record task at once, and tolerates completing twice', async () => {
    const portal = fakePortal(APPROVER)
    const plan: Effect[] = [
      { kind: 'create-task', key: 'apr:trip:5:decision', title: 'Решение', responsibleId: APPROVER, description: 'd', crm: [], auditors: [3], completeOnCreate: true },
    ]
    await runEffects(portal.gateway, APPROVER, plan)
    await runEffects(portal.gateway, APPROVER, plan)
    expect(portal.tasks).toHaveLength(1)
    expect(portal.tasks[0]).toMatchObject({ status: '5', createdBy: String(APPROVER), auditors: ['3'] })
    expect(portal.tasks[0]?.description).toContain('[b24app:apr:trip:5:decision]')
    const id = Number(portal.tasks[0]!.id)
    const outcome = await runEffects(portal.gateway, APPROVER, [
      { kind: 'notify', key: 'n', userId: 3, message: 'm' },
      { kind: 'complete-task', key: 'again', taskId: id },
    ])
    expect(outcome.warnings).toEqual([])
  })
})
