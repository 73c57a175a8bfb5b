import { command } from '@/b24/gateway'
import type { UserFieldDef } from '@/domain/fields'

/**
 * Enumeration user fields are written and read as the portal's item IDs, which differ
 * from portal to portal; the app knows its items by XML_ID (the domain's code). One
 * `userfield.list` per field, filtered by name, gives both
 * (b24restdocs api-reference/crm/companies/userfields/crm-company-userfield-list.md).
 */
export interface EnumMap {
  idOf(code: string | null | undefined): string | null
  codeOf(id: unknown): string | null
}

export function toEnumMap(items: readonly { ID: string | number; XML_ID?: string | null }[]): EnumMap {
  const byCode = new Map<string, string>()
  const byId = new Map<string, string>()
  for (const item of items) {
    if (!item.XML_ID) continue
    byCode.set(item.XML_ID, String(item.ID))
    byId.set(String(item.ID), item.XML_ID)
  }
  return {
    idOf: (code) => (code ? (byCode.get(code) ?? null) : null),
    codeOf: (id) => (id === null || id === undefined || id === '' ? null : (byId.get(String(id)) ?? null)),
  }
}

export const EMPTY_ENUM: EnumMap = toEnumMap([])

function parseEnumItems(raw: unknown): EnumMap {
  const rows = Array.isArray(raw) ? raw : []
  const field = rows[0] as { LIST?: unknown } | undefined
  const list = Array.isArray(field?.LIST) ? (field.LIST as { ID: string | number; XML_ID?: string | null }[]) : []
  return toEnumMap(list)
}

/** The screen-batch command that reads one enumeration field's items. */
export function enumCommand(def: Pick<UserFieldDef, 'entity' | 'fieldName'>) {
  return command(`crm.${def.entity}.userfield.list`, { filter: { FIELD_NAME: def.fieldName } }, parseEnumItems)
}
