import type { Store } from '../../../store/types'
import { statusList } from './dictionaries'
import { itemNameOf, type EntitySchema } from './schema'
import { labelIn, type UserFieldRow } from './userfields'

/**
 * `crm.<entity>.fields` and `crm.item.fields` descriptions
 * (b24restdocs `api-reference/crm/deals/crm-deal-fields.md`, `api-reference/crm/universal/crm-item-fields.md`).
 */

export interface FieldDescription {
  type: string
  isRequired: boolean
  isReadOnly: boolean
  isImmutable: boolean
  isMultiple: boolean
  isDynamic: boolean
  title: string
  statusType?: string
  listLabel?: string
  formLabel?: string
  filterLabel?: string
  settings?: Record<string, unknown>
  items?: Array<{ ID: string; VALUE: string }>
  upperName?: string
}

function ufDescription(uf: UserFieldRow): FieldDescription {
  const d: FieldDescription = {
    type: uf.USER_TYPE_ID,
    isRequired: uf.MANDATORY === 'Y',
    isReadOnly: false,
    isImmutable: false,
    isMultiple: uf.MULTIPLE === 'Y',
    isDynamic: true,
    title: uf.FIELD_NAME,
    listLabel: labelIn(uf.LIST_COLUMN_LABEL),
    formLabel: labelIn(uf.EDIT_FORM_LABEL),
    filterLabel: labelIn(uf.LIST_FILTER_LABEL),
    settings: uf.SETTINGS,
  }
  if (uf.USER_TYPE_ID === 'enumeration') d.items = uf.LIST.map((i) => ({ ID: String(i.ID), VALUE: i.VALUE }))
  return d
}

export function legacyFields(store: Store, schema: EntitySchema): Record<string, FieldDescription> {
  const out: Record<string, FieldDescription> = {}
  for (const [name, def] of Object.entries(schema.system)) {
    const d: FieldDescription = {
      type: def.type,
      isRequired: def.required === true,
      isReadOnly: def.readOnly === true,
      isImmutable: def.immutable === true,
      isMultiple: def.multiple === true,
      isDynamic: false,
      title: def.title,
    }
    if (def.statusType) d.statusType = def.statusType === 'DEAL_STAGE' ? 'DEAL_STAGE' : def.statusType
    out[name] = d
  }
  for (const uf of schema.ufs) out[uf.FIELD_NAME] = ufDescription(uf)
  void store
  return out
}

export function itemFields(store: Store, schema: EntitySchema, useOriginalUfNames: boolean): Record<string, FieldDescription> {
  const out: Record<string, FieldDescription> = {}
  for (const [name, d] of Object.entries(legacyFields(store, schema))) {
    if (['PHONE', 'EMAIL', 'WEB', 'IM'].includes(name)) continue
    out[itemNameOf(schema, name, useOriginalUfNames)] = { ...d, upperName: name }
  }
  if (schema.entity.hasMultiFields) {
    out.fm = {
      type: 'crm_multifield',
      isRequired: false,
      isReadOnly: false,
      isImmutable: false,
      isMultiple: true,
      isDynamic: false,
      title: 'Multi-fields',
      upperName: 'FM',
    }
  }
  return out
}

/** Names of a status list, handy for descriptions (used by the demo pages through crm.status.list). */
export function statusNames(store: Store, entityId: string): Record<string, string> {
  return Object.fromEntries(statusList(store, entityId).map((s) => [s.STATUS_ID, s.NAME]))
}
