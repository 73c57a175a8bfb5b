import type { Row, Store } from '../../../store/types'
import { fileUrl, getFile, isFilePair, saveFile } from '../../../files/files'
import { parseDateInput } from './dates'

/**
 * CRM user fields: their definitions (table `crm_userfields`) and how values of each type are
 * written and read on records. b24restdocs `api-reference/crm/universal/user-defined-fields/
 * crm-userfield-add.md` (types, SETTINGS, LIST), `api-reference/crm/universal/object-fields.md`
 * (value forms), `api-reference/crm/deals/user-defined-fields/crm-deal-userfield-get.md` (shape).
 */

export const UF_TYPES = [
  'string',
  'integer',
  'double',
  'boolean',
  'date',
  'datetime',
  'enumeration',
  'file',
  'money',
  'employee',
  'crm',
  'url',
  'address',
  'crm_status',
] as const
export type UfType = (typeof UF_TYPES)[number]

export interface EnumItemRow {
  ID: number
  VALUE: string
  SORT: number
  DEF: 'Y' | 'N'
  XML_ID: string
}

export interface UserFieldRow extends Row {
  ENTITY_ID: string
  FIELD_NAME: string
  USER_TYPE_ID: UfType
  XML_ID: string | null
  SORT: number
  MULTIPLE: 'Y' | 'N'
  MANDATORY: 'Y' | 'N'
  SHOW_FILTER: string
  SHOW_IN_LIST: 'Y' | 'N'
  EDIT_IN_LIST: 'Y' | 'N'
  IS_SEARCHABLE: 'Y' | 'N'
  SETTINGS: Record<string, unknown>
  EDIT_FORM_LABEL: Record<string, string>
  LIST_COLUMN_LABEL: Record<string, string>
  LIST_FILTER_LABEL: Record<string, string>
  ERROR_MESSAGE: Record<string, string>
  HELP_MESSAGE: Record<string, string>
  LIST: EnumItemRow[]
}

export const UF_TABLE = 'crm_userfields'
const ENUM_SEQ_KEY = 'crm.userfield.enumLastId'

export function userFieldsOf(store: Store, ufEntityId: string): UserFieldRow[] {
  const rows: UserFieldRow[] = []
  for (const row of store.table<UserFieldRow>(UF_TABLE).rows()) if (row.ENTITY_ID === ufEntityId) rows.push(row)
  return rows.sort((a, b) => a.SORT - b.SORT || a.ID - b.ID)
}

export function nextEnumItemId(store: Store): number {
  const next = (store.getValue<number>(ENUM_SEQ_KEY) ?? 0) + 1
  store.setValue(ENUM_SEQ_KEY, next)
  return next
}

/**
 * A bad value for a field; the caller turns it into its method family's error. `code` is set when the
 * portal names one for every method family (an invalid e-mail is ERROR_CORE for legacy and crm.item alike).
 */
export class FieldValueError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

