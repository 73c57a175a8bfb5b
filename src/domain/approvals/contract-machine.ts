import type { ContractAction } from './marker'
import type { FileVersion, UserId } from './types'

/**
 * Contract approval («Согласование договора») as a pure state machine:
 *   none → draft (task «Оформить нестандартный договор»; closes only with a file)
 *   draft → submitted (round 1, file version)
 *   submitted → rejected (comment required) → submitted again with a new file version (round n+1)
 *   submitted → approved (final: the initiator is notified)
 * Who may do what is not decided here (see contract-replay.ts): this file only knows order.
 */
export type ContractStatus = 'none' | 'draft' | 'submitted' | 'rejected' | 'approved'

export const CONTRACT_STATUSES: readonly ContractStatus[] = ['none', 'draft', 'submitted', 'rejected', 'approved']

export interface ContractDecision {
  kind: 'approve' | 'reject'
  by: UserId
  at: string
  comment: string
}

/** One pass through the approver: what was sent, by whom, and what came back. */
export interface ContractRound {
  n: number
  submittedBy: UserId
  submittedAt: string
  file: FileVersion
  decision: ContractDecision | null
}

export interface ContractState {
  status: ContractStatus
  initiator: UserId | null
  startedAt: string | null
  rounds: ContractRound[]
  /** When the process entered its current status (oldest-first ordering of the inbox). */
  since: string | null
}

export type ContractCommand =
  | { type: 'start'; by: UserId; at: string }
  | { type: 'submit'; by: UserId; at: string; file: FileVersion | null }
  | { type: 'reject'; by: UserId; at: string; comment: string }
  | { type: 'resubmit'; by: UserId; at: string; file: FileVersion | null }
  | { type: 'approve'; by: UserId; at: string; comment?: string }

export type ContractError = 'illegal-transition' | 'file-required' | 'comment-required' | 'same-file-version'

export type ContractResult =
  | { ok: true; state: ContractState }
  | { ok: false; error: ContractError; from: ContractStatus; action: ContractAction }

export const initialContractState: ContractState = Object.freeze({
  status: 'none',
  initiator: null,
  startedAt: null,
  rounds: [],
  since: null,
}) as ContractState

/** Which action each status accepts; everything else is an illegal transition. */
const ACCEPTS: Record<ContractStatus, readonly ContractAction[]> = {
  none: ['start'],
  draft: ['submit'],
  submitted: ['approve', 'reject'],
  rejected: ['resubmit'],
  approved: [],
}

export function contractActionsFor(status: ContractStatus): readonly ContractAction[] {
  return ACCEPTS[status]
}

/** The draft task «Оформить нестандартный договор» may close only once a file is attached. */
export function canCloseDraftTask(file: FileVersion | null | undefined): boolean {
  return file != null && Number.isInteger(file.id) && file.id > 0
}

export function lastRound(state: ContractState): ContractRound | null {
  return state.rounds[state.rounds.length - 1] ?? null
}

function fail(state: ContractState, action: ContractAction, error: ContractError): ContractResult {
  return { ok: false, error, from: state.status, action }
}

function decide(state: ContractState, decision: ContractDecision): ContractState {
  const rounds = state.rounds.map((round, index) =>
    index === state.rounds.length - 1 ? { ...round, decision } : round,
  )
  return { ...state, rounds, status: decision.kind === 'approve' ? 'approved' : 'rejected', since: decision.at }
}

export function transitionContract(state: ContractState, command: ContractCommand): ContractResult {
  if (!ACCEPTS[state.status].includes(command.type)) return fail(state, command.type, 'illegal-transition')
  switch (command.type) {
    case 'start':
      return {
        ok: true,
        state: { status: 'draft', initiator: command.by, startedAt: command.at, rounds: [], since: command.at },
      }
    case 'submit':
    case 'resubmit': {
      if (!canCloseDraftTask(command.file)) return fail(state, command.type, 'file-required')
      const previous = lastRound(state)
      if (command.type === 'resubmit' && previous && previous.file.id === command.file!.id) {
        return fail(state, command.type, 'same-file-version')
      }
      const round: ContractRound = {
        n: state.rounds.length + 1,
        submittedBy: command.by,
        submittedAt: command.at,
        file: { ...command.file! },
        decision: null,
      }
      return { ok: true, state: { ...state, status: 'submitted', rounds: [...state.rounds, round], since: command.at } }
    }
    case 'reject': {
      const comment = command.comment.trim()
      if (comment.length === 0) return fail(state, 'reject', 'comment-required')
      return { ok: true, state: decide(state, { kind: 'reject', by: command.by, at: command.at, comment }) }
    }
    case 'approve':
      return {
        ok: true,
        state: decide(state, { kind: 'approve', by: command.by, at: command.at, comment: command.comment?.trim() ?? '' }),
      }
  }
}
