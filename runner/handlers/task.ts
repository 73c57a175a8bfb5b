import { connectionOf } from '../portal/app-auth'
import type { BatchJobHandler } from '../tick'

/*
 * Tasks added, changed or closed: the deals they are bound to (UF_CRM_TASK `D_<id>`) are
 * looked at now, so a task closed while its condition does not hold is renewed and the next
 * step starts. ONTASKUPDATE carries only the task's ID, so the bindings are read — for all
 * the turn's tasks in one call (b24restdocs tasks/tasks-task-list.md; a deleted task is
 * simply not listed).
 */

const DEAL_BINDING = /^D_(\d+)$/

export function dealsOfBindings(bindings: unknown): number[] {
  const list = Array.isArray(bindings) ? bindings : bindings ? [bindings] : []
  return [...new Set(list.map((value) => DEAL_BINDING.exec(String(value))?.[1]).filter((id): id is string => !!id).map(Number))]
}

interface TaskRow {
  id: string | number
  ufCrmTask?: unknown
  createdBy?: string | number
  status?: string | number
  createdDate?: string | null
  changedDate?: string | null
  description?: string | null
}

/**
 * A task the runner itself just made, untouched since (its own user, its tag, still new, no
 * change after the create): its deal already knows about it, so waking the deal would only read it again.
 */
export function isOwnFreshTask(task: TaskRow, runnerUserId: number | null): boolean {
  const untouched = Number(task.status) === 2 && !!task.createdDate && task.createdDate === task.changedDate
  return untouched && runnerUserId !== null && Number(task.createdBy) === runnerUserId && /\[b24app:/.test(task.description ?? '')
}

export const taskBatchHandler: BatchJobHandler = async (jobs, { gateway, store, now }) => {
  const reply = await gateway.call<{ tasks: TaskRow[] }>('tasks.task.list', {
    filter: { ID: jobs.map((job) => job.subject) },
    select: ['ID', 'UF_CRM_TASK', 'STATUS', 'CREATED_BY', 'CREATED_DATE', 'CHANGED_DATE', 'DESCRIPTION'],
  })
  const connection = connectionOf(store)
  const runnerUserId = connection.state === 'connected' ? connection.userId : null
  const deals = new Set((reply.tasks ?? []).filter((task) => !isOwnFreshTask(task, runnerUserId)).flatMap((task) => dealsOfBindings(task.ufCrmTask)))
  for (const dealId of deals) await store.schedule({ id: `deal:${dealId}`, kind: 'deal', subject: dealId, dueAt: now.toISOString() })
  return new Map(jobs.map((job) => [job.id, null]))
}
