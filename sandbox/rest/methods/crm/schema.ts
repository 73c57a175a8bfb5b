import type { Store } from '../../../store/types'
import { MULTI_FIELD_TYPES, type EntityDef, type FieldDef } from './entities'
import { snakeToCamel, ufCamelNames } from './names'
import { userFieldsOf, type UserFieldRow } from './userfields'

/** Everything a method needs to name and convert one entity's fields, user fields included. */
export interface EntitySchema {
  entity: EntityDef
  system: Record<string, FieldDef>
  ufs: UserFieldRow[]
  ufByName: Map<string, UserFieldRow>
  /** UPPER → crm.item name (system and user fields). */
  toCamel: Map<string, string>
  /** crm.item name → UPPER. */
  fromCamel: Map<string, string>
}

export function isMultiField(name: string): boolean {
  return (MULTI_FIELD_TYPES as readonly string[]).includes(name)
}

export function entitySchema(store: Store, entity: EntityDef): EntitySchema {
  const ufs = userFieldsOf(store, entity.ufEntityId)
  const toCamel = new Map<string, string>()
  for (const [name, def] of Object.entries(entity.fields)) {
    if (!isMultiField(name)) toCamel.set(name, def.camel ?? snakeToCamel(name))
  }
  const ufNames = ufCamelNames(
    ufs.map((u) => u.FIELD_NAME),
    new Set(toCamel.values()),
  )
  for (const [upper, camel] of ufNames) toCamel.set(upper, camel)
  const fromCamel = new Map<string, string>()
  for (const [upper, camel] of toCamel) fromCamel.set(camel, upper)
  return {
    entity,
    system: entity.fields,
    ufs,
    ufByName: new Map(ufs.map((u) => [u.FIELD_NAME, u])),
    toCamel,
    fromCamel,
  }
}

/** Resolves a field name written in a crm.item request (camel, or UPPER for user fields). */
export function upperOfItemField(schema: EntitySchema, name: string, useOriginalUfNames: boolean): string | null {
  if (name === 'id') return 'ID'
  if (name.startsWith('UF_')) return schema.ufByName.has(name) ? name : null
  const upper = schema.fromCamel.get(name)
  if (!upper) return null
  if (useOriginalUfNames && upper.startsWith('UF_') && upper !== name) return null
  return upper
}

/** crm.item name of an UPPER field under the request's `useOriginalUfNames`. */
export function itemNameOf(schema: EntitySchema, upper: string, useOriginalUfNames: boolean): string {
  if (upper.startsWith('UF_') && useOriginalUfNames) return upper
  return schema.toCamel.get(upper) ?? snakeToCamel(upper)
}

/** Resolves a field name of a legacy request (UPPER), or null when the entity has no such field. */
export function upperOfLegacyField(schema: EntitySchema, name: string): string | null {
  const upper = name.toUpperCase()
  if (upper in schema.system || schema.ufByName.has(upper)) return upper
  return null
}
