import { parseTask, parseTaskRows } from '@/b24/approvals/dto'
import { settingsCommand, TASK_SELECT } from '@/b24/approvals/reads'
import { command, type Gateway } from '@/b24/gateway'
import { parseCurrentUser, parseUsers } from '@/b24/users'
import { decodeMarker, PAYOUT_TASK_TITLE, TRIP_DECISION_TITLE_PREFIX, type ApprovalSettings, type TaskRecord } from '@/domain/approvals'

/** A task the runner was told about that records a trip decision: the decision and the request it names. */
export interface DecisionTask {
  task: TaskRecord
  requestTaskId: number
}

/**
 * Which of the turn's added tasks record a trip decision, read in one call (b24restdocs
 * tasks-task-list.md; a deleted or hidden task is simply not listed): task ID → the decision.
 */
export async function readDecisionTasks(gateway: Gateway, taskIds: readonly number[]): Promise<Map<number, DecisionTask>> {
  const tasks = await gateway.call('tasks.task.list', { filter: { ID: [...taskIds] }, select: TASK_SELECT }, { parse: parseTaskRows })
  const decisions = new Map<number, DecisionTask>()
  for (const task of tasks) {
    if (!task.title.startsWith(TRIP_DECISION_TITLE_PREFIX)) continue
    const decoded = decodeMarker(task.description)
    if (decoded.status === 'ok' && decoded.marker.t === 'trip-decision') decisions.set(task.id, { task, requestTaskId: decoded.marker.request })
  }
  return decisions
}

export interface TripFacts {
  me: number
  settings: ApprovalSettings
  /** The request and the decisions its approver recorded up to this one (replayTrips decides which counts). */
  tasks: TaskRecord[]
  /** The accountant's «Выдать ДС для командировки» tasks made after the request (the first 50). */
  payoutCandidates: TaskRecord[]
  initiatorName: string
}

/** One batch: who the runner is, who decides, the request, its decisions, the payout candidates and the traveller's name. */
export async function readTripFacts(gateway: Gateway, decision: DecisionTask): Promise<TripFacts | null> {
  const requestId = decision.requestTaskId
  const screen = await gateway.loadScreen({
    me: command('user.current', {}, parseCurrentUser),
    settings: settingsCommand(),
    request: command('tasks.task.get', { taskId: requestId, select: TASK_SELECT }, parseTask),
    decisions: command(
      'tasks.task.list',
      { filter: { '>ID': requestId, '<=ID': decision.task.id, CREATED_BY: decision.task.createdBy }, select: TASK_SELECT, order: { ID: 'ASC' } },
      parseTaskRows,
    ),
    payouts: command(
      'tasks.task.list',
      { filter: { '>ID': requestId, TITLE: PAYOUT_TASK_TITLE }, select: [...TASK_SELECT, 'DEADLINE'], order: { ID: 'ASC' } },
      parseTaskRows,
    ),
    // b24restdocs user-get.md; the request's creator is its initiator
    initiator: command('user.get', { ID: '$result[request][task][createdBy]' }, parseUsers),
  })
  // A request deleted or hidden meanwhile: nothing to finish. Any other failure is thrown (the job is tried again).
  const request = screen.value('request')
  if (!request) return null
  return {
    me: screen.value('me'),
    settings: screen.value('settings'),
    tasks: [request, ...screen.value('decisions')],
    payoutCandidates: screen.value('payouts'),
    initiatorName: screen.optional('initiator')?.find((user) => user.id === request.createdBy)?.name ?? `#${request.createdBy}`,
  }
}
