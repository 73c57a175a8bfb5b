import { transitionContract, type ContractCommand, type ContractError } from './contract-machine'
import type { ContractReplay } from './contract-replay'
import { contractDenial, type ContractDenial } from './contract-rules'
import { contractKeys, type Effect } from './effects'
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

export type ContractPlan =
  | { ok: true; effects: Effect[] }
  | { ok: false; error: ContractError | ContractDenial }

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

/**
 * Plans one step of the contract approval for the current user. Checks the same rules the
 * replay will apply to the written record, so a step the user may not take is refused here
 * instead of becoming a record the replay has to mark invalid.
 */
export function planContractStep(context: ContractPlanContext, step: ContractStep): ContractPlan {
  const { deal, replay, actor, at } = context
  const denial = contractDenial(step.action, actor, replay.roles)
  if (denial) return { ok: false, error: denial }
  const result = transitionContract(replay.state, commandOf(step, actor, at))
  if (!result.ok) return { ok: false, error: result.error }
  const next = result.state
  const round = next.rounds.length
  const current = next.rounds[round - 1]
  const initiator = next.initiator ?? actor

  const marker = (action: ContractAction, extra: Partial<ContractMarker> = {}): ContractMarker => ({
    t: 'contract',
    a: action,
    deal: deal.id,
    round: action === 'start' ? 0 : round,
    key: contractKeys.record(deal.id, action === 'start' ? 0 : round, action),
    ...extra,
  })
  const record = (text: string, m: ContractMarker): Effect => ({
    kind: 'timeline-comment',
    key: m.key,
    dealId: deal.id,
    text: composeRecordText(text, m),
  })
  const cache: Effect = {
    kind: 'cache-state',
    key: contractKeys.cache(deal.id, round, next.status),
    dealId: deal.id,
    status: next.status,
    round,
  }

  switch (step.action) {
    case 'start':
      return {
        ok: true,
        effects: [
          record(contractLines.start(), marker('start')),
          {
            kind: 'create-task',
            key: contractKeys.draftTask(deal.id),
            title: DRAFT_TASK_TITLE,
            responsibleId: replay.roles.responsible,
            description: draftTaskDescription(deal.title),
            crm: [`D_${deal.id}`],
          },
          cache,
        ],
      }
    case 'submit':
    case 'resubmit': {
      const file = current!.file
      const text = step.action === 'submit' ? contractLines.submit(round, file) : contractLines.resubmit(round, file)
      const openTask = step.action === 'submit' ? context.draftTaskId : context.fixTaskId
      const effects: Effect[] = [record(text, marker(step.action, { file }))]
      if (openTask) effects.push({ kind: 'complete-task', key: `${contractKeys.record(deal.id, round, step.action)}:close`, taskId: openTask })
      if (replay.roles.approver !== null) {
        effects.push({
          kind: 'notify',
          key: contractKeys.notify(deal.id, round, 'approver'),
          userId: replay.roles.approver,
          message: submittedNotice(deal.title, round),
        })
      }
      effects.push(cache)
      return { ok: true, effects }
    }
    case 'reject': {
      const comment = current!.decision!.comment
      return {
        ok: true,
        effects: [
          record(contractLines.reject(round, comment), marker('reject', { comment })),
          {
            kind: 'create-task',
            key: contractKeys.fixTask(deal.id, round),
            title: FIX_TASK_TITLE,
            responsibleId: replay.roles.responsible,
            description: fixTaskDescription(deal.title, round, comment),
            crm: [`D_${deal.id}`],
          },
          cache,
        ],
      }
    }
    case 'approve': {
      const comment = current!.decision!.comment
      return {
        ok: true,
        effects: [
          record(contractLines.approve(round, comment), marker('approve', comment ? { comment } : {})),
          {
            kind: 'notify',
            key: contractKeys.notify(deal.id, round, 'approved'),
            userId: initiator,
            message: approvedNotice(deal.title),
          },
          cache,
        ],
      }
    }
  }
}
