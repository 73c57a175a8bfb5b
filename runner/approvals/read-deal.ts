import { parseDeal, parseTaskRows, type DealRow } from '@/b24/approvals/dto'
import { commentsCommand, restOfComments, settingsCommand, TASK_SELECT } from '@/b24/approvals/reads'
import { command, type Gateway } from '@/b24/gateway'
import { parseCurrentUser } from '@/b24/users'
import { decodeMarker, type ApprovalSettings, type TaskRecord, type TimelineRecord } from '@/domain/approvals'

/** What the runner reads of a deal to keep its approvers' to-do tasks right. */
export interface DealApprovalFacts {
  /** The runner's own user (the app's install admin): the tasks it made carry CREATED_BY = this. */
  me: number
  settings: ApprovalSettings
  deal: DealRow
  comments: TimelineRecord[]
  /** The deal's newest 50 tasks the runner created (its approver tasks among them). */
  runnerTasks: TaskRecord[]
}

const gone = (kind: string) => kind === 'notFound' || kind === 'access'

/** The deal an approval record is on, when the comment carries a contract or report marker and belongs to a deal. */
function dealOfRecord(raw: unknown): number | null {
  const comment = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>
  const dealId = Number(comment.ENTITY_ID)
  if (String(comment.ENTITY_TYPE ?? '').toLowerCase() !== 'deal' || !Number.isInteger(dealId) || dealId <= 0) return null
  const decoded = decodeMarker(typeof comment.COMMENT === 'string' ? comment.COMMENT : '')
  return decoded.status === 'ok' && (decoded.marker.t === 'contract' || decoded.marker.t === 'report') ? dealId : null
}

/**
 * The deals the turn's added comments put approval records on (the event names only the
 * comment, b24restdocs crm/timeline/comments/events/on-Crm-Timeline-Comment-Add.md), the
 * comments read in one batch (crm-timeline-comment-get.md: ENTITY_TYPE, ENTITY_ID, COMMENT):
 * comment ID → deal ID. A comment deleted since is skipped; any other failure is thrown.
 */
export async function dealsOfApprovalComments(gateway: Gateway, commentIds: readonly number[]): Promise<Map<number, number>> {
  const screen = await gateway.loadScreen(Object.fromEntries(commentIds.map((id) => [`c${id}`, command('crm.timeline.comment.get', { id }, dealOfRecord)])))
  const deals = new Map<number, number>()
  for (const id of commentIds) {
    const error = screen.errors[`c${id}`]
    if (error && !gone(error.kind)) throw error
    const dealId = screen.optional(`c${id}`)
    if (dealId) deals.set(id, dealId)
  }
  return deals
}

/** One batch (then the rest of a long timeline); null when the deal is gone or hidden. */
export async function readDealApprovals(gateway: Gateway, dealId: number): Promise<DealApprovalFacts | null> {
  const screen = await gateway.loadScreen({
    me: command('user.current', {}, parseCurrentUser),
    settings: settingsCommand(),
    deal: command('crm.deal.get', { id: dealId }, parseDeal),
    comments: commentsCommand(dealId),
    // b24restdocs tasks-task-list.md: CREATED_BY is set by the portal, so only the runner's own tasks come back.
    runnerTasks: command(
      'tasks.task.list',
      { filter: { UF_CRM_TASK: `D_${dealId}`, CREATED_BY: '$result[me][ID]' }, select: TASK_SELECT, order: { ID: 'DESC' } },
      parseTaskRows,
    ),
  })
  const dealError = screen.errors.deal
  if (dealError && gone(dealError.kind)) return null
  return {
    me: screen.value('me'),
    settings: screen.value('settings'),
    deal: screen.value('deal'),
    comments: await restOfComments(gateway, dealId, screen.value('comments')),
    runnerTasks: screen.value('runnerTasks'),
  }
}
