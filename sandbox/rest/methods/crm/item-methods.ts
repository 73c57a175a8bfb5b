import { pageOf } from '../../../core/paging'
import { RestError } from '../../../core/errors'
import type { CallContext, MethodTable, Params } from '../../../core/types'
import { parseFilter, parseOrder } from '../../filter'
import { entityByTypeId, MULTI_FIELD_TYPES, type CrmRow, type EntityDef } from './entities'
import { itemFields } from './fields-view'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { itemRow } from './output'
import { isObject, isYes, listOf, param, positiveId } from './params'
import { createRecord, deleteRecord, findRow, normalizeFilter, queryRecords, updateRecord, viewRow } from './records'
import { crmRights } from './rights'
import { entitySchema, upperOfItemField, type EntitySchema } from './schema'
import { FieldValueError } from './userfields'

/**
 * Universal `crm.item.{get,list,add,update,delete,fields}` over the same rows as the legacy methods,
 * for entityTypeId 1–4 (b24restdocs `api-reference/crm/universal/crm-item-*.md`).
 */

const accessDenied = () => new RestError(400, 'ACCESS_DENIED', 'Access denied')
const itemNotFound = () => new RestError(400, 'NOT_FOUND', 'Element not found')

function entityOf(params: Params): EntityDef {
  const raw = param(params, 'entityTypeId')
  if (raw === undefined || raw === '') throw new RestError(400, 'INVALID_ARG_VALUE', "Required parameter 'entityTypeId' is not set")
  const entity = entityByTypeId(raw)
  if (!entity) throw new RestError(400, 'NOT_FOUND', 'Smart process not found')
  return entity
}

function requireItemId(params: Params): number {
  const id = positiveId(param(params, 'id'))
  if (id === null) throw new RestError(400, 'INVALID_ARG_VALUE', "Required parameter 'id' is not set or invalid")
  return id
}

/** The item that `entityTypeId` and `id` name (crm.item.get/delete); NOT_FOUND when there is none. */
function requireItem(ctx: CallContext, params: Params): { schema: EntitySchema; row: CrmRow } {
  const schema = entitySchema(ctx.store, entityOf(params))
  const row = findRow(ctx, schema, requireItemId(params))
  if (!row) throw itemNotFound()
  return { schema, row }
}

function itemValueError<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof FieldValueError) {
      if (e.code) throw new RestError(400, e.code, e.message)
      const multiple = /must be an array/.test(e.message)
      throw new RestError(400, multiple ? '100' : 'CRM_FIELD_ERROR_VALUE_NOT_VALID', e.message)
    }
    throw e
  }
}

/** camelCase `fields` → UPPER_CASE input of the shared writer (`fm` → PHONE/EMAIL/WEB/IM). */
export function itemInput(schema: EntitySchema, fields: Record<string, unknown>, useOriginal: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'fm' && schema.entity.hasMultiFields) {
      for (const raw of listOf(value)) {
        if (!isObject(raw)) continue
        const type = String(raw.typeId ?? raw.TYPE_ID ?? '').toUpperCase()
        if (!(MULTI_FIELD_TYPES as readonly string[]).includes(type)) continue
        const list = (input[type] as unknown[] | undefined) ?? []
        list.push({ ID: raw.id ?? raw.ID, VALUE: raw.value ?? raw.VALUE, VALUE_TYPE: raw.valueType ?? raw.VALUE_TYPE })
        input[type] = list
      }
      continue
    }
    const upper = upperOfItemField(schema, key, useOriginal)
    if (upper) input[upper] = value
  }
  return input
}

function itemSelect(schema: EntitySchema, raw: unknown, useOriginal: boolean): Set<string> | null {
  const asked = listOf(raw).map(String)
  if (asked.length === 0 || asked.includes('*')) return null
  const set = new Set<string>()
  for (const name of asked) {
    if (name === 'fm') set.add('FM')
    else if (name === 'uf*' || name === 'UF_*' || name === 'ufCrm*') schema.ufs.forEach((u) => set.add(u.FIELD_NAME))
    else {
      const upper = upperOfItemField(schema, name, useOriginal)
      if (upper) set.add(upper)
    }
  }
  return set
}

