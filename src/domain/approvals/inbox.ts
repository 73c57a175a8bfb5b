import type { ContractStatus } from './contract-machine'
import { contractUnfinished } from './contract-plan'
import type { ContractReplay } from './contract-replay'
import type { ApprovalSettings } from './settings'
import type { TripStatus } from './trip-machine'
import { tripUnfinished } from './trip-plan'
import type { TripReplay } from './trip-replay'
import type { RecordIssue, UserId } from './types'

export interface ContractCase {
  /** `cachedState`: the deal's state cache as the portal holds it (absent: not known, taken as current). */
  deal: { id: number; title: string; cachedState?: string }
  replay: ContractReplay
}

/**
 * What the user has to do with an item. `finish`: the user's own step is recorded but its
 * follow-ups did not all reach the portal; it stays here until they have.
 */
export type InboxTodo = 'decide' | 'fix' | 'attach-and-submit' | 'finish'

export type InboxItem =
  | { kind: 'contract'; id: string; todo: InboxTodo; since: string; case: ContractCase }
  | { kind: 'report'; id: string; todo: InboxTodo; since: string; case: ContractCase }
  | { kind: 'trip'; id: string; todo: 'decide' | 'finish'; since: string; trip: TripReplay }

export type OwnRequest =
  | { kind: 'contract'; id: string; status: ContractStatus; updated: string; case: ContractCase }
  | { kind: 'report'; id: string; status: ContractStatus; updated: string; case: ContractCase }
  | { kind: 'trip'; id: string; status: TripStatus; updated: string; trip: TripReplay }

export interface Inbox {
  /** Everything waiting for the user, oldest first. */
  waiting: InboxItem[]
  /** The user's own requests and where they stand, latest activity first. */
  mine: OwnRequest[]
}

function contractTodo(userId: UserId, replay: ContractReplay, cachedState: string | undefined): InboxTodo | null {
  if (cachedState !== undefined && contractUnfinished(replay, cachedState)?.by === userId) return 'finish'
  const { status } = replay.state
  const { roles } = replay
  if (status === 'submitted' && roles.approver === userId) return 'decide'
  if (status === 'rejected' && roles.responsible === userId) return 'fix'
  if (status === 'draft' && roles.responsible === userId) return 'attach-and-submit'
  return null
}

function byTimeThenId<T extends { id: string }>(time: (item: T) => string, direction: 1 | -1) {
  return (a: T, b: T) => {
    const ta = Date.parse(time(a))
    const tb = Date.parse(time(b))
    if (ta !== tb) return (ta - tb) * direction
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  }
}

function lastContractActivity(replay: ContractReplay): string {
  return replay.state.since ?? replay.accepted[replay.accepted.length - 1]?.at ?? ''
}

/**
 * `reports`: the measurement reports (LEMUS §4) of the candidate deals; the approver decides
 * them, the responsible fixes them, and the responsible's sent reports are his own requests.
 */
export function buildInbox(
  userId: UserId,
  contracts: readonly ContractCase[],
  trips: readonly TripReplay[],
  settings: ApprovalSettings,
  reports: readonly ContractCase[] = [],
): Inbox {
  const waiting: InboxItem[] = []
  const mine: OwnRequest[] = []

  for (const item of contracts) {
    const id = `contract:${item.deal.id}`
    const todo = contractTodo(userId, item.replay, item.deal.cachedState)
    if (todo && item.replay.state.since) {
      waiting.push({ kind: 'contract', id, todo, since: item.replay.state.since, case: item })
    }
    if (item.replay.roles.initiator === userId) {
      mine.push({ kind: 'contract', id, status: item.replay.state.status, updated: lastContractActivity(item.replay), case: item })
    }
  }
  for (const item of reports) {
    const id = `report:${item.deal.id}`
    // A report being prepared waits for nobody here: the stage's own task says so.
    const todo = item.replay.state.status === 'draft' ? null : contractTodo(userId, item.replay, item.deal.cachedState)
    if (todo && item.replay.state.since) waiting.push({ kind: 'report', id, todo, since: item.replay.state.since, case: item })
    if (item.replay.roles.responsible === userId && item.replay.state.rounds.length > 0) {
      mine.push({ kind: 'report', id, status: item.replay.state.status, updated: lastContractActivity(item.replay), case: item })
    }
  }
  for (const trip of trips) {
    const id = `trip:${trip.requestTaskId}`
    if (trip.state.status === 'requested' && settings.tripApprover === userId) {
      waiting.push({ kind: 'trip', id, todo: 'decide', since: trip.state.requestedAt, trip })
    } else if (tripUnfinished(trip) && trip.state.decision?.by === userId) {
      waiting.push({ kind: 'trip', id, todo: 'finish', since: trip.state.requestedAt, trip })
    }
    if (trip.state.initiator === userId) {
      const updated = trip.state.decision?.at ?? trip.state.requestedAt
      mine.push({ kind: 'trip', id, status: trip.state.status, updated, trip })
    }
  }

  waiting.sort(byTimeThenId((item) => item.since, 1))
  mine.sort(byTimeThenId((item) => item.updated, -1))
  return { waiting, mine }
}

/** Forgeries and other invalid records to show beside an item (the widget marks them). */
export function invalidRecords(issues: readonly RecordIssue[]): RecordIssue[] {
  return issues.filter((issue) => issue.kind === 'forgery' || issue.kind === 'illegal' || issue.kind === 'foreign')
}
