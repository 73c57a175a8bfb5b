import type { ContractStatus } from './contract-machine'
import type { TripRequestInput } from './trip-machine'
import type { UserId } from './types'

/**
 * What the portal must be asked to do for one step. The first effect of every plan is the
 * record (the truth); the rest follow from it and carry idempotency keys, so running a plan
 * twice (a retry, a double click, a second tab) creates nothing twice.
 */
export type Effect =
  | { kind: 'timeline-comment'; key: string; dealId: number; text: string }
  | {
      kind: 'create-task'
      key: string
      title: string
      responsibleId: UserId
      description: string
      /** `UF_CRM_TASK` bindings, e.g. `D_12`, `CO_3`. */
      crm: string[]
      /** Observers who must see the task (auditors may read, not edit). */
      auditors?: UserId[]
      /** Complete the task right after creating it (a record, not a to-do). */
      completeOnCreate?: boolean
      /** DEADLINE, ISO 8601 with the portal's offset. */
      deadline?: string
    }
  | { kind: 'complete-task'; key: string; taskId: number }
  /** A to-do task that came without a deadline gets one (the runner's repair of older tasks). */
  | { kind: 'set-deadline'; key: string; taskId: number; deadline: string }
  | { kind: 'notify'; key: string; userId: UserId; message: string }
  /** Refresh the deal's state cache of a process (UF_CRM_APR_STATE / _ROUND, or the report's); never read as truth. */
  | { kind: 'cache-state'; key: string; dealId: number; status: ContractStatus; round: number; process?: RoundProcess }

export type EffectKind = Effect['kind']

/** The approvals kept in rounds on a deal's timeline: the contract (A1) and the measurement report (LEMUS §4). */
export type RoundProcess = 'contract' | 'report'

export const contractKeys = {
  record: (dealId: number, round: number, action: string) => `apr:contract:${dealId}:r${round}:${action}`,
  draftTask: (dealId: number) => `apr:contract:${dealId}:draft-task`,
  fixTask: (dealId: number, round: number) => `apr:contract:${dealId}:r${round}:fix-task`,
  notify: (dealId: number, round: number, what: string) => `apr:contract:${dealId}:r${round}:notify-${what}`,
  cache: (dealId: number, round: number, status: ContractStatus) => `apr:contract:${dealId}:r${round}:cache-${status}`,
  /** The approver's to-do of one round, set by the runner: one per deal and round. */
  approverTask: (dealId: number, round: number) => `apr:contract:${dealId}:r${round}:approver-task`,
}

export const reportKeys = {
  record: (dealId: number, round: number, action: string) => `apr:report:${dealId}:r${round}:${action}`,
  fixTask: (dealId: number, round: number) => `apr:report:${dealId}:r${round}:fix-task`,
  notify: (dealId: number, round: number, what: string) => `apr:report:${dealId}:r${round}:notify-${what}`,
  cache: (dealId: number, round: number, status: ContractStatus) => `apr:report:${dealId}:r${round}:cache-${status}`,
  approverTask: (dealId: number, round: number) => `apr:report:${dealId}:r${round}:approver-task`,
}

export function roundKeys(process: RoundProcess): typeof reportKeys {
  return process === 'contract' ? contractKeys : reportKeys
}

export const tripKeys = {
  decision: (requestTaskId: number) => `apr:trip:${requestTaskId}:decision`,
  payout: (requestTaskId: number) => `apr:trip:${requestTaskId}:payout`,
  notify: (requestTaskId: number) => `apr:trip:${requestTaskId}:notify`,
  closeRequest: (requestTaskId: number) => `apr:trip:${requestTaskId}:close-request`,
  payoutDeadline: (requestTaskId: number) => `apr:trip:${requestTaskId}:payout-deadline`,
}

export function crmBindings(trip: Pick<TripRequestInput, 'dealId' | 'companyId'>): string[] {
  const bindings: string[] = []
  if (trip.dealId) bindings.push(`D_${trip.dealId}`)
  if (trip.companyId) bindings.push(`CO_${trip.companyId}`)
  return bindings
}
