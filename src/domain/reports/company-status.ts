import type { ClientStatus } from '@/domain/client-profile/status-transitions'
import { CLIENT_STATUS_FIELD_NAMES } from '@/domain/fields/client-status'
import { isYes } from './fields'

/*
 * The company's current client status from its fields. Status and sub-status are enumeration user
 * fields: the portal stores its own item IDs, which differ between portals, and the app knows the
 * items by XML_ID (the ladder's codes). `crm.company.userfield.list` filtered by FIELD_NAME gives
 * the field with its LIST (b24restdocs api-reference/crm/companies/userfields/crm-company-userfield-list.md).
 */

export const STATUS_FIELDS = {
  status: CLIENT_STATUS_FIELD_NAMES.status,
  subStatus: CLIENT_STATUS_FIELD_NAMES.subStatus,
  inactive: CLIENT_STATUS_FIELD_NAMES.inactive,
} as const

/** Item ID → XML_ID of the first field in a `crm.company.userfield.list` result. */
export function enumCodesOf(raw: unknown): ReadonlyMap<string, string> {
  const field = (Array.isArray(raw) ? raw[0] : undefined) as { LIST?: unknown } | undefined
  const items = Array.isArray(field?.LIST) ? (field.LIST as Array<{ ID?: unknown; XML_ID?: unknown }>) : []
  const codes = new Map<string, string>()
  for (const item of items) {
    if (typeof item.XML_ID === 'string' && item.XML_ID !== '' && item.ID !== undefined && item.ID !== null) codes.set(String(item.ID), item.XML_ID)
  }
  return codes
}

export interface StatusEnumCodes {
  status: ReadonlyMap<string, string>
  subStatus: ReadonlyMap<string, string>
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || value === false

const codeOf = (codes: ReadonlyMap<string, string>, value: unknown): string | null =>
  isEmpty(value) ? null : (codes.get(String(value)) ?? null)

/**
 * As the profile tab reads it: an empty status is «Новый», so both tabs show the same status.
 * null when the field holds an item this read could not name (items not readable, item removed):
 * the caller falls back to the last logged status rather than show a wrong one.
 */
export function companyStatusOf(row: object, codes: StatusEnumCodes): ClientStatus | null {
  const company = row as Record<string, unknown>
  const rawLevel = company[STATUS_FIELDS.status]
  const level = codeOf(codes.status, rawLevel)
  if (level === null && !isEmpty(rawLevel)) return null
  return {
    level: level ?? 'NEW',
    subStatus: codeOf(codes.subStatus, company[STATUS_FIELDS.subStatus]),
    inactive: isYes(company[STATUS_FIELDS.inactive]),
  }
}
