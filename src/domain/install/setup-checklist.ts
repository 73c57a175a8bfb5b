import type { ApprovalSettings } from '@/domain/approvals/settings'
import type { LeadRecipientsConfig } from '@/domain/lead-processing/notification'
import type { Playbook } from '@/domain/playbook'

/*
 * What an admin still has to set after the install, and what goes unsaid until then: a
 * playbook that tells the product manager or a role nobody is named for drops those notices,
 * a pipeline without a contract approver leaves its contracts undecided, an object type with
 * no recipients announces its web-form leads to nobody. Pure: the settings page hands in what
 * it read from the app options.
 */

export type SetupGap =
  | { kind: 'productManager' }
  | { kind: 'role'; role: string }
  | { kind: 'contractApprover' }
  | { kind: 'tripApprover' }
  | { kind: 'accountant' }
  | { kind: 'reportApprover' }
  | { kind: 'leadRecipients'; objectTypes: string[] }

/** The settings section where each gap is filled. */
export const GAP_SECTION: Record<SetupGap['kind'], string> = {
  productManager: 'playbook',
  role: 'playbook',
  contractApprover: 'approvals',
  tripApprover: 'approvals',
  accountant: 'approvals',
  reportApprover: 'approvals',
  leadRecipients: 'lead-recipients',
}

export interface SetupInput {
  playbook: Playbook
  people: { productManagerId?: number | null; roles?: Record<string, number> }
  approvals: ApprovalSettings
  leadRecipients: LeadRecipientsConfig
  /** The object types of the directory, by code: each should have someone to announce its leads to. */
  objectTypes: readonly string[]
}

/** The people a playbook names beyond the deal's own: `productManager` and `role:<code>`. */
export function peopleNamedBy(playbook: Playbook): { productManager: boolean; roles: string[] } {
  const text = JSON.stringify(playbook)
  const roles = [...new Set([...text.matchAll(/"role:([A-Za-z0-9_-]+)"/g)].map((match) => match[1]!))]
  return { productManager: text.includes('"productManager"'), roles }
}

export function setupGaps(input: SetupInput): SetupGap[] {
  const gaps: SetupGap[] = []
  const named = peopleNamedBy(input.playbook)
  if (named.productManager && !input.people.productManagerId) gaps.push({ kind: 'productManager' })
  for (const role of named.roles) if (!input.people.roles?.[role]) gaps.push({ kind: 'role', role })
  if (Object.keys(input.approvals.contractApprovers).length === 0) gaps.push({ kind: 'contractApprover' })
  if (!input.approvals.tripApprover) gaps.push({ kind: 'tripApprover' })
  if (!input.approvals.accountant) gaps.push({ kind: 'accountant' })
  if (!input.approvals.reportApprover) gaps.push({ kind: 'reportApprover' })
  const silent = input.objectTypes.filter((code) => (input.leadRecipients.byObjectType[code] ?? []).length === 0)
  if (silent.length > 0) gaps.push({ kind: 'leadRecipients', objectTypes: silent })
  return gaps
}
