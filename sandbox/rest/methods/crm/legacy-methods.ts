import { pageOf } from '../../../core/paging'
import { RestError, errors } from '../../../core/errors'
import type { CallContext, MethodTable, Params } from '../../../core/types'
import { parseFilter, parseOrder } from '../../filter'
import { CALL_COST, LIST_COST } from './costs'
import { ENTITIES, type EntityDef } from './entities'
import { legacyFields } from './fields-view'
import { legacyRow } from './output'
import { isObject, listOf, param, positiveId } from './params'
import { createRecord, deleteRecord, findRow, normalizeFilter, queryRecords, updateRecord, viewRow } from './records'
import { crmRights } from './rights'
import { entitySchema, isMultiField, upperOfLegacyField, type EntitySchema } from './schema'
import { FieldValueError } from './userfields'

/**
 * Legacy `crm.{deal,company,contact,lead}.{get,list,add,update,delete,fields}` (UPPER_CASE,
 * scalars as strings; errors HTTP 400 with `error: ""`). b24restdocs `api-reference/crm/deals/crm-deal-*.md`
 * and their company/contact/lead siblings.
 */

export { CALL_COST, LIST_COST }

function legacyValueError<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof FieldValueError) throw e.code ? new RestError(400, e.code, e.message) : errors.legacy(e.message)
    throw e
  }
}

function requireId(params: Params): number {
  const id = positiveId(param(params, 'id'))
  if (id === null) throw errors.legacy('ID is not defined or invalid.')
  return id
}

function requireFields(params: Params): Record<string, unknown> {
  const fields = param(params, 'fields')
  if (!isObject(fields)) throw errors.legacy("Parameter 'fields' must be array.")
  return fields
}

/** `select` of a legacy list: default `*` + `UF_*`; `*` leaves out user fields and multi-fields. */
export function legacySelect(schema: EntitySchema, raw: unknown): Set<string> {
  const asked = listOf(raw).map((v) => String(v).toUpperCase())
  const items = asked.length ? asked : ['*', 'UF_*']
  const set = new Set<string>()
  for (const item of items) {
    if (item === '*') {
      for (const [name, def] of Object.entries(schema.system)) if (!def.writeOnlyLegacy && !isMultiField(name)) set.add(name)
    } else if (item === 'UF_*') {
      for (const uf of schema.ufs) set.add(uf.FIELD_NAME)
    } else if (upperOfLegacyField(schema, item)) set.add(item)
  }
  return set
}

function legacyEntityMethods(entity: EntityDef): MethodTable {
  const prefix = `crm.${entity.kind}`
  const schemaOf = (ctx: CallContext) => entitySchema(ctx.store, entity)
  const readable = (ctx: CallContext, schema: EntitySchema, id: number) => {
    const row = findRow(ctx, schema, id)
    if (!row) throw errors.legacy('Not found')
    return row
  }
  return {
    [`${prefix}.fields`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx) => legacyFields(ctx.store, schemaOf(ctx)),
    },
    [`${prefix}.get`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => {
        const schema = schemaOf(ctx)
        const row = readable(ctx, schema, requireId(params))
        if (!crmRights(ctx.store, ctx.user).canRead(row)) throw errors.legacy('Access denied.')
        return legacyRow(viewRow(ctx, schema, row), schema, null, ctx)
      },
    },
    [`${prefix}.list`]: {
      scope: 'crm',
      cost: LIST_COST,
      handler: (ctx, params) => {
        const schema = schemaOf(ctx)
        const mapField = (f: string) => {
          const upper = upperOfLegacyField(schema, f)
          return upper && !schema.system[upper]?.writeOnlyLegacy ? upper : null
        }
        const group = normalizeFilter(schema, parseFilter(param(params, 'filter'), { mapField }))
        const order = parseOrder(param(params, 'order'), mapField)
        const select = legacySelect(schema, param(params, 'select'))
        const rows = queryRecords(ctx, schema, crmRights(ctx.store, ctx.user), group, order)
        return pageOf(rows, param(params, 'start'), (row) => legacyRow(viewRow(ctx, schema, row), schema, select, ctx))
      },
    },
    [`${prefix}.add`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => {
        const schema = schemaOf(ctx)
        const fields = requireFields(params)
        return legacyValueError(() => createRecord(ctx, schema, fields, { mode: 'legacy', allowCategoryChange: false })).ID
      },
    },
    [`${prefix}.update`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => {
        const schema = schemaOf(ctx)
        const id = requireId(params)
        const fields = requireFields(params)
        const row = readable(ctx, schema, id)
        if (!crmRights(ctx.store, ctx.user).canWrite(row)) throw errors.legacy('Access denied.')
        legacyValueError(() => updateRecord(ctx, schema, row, fields, { mode: 'legacy', allowCategoryChange: false }))
        return true
      },
    },
    [`${prefix}.delete`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => {
        const schema = schemaOf(ctx)
        const row = readable(ctx, schema, requireId(params))
        if (!crmRights(ctx.store, ctx.user).canWrite(row)) throw errors.legacy('Access denied.')
        deleteRecord(ctx, schema, row)
        return true
      },
    },
  }
}

export const legacyMethods: MethodTable = Object.assign({}, ...Object.values(ENTITIES).map(legacyEntityMethods))
