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
    }
  | { kind: 'complete-task'; key: string; taskId: number }
  | { kind: 'notify'; key: string; userId: UserId; message: string }
  /** Refresh the deal's state cache (UF_CRM_APR_STATE / _ROUND); never read as truth. */
  | { kind: 'cache-state'; key: string; dealId: number; status: ContractStatus; round: number }

export type EffectKind = Effect['kind']

export const contractKeys = {
  record: (dealId: number, round: number, action: string) => `apr:contract:${dealId}:r${round}:${action}`,
  draftTask: (dealId: number) => `apr:contract:${dealId}:draft-task`,
  fixTask: (dealId: number, round: number) => `apr:contract:${dealId}:r${round}:fix-task`,
  notify: (dealId: number, round: number, what: string) => `apr:contract:${dealId}:r${round}:notify-${what}`,
  cache: (dealId: number, round: number, status: ContractStatus) => `apr:contract:${dealId}:r${round}:cache-${status}`,
}

export const tripKeys = {
  decision: (requestTaskId: number) => `apr:trip:${requestTaskId}:decision`,
  payout: (requestTaskId: number) => `apr:trip:${requestTaskId}:payout`,
  notify: (requestTaskId: number) => `apr:trip:${requestTaskId}:notify`,
  closeRequest: (requestTaskId: number) => `apr:trip:${requestTaskId}:close-request`,
}

export function crmBindings(trip: Pick<TripRequestInput, 'dealId' | 'companyId'>): string[] {
  const bindings: string[] = []
  if (trip.dealId) bindings.push(`D_${trip.dealId}`)
  if (trip.companyId) bindings.push(`CO_${trip.companyId}`)
  return bindings
}
