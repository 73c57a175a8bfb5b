import { toGatewayError } from '@/b24/gateway'
import type { JobHandler } from '../tick'

/*
 * A task was added, changed or closed: the deals it is bound to (UF_CRM_TASK `D_<id>`) are
 * looked at now, so a task closed while its condition does not hold is renewed and the next
 * step starts (b24restdocs tasks/tasks-task-get.md; ONTASKUPDATE carries only the task ID).
 */

const DEAL_BINDING = /^D_(\d+)$/

export function dealsOfBindings(bindings: unknown): number[] {
  const list = Array.isArray(bindings) ? bindings : bindings ? [bindings] : []
  return [...new Set(list.map((value) => DEAL_BINDING.exec(String(value))?.[1]).filter((id): id is string => !!id).map(Number))]
}

export const taskJobHandler: JobHandler = async (job, { gateway, store, now }) => {
  let task: { ufCrmTask?: unknown; UF_CRM_TASK?: unknown }
  try {
    task = (await gateway.call<{ task: typeof task }>('tasks.task.get', { taskId: job.subject, select: ['ID', 'UF_CRM_TASK'] })).task ?? {}
  } catch (raw) {
    // Deleted, or not visible to the app: nothing to follow.
    if (['notFound', 'access'].includes(toGatewayError(raw).kind)) return null
    throw raw
  }
  for (const dealId of dealsOfBindings(task.ufCrmTask ?? task.UF_CRM_TASK)) {
    await store.schedule({ id: `deal:${dealId}`, kind: 'deal', subject: dealId, dueAt: now.toISOString() })
  }
  return null
}
