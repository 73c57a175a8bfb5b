import { RestError, errors } from '../../../core/errors'
import { ListPage, type CallContext, type MethodTable, type Params } from '../../../core/types'
import { compileFilter, compileOrder, parseFilter, parseOrder } from '../../filter'
import { ENTITIES, type EntityDef } from './entities'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { isObject, isYes, listOf, param, positiveId } from './params'
import {
  UF_TABLE,
  UF_TYPES,
  labelsOf,
  nextEnumItemId,
  type EnumItemRow,
  type UfType,
  type UserFieldRow,
} from './userfields'

/**
 * `crm.{deal,company,contact,lead}.userfield.{add,get,list,update,delete}`
 * (b24restdocs `api-reference/crm/deals/user-defined-fields/crm-deal-userfield-*.md`). Creating, changing
 * and deleting fields is for administrators.
 */

const coreError = (text: string) => new RestError(400, 'ERROR_CORE', text)

/** `NOTE` → `UF_CRM_NOTE`, `UF_NOTE` → `UF_CRM_NOTE`; the prefix is kept when given. */
export function fullFieldName(raw: string): string {
  const name = raw.trim().toUpperCase()
  if (name.startsWith('UF_CRM_')) return name
  if (name.startsWith('UF_')) return `UF_CRM_${name.slice(3)}`
  return `UF_CRM_${name}`
}

function yn(v: unknown, fallback: 'Y' | 'N'): 'Y' | 'N' {
  if (v === undefined || v === null || v === '') return fallback
  return isYes(v) ? 'Y' : 'N'
}

function writeList(current: EnumItemRow[], raw: unknown, ctx: CallContext): EnumItemRow[] {
  const items = current.map((i) => ({ ...i }))
  for (const entry of listOf(raw)) {
    if (!isObject(entry)) continue
    const id = positiveId(entry.ID)
    const index = id ? items.findIndex((i) => i.ID === id) : -1
    if (index >= 0) {
      if (isYes(entry.DEL)) {
        items.splice(index, 1)
        continue
      }
      const item = items[index]!
      if (entry.VALUE !== undefined) item.VALUE = String(entry.VALUE)
      if (entry.SORT !== undefined) item.SORT = Number(entry.SORT) || 0
      if (entry.DEF !== undefined) item.DEF = yn(entry.DEF, 'N')
      if (entry.XML_ID !== undefined) item.XML_ID = String(entry.XML_ID)
      continue
    }
    if (entry.VALUE === undefined || entry.VALUE === '') continue
    const itemId = nextEnumItemId(ctx.store)
    items.push({
      ID: itemId,
      VALUE: String(entry.VALUE),
      SORT: Number(entry.SORT ?? (items.length + 1) * 100) || 0,
      DEF: yn(entry.DEF, 'N'),
      XML_ID: entry.XML_ID !== undefined && entry.XML_ID !== '' ? String(entry.XML_ID) : `${itemId}`,
    })
  }
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.XML_ID)) throw coreError(`List item with value XML_ID=${item.XML_ID} already exists.`)
    seen.add(item.XML_ID)
  }
  return items.sort((a, b) => a.SORT - b.SORT || a.ID - b.ID)
}

function defaultSettings(type: UfType, raw: unknown): Record<string, unknown> {
  const given = isObject(raw) ? raw : {}
  switch (type) {
    case 'string':
      return { SIZE: 20, ROWS: 1, REGEXP: '', MIN_LENGTH: 0, MAX_LENGTH: 0, DEFAULT_VALUE: '', ...given }
    case 'double':
      return { PRECISION: 2, SIZE: 20, MIN_VALUE: 0, MAX_VALUE: 0, DEFAULT_VALUE: null, ...given }
    case 'integer':
      return { SIZE: 20, MIN_VALUE: 0, MAX_VALUE: 0, DEFAULT_VALUE: null, ...given }
    case 'boolean':
      return { DEFAULT_VALUE: 0, DISPLAY: 'CHECKBOX', LABEL: ['', ''], LABEL_CHECKBOX: '', ...given }
    case 'enumeration':
      return { DISPLAY: 'LIST', LIST_HEIGHT: 1, CAPTION_NO_VALUE: '', SHOW_NO_VALUE: 'Y', ...given }
    case 'crm': {
      const s = { LEAD: 'N', CONTACT: 'N', COMPANY: 'N', DEAL: 'N', ...given }
      if (![s.LEAD, s.CONTACT, s.COMPANY, s.DEAL].some((v) => v === 'Y')) s.LEAD = 'Y'
      return s
    }
    default:
      return { ...given }
  }
}

