import { initialContractState, type ContractState } from './contract-machine'
import type { ContractRoles } from './contract-rules'
import type { ContractAction } from './marker'
import { replayRounds } from './round-replay'
import { contractApproverFor, type ApprovalSettings } from './settings'
import type { FileVersion, RecordIssue, UserId } from './types'

/** A deal timeline comment as `crm.timeline.comment.list` returns it (ID, AUTHOR_ID, CREATED, COMMENT). */
export interface TimelineRecord {
  id: number
  /** Set by the portal to the caller who wrote the comment. */
  authorId: UserId
  created: string
  text: string
}

export interface DealFacts {
  id: number
  categoryId: number
  /** ASSIGNED_BY_ID as the portal returns it now. */
  responsibleId: UserId
  /** What «Проект договора» holds now. */
  file: FileVersion | null
}

export interface AcceptedRecord {
  recordId: number
  action: ContractAction
  authorId: UserId
  at: string
}

export interface ContractReplay {
  state: ContractState
  roles: ContractRoles
  accepted: AcceptedRecord[]
  issues: RecordIssue[]
  /**
   * Whether the file now on the deal is the version last sent to the approver; false warns
   * that the file was swapped after it was sent or approved. Null before the first round.
   */
  fileMatchesLastRound: boolean | null
}

/**
 * Rebuilds a deal's contract approval from its timeline: only records the portal attributes
 * to an allowed author count; every other marked record is reported and changes nothing.
 * App-owned deal fields are never read here: they are a cache of this result.
 */
export function replayContract(deal: DealFacts, records: readonly TimelineRecord[], settings: ApprovalSettings): ContractReplay {
  const roles: ContractRoles = { responsible: deal.responsibleId, initiator: null, approver: contractApproverFor(settings, deal.categoryId) }
  return replayRounds('contract', deal, records, roles, initialContractState)
}
