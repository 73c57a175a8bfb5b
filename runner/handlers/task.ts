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

export const taskBatchHandler: BatchJobHandler = async (jobs, { gateway, store, now }) => {
  const reply = await gateway.call<{ tasks: { id: string | number; ufCrmTask?: unknown }[] }>('tasks.task.list', {
    filter: { ID: jobs.map((job) => job.subject) },
    select: ['ID', 'UF_CRM_TASK'],
  })
  const deals = new Set((reply.tasks ?? []).flatMap((task) => dealsOfBindings(task.ufCrmTask)))
  for (const dealId of deals) await store.schedule({ id: `deal:${dealId}`, kind: 'deal', subject: dealId, dueAt: now.toISOString() })
  return new Map(jobs.map((job) => [job.id, null]))
}