export interface WriteContext {
  store: Store
  userId: number
  now: string
  /** crm.item takes files as `[name, b64]`, legacy as `{fileData: [name, b64]}`. */
  mode: 'legacy' | 'item'
  /** The stored value before this write (file fields keep the ids passed back). */
  previous: unknown
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || v === false

/** Normalises a written value to its stored form (enumeration → item id, boolean → 1/0, file → file id…). */
export function writeUfValue(uf: UserFieldRow, raw: unknown, ctx: WriteContext): unknown {
  if (uf.MULTIPLE === 'Y') {
    if (isBlank(raw)) return []
    let list: unknown[]
    if (Array.isArray(raw)) {
      // A lone `[name, b64]` pair is one file, not two values.
      list = uf.USER_TYPE_ID === 'file' && isFilePair(raw) && !isFilePair(raw[0]) ? [raw] : raw
    } else if (raw && typeof raw === 'object' && uf.USER_TYPE_ID !== 'file') {
      list = Object.values(raw)
    } else if (ctx.mode === 'item' && uf.USER_TYPE_ID !== 'file') {
      throw new FieldValueError(`Field "${uf.FIELD_NAME}" is multiple: the value must be an array`)
    } else {
      list = [raw]
    }
    const previousIds = Array.isArray(ctx.previous) ? ctx.previous.map(Number) : []
    return list
      .map((v) => writeOne(uf, v, { ...ctx, previous: previousIds }))
      .filter((v) => v !== null)
  }
  return writeOne(uf, raw, ctx)
}

function writeOne(uf: UserFieldRow, raw: unknown, ctx: WriteContext): unknown {
  const name = uf.FIELD_NAME
  switch (uf.USER_TYPE_ID) {
    case 'integer':
    case 'employee': {
      if (isBlank(raw)) return null
      const n = Number(raw)
      if (!Number.isFinite(n)) throw new FieldValueError(`Field "${name}": "${String(raw)}" is not a number`)
      return Math.trunc(n)
    }
    case 'double': {
      if (isBlank(raw)) return null
      const n = Number(String(raw).replace(',', '.'))
      if (!Number.isFinite(n)) throw new FieldValueError(`Field "${name}": "${String(raw)}" is not a number`)
      return n
    }
    case 'boolean': {
      if (raw === null || raw === undefined || raw === '') return null
      return raw === true || raw === 1 || raw === '1' || raw === 'Y' || raw === 'y' || raw === 'true' ? 1 : 0
    }
    case 'date':
    case 'datetime':
      try {
        return parseDateInput(raw, uf.USER_TYPE_ID === 'date')
      } catch {
        throw new FieldValueError(`Field "${name}": "${String(raw)}" is not a date`)
      }
    case 'enumeration': {
      // The value is the ID of one of the field's LIST items (crm-deal-userfield-add.md, uf_enum_element);
      // an XML_ID code or an item's text is not, and is refused like an unknown ID. The doc pages give no
      // text for this refusal: the legacy methods answer it as `{error: "", error_description}` and
      // crm.item as CRM_FIELD_ERROR_VALUE_NOT_VALID (crm-item-update.md), with this sandbox wording.
      if (isBlank(raw)) return null
      const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : ''
      const item = /^\d+$/.test(text) ? uf.LIST.find((i) => i.ID === Number(text)) : undefined
      if (!item) throw new FieldValueError(`Field "${name}": the list has no item with ID "${String(raw)}"`)
      return item.ID
    }
    case 'money': {
      if (isBlank(raw)) return null
      if (typeof raw === 'number') return `${raw}|RUB`
      const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*(?:\|\s*([A-Z]{3}))?\s*$/.exec(String(raw))
      if (!m) throw new FieldValueError(`Field "${name}": "${String(raw)}" is not money (amount|CUR)`)
      return `${m[1]!.replace(',', '.')}|${m[2] ?? 'RUB'}`
    }
    case 'crm': {
      if (isBlank(raw)) return null
      const s = String(raw).trim()
      const m = /^(L|D|C|CO|Q|SI|T[0-9a-f]+)_(\d+)$/i.exec(s)
      if (m) return /^t/i.test(m[1]!) ? `T${m[1]!.slice(1).toLowerCase()}_${m[2]}` : `${m[1]!.toUpperCase()}_${m[2]}`
      if (/^\d+$/.test(s)) return s
      throw new FieldValueError(`Field "${name}": "${s}" is not a CRM binding like D_12`)
    }
    case 'file':
      return writeFile(uf, raw, ctx)
    default:
      return isBlank(raw) ? null : String(raw)
  }
}

function writeFile(uf: UserFieldRow, raw: unknown, ctx: WriteContext): number | null {
  if (isBlank(raw)) return null
  let pair: unknown = raw
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const obj = raw as Record<string, unknown>
    if ('fileData' in obj) pair = obj.fileData
    else if ('id' in obj || 'ID' in obj) {
      // Keeping a file that is already there: `{id: 30577}`.
      const id = Number(obj.id ?? obj.ID)
      const kept = Array.isArray(ctx.previous) ? ctx.previous.map(Number).includes(id) : Number(ctx.previous) === id
      if (kept && getFile(ctx.store, id)) return id
      throw new FieldValueError(`Field "${uf.FIELD_NAME}": file ${id} is not attached to this item`)
    }
  }
  if (!isFilePair(pair)) throw new FieldValueError(`Field "${uf.FIELD_NAME}": a file is ["name", "base64"]`)
  try {
    return saveFile(ctx.store, { name: pair[0], base64: pair[1], authorId: ctx.userId, created: ctx.now }).ID
  } catch (e) {
    throw new FieldValueError(`Field "${uf.FIELD_NAME}": ${(e as Error).message}`)
  }
}

export interface ReadContext {
  store: Store
  origin: string
  mode: 'legacy' | 'item'
}

/** The stored value as the legacy methods (strings) or crm.item (native) return it. */
export function readUfValue(uf: UserFieldRow, stored: unknown, ctx: ReadContext): unknown {
  if (uf.MULTIPLE === 'Y') {
    const list = Array.isArray(stored) ? stored : stored == null ? [] : [stored]
    return list.map((v) => readOne(uf, v, ctx)).filter((v) => v !== null)
  }
  return readOne(uf, stored, ctx)
}

function readOne(uf: UserFieldRow, v: unknown, ctx: ReadContext): unknown {
  const legacy = ctx.mode === 'legacy'
  if (v === null || v === undefined || v === '') {
    if (uf.USER_TYPE_ID === 'boolean') return legacy ? '0' : 'N'
    return null
  }
  switch (uf.USER_TYPE_ID) {
    case 'integer':
    case 'employee':
    case 'enumeration':
    case 'double':
      return legacy ? String(v) : Number(v)
    case 'boolean':
      return legacy ? (Number(v) ? '1' : '0') : Number(v) ? 'Y' : 'N'
    case 'file': {
      const file = getFile(ctx.store, Number(v))
      if (!file) return null
      const url = fileUrl(ctx.origin, file)
      return legacy ? { id: file.ID, showUrl: url, downloadUrl: url } : { id: file.ID, url, urlMachine: url }
    }
    default:
      return String(v)
  }
}

/** `{ru, en}` labels from a string or a per-language object. */
export function labelsOf(raw: unknown, fallback: Record<string, string>): Record<string, string> {
  if (typeof raw === 'string') return { ru: raw, en: raw }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(raw)) out[k] = String(v ?? '')
    return out
  }
  return fallback
}

/** A label in the given language (Russian first, then English, then any). */
export function labelIn(labels: Record<string, string>, lang = 'ru'): string {
  return labels[lang] || labels.ru || labels.en || Object.values(labels).find(Boolean) || ''
}
