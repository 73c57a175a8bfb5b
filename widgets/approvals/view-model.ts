import {
  contractActionsFor,
  contractDenial,
  contractUnfinished,
  DRAFT_TASK_TITLE,
  fileVersionFacts,
  FIX_TASK_TITLE,
  contractKeys,
  invalidRecords,
  reportKeys,
  type RoundProcess,
  type ContractAction,
  type ContractReplay,
  type ContractStatus,
  type FileVersion,
  type RecordIssue,
  type TaskRecord,
  type TripReplay,
} from '@/domain/approvals'
import { idempotencyTag } from '@/b24/gateway'
import type { UserRef } from '@/b24/users'

export type Names = (id: number | null | undefined) => string

export function namesFrom(users: readonly UserRef[]): Names {
  const byId = new Map(users.map((user) => [user.id, user.name]))
  return (id) => (id ? byId.get(id) ?? `#${id}` : '—')
}

export interface RoundView {
  n: number
  submittedBy: string
  submittedAt: string
  file: FileVersion
  /** The file's version number in this process (1, 2, … by distinct files sent). */
  version: number
  decision: { kind: 'approve' | 'reject'; by: string; at: string; comment: string } | null
}

export interface InvalidRecordView {
  recordId: number
  author: string
  at: string
  kind: RecordIssue['kind']
  reason: string
  action: string
}

/** A process kept in rounds on a deal (the contract, the measurement report) as a card shows it. */
export interface ContractView {
  process: RoundProcess
  dealId: number
  title: string
  status: ContractStatus
  initiator: string
  responsible: string
  approver: string | null
  file: FileVersion | null
  /** The deal's file as people read it: name, version, who sent it when, the portal's link. */
  fileInfo: FileInfoView | null
  /** False: the file on the deal is not the version the approver saw. */
  fileMatches: boolean | null
  rounds: RoundView[]
  /** Actions the current user may take now (the same rule the replay applies). */
  actions: ContractAction[]
  invalid: InvalidRecordView[]
  draftTaskId: number | null
  fixTaskId: number | null
  /** The deal's cached state disagrees with the replay (the view shows the replay). */
  cacheStale: boolean
  /**
   * The last recorded step whose follow-ups the portal does not all hold (the state cache, set
   * last, disagrees); `mine`: the current user wrote it and may finish it.
   */
  unfinished: { action: ContractAction; mine: boolean } | null
}

export interface FileInfoView {
  id: number
  version: number
  name: string | null
  /** Who sent this version to the approver and when (null: not sent yet). */
  sentBy: string | null
  sentAt: string | null
  /** The portal's link that opens the file (as the portal gave it: a path or a URL). */
  url: string | null
}

function fileInfoView(file: FileVersion | null, url: string | null, replay: ContractReplay, names: Names): FileInfoView | null {
  if (!file) return null
  const facts = fileVersionFacts(replay.state.rounds, file)
  return { id: file.id, version: facts.version, name: facts.name, sentBy: facts.sentBy === null ? null : names(facts.sentBy), sentAt: facts.sentAt, url }
}

function invalidViews(issues: readonly RecordIssue[], names: Names): InvalidRecordView[] {
  return invalidRecords(issues).map((issue) => ({
    recordId: issue.recordId,
    author: names(issue.authorId),
    at: issue.at,
    kind: issue.kind,
    reason: issue.reason,
    action: issue.action ?? '',
  }))
}

function openTaskWithKey(tasks: readonly TaskRecord[], key: string): number | null {
  const tag = idempotencyTag(key)
  return tasks.find((task) => task.status !== 5 && task.description.includes(tag))?.id ?? null
}

function unfinishedOf(replay: ContractReplay, cachedState: string, me: number): ContractView['unfinished'] {
  const unfinished = contractUnfinished(replay, cachedState)
  return unfinished ? { action: unfinished.action, mine: unfinished.by === me } : null
}

export function toContractView(input: {
  deal: { id: number; title: string; file: FileVersion | null; cachedState: string; fileUrl?: string | null }
  replay: ContractReplay
  me: number
  names: Names
  tasks: readonly TaskRecord[]
  /** The contract unless said (the deal's file and cache are then the process's own). */
  process?: RoundProcess
}): ContractView {
  const { deal, replay, me, names, tasks } = input
  const process = input.process ?? 'contract'
  const { state, roles } = replay
  const actions = contractActionsFor(state.status).filter((action) => contractDenial(action, me, roles) === null)
  const round = state.rounds.length
  const draftTaskId = process === 'contract' ? openTaskWithKey(tasks, contractKeys.draftTask(deal.id)) : null
  const fixKey = process === 'contract' ? contractKeys.fixTask : reportKeys.fixTask
  const fixTaskId = round > 0 ? openTaskWithKey(tasks, fixKey(deal.id, round)) : null
  // The report begins as «being prepared» with no record: its cache is empty until the first round.
  const started = process === 'contract' ? state.status !== 'none' : round > 0
  return {
    process,
    dealId: deal.id,
    title: deal.title,
    status: state.status,
    initiator: names(roles.initiator),
    responsible: names(roles.responsible),
    approver: roles.approver === null ? null : names(roles.approver),
    file: deal.file,
    fileInfo: fileInfoView(deal.file, deal.fileUrl ?? null, replay, names),
    fileMatches: replay.fileMatchesLastRound,
    rounds: state.rounds.map((r) => ({
      n: r.n,
      submittedBy: names(r.submittedBy),
      submittedAt: r.submittedAt,
      file: r.file,
      version: fileVersionFacts(state.rounds, r.file).version,
      decision: r.decision ? { kind: r.decision.kind, by: names(r.decision.by), at: r.decision.at, comment: r.decision.comment } : null,
    })),
    actions,
    invalid: invalidViews(replay.issues, names),
    draftTaskId,
    fixTaskId,
    cacheStale: started && deal.cachedState !== state.status,
    unfinished: unfinishedOf(replay, deal.cachedState, me),
  }
}

export interface TripView {
  requestTaskId: number
  status: TripReplay['state']['status']
  initiator: string
  destination: string
  dateFrom: string
  dateTo: string
  purpose: string
  budget: { amount: number; currency: string }
  dealId: number | null
  companyId: number | null
  requestedAt: string
  decision: { kind: 'approve' | 'reject'; by: string; at: string; reason: string; amount: { amount: number; currency: string } | null } | null
  canDecide: boolean
  invalid: InvalidRecordView[]
}

export function toTripView(trip: TripReplay, me: number, tripApprover: number | null, names: Names, issues: readonly RecordIssue[]): TripView {
  const { state } = trip
  return {
    requestTaskId: trip.requestTaskId,
    status: state.status,
    initiator: names(state.initiator),
    destination: state.request.destination,
    dateFrom: state.request.dateFrom,
    dateTo: state.request.dateTo,
    purpose: state.request.purpose,
    budget: state.request.budget,
    dealId: state.request.dealId ?? null,
    companyId: state.request.companyId ?? null,
    requestedAt: state.requestedAt,
    decision: state.decision
      ? { kind: state.decision.kind, by: names(state.decision.by), at: state.decision.at, reason: state.decision.reason, amount: state.decision.amount }
      : null,
    canDecide: state.status === 'requested' && tripApprover !== null && tripApprover === me,
    invalid: invalidViews(issues, names),
  }
}

/** Titles the portal shows for the process's own tasks (for the deal tab's hints). */
export const PROCESS_TASK_TITLES = { draft: DRAFT_TASK_TITLE, fix: FIX_TASK_TITLE }
