import { transitionContract, initialContractState, type ContractCommand, type ContractState } from './contract-machine'
import { contractDenial, type ContractRoles } from './contract-rules'
import { markedRecords } from './marked-records'
import type { ContractAction, ContractMarker } from './marker'
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

function commandOf(marker: ContractMarker, by: UserId, at: string): ContractCommand {
  switch (marker.a) {
    case 'start':
      return { type: 'start', by, at }
    case 'submit':
    case 'resubmit':
      return { type: marker.a, by, at, file: marker.file ?? null }
    case 'reject':
      return { type: 'reject', by, at, comment: marker.comment ?? '' }
    case 'approve':
      return { type: 'approve', by, at, comment: marker.comment ?? '' }
  }
}

/** The round a record must name to apply now (stale tabs write for an older round). */
function expectedRound(state: ContractState, action: ContractAction): number {
  if (action === 'start') return 0
  if (action === 'submit' || action === 'resubmit') return state.rounds.length + 1
  return state.rounds.length
}

/**
 * Rebuilds a deal's contract approval from its timeline: only records the portal attributes
 * to an allowed author count; every other marked record is reported and changes nothing.
 * App-owned deal fields are never read here: they are a cache of this result.
 */
export function replayContract(deal: DealFacts, records: readonly TimelineRecord[], settings: ApprovalSettings): ContractReplay {
  let state: ContractState = initialContractState
  const roles: ContractRoles = {
    responsible: deal.responsibleId,
    initiator: null,
    approver: contractApproverFor(settings, deal.categoryId),
  }
  const accepted: AcceptedRecord[] = []
  const issues: RecordIssue[] = []
  const acceptedKeys = new Set<string>()

  const marked = markedRecords(records, (record) => ({ authorId: record.authorId, at: record.created, text: record.text }), issues)
  for (const { record, origin: base, marker } of marked) {
    if (marker.t !== 'contract') {
      issues.push({ ...base, kind: 'foreign', reason: `kind-${marker.t}` })
      continue
    }
    if (marker.deal !== deal.id) {
      issues.push({ ...base, kind: 'foreign', reason: 'other-deal', action: marker.a })
      continue
    }
    // A repeated write of a step that already counted (double click, retried request).
    if (acceptedKeys.has(marker.key)) continue

    const denial = contractDenial(marker.a, record.authorId, roles)
    if (denial) {
      issues.push({ ...base, kind: 'forgery', reason: denial, action: marker.a })
      continue
    }
    if (marker.round !== expectedRound(state, marker.a)) {
      issues.push({ ...base, kind: 'illegal', reason: 'stale-round', action: marker.a })
      continue
    }
    const result = transitionContract(state, commandOf(marker, record.authorId, record.created))
    if (!result.ok) {
      issues.push({ ...base, kind: 'illegal', reason: result.error, action: marker.a })
      continue
    }
    state = result.state
    if (marker.a === 'start') roles.initiator = record.authorId
    acceptedKeys.add(marker.key)
    accepted.push({ recordId: record.id, action: marker.a, authorId: record.authorId, at: record.created })
  }

  const last = state.rounds[state.rounds.length - 1]
  return {
    state,
    roles,
    accepted,
    issues,
    fileMatchesLastRound: last ? deal.file?.id === last.file.id : null,
  }
}
