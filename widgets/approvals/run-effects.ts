import { idempotencyTag, toGatewayError } from '@/b24/gateway'
import type { Gateway, GatewayError } from '@/b24/gateway'
import type { Effect } from '@/domain/approvals'
import { APPROVAL_FIELDS } from '@/domain/fields/approvals'
import { parseComments, parseTask, parseTaskRows } from './dto'
import { commentWithKey, PAGE, TASK_SELECT, taskWithKey } from './data'

export interface EffectsOutcome {
  /** Follow-ups that failed after the record was written (shown as warnings; a reopen retries). */
  warnings: { effect: Effect; error: GatewayError }[]
}

/**
 * An earlier write of this step by ME. Comments by others never match: otherwise anyone
 * could pre-write a comment carrying the key and silently suppress the real decision.
 */
async function findComment(gateway: Gateway, me: number, dealId: number, key: string): Promise<number | null> {
  for (let start = 0; ; start += PAGE) {
    const page = parseComments(
      await gateway.call('crm.timeline.comment.list', {
        filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' },
        select: ['ID', 'CREATED', 'COMMENT', 'AUTHOR_ID'],
        order: { ID: 'DESC' },
        start,
      }),
    )
    const found = commentWithKey(page.filter((comment) => comment.authorId === me), key)
    if (found) return found.id
    if (page.length < PAGE) return null
  }
}

async function findTask(gateway: Gateway, me: number, responsibleId: number, key: string): Promise<number | null> {
  const rows = parseTaskRows(
    await gateway.call('tasks.task.list', {
      filter: { CREATED_BY: me, RESPONSIBLE_ID: responsibleId },
      select: TASK_SELECT,
      order: { ID: 'DESC' },
    }),
  )
  return taskWithKey(rows, key)?.id ?? null
}

/** b24restdocs api-reference/tasks/status/tasks-task-complete.md; an already completed task is fine. */
async function completeTask(gateway: Gateway, taskId: number): Promise<void> {
  try {
    await gateway.call('tasks.task.complete', { taskId })
  } catch (error) {
    const task = parseTask(await gateway.call('tasks.task.get', { taskId, select: TASK_SELECT }))
    if (task?.status !== 5) throw error
  }
}

async function runOne(gateway: Gateway, me: number, effect: Effect): Promise<void> {
  switch (effect.kind) {
    case 'timeline-comment':
      // b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-add.md: AUTHOR_ID is the caller
      await gateway.createOnce(
        effect.key,
        async () => Number(await gateway.call('crm.timeline.comment.add', {
          fields: { ENTITY_ID: effect.dealId, ENTITY_TYPE: 'deal', COMMENT: effect.text },
        })),
        () => findComment(gateway, me, effect.dealId, effect.key),
      )
      return
    case 'create-task':
      // b24restdocs api-reference/tasks/tasks-task-add.md: CREATED_BY defaults to the caller (never sent here)
      const created = await gateway.createOnce(
        effect.key,
        async () => {
          const fields: Record<string, unknown> = {
            TITLE: effect.title,
            RESPONSIBLE_ID: effect.responsibleId,
            DESCRIPTION: `${effect.description}\n${idempotencyTag(effect.key)}`,
          }
          if (effect.crm.length > 0) fields.UF_CRM_TASK = effect.crm
          if (effect.auditors?.length) fields.AUDITORS = effect.auditors
          return parseTask(await gateway.call('tasks.task.add', { fields }))?.id ?? 0
        },
        () => findTask(gateway, me, effect.responsibleId, effect.key),
      )
      if (effect.completeOnCreate && created.record > 0) await completeTask(gateway, created.record)
      return
    case 'complete-task':
      await completeTask(gateway, effect.taskId)
      return
    case 'notify':
      // b24restdocs api-reference/chats/notifications/im-notify-personal-add.md: TAG replaces an older copy
      await gateway.call('im.notify.personal.add', { USER_ID: effect.userId, MESSAGE: effect.message, TAG: effect.key })
      return
    case 'cache-state':
      await gateway.call('crm.deal.update', {
        id: effect.dealId,
        fields: { [APPROVAL_FIELDS.state]: effect.status, [APPROVAL_FIELDS.round]: effect.round },
      })
      return
  }
}

/**
 * Runs a plan in order. The first effect is the record: if it fails, nothing else runs
 * and the error goes to the caller. Later effects are follow-ups: each failure is kept as
 * a warning and the rest still run (keys make a later retry safe).
 */
export async function runEffects(gateway: Gateway, me: number, effects: readonly Effect[]): Promise<EffectsOutcome> {
  const [record, ...rest] = effects
  if (!record) return { warnings: [] }
  await runOne(gateway, me, record)
  const warnings: EffectsOutcome['warnings'] = []
  for (const effect of rest) {
    try {
      await runOne(gateway, me, effect)
    } catch (error) {
      warnings.push({ effect, error: toGatewayError(error) })
    }
  }
  return { warnings }
}