export const itemMethods: MethodTable = {
  'crm.item.fields': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const schema = entitySchema(ctx.store, entityOf(params))
      return { fields: itemFields(ctx.store, schema, isYes(param(params, 'useOriginalUfNames'))) }
    },
  },
  'crm.item.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const { schema, row } = requireItem(ctx, params)
      if (!crmRights(ctx.store, ctx.user).canRead(row)) throw accessDenied()
      return { item: itemRow(viewRow(ctx, schema, row), schema, null, isYes(param(params, 'useOriginalUfNames')), ctx) }
    },
  },
  'crm.item.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx, params) => {
      const schema = entitySchema(ctx.store, entityOf(params))
      const useOriginal = isYes(param(params, 'useOriginalUfNames'))
      const mapField = (f: string) => upperOfItemField(schema, f, useOriginal)
      const group = normalizeFilter(
        schema,
        parseFilter(param(params, 'filter'), {
          mapField,
          onUnknownField: (f) => {
            throw new RestError(400, 'INVALID_ARG_VALUE', `Invalid filter: field '${f}' is not allowed in filter`)
          },
        }),
      )
      const order = parseOrder(param(params, 'order'), mapField, (f, why) => {
        throw new RestError(400, 'INVALID_ARG_VALUE', why === 'field' ? `Invalid order field '${f}'` : `Invalid order direction for '${f}'`)
      })
      const select = itemSelect(schema, param(params, 'select'), useOriginal)
      const rows = queryRecords(ctx, schema, crmRights(ctx.store, ctx.user), group, order)
      return pageOf(
        rows,
        param(params, 'start'),
        (row) => itemRow(viewRow(ctx, schema, row), schema, select, useOriginal, ctx),
        (items) => ({ items }),
      )
    },
  },
  'crm.item.add': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const schema = entitySchema(ctx.store, entityOf(params))
      const useOriginal = isYes(param(params, 'useOriginalUfNames'))
      const fields = param(params, 'fields')
      if (!isObject(fields)) throw new RestError(400, 'INVALID_ARG_VALUE', "Required parameter 'fields' is not set")
      const row = itemValueError(() =>
        createRecord(ctx, schema, itemInput(schema, fields, useOriginal), { mode: 'item', allowCategoryChange: true }),
      )
      return { item: itemRow(viewRow(ctx, schema, row), schema, null, useOriginal, ctx) }
    },
  },
  'crm.item.update': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => updateItem(ctx, params),
  },
  'crm.item.delete': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const { schema, row } = requireItem(ctx, params)
      if (!crmRights(ctx.store, ctx.user).canWrite(row)) throw accessDenied()
      deleteRecord(ctx, schema, row)
      return []
    },
  },
}

function updateItem(ctx: CallContext, params: Params): unknown {
  const schema = entitySchema(ctx.store, entityOf(params))
  const useOriginal = isYes(param(params, 'useOriginalUfNames'))
  const id = requireItemId(params)
  const fields = param(params, 'fields')
  if (!isObject(fields)) throw new RestError(400, 'INVALID_ARG_VALUE', "Required parameter 'fields' is not set")
  const row = findRow(ctx, schema, id)
  if (!row) throw itemNotFound()
  const rights = crmRights(ctx.store, ctx.user)
  if (!rights.canWrite(row)) throw accessDenied()
  const updated = itemValueError(() =>
    updateRecord(ctx, schema, row, itemInput(schema, fields, useOriginal), { mode: 'item', allowCategoryChange: true }),
  )
  return { item: itemRow(viewRow(ctx, schema, updated), schema, null, useOriginal, ctx) }
}

