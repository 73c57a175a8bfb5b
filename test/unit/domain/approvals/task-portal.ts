import { GatewayError } from '@/b24/gateway'
import type { BatchReply, Params, RestTransport } from '@/b24/gateway'
import type { TaskRecord, TimelineRecord } from '@/domain/approvals'

/**
 * A REST portal for the approval plans under faults: tasks (tasks.task.add/list/complete,
 * b24restdocs api-reference/tasks/*), deal timeline comments, notices with TAG
 * (im-notify-personal-add.md: a new notice with the same tag replaces the old one) and the deal
 * state cache. Every record is stamped with the caller, as the portal does. A fault makes the
 * next `count` calls of a method fail with 500 before they write, or write and lose the reply.
 */
export type PortalFault = { method: string; kind: 'error' | 'lost'; count: number }

export function taskPortal() {
  const tasks: (TaskRecord & { auditors: number[]; crm: string[] })[] = []
  const comments: (TimelineRecord & { dealId: number })[] = []
  const notices: { userId: number; from: number; tag: string; message: string }[] = []
  const deals = new Map<number, Record<string, unknown>>()
  const faults: PortalFault[] = []
  let nextId = 100
  let requests = 0
  let clock = Date.parse('2026-12-06T09:00:00Z')
  const now = () => new Date((clock += 1000)).toISOString()

  function take(method: string): PortalFault | undefined {
    const fault = faults.find((f) => f.method === method && f.count > 0)
    if (fault) fault.count--
    return fault
  }

  const taskView = (t: (typeof tasks)[number]) => ({
    id: String(t.id), title: t.title, description: t.description, createdBy: String(t.createdBy), responsibleId: String(t.responsibleId),
    createdDate: t.createdDate, status: String(t.status), changedBy: String(t.changedBy ?? t.createdBy),
  })

  function run(caller: number, method: string, params: Params): unknown {
    const fields = (params.fields ?? {}) as Record<string, unknown>
    switch (method) {
      case 'tasks.task.add': {
        const task = {
          id: nextId++, title: String(fields.TITLE), description: String(fields.DESCRIPTION ?? ''), createdBy: caller,
          responsibleId: Number(fields.RESPONSIBLE_ID), createdDate: now(), status: Number(fields.STATUS ?? 2), changedBy: caller,
          auditors: (fields.AUDITORS as number[] | undefined) ?? [], crm: (fields.UF_CRM_TASK as string[] | undefined) ?? [],
        }
        tasks.push(task)
        return { task: taskView(task) }
      }
      case 'tasks.task.list': {
        const filter = (params.filter ?? {}) as Record<string, unknown>
        const match = (t: (typeof tasks)[number]) =>
          (filter.ID === undefined || Number(filter.ID) === t.id) &&
          (filter.REAL_STATUS === undefined || Number(filter.REAL_STATUS) === t.status) &&
          (filter.CREATED_BY === undefined || Number(filter.CREATED_BY) === t.createdBy) &&
          (filter.RESPONSIBLE_ID === undefined || Number(filter.RESPONSIBLE_ID) === t.responsibleId)
        return { tasks: tasks.filter(match).sort((a, b) => b.id - a.id).map(taskView) }
      }
      case 'tasks.task.complete': {
        const task = tasks.find((t) => t.id === Number(params.taskId))
        // tasks-task-complete.md: a completed (or missing) task answers «Action on the task is not allowed».
        if (!task || task.status === 5) throw new GatewayError('unknown', '0', 'Action on the task is not allowed', 400)
        task.status = 5
        task.changedBy = caller
        return { task: taskView(task) }
      }
      case 'crm.timeline.comment.add': {
        const id = nextId++
        comments.push({ id, dealId: Number(fields.ENTITY_ID), authorId: caller, created: now(), text: String(fields.COMMENT) })
        return id
      }
      case 'crm.timeline.comment.list': {
        const filter = (params.filter ?? {}) as Record<string, unknown>
        return comments.filter((c) => c.dealId === Number(filter.ENTITY_ID)).reverse().map((c) => ({ ID: String(c.id), COMMENT: c.text, AUTHOR_ID: String(c.authorId) }))
      }
      case 'im.notify.personal.add': {
        const tag = String(params.TAG ?? '')
        for (let i = notices.length - 1; i >= 0; i--) if (tag && notices[i]!.tag === tag && notices[i]!.userId === Number(params.USER_ID)) notices.splice(i, 1)
        notices.push({ userId: Number(params.USER_ID), from: caller, tag, message: String(params.MESSAGE) })
        return nextId++
      }
      case 'crm.deal.update':
        deals.set(Number(params.id), { ...deals.get(Number(params.id)), ...fields })
        return true
      default:
        throw new GatewayError('unknown', 'ERROR_METHOD_NOT_FOUND', method, 404)
    }
  }

  function one(caller: number, method: string, params: Params): { ok: true; value: unknown } | { ok: false; error: GatewayError } {
    const fault = take(method)
    if (fault?.kind === 'error') return { ok: false, error: new GatewayError('unknown', 'INTERNAL_SERVER_ERROR', 'Internal server error', 500) }
    try {
      const value = run(caller, method, params)
      if (fault?.kind === 'lost') return { ok: false, error: new GatewayError('unknown', 'INTERNAL_SERVER_ERROR', 'Internal server error', 500) }
      return { ok: true, value }
    } catch (error) {
      return { ok: false, error: error as GatewayError }
    }
  }

  /** The REST of one user. */
  function as(caller: number): RestTransport {
    return {
      async call(method, params) {
        requests++
        const outcome = one(caller, method, params)
        if (!outcome.ok) throw outcome.error
        return outcome.value
      },
      async batch(commands, { halt }) {
        requests++
        const reply: BatchReply = { results: {}, errors: {} }
        const done = new Map<string, unknown>()
        for (const [name, [method, params]] of Object.entries(commands)) {
          const resolved = JSON.parse(
            JSON.stringify(params).replace(/"\$result\[([^\]]+)\]((?:\[[^\]]+\])*)"/g, (_, key: string, path: string) => {
              let value = done.get(key)
              for (const [, segment] of path.matchAll(/\[([^\]]+)\]/g)) value = (value as Record<string, unknown> | undefined)?.[segment!]
              return JSON.stringify(value ?? null)
            }),
          ) as Params
          const outcome = one(caller, method, resolved)
          if (outcome.ok) {
            reply.results[name] = outcome.value
            done.set(name, outcome.value)
          } else {
            reply.errors[name] = outcome.error
            if (halt) break
          }
        }
        return reply
      },
    }
  }

  return { as, tasks, comments, notices, deals, faults, now, get requests() { return requests } }
}
