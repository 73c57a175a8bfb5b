import { z } from 'zod/mini'
import type { UserId } from './types'

/**
 * Who decides, as kept in the app option `approvals` (only an admin can write app options,
 * so these roles cannot be changed by the people they govern).
 */
export interface ApprovalSettings {
  /** Pipeline (deal CATEGORY_ID, as a string key) → the user who approves its contracts. */
  contractApprovers: Record<string, UserId>
  tripApprover: UserId | null
  accountant: UserId | null
  /** Who approves the measurement report of a service deal (LEMUS §4); absent: nobody. */
  reportApprover?: UserId | null
}

export const APPROVAL_SETTINGS_OPTION = 'approvals'

const userIdSchema = z.coerce.number().check(z.int(), z.positive())

const rawSettingsSchema = z.object({
  contractApprovers: z.catch(z.optional(z.record(z.string(), z.unknown())), undefined),
  tripApprover: z.optional(z.unknown()),
  accountant: z.optional(z.unknown()),
  reportApprover: z.optional(z.unknown()),
})

export function emptyApprovalSettings(): ApprovalSettings {
  return { contractApprovers: {}, tripApprover: null, accountant: null }
}

function userIdOrNull(value: unknown): UserId | null {
  if (value === null || value === undefined || value === '') return null
  const parsed = userIdSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

/**
 * Reads the option defensively: the value may be missing, a JSON string (app options come
 * back as strings on some portals) or partly broken; a broken part falls back to "nobody",
 * which makes decisions invalid rather than letting anyone decide.
 */
export function parseApprovalSettings(raw: unknown): ApprovalSettings {
  let value = raw
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return emptyApprovalSettings()
    }
  }
  const parsed = rawSettingsSchema.safeParse(value ?? {})
  if (!parsed.success) return emptyApprovalSettings()
  const contractApprovers: Record<string, UserId> = {}
  for (const [category, user] of Object.entries(parsed.data.contractApprovers ?? {})) {
    const id = userIdOrNull(user)
    if (/^\d+$/.test(category) && id !== null) contractApprovers[category] = id
  }
  const reportApprover = userIdOrNull(parsed.data.reportApprover)
  return {
    contractApprovers,
    tripApprover: userIdOrNull(parsed.data.tripApprover),
    accountant: userIdOrNull(parsed.data.accountant),
    ...(reportApprover !== null ? { reportApprover } : {}),
  }
}

export function serializeApprovalSettings(settings: ApprovalSettings): string {
  return JSON.stringify(settings)
}

export function contractApproverFor(settings: ApprovalSettings, categoryId: number): UserId | null {
  return settings.contractApprovers[String(categoryId)] ?? null
}

export function reportApproverOf(settings: ApprovalSettings): UserId | null {
  return settings.reportApprover ?? null
}
