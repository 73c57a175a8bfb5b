import { transitionContract, type ContractCommand, type ContractState } from './contract-machine'
import type { AcceptedRecord, ContractReplay, DealFacts, TimelineRecord } from './contract-replay'
import { contractDenial, type ContractRoles } from './contract-rules'
import type { RoundProcess } from './effects'
import { markedRecords } from './marked-records'
import type { ContractAction, RoundMarker } from './marker'
import type { FileVersion, RecordIssue, UserId } from './types'

/** The machine's command for an action with what it carries (a file version, a comment). */
export function roundCommand(action: ContractAction, by: UserId, at: string, detail: { file?: FileVersion | null; comment?: string; [more: string]: unknown }): ContractCommand {
  switch (action) {
    case 'start':
      return { type: 'start', by, at }
    case 'submit':
    case 'resubmit':
      return { type: action, by, at, file: detail.file ?? null }
    case 'reject':
    case 'approve':
      return { type: action, by, at, comment: detail.comment ?? '' }
  }
}

/** The round a record must name to apply now (stale tabs write for an older round). */
function expectedRound(state: ContractState, action: ContractAction): number {
  if (action === 'start') return 0
  if (action === 'submit' || action === 'resubmit') return state.rounds.length + 1
  return state.rounds.length
}

const ROUND_PROCESSES: readonly string[] = ['contract', 'report'] satisfies RoundProcess[]

/**
 * Rebuilds one process kept in rounds on a deal's timeline (the contract, the measurement
 * report) from `initial`: only records the portal attributes to an allowed author count; every
 * other marked record is reported and changes nothing. The other round process of the same deal
 * shares the timeline and is skipped; trip markers there are foreign.
 */
export function replayRounds(
  process: RoundProcess,
  deal: DealFacts,
  records: readonly TimelineRecord[],
  roles: ContractRoles,
  initial: ContractState,
): ContractReplay {
  let state = initial
  const accepted: AcceptedRecord[] = []
  const issues: RecordIssue[] = []
  const acceptedKeys = new Set<string>()

  const marked = markedRecords(records, (record) => ({ authorId: record.authorId, at: record.created, text: record.text }), issues)
  for (const { record, origin: base, marker } of marked) {
    if (!ROUND_PROCESSES.includes(marker.t)) {
      issues.push({ ...base, kind: 'foreign', reason: `kind-${marker.t}` })
      continue
    }
    if (marker.t !== process) continue
    const round = marker as RoundMarker
    if (round.deal !== deal.id) {
      issues.push({ ...base, kind: 'foreign', reason: 'other-deal', action: round.a })
      continue
    }
    // A repeated write of a step that already counted (double click, retried request).
    if (acceptedKeys.has(round.key)) continue

    const denial = contractDenial(round.a, record.authorId, roles)
    if (denial) {
      issues.push({ ...base, kind: 'forgery', reason: denial, action: round.a })
      continue
    }
    if (round.round !== expectedRound(state, round.a)) {
      issues.push({ ...base, kind: 'illegal', reason: 'stale-round', action: round.a })
      continue
    }
    const result = transitionContract(state, roundCommand(round.a, record.authorId, record.created, round))
    if (!result.ok) {
      issues.push({ ...base, kind: 'illegal', reason: result.error, action: round.a })
      continue
    }
    state = result.state
    if (round.a === 'start') roles = { ...roles, initiator: record.authorId }
    acceptedKeys.add(round.key)
    accepted.push({ recordId: record.id, action: round.a, authorId: record.authorId, at: record.created })
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