function ufView(uf: UserFieldRow, lang?: string): Record<string, unknown> {
  const label = (l: Record<string, string>) => (lang ? (l[lang] ?? '') : l)
  const view: Record<string, unknown> = {
    ID: String(uf.ID),
    ENTITY_ID: uf.ENTITY_ID,
    FIELD_NAME: uf.FIELD_NAME,
    USER_TYPE_ID: uf.USER_TYPE_ID,
    XML_ID: uf.XML_ID,
    SORT: String(uf.SORT),
    MULTIPLE: uf.MULTIPLE,
    MANDATORY: uf.MANDATORY,
    SHOW_FILTER: uf.SHOW_FILTER,
    SHOW_IN_LIST: uf.SHOW_IN_LIST,
    EDIT_IN_LIST: uf.EDIT_IN_LIST,
    IS_SEARCHABLE: uf.IS_SEARCHABLE,
    SETTINGS: uf.SETTINGS,
    EDIT_FORM_LABEL: label(uf.EDIT_FORM_LABEL),
    LIST_COLUMN_LABEL: label(uf.LIST_COLUMN_LABEL),
    LIST_FILTER_LABEL: label(uf.LIST_FILTER_LABEL),
    ERROR_MESSAGE: label(uf.ERROR_MESSAGE),
    HELP_MESSAGE: label(uf.HELP_MESSAGE),
  }
  if (uf.USER_TYPE_ID === 'enumeration') {
    view.LIST = uf.LIST.map((i) => ({ ID: String(i.ID), SORT: String(i.SORT), VALUE: i.VALUE, DEF: i.DEF, XML_ID: i.XML_ID }))
  }
  return view
}

function findUf(ctx: CallContext, entity: EntityDef, params: Params): UserFieldRow {
  const id = positiveId(param(params, 'id'))
  if (id === null) throw errors.legacy('ID is not defined or invalid.')
  const uf = ctx.store.table<UserFieldRow>(UF_TABLE).get(id)
  if (!uf || uf.ENTITY_ID !== entity.ufEntityId) throw errors.legacy('Not found')
  return uf
}

export function addUserField(ctx: CallContext, entity: EntityDef, fields: Record<string, unknown>): number {
  const rawName = String(fields.FIELD_NAME ?? '').trim()
  if (!rawName) throw errors.legacy("The 'FIELD_NAME' field is not found.")
  const name = fullFieldName(rawName)
  if (name.length > 50) throw coreError('Field name is too long (more than 50 characters).')
  if (!/^UF_CRM_[A-Z0-9_]+$/.test(name)) {
    throw coreError('Field name contains invalid characters. Allowed characters are: A-Z, 0-9 and _.')
  }
  const rawType = String(fields.USER_TYPE_ID ?? '').trim()
  if (!rawType) throw errors.legacy("The 'USER_TYPE_ID' field is not found.")
  if (!(UF_TYPES as readonly string[]).includes(rawType)) throw coreError('Incorrect custom type specified.')
  const type = rawType as UfType
  const table = ctx.store.table<UserFieldRow>(UF_TABLE)
  for (const uf of table.rows()) {
    if (uf.ENTITY_ID === entity.ufEntityId && uf.FIELD_NAME === name) {
      throw coreError(`A field with the name ${name} already exists.`)
    }
  }
  const multiple = type === 'boolean' ? 'N' : yn(fields.MULTIPLE, 'N')
  const baseLabel = labelsOf(fields.LABEL, { ru: name, en: name })
  const row = table.insert({
    ENTITY_ID: entity.ufEntityId,
    FIELD_NAME: name,
    USER_TYPE_ID: type,
    XML_ID: fields.XML_ID == null || fields.XML_ID === '' ? null : String(fields.XML_ID),
    SORT: Number(fields.SORT ?? 100) || 100,
    MULTIPLE: multiple,
    MANDATORY: yn(fields.MANDATORY, 'N'),
    SHOW_FILTER: fields.SHOW_FILTER === undefined ? 'N' : isYes(fields.SHOW_FILTER) ? 'E' : String(fields.SHOW_FILTER),
    SHOW_IN_LIST: yn(fields.SHOW_IN_LIST, 'Y'),
    EDIT_IN_LIST: yn(fields.EDIT_IN_LIST, 'Y'),
    IS_SEARCHABLE: yn(fields.IS_SEARCHABLE, 'N'),
    SETTINGS: defaultSettings(type, fields.SETTINGS),
    EDIT_FORM_LABEL: labelsOf(fields.EDIT_FORM_LABEL, baseLabel),
    LIST_COLUMN_LABEL: labelsOf(fields.LIST_COLUMN_LABEL, baseLabel),
    LIST_FILTER_LABEL: labelsOf(fields.LIST_FILTER_LABEL, baseLabel),
    ERROR_MESSAGE: labelsOf(fields.ERROR_MESSAGE, {}),
    HELP_MESSAGE: labelsOf(fields.HELP_MESSAGE, {}),
    LIST: type === 'enumeration' ? writeList([], fields.LIST, ctx) : [],
  })
  return row.ID
}

