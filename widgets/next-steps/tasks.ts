import { dealBinding } from '@/domain/playbook'
import type { DealTask, StageTask, TaskToCreate } from '@/domain/playbook'
import type { TaskDto } from './dto'

/**
 * The deal's tasks as the engine reads them. The app stores each task's idempotency key
 * (from the engine) in its description as `[b24app:<key>]`: the description is a field
 * every portal keeps and returns in tasks.task.list, so the key survives and reads back
 * as the task's `tag`.
 */
const TAG = /\[b24app:(pb:[^\]\s]+)\]/

export function tagOf(description: string | null | undefined): string | null {
  return TAG.exec(description ?? '')?.[1] ?? null
}

export function toDealTask(dto: TaskDto): DealTask {
  return {
    id: Number(dto.id),
    title: dto.title,
    status: Number(dto.status),
    createdAt: dto.createdDate ?? '',
    closedAt: dto.closedDate ?? null,
    deadline: dto.deadline ?? null,
    responsibleId: Number(dto.responsibleId),
    tag: tagOf(dto.description),
  }
}

export { dealBinding }

/**
 * One task the engine wants, as the plan's step makes it (b24restdocs tasks/tasks-task-add.md):
 * the deal bound, the head as auditor, the key as the tag the step puts into the description.
 */
export function stageTask(dealId: number, task: TaskToCreate, fallbackResponsibleId: number): StageTask {
  const responsible = task.responsibleId ?? fallbackResponsibleId
  return {
    key: task.key,
    title: task.title,
    fields: {
      TITLE: task.title,
      RESPONSIBLE_ID: responsible,
      DEADLINE: task.deadline,
      AUDITORS: task.auditorIds.filter((id) => id !== responsible),
      UF_CRM_TASK: [dealBinding(dealId)],
      DESCRIPTION: task.description,
    },
  }
}

/**
 * Open tasks that repeat another task's key: a create whose reply was lost and that the
 * portal still carried out late (or that the SDK repeated on its own). The oldest task
 * of a key stays; later open copies are removed. Closed tasks are never removed.
 */
export function duplicateTaskIds(tasks: readonly DealTask[]): number[] {
  const byKey = new Map<string, DealTask[]>()
  for (const task of tasks) {
    if (!task.tag) continue
    byKey.set(task.tag, [...(byKey.get(task.tag) ?? []), task])
  }
  const extra: number[] = []
  for (const group of byKey.values()) {
    if (group.length < 2) continue
    const sorted = [...group].sort((a, b) => a.id - b.id)
    const keep = sorted.find((t) => t.status === 4 || t.status === 5) ?? sorted[0]
    for (const task of sorted) if (task !== keep && task.status !== 4 && task.status !== 5) extra.push(task.id)
  }
  return extra
}
