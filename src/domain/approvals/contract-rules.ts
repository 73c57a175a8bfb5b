import type { ContractAction } from './marker'
import type { UserId } from './types'

/** Who stands where for one deal's contract approval. */
export interface ContractRoles {
  /** The deal's responsible (ASSIGNED_BY_ID). */
  responsible: UserId
  /** Author of the accepted `start` record, once there is one. */
  initiator: UserId | null
  /** The approver designated for the deal's pipeline in the admin-only app option. */
  approver: UserId | null
}

export type ContractDenial = 'not-responsible-or-initiator' | 'not-approver' | 'no-approver-configured'

/**
 * May `author` write `action`? The same rule guards the buttons (before writing) and the
 * replay (after the portal stamped the author), so the UI never offers what would not count.
 * `start` is open to whoever may write the deal's timeline: the portal checks that right.
 */
export function contractDenial(action: ContractAction, author: UserId, roles: ContractRoles): ContractDenial | null {
  switch (action) {
    case 'start':
      return null
    case 'submit':
    case 'resubmit':
      return author === roles.responsible || author === roles.initiator ? null : 'not-responsible-or-initiator'
    case 'approve':
    case 'reject':
      if (roles.approver === null) return 'no-approver-configured'
      return author === roles.approver ? null : 'not-approver'
  }
}
