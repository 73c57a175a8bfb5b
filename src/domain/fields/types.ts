/**
 * A CRM user field the app needs. The install flow creates each one with
 * `crm.<entity>.userfield.add` (once: it checks `userfield.list` first), so every
 * widget declares its fields here, in `src/domain/fields/<feature>.ts`.
 */
export type UserFieldEntity = 'deal' | 'company' | 'lead' | 'contact'

export type UserFieldType =
  | 'string'
  | 'integer'
  | 'double'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enumeration'
  | 'file'
  | 'money'
  | 'employee'
  | 'crm'

export interface LocalizedText {
  ru: string
  en: string
}

export interface EnumerationItem {
  /** Stable code: the app finds the portal's item ID by it (`XML_ID`). */
  xmlId: string
  /** Stored as the item's VALUE (Russian, as the portal's users read it). */
  value: string
  sort: number
}

export interface UserFieldDef {
  entity: UserFieldEntity
  /** Full name as the portal keeps it, `UF_CRM_` + up to 43 chars of A-Z 0-9 _. */
  fieldName: `UF_CRM_${string}`
  type: UserFieldType
  multiple?: boolean
  label: LocalizedText
  /** enumeration only */
  items?: EnumerationItem[]
  /** Passed as SETTINGS, e.g. `{ PRECISION: 2 }` for double, `{ DEAL: 'Y' }` for crm. */
  settings?: Record<string, unknown>
  /** Shown in the portal's list filter (SHOW_FILTER). Default true. */
  filterable?: boolean
}
