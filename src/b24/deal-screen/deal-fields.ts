import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { PlaybookFieldKey, PlaybookFieldKind } from '@/domain/fields/playbook'
import type { LocalizedText } from '@/domain/fields/types'
import { parseMoney, toDecimalString } from '@/domain/money'
import { checkDateInput, checkMoneyInput, checkTextInput } from '@/domain/playbook/key-field-input'
import type { FieldValue } from '@/domain/playbook'
import type { DealDto, UserFieldDto } from './dto'

/**
 * The playbook's deal fields between three forms: REST (`UF_CRM_LMS_*` as crm.deal.get
 * returns them), the engine (`FieldValue`: enum → code, date → ISO, money → minor units)
 * and the in-place form (text inputs, `datetime-local`, checkboxes).
 */

/** Enumeration item IDs differ per portal: code (XML_ID) ↔ ID, per field. */
export type EnumMaps = Partial<Record<PlaybookFieldKey, { idToCode: Map<string, string>; codeToId: Map<string, string> }>>

export function enumMapsFrom(userFields: readonly UserFieldDto[]): EnumMaps {
  const maps: EnumMaps = {}
  for (const key of Object.keys(PLAYBOOK_FIELDS) as PlaybookFieldKey[]) {
    const spec = PLAYBOOK_FIELDS[key]
    if (spec.kind !== 'enum') continue
    const field = userFields.find((f) => f.FIELD_NAME === spec.fieldName)
    const items = field?.LIST ?? []
    maps[key] = {
      idToCode: new Map(items.filter((i) => i.XML_ID).map((i) => [String(i.ID), String(i.XML_ID)])),
      codeToId: new Map(items.filter((i) => i.XML_ID).map((i) => [String(i.XML_ID), String(i.ID)])),
    }
  }
  return maps
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

/** A money user field reads `"300|RUB"`; empty (null, '', `"|RUB"`) is null. */
export function moneyMinor(value: unknown): number | null {
  if (typeof value === 'number') return parseMoney(value)
  if (typeof value !== 'string') return null
  const amount = value.split('|')[0] ?? ''
  return amount.trim() === '' ? null : parseMoney(amount)
}

function readOne(kind: PlaybookFieldKind, raw: unknown, map: EnumMaps[PlaybookFieldKey]): FieldValue {
  // An untouched yes/no field is unknown, not «нет»: «Нужен ли договор» left empty must be asked for.
  if (isBlank(raw)) return null
  if (kind === 'boolean') return raw === true || raw === 1 || raw === '1' || raw === 'Y'
  switch (kind) {
    case 'money':
      return moneyMinor(raw)
    case 'enum':
      return map?.idToCode.get(String(raw)) ?? null
    case 'date': {
      const ms = Date.parse(String(raw))
      return Number.isNaN(ms) ? null : new Date(ms).toISOString()
    }
    default:
      return String(raw)
  }
}

/** The playbook fields of a deal as the engine reads them. */
export function readPlaybookFields(deal: DealDto, maps: EnumMaps): Partial<Record<PlaybookFieldKey, FieldValue>> {
  const out: Partial<Record<PlaybookFieldKey, FieldValue>> = {}
  for (const key of Object.keys(PLAYBOOK_FIELDS) as PlaybookFieldKey[]) {
    const spec = PLAYBOOK_FIELDS[key]
    out[key] = readOne(spec.kind, deal[spec.fieldName], maps[key])
  }
  return out
}

// ---- the in-place form ----

export type FormValue = string | boolean
export type FormValues = Partial<Record<PlaybookFieldKey, FormValue>>

const pad = (n: number) => String(n).padStart(2, '0')

/** ISO → `YYYY-MM-DDTHH:mm` in the browser's zone (what `<input type="datetime-local">` holds). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function toFormValues(fields: Partial<Record<PlaybookFieldKey, FieldValue>>, keys: readonly PlaybookFieldKey[]): FormValues {
  const out: FormValues = {}
  for (const key of keys) {
    const value = fields[key]
    switch (PLAYBOOK_FIELDS[key].kind) {
      case 'boolean':
        out[key] = value === true
        break
      case 'money':
        out[key] = typeof value === 'number' ? toDecimalString(value) : ''
        break
      case 'date':
        out[key] = typeof value === 'string' ? toLocalInput(value) : ''
        break
      default:
        out[key] = value === null || value === undefined ? '' : String(value)
    }
  }
  return out
}

/** Checks every field before anything is sent; messages in both languages (src/domain/playbook/key-field-input). */
export function validateForm(values: FormValues, keys: readonly PlaybookFieldKey[], now: Date = new Date()): Partial<Record<PlaybookFieldKey, LocalizedText>> {
  const errors: Partial<Record<PlaybookFieldKey, LocalizedText>> = {}
  for (const key of keys) {
    const spec = PLAYBOOK_FIELDS[key]
    const value = values[key]
    if (spec.kind === 'boolean') {
      if (value !== undefined && typeof value !== 'boolean') errors[key] = { ru: 'Ожидалось да или нет', en: 'Expected yes or no' }
      continue
    }
    const text = typeof value === 'string' ? value.trim() : ''
    if (text === '') continue
    const error =
      spec.kind === 'money'
        ? checkMoneyInput(text)
        : spec.kind === 'date'
          ? checkDateInput(text, now)
          : spec.kind === 'enum'
            ? spec.options?.some((o) => o.code === text)
              ? null
              : { ru: 'Выберите значение из списка', en: 'Choose a value from the list' }
            : checkTextInput(text)
    if (error) errors[key] = error
  }
  return errors
}

export type RestFieldsResult = { ok: true; fields: Record<string, unknown> } | { ok: false; errors: Partial<Record<PlaybookFieldKey, LocalizedText>> }

/**
 * A validated form patch → the `fields` of crm.deal.update (b24restdocs crm/deals/crm-deal-update.md).
 * A list field takes the portal's item ID; when the portal's list has no item for the chosen
 * value, nothing is sent and the field says so (the portal refuses a code in place of an ID).
 */
export function toRestFields(patch: FormValues, maps: EnumMaps, currency: string): RestFieldsResult {
  const out: Record<string, unknown> = {}
  const errors: Partial<Record<PlaybookFieldKey, LocalizedText>> = {}
  for (const key of Object.keys(patch) as PlaybookFieldKey[]) {
    const spec = PLAYBOOK_FIELDS[key]
    const value = patch[key]
    const text = typeof value === 'string' ? value.trim() : ''
    switch (spec.kind) {
      case 'boolean':
        out[spec.fieldName] = value === true ? 1 : 0
        break
      case 'money': {
        const minor = text === '' ? null : parseMoney(text)
        out[spec.fieldName] = minor === null ? '' : `${toDecimalString(minor)}|${currency}`
        break
      }
      case 'date':
        out[spec.fieldName] = text === '' ? '' : new Date(text).toISOString()
        break
      case 'enum': {
        const id = text === '' ? '' : maps[key]?.codeToId.get(text)
        if (id === undefined) {
          errors[key] = {
            ru: 'Этого значения нет в списке поля на портале. Сообщите администратору: список поля нужно дополнить.',
            en: 'The portal’s list for this field has no such value. Tell an administrator: the field’s list needs it.',
          }
        } else out[spec.fieldName] = id
        break
      }
      default:
        out[spec.fieldName] = text
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, fields: out }
}
