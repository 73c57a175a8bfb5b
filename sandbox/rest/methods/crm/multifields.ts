import type { Store } from '../../../store/types'
import type { CrmRow, MultiFieldType } from './entities'

/**
 * Phones, e-mails, sites and messengers of contacts, companies and leads, stored on the row as
 * `PHONE: [{ID, VALUE_TYPE, VALUE}]`. Written as b24restdocs `api-reference/crm/data-types.md`
 * (crm_multifield) says: without ID → added; with ID → changed; with ID and empty VALUE or
 * `DELETE: "Y"` → removed.
 */
export interface MultiFieldValue {
  ID: number
  VALUE_TYPE: string
  VALUE: string
}

const SEQ_KEY = 'crm.multifield.lastId'

const DEFAULT_VALUE_TYPE: Record<MultiFieldType, string> = { PHONE: 'WORK', EMAIL: 'WORK', WEB: 'WORK', IM: 'OTHER' }

export function readMultiFields(row: CrmRow, type: MultiFieldType): MultiFieldValue[] {
  const v = row[type]
  return Array.isArray(v) ? (v as MultiFieldValue[]) : []
}

export function nextMultiFieldId(store: Store): number {
  const next = (store.getValue<number>(SEQ_KEY) ?? 0) + 1
  store.setValue(SEQ_KEY, next)
  return next
}

/** Applies written values to the current list. */
export function mergeMultiFields(store: Store, type: MultiFieldType, current: MultiFieldValue[], input: unknown): MultiFieldValue[] {
  const result = current.map((v) => ({ ...v }))
  const items = Array.isArray(input) ? input : input && typeof input === 'object' ? Object.values(input) : []
  for (const raw of items) {
    if (!raw || typeof raw !== 'object') continue
    const item = raw as Record<string, unknown>
    const id = Number(item.ID ?? item.id ?? 0)
    const value = String(item.VALUE ?? item.value ?? '').trim()
    const valueType = String(item.VALUE_TYPE ?? item.valueType ?? DEFAULT_VALUE_TYPE[type])
    const remove = String(item.DELETE ?? '').toUpperCase() === 'Y' || value === ''
    const index = id ? result.findIndex((v) => v.ID === id) : -1
    if (index >= 0) {
      if (remove) result.splice(index, 1)
      else result[index] = { ID: id, VALUE_TYPE: valueType, VALUE: value }
    } else if (!remove) {
      result.push({ ID: nextMultiFieldId(store), VALUE_TYPE: valueType, VALUE: value })
    }
  }
  return result
}
