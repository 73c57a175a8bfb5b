import type { ContractState } from './contract-machine'
import type { ContractReplay } from './contract-replay'
import type { ContractRoles } from './contract-rules'
import { contractKeys, type Effect } from './effects'
import type { ContractAction } from './marker'
import {
  approvedNotice,
  contractLines,
  DRAFT_TASK_TITLE,
  draftTaskDescription,
  FIX_TASK_TITLE,
  fixTaskDescription,
  submittedNotice,
} from './record-text'
import { cacheEffect, recordRoundStep, type ContractStep, type RoundPlanError } from './round-plan'
import type { UserId } from './types'

export type { ContractStep } from './round-plan'

export interface ContractPlanContext {
  deal: { id: number; title: string }
  replay: ContractReplay
  actor: UserId
  at: string
  /** Open tasks of the process, so the step can close them (ids from the portal). */
  draftTaskId?: number | null
  fixTaskId?: number | null
}

export type ContractPlanError = RoundPlanError

export type ContractPlan =
  | { ok: true; effects: Effect[] }
  | { ok: false; error: ContractPlanError }

/** What a step's record is followed by, once the portal holds the record. */
export interface ContractFollowUpContext {
  deal: { id: number; title: string }
  roles: ContractRoles
  /** The state the record put the process in. */
  state: ContractState
  action: ContractAction
  /** Open tasks of the process (ids from the portal). */
  draftTaskId?: number | null
  fixTaskId?: number | null
}

/**
 * The follow-ups of a recorded step, in the order that keeps every prefix readable: tasks and
 * notices first, the deal's state cache last. The cache is the only one of them the screens can
 * read back cheaply, so «the cache disagrees with the records» marks a step whose follow-ups
 * did not all reach the portal (`contractUnfinished`), and finishing them is this same list.
 */
export function contractFollowUps(context: ContractFollowUpContext): Effect[] {
  const { deal, roles, state, action } = context
  const round = state.rounds.length
  const current = state.rounds[round - 1]
  const cache = cacheEffect('contract', deal.id, state)
  switch (action) {
    case 'start':
      return [
        {
          kind: 'create-task',
          key: contractKeys.draftTask(deal.id),
          title: DRAFT_TASK_TITLE,
          responsibleId: roles.responsible,
          description: draftTaskDescription(deal.title),
          crm: [`D_${deal.id}`],
        },
        cache,
      ]
    case 'submit':
    case 'resubmit': {
      const effects: Effect[] = []
      const openTask = action === 'submit' ? context.draftTaskId : context.fixTaskId
      if (openTask) effects.push({ kind: 'complete-task', key: `${contractKeys.record(deal.id, round, action)}:close`, taskId: openTask })
      if (roles.approver !== null) {
        effects.push({
          kind: 'notify',
          key: contractKeys.notify(deal.id, round, 'approver'),
          userId: roles.approver,
          message: submittedNotice(deal.title, round),
        })
      }
      return [...effects, cache]
    }
    case 'reject':
      return [
        {
          kind: 'create-task',
          key: contractKeys.fixTask(deal.id, round),
          title: FIX_TASK_TITLE,
          responsibleId: roles.responsible,
          description: fixTaskDescription(deal.title, round, current?.decision?.comment ?? ''),
          crm: [`D_${deal.id}`],
        },
        cache,
      ]
    case 'approve':
      return [
        {
          kind: 'notify',
          key: contractKeys.notify(deal.id, round, 'approved'),
          userId: state.initiator ?? roles.responsible,
          message: approvedNotice(deal.title),
        },
        cache,
      ]
  }
}

/**
 * Plans one step of the contract approval for the current user: the record first (it is the
 * step, see round-plan.ts), its follow-ups after it.
 */
export function planContractStep(context: ContractPlanContext, step: ContractStep): ContractPlan {
  const recorded = recordRoundStep('contract', context, step, contractLines)
  if (!recorded.ok) return recorded
  const roles = step.action === 'start' ? { ...context.replay.roles, initiator: context.actor } : context.replay.roles
  const followUps = contractFollowUps({
    deal: context.deal,
    roles,
    state: recorded.state,
    action: step.action,
    draftTaskId: context.draftTaskId,
    fixTaskId: context.fixTaskId,
  })
  return { ok: true, effects: [recorded.record, ...followUps] }
}

/** The last step the portal holds, when its follow-ups did not all arrive (the state cache disagrees). */
export function contractUnfinished(replay: ContractReplay, cachedState: string): { action: ContractAction; by: UserId } | null {
  const last = replay.accepted[replay.accepted.length - 1]
  if (!last || replay.state.status === 'none' || cachedState === replay.state.status) return null
  return { action: last.action, by: last.authorId }
}
