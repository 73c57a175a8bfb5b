import { idempotencyTag } from '@/domain/write-plan'
import { replayContract, type ContractReplay, type DealFacts, type TimelineRecord } from './contract-replay'
import { approverTaskDeadline } from './deadlines'
import { roundKeys, type Effect, type RoundProcess } from './effects'
import { approverTaskDescription, approverTaskTitle } from './record-text'
import { replayReport } from './report-replay'
import type { ApprovalSettings } from './settings'
import type { TaskRecord } from './trip-replay'
import type { FileVersion } from './types'

export interface ApproverTaskInput {
  process: RoundProcess
  deal: { id: number; title: string }
  /** The process as the deal's timeline records it. */
  replay: ContractReplay
  /** The deal's tasks the runner itself created (CREATED_BY is the portal's): nobody else's task counts as the approver's to-do. */
  runnerTasks: readonly TaskRecord[]
  now: Date
}

/** The runner's tasks that carry one key (a retried create may have left two). */
function tasksWithKey(tasks: readonly TaskRecord[], key: string): TaskRecord[] {
  const tag = idempotencyTag(key)
  return tasks.filter((task) => task.description.includes(tag))
}

/**
 * What the approver's to-do tasks of a round process need now (the runner's side of A1 and of
 * the report): the round waiting for a decision has exactly one task for the approver, with a
 * deadline, keyed by deal and round; every other round's task (decided, or overtaken) is closed.
 * Nothing for a round that already has its task, so running this again creates nothing.
 */
export function approverTaskEffects(input: ApproverTaskInput): Effect[] {
  const { process, deal, replay, runnerTasks, now } = input
  const keys = roundKeys(process)
  const { state, roles } = replay
  const effects: Effect[] = []
  for (const round of state.rounds) {
    const key = keys.approverTask(deal.id, round.n)
    const existing = tasksWithKey(runnerTasks, key)
    const waiting = state.status === 'submitted' && round.n === state.rounds.length && round.decision === null
    if (waiting) {
      if (existing.length === 0 && roles.approver !== null) {
        effects.push({
          kind: 'create-task',
          key,
          title: approverTaskTitle(process, deal.title, round.n),
          responsibleId: roles.approver,
          description: approverTaskDescription(process, deal.title, round.n),
          crm: [`D_${deal.id}`],
          deadline: approverTaskDeadline(round.submittedAt, now),
        })
      }
      continue
    }
    for (const task of existing) {
      if (task.status !== 5) effects.push({ kind: 'complete-task', key: `${key}:close:${task.id}`, taskId: task.id })
    }
  }
  return effects
}

export interface DealApprovalsInput {
  deal: DealFacts & { title: string; reportFile: FileVersion | null }
  comments: readonly TimelineRecord[]
  settings: ApprovalSettings
  runnerTasks: readonly TaskRecord[]
  now: Date
}

/** Both round processes of a deal (contract, measurement report), replayed from its timeline. */
export function dealApproverTaskEffects(input: DealApprovalsInput): Effect[] {
  const { deal, comments, settings, runnerTasks, now } = input
  const target = { id: deal.id, title: deal.title }
  const contract = replayContract(deal, comments, settings)
  const report = replayReport({ ...deal, file: deal.reportFile }, comments, settings)
  return [
    ...approverTaskEffects({ process: 'contract', deal: target, replay: contract, runnerTasks, now }),
    ...approverTaskEffects({ process: 'report', deal: target, replay: report, runnerTasks, now }),
  ]
}
