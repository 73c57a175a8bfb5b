import { transitionContract, type ContractCommand, type ContractError, type ContractState } from './contract-machine'
import type { ContractReplay } from './contract-replay'
import { contractDenial, type ContractDenial, type ContractRoles } from './contract-rules'
import { contractKeys, type Effect } from './effects'
import { INPUT_LIMITS } from './input-rules'
import { composeRecordText, type ContractAction, type ContractMarker } from './marker'
import {
  approvedNotice,
  contractLines,
  DRAFT_TASK_TITLE,
  draftTaskDescription,
  FIX_TASK_TITLE,
  fixTaskDescription,
  submittedNotice,
} from './record-text'
import type { FileVersion, UserId } from './types'

export interface ContractPlanContext {
  deal: { id: number; title: string }
  replay: ContractReplay
  actor: UserId
  at: string
  /** Open tasks of the process, so the step can close them (ids from the portal). */
  draftTaskId?: number | null
  fixTaskId?: number | null
}

export type ContractStep =
  | { action: 'start' }
  | { action: 'submit'; file: FileVersion | null }
  | { action: 'resubmit'; file: FileVersion | null }
  | { action: 'reject'; comment: string }
  | { action: 'approve'; comment?: string }

export type ContractPlanError = ContractError | ContractDenial | 'text-too-long'

export type ContractPlan =
  | { ok: true; effects: Effect[] }
  | { ok: false; error: ContractPlanError }

function commandOf(step: ContractStep, by: UserId, at: string): ContractCommand {
  switch (step.action) {
    case 'start':
      return { type: 'start', by, at }
    case 'submit':
    case 'resubmit':
      return { type: step.action, by, at, file: step.file }
    case 'reject':
      return { type: 'reject', by, at, comment: step.comment }
    case 'approve':
      return { type: 'approve', by, at, comment: step.comment ?? '' }
  }
}

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
  const cache: Effect = {
    kind: 'cache-state',
    key: contractKeys.cache(deal.id, round, state.status),
    dealId: deal.id,
    status: state.status,
    round,
  }
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
 * Plans one step of the contract approval for the current user. Checks the same rules the
 * replay will apply to the written record, so a step the user may not take is refused here
 * instead of becoming a record the replay has to mark invalid. The record comes first (it is
 * the step), its follow-ups after it.
 */
export function planContractStep(context: ContractPlanContext, step: ContractStep): ContractPlan {
  const { deal, replay, actor, at } = context
  const denial = contractDenial(step.action, actor, replay.roles)
  if (denial) return { ok: false, error: denial }
  if ((step.action === 'reject' || step.action === 'approve') && (step.comment ?? '').trim().length > INPUT_LIMITS.decisionText) {
    return { ok: false, error: 'text-too-long' }
  }
  const result = transitionContract(replay.state, commandOf(step, actor, at))
  if (!result.ok) return { ok: false, error: result.error }
  const next = result.state
  const round = step.action === 'start' ? 0 : next.rounds.length
  const current = next.rounds[next.rounds.length - 1]
  const key = contractKeys.record(deal.id, round, step.action)
  const base: ContractMarker = { t: 'contract', a: step.action, deal: deal.id, round, key }

  let text: string
  let marker: ContractMarker
  switch (step.action) {
    case 'start':
      text = contractLines.start()
      marker = base
      break
    case 'submit':
    case 'resubmit':
      text = contractLines[step.action](round, current!.file)
      marker = { ...base, file: current!.file }
      break
    case 'reject': {
      const comment = current!.decision!.comment
      text = contractLines.reject(round, comment)
      marker = { ...base, comment }
      break
    }
    case 'approve': {
      const comment = current!.decision!.comment
      text = contractLines.approve(round, comment)
      marker = comment ? { ...base, comment } : base
      break
    }
  }
  const roles = step.action === 'start' ? { ...replay.roles, initiator: actor } : replay.roles
  return {
    ok: true,
    effects: [
      { kind: 'timeline-comment', key, dealId: deal.id, text: composeRecordText(text, marker) },
      ...contractFollowUps({ deal, roles, state: next, action: step.action, draftTaskId: context.draftTaskId, fixTaskId: context.fixTaskId }),
    ],
  }
}

/** The last step the portal holds, when its follow-ups did not all arrive (the state cache disagrees). */
export function contractUnfinished(replay: ContractReplay, cachedState: string): { action: ContractAction; by: UserId } | null {
  const last = replay.accepted[replay.accepted.length - 1]
  if (!last || replay.state.status === 'none' || cachedState === replay.state.status) return null
  return { action: last.action, by: last.authorId }
}