function entityUserFieldMethods(entity: EntityDef): MethodTable {
  const prefix = `crm.${entity.kind}.userfield`
  const fieldsOf = (params: Params) => {
    const fields = param(params, 'fields')
    if (!isObject(fields)) throw errors.legacy("Parameter 'fields' must be array.")
    return fields
  }
  return {
    [`${prefix}.add`]: {
      scope: 'crm',
      adminOnly: true,
      cost: CALL_COST,
      handler: (ctx, params) => addUserField(ctx, entity, fieldsOf(params)),
    },
    [`${prefix}.get`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => ufView(findUf(ctx, entity, params)),
    },
    [`${prefix}.list`]: {
      scope: 'crm',
      cost: LIST_COST,
      handler: (ctx, params) => {
        const filterRaw = param(params, 'filter')
        if (filterRaw !== undefined && filterRaw !== '' && !isObject(filterRaw) && !Array.isArray(filterRaw)) {
          throw errors.legacy("Parameter 'filter' must be array")
        }
        const filter = isObject(filterRaw) ? { ...filterRaw } : {}
        const lang = typeof filter.LANG === 'string' ? filter.LANG : undefined
        delete filter.LANG
        const matches = compileFilter(parseFilter(filter), (row: UserFieldRow, f) => row[f.toUpperCase()])
        const order = parseOrder(param(params, 'order'), (f) => f.toUpperCase())
        const rows = [...ctx.store.table<UserFieldRow>(UF_TABLE).rows()]
          .filter((u) => u.ENTITY_ID === entity.ufEntityId && matches(u))
          .sort(compileOrder(order.length ? order : [{ field: 'SORT', desc: false }], (row, f) => row[f]))
        return new ListPage(rows.map((u) => ufView(u, lang)), rows.length)
      },
    },
    [`${prefix}.update`]: {
      scope: 'crm',
      adminOnly: true,
      cost: CALL_COST,
      handler: (ctx, params) => {
        const uf = findUf(ctx, entity, params)
        const fields = fieldsOf(params)
        const patch: Partial<UserFieldRow> = {}
        if (fields.SORT !== undefined) patch.SORT = Number(fields.SORT) || uf.SORT
        if (fields.MANDATORY !== undefined) patch.MANDATORY = yn(fields.MANDATORY, uf.MANDATORY)
        if (fields.SHOW_FILTER !== undefined) patch.SHOW_FILTER = isYes(fields.SHOW_FILTER) ? 'E' : String(fields.SHOW_FILTER)
        if (fields.SHOW_IN_LIST !== undefined) patch.SHOW_IN_LIST = yn(fields.SHOW_IN_LIST, uf.SHOW_IN_LIST)
        if (fields.EDIT_IN_LIST !== undefined) patch.EDIT_IN_LIST = yn(fields.EDIT_IN_LIST, uf.EDIT_IN_LIST)
        if (fields.XML_ID !== undefined) patch.XML_ID = fields.XML_ID === '' ? null : String(fields.XML_ID)
        if (fields.SETTINGS !== undefined) patch.SETTINGS = { ...uf.SETTINGS, ...(isObject(fields.SETTINGS) ? fields.SETTINGS : {}) }
        if (fields.LABEL !== undefined) {
          const l = labelsOf(fields.LABEL, {})
          patch.EDIT_FORM_LABEL = l
          patch.LIST_COLUMN_LABEL = l
          patch.LIST_FILTER_LABEL = l
        }
        for (const key of ['EDIT_FORM_LABEL', 'LIST_COLUMN_LABEL', 'LIST_FILTER_LABEL', 'ERROR_MESSAGE', 'HELP_MESSAGE'] as const) {
          if (fields[key] !== undefined) patch[key] = { ...uf[key], ...labelsOf(fields[key], {}) }
        }
        if (fields.LIST !== undefined && uf.USER_TYPE_ID === 'enumeration') patch.LIST = writeList(uf.LIST, fields.LIST, ctx)
        ctx.store.table<UserFieldRow>(UF_TABLE).update(uf.ID, patch)
        return true
      },
    },
    [`${prefix}.delete`]: {
      scope: 'crm',
      adminOnly: true,
      cost: CALL_COST,
      handler: (ctx, params) => {
        const uf = findUf(ctx, entity, params)
        ctx.store.table(UF_TABLE).delete(uf.ID)
        // Values go with the field, so a field created later under the same name starts empty.
        const records = ctx.store.table(entity.table)
        for (const row of [...records.rows()]) if (row[uf.FIELD_NAME] !== undefined) records.update(row.ID, { [uf.FIELD_NAME]: undefined })
        return true
      },
    },
  }
}

export const userFieldMethods: MethodTable = Object.assign({}, ...Object.values(ENTITIES).map(entityUserFieldMethods))
