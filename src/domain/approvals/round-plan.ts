import { transitionContract, type ContractError, type ContractState } from './contract-machine'
import type { ContractReplay } from './contract-replay'
import { contractDenial, type ContractDenial } from './contract-rules'
import { roundKeys, type Effect, type RoundProcess } from './effects'
import { fileVersionFacts } from './file-versions'
import { INPUT_LIMITS } from './input-rules'
import { composeRecordText, type RoundMarker } from './marker'
import { roundCommand } from './round-replay'
import type { FileVersion, UserId } from './types'

export type ContractStep =
  | { action: 'start' }
  | { action: 'submit'; file: FileVersion | null }
  | { action: 'resubmit'; file: FileVersion | null }
  | { action: 'reject'; comment: string }
  | { action: 'approve'; comment?: string }

export type RoundPlanError = ContractError | ContractDenial | 'text-too-long'

/** The lines people read in a process's records (record-text.ts). */
export interface RoundLines {
  start?: () => string
  /** `version`: the file's place among the distinct files sent (file-versions.ts). */
  submit: (round: number, file: FileVersion, version: number) => string
  resubmit: (round: number, file: FileVersion, version: number) => string
  reject: (round: number, comment: string) => string
  approve: (round: number, comment: string) => string
}

export interface RoundStepContext {
  deal: { id: number; title: string }
  replay: ContractReplay
  actor: UserId
  at: string
}

export type RecordedStep = { ok: true; state: ContractState; record: Effect } | { ok: false; error: RoundPlanError }

/**
 * The record of one step of a round process, for the current user. Checks the same rules the
 * replay will apply to the written record, so a step the user may not take is refused here
 * instead of becoming a record the replay has to mark invalid; `state` is where it leads.
 */
export function recordRoundStep(process: RoundProcess, context: RoundStepContext, step: ContractStep, lines: RoundLines): RecordedStep {
  const { deal, replay, actor, at } = context
  const denial = contractDenial(step.action, actor, replay.roles)
  if (denial) return { ok: false, error: denial }
  if ((step.action === 'reject' || step.action === 'approve') && (step.comment ?? '').trim().length > INPUT_LIMITS.decisionText) {
    return { ok: false, error: 'text-too-long' }
  }
  if (step.action === 'start' && !lines.start) return { ok: false, error: 'illegal-transition' }
  const result = transitionContract(replay.state, roundCommand(step.action, actor, at, step))
  if (!result.ok) return { ok: false, error: result.error }
  const next = result.state
  const round = step.action === 'start' ? 0 : next.rounds.length
  const current = next.rounds[next.rounds.length - 1]
  const key = roundKeys(process).record(deal.id, round, step.action)
  const base = { t: process, a: step.action, deal: deal.id, round, key } as RoundMarker

  let text: string
  let marker: RoundMarker
  switch (step.action) {
    case 'start':
      text = lines.start!()
      marker = base
      break
    case 'submit':
    case 'resubmit':
      text = lines[step.action](round, current!.file, fileVersionFacts(next.rounds, current!.file).version)
      marker = { ...base, file: current!.file }
      break
    case 'reject':
    case 'approve': {
      const comment = current!.decision!.comment
      text = lines[step.action](round, comment)
      marker = comment || step.action === 'reject' ? { ...base, comment } : base
      break
    }
  }
  return { ok: true, state: next, record: { kind: 'timeline-comment', key, dealId: deal.id, text: composeRecordText(text, marker) } }
}

/** The deal's state cache of a process: set last, so a cache that disagrees marks unfinished follow-ups. */
export function cacheEffect(process: RoundProcess, dealId: number, state: ContractState): Effect {
  const round = state.rounds.length
  return { kind: 'cache-state', key: roundKeys(process).cache(dealId, round, state.status), dealId, status: state.status, round, process }
}
