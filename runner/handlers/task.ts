import { command, type Gateway } from '@/b24/gateway'
import { connectionOf } from '../portal/app-auth'
import type { BatchJobHandler } from '../tick'

/*
 * Tasks added, changed or closed: the deals they are bound to (UF_CRM_TASK `D_<id>`) are
 * looked at now, so a task closed while its condition does not hold is renewed and the next
 * step starts. ONTASKUPDATE carries only the task's ID, so the bindings are read — for up to
 * TASK_JOBS tasks in one request, 50 IDs a command (b24restdocs tasks/tasks-task-list.md answers
 * 50 rows a page; a deleted task is simply not listed).
 */

const IDS_PER_COMMAND = 50
/** Tasks whose bindings one batch request reads: 50 commands of 50 IDs. */
export const TASK_JOBS = 50 * IDS_PER_COMMAND
const TASK_SELECT = ['ID', 'UF_CRM_TASK', 'STATUS', 'CREATED_BY', 'CREATED_DATE', 'CHANGED_DATE', 'DESCRIPTION']

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

const taskRows = (raw: unknown): TaskRow[] => ((raw && typeof raw === 'object' ? (raw as { tasks?: unknown }).tasks : null) as TaskRow[] | null) ?? []

async function readTasks(gateway: Gateway, ids: readonly number[]): Promise<TaskRow[]> {
  const commands = Object.fromEntries(
    Array.from({ length: Math.ceil(ids.length / IDS_PER_COMMAND) }, (_, index) => [
      `tasks${index}`,
      command('tasks.task.list', { filter: { ID: ids.slice(index * IDS_PER_COMMAND, (index + 1) * IDS_PER_COMMAND) }, select: TASK_SELECT }, taskRows),
    ]),
  )
  const reply = await gateway.loadScreen(commands)
  // A command the portal refused fails the group: its jobs are tried again, none is dropped unread.
  return Object.keys(commands).flatMap((name) => reply.value(name as never) as TaskRow[])
}

export const taskBatchHandler: BatchJobHandler = async (jobs, { gateway, store, now }) => {
  const tasks = await readTasks(gateway, jobs.map((job) => job.subject))
  const connection = connectionOf(store)
  const runnerUserId = connection.state === 'connected' ? connection.userId : null
  const deals = new Set(tasks.filter((task) => !isOwnFreshTask(task, runnerUserId)).flatMap((task) => dealsOfBindings(task.ufCrmTask)))
  for (const dealId of deals) await store.schedule({ id: `deal:${dealId}`, kind: 'deal', subject: dealId, dueAt: now.toISOString() })
  return new Map(jobs.map((job) => [job.id, null]))
}
