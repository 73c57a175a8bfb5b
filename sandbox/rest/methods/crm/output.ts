import type { Store } from '../../../store/types'
import { MULTI_FIELD_TYPES, type CrmRow, type FieldDef } from './entities'
import { readMultiFields } from './multifields'
import { isMultiField, itemNameOf, type EntitySchema } from './schema'
import { readUfValue } from './userfields'

/**
 * Stored rows → REST shapes. Legacy: every scalar a string, empty → null
 * (b24restdocs `api-reference/crm/deals/crm-deal-get.md`); crm.item: numbers as numbers, Y/N flags,
 * links as 0 when empty (`api-reference/crm/universal/crm-item-get.md`).
 */

const LINK_TYPES = new Set(['crm_company', 'crm_contact', 'crm_lead', 'crm_quote'])
const NUMERIC_TYPES = new Set(['integer', 'user', 'crm_company', 'crm_contact', 'crm_lead', 'crm_quote', 'crm_category'])

function empty(v: unknown): boolean {
  return v === null || v === undefined || v === ''
}

export function legacyScalar(def: FieldDef, v: unknown): unknown {
  if (def.multiple) return Array.isArray(v) ? v.map(String) : []
  if (empty(v)) return def.type === 'double' ? '0.00' : null
  if (def.type === 'double') return Number(v).toFixed(2)
  if (def.type === 'char') return v === true || v === 'Y' ? 'Y' : v === false || v === 'N' ? 'N' : String(v)
  // An empty link is null, not "0" (`LEAD_ID: null` in crm.deal.get); plain integers keep their 0.
  if (LINK_TYPES.has(def.type) && Number(v) === 0) return null
  return String(v)
}

export function itemScalar(def: FieldDef, v: unknown): unknown {
  if (def.multiple) return Array.isArray(v) ? v.map(Number) : []
  if (def.type === 'char') return v === true || v === 'Y' ? 'Y' : 'N'
  if (empty(v)) {
    if (def.type === 'crm_company' || def.type === 'crm_contact') return 0
    if (def.type === 'double') return 0
    return null
  }
  if (NUMERIC_TYPES.has(def.type) || def.type === 'double') return Number(v)
  return String(v)
}

export interface OutputContext {
  store: Store
  origin: string
}

/**
 * Legacy shape. `select` null = everything a `get` returns (system fields, user fields, multi-fields
 * that have values); otherwise the set of UPPER names a `list` asked for.
 */
export function legacyRow(row: CrmRow, schema: EntitySchema, select: Set<string> | null, ctx: OutputContext): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const wants = (name: string) => select === null || select.has(name)
  for (const [name, def] of Object.entries(schema.system)) {
    if (def.writeOnlyLegacy || isMultiField(name)) continue
    if (name !== 'ID' && !wants(name)) continue
    out[name] = legacyScalar(def, row[name])
  }
  for (const uf of schema.ufs) {
    if (!wants(uf.FIELD_NAME)) continue
    out[uf.FIELD_NAME] = readUfValue(uf, row[uf.FIELD_NAME], { store: ctx.store, origin: ctx.origin, mode: 'legacy' })
  }
  if (schema.entity.hasMultiFields) {
    for (const type of MULTI_FIELD_TYPES) {
      const values = readMultiFields(row, type)
      if (select === null ? values.length > 0 : select.has(type)) {
        out[type] = values.map((v) => ({ ID: String(v.ID), VALUE_TYPE: v.VALUE_TYPE, VALUE: v.VALUE, TYPE_ID: type }))
      }
    }
  }
  return out
}

/** crm.item shape; `select` null = every field (`*`), else the UPPER names asked for. */
export function itemRow(
  row: CrmRow,
  schema: EntitySchema,
  select: Set<string> | null,
  useOriginalUfNames: boolean,
  ctx: OutputContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const wants = (name: string) => select === null || select.has(name)
  for (const [name, def] of Object.entries(schema.system)) {
    if (isMultiField(name)) continue
    if (name !== 'ID' && !wants(name)) continue
    out[itemNameOf(schema, name, false)] = itemScalar(def, row[name])
  }
  for (const uf of schema.ufs) {
    if (!wants(uf.FIELD_NAME)) continue
    out[itemNameOf(schema, uf.FIELD_NAME, useOriginalUfNames)] = readUfValue(uf, row[uf.FIELD_NAME], {
      store: ctx.store,
      origin: ctx.origin,
      mode: 'item',
    })
  }
  if (schema.entity.hasMultiFields && (select === null || select.has('FM'))) {
    const fm = MULTI_FIELD_TYPES.flatMap((type) =>
      readMultiFields(row, type).map((v) => ({ id: v.ID, valueType: v.VALUE_TYPE, value: v.VALUE, typeId: type })),
    )
    out.fm = fm
    out.phone = fm.find((v) => v.typeId === 'PHONE')?.value ?? null
    out.email = fm.find((v) => v.typeId === 'EMAIL')?.value ?? null
  }
  out.entityTypeId = schema.entity.entityTypeId
  return out
}
