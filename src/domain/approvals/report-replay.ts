import type { ContractState } from './contract-machine'
import type { ContractReplay, DealFacts, TimelineRecord } from './contract-replay'
import { replayRounds } from './round-replay'
import { reportApproverOf, type ApprovalSettings } from './settings'

/**
 * The measurement report's approval («Согласование Отчета по результатам измерения», LEMUS §4,
 * stage «Подведение итогов» of «Услуги»): the same rounds as the contract without the draft
 * step. The report is being prepared (`draft`) until the deal's responsible sends the file in
 * «Отчет по результатам измерения» to the report approver; a rejection needs a comment and
 * brings a fix task, the fixed version is sent again (next round); the approval lets the
 * responsible send the report to the client.
 */
export type ReportReplay = ContractReplay

export const initialReportState: ContractState = Object.freeze({
  status: 'draft',
  initiator: null,
  startedAt: null,
  rounds: [],
  since: null,
}) as ContractState

/** `deal.file` is what «Отчет по результатам измерения» holds now. */
export function replayReport(deal: DealFacts, records: readonly TimelineRecord[], settings: ApprovalSettings): ReportReplay {
  return replayRounds('report', deal, records, { responsible: deal.responsibleId, initiator: null, approver: reportApproverOf(settings) }, initialReportState)
}

/** Whether the report process has begun (a round was sent): before that it is only the stage's task. */
export function reportStarted(replay: ReportReplay): boolean {
  return replay.state.rounds.length > 0
}
