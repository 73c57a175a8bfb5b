import { dealBinding, stageTaskFields } from '@/domain/playbook'
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

/** One task the engine wants, as the plan's step makes it (b24restdocs tasks/tasks-task-add.md). */
export function stageTask(dealId: number, task: TaskToCreate, fallbackResponsibleId: number): StageTask {
  return { key: task.key, title: task.title, fields: stageTaskFields(dealId, task, fallbackResponsibleId) }
}
