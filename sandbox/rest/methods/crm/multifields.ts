import type { Store } from '../../../store/types'
import type { CrmRow, MultiFieldType } from './entities'
import { FieldValueError } from './userfields'

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

// Names of the e-mail kinds as the portal words them in its error (VALUE_TYPE of EMAIL, data-types.md).
const EMAIL_KIND_NAMES: Record<string, string> = { WORK: 'Work e-mail', HOME: 'Personal e-mail', MAILING: 'Newsletter e-mail', OTHER: 'Other e-mail' }

// An address as the portal's check takes it: a dot-atom local part (no leading, trailing or double dot)
// and a domain of two or more labels whose last has at least two letters; letters of any script in the domain.
const LOCAL_ATOM = "[A-Za-z0-9=_+~'!$&*^`|#%/?{}-]+"
const DOMAIN_LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?'
const EMAIL_PATTERN = new RegExp(`^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@(?:${DOMAIN_LABEL}\\.)+\\p{L}{2,}$`, 'u')

export function isValidEmail(value: string): boolean {
  return value.length <= 320 && EMAIL_PATTERN.test(value)
}

/**
 * b24restdocs `api-reference/crm/contacts/crm-contact-{add,update}.md` and `crm/companies/crm-company-{add,update}.md`:
 * an invalid address in EMAIL is refused with ERROR_CORE "The field `Work e-mail` contains an invalid address"
 * (the field named by the value's kind). Leads and crm.item write EMAIL through the same check here.
 */
function checkEmail(value: string, valueType: string): void {
  if (isValidEmail(value)) return
  const kind = EMAIL_KIND_NAMES[valueType.toUpperCase()] ?? 'E-mail'
  throw new FieldValueError(`The field "${kind}" contains an invalid address`, 'ERROR_CORE')
}

/** Applies written values to the current list; an invalid e-mail among them is refused (nothing is written). */
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
    if (type === 'EMAIL' && !remove) checkEmail(value, valueType)
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
