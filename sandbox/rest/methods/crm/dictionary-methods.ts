import { RestError, errors } from '../../../core/errors'
import { ListPage, type CallContext, type MethodTable, type Params } from '../../../core/types'
import { compileFilter, compileOrder, parseFilter, parseOrder } from '../../filter'
import {
  STATUS_TABLE,
  addDealCategory,
  allStatuses,
  dealCategories,
  findCategory,
  updateDealCategory,
  type CategoryView,
  type StatusRow,
} from './dictionaries'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { isObject, param } from './params'

/**
 * `crm.status.list/add` (b24restdocs `api-reference/crm/status/crm-status-list.md`, `crm-status-add.md`) and
 * `crm.category.list/get/add/update` for deal pipelines (`api-reference/crm/universal/category/crm-category-*.md`).
 */

const SEMANTIC_WORD = { S: 'success', F: 'failure' } as const

export function statusView(row: StatusRow): Record<string, unknown> {
  const view: Record<string, unknown> = {
    ID: String(row.ID),
    ENTITY_ID: row.ENTITY_ID,
    STATUS_ID: row.STATUS_ID,
    NAME: row.NAME,
    NAME_INIT: row.NAME_INIT,
    SORT: String(row.SORT),
    SYSTEM: row.SYSTEM,
    CATEGORY_ID: row.CATEGORY_ID === null ? null : String(row.CATEGORY_ID),
    COLOR: row.COLOR,
    SEMANTICS: row.SEMANTICS,
  }
  if (row.ENTITY_ID.startsWith('DEAL_STAGE') || row.ENTITY_ID === 'STATUS') {
    view.EXTRA = { SEMANTICS: row.SEMANTICS ? SEMANTIC_WORD[row.SEMANTICS] : 'process', COLOR: row.COLOR }
  }
  return view
}

function requireDealCategories(params: Params): void {
  const entityTypeId = Number(param(params, 'entityTypeId'))
  if (entityTypeId !== 2) {
    throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${String(param(params, 'entityTypeId'))} does not support categories`)
  }
}

function categoryOrThrow(ctx: CallContext, params: Params): CategoryView {
  const raw = param(params, 'id')
  const id = Number(raw)
  const category = raw !== undefined && Number.isInteger(id) ? findCategory(ctx.store, id) : undefined
  if (!category) throw new RestError(400, 'NOT_FOUND', 'Category not found')
  return category
}

function statusOrThrow(ctx: CallContext, params: Params): StatusRow {
  const id = Number(param(params, 'id'))
  if (!Number.isInteger(id) || id <= 0) throw errors.legacy('Invalid identifier.')
  const row = allStatuses(ctx.store).find((status) => status.ID === id)
  if (!row) throw errors.legacy('Status is not found.')
  return row
}

export const dictionaryMethods: MethodTable = {
  'crm.status.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx, params) => {
      const matches = compileFilter(parseFilter(param(params, 'filter')), (row: StatusRow, f) => row[f.toUpperCase()])
      const order = parseOrder(param(params, 'order'), (f) => f.toUpperCase())
      const rows = allStatuses(ctx.store)
        .filter(matches)
        .sort(compileOrder(order.length ? order : [{ field: 'ENTITY_ID', desc: false }, { field: 'SORT', desc: false }], (r, f) => r[f]))
      return new ListPage(rows.map(statusView), rows.length)
    },
  },
  'crm.status.add': {
    scope: 'crm',
    adminOnly: true,
    cost: CALL_COST,
    handler: (ctx, params) => {
      const fields = param(params, 'fields')
      if (!isObject(fields)) throw errors.legacy("Parameter 'fields' must be array.")
      const entityId = String(fields.ENTITY_ID ?? '')
      const statusId = String(fields.STATUS_ID ?? '')
      if (!entityId || !statusId || !fields.NAME) throw errors.legacy('ENTITY_ID, STATUS_ID and NAME are required.')
      if (allStatuses(ctx.store).some((s) => s.ENTITY_ID === entityId && s.STATUS_ID === statusId)) {
        throw errors.legacy(`Status ${statusId} already exists in ${entityId}.`)
      }
      const category = /^DEAL_STAGE_(\d+)$/.exec(entityId)
      const semantics = fields.SEMANTICS === 'S' || fields.SEMANTICS === 'F' ? fields.SEMANTICS : null
      return ctx.store.table<StatusRow>(STATUS_TABLE).insert({
        ENTITY_ID: entityId,
        STATUS_ID: statusId,
        NAME: String(fields.NAME),
        NAME_INIT: '',
        SORT: Number(fields.SORT ?? 500) || 500,
        SYSTEM: 'N',
        CATEGORY_ID: category ? Number(category[1]) : null,
        COLOR: String(fields.COLOR ?? '#ACE9FB'),
        SEMANTICS: semantics,
      }).ID
    },
  },
  // b24restdocs crm/status/crm-status-update.md: NAME, SORT, COLOR of one element by its ID.
  'crm.status.update': {
    scope: 'crm',
    adminOnly: true,
    cost: CALL_COST,
    handler: (ctx, params) => {
      const row = statusOrThrow(ctx, params)
      const fields = param(params, 'fields')
      if (!isObject(fields)) throw errors.legacy('Error on updating status.')
      const patch: Partial<StatusRow> = {}
      if (fields.NAME !== undefined) patch.NAME = String(fields.NAME)
      if (fields.SORT !== undefined) patch.SORT = Number(fields.SORT) || row.SORT
      if (fields.COLOR !== undefined) patch.COLOR = String(fields.COLOR)
      ctx.store.table<StatusRow>(STATUS_TABLE).update(row.ID, patch)
      return true
    },
  },
  // crm-status-delete.md: a system element only with params.FORCED = Y; never while items are in it.
  'crm.status.delete': {
    scope: 'crm',
    adminOnly: true,
    cost: CALL_COST,
    handler: (ctx, params) => {
      const row = statusOrThrow(ctx, params)
      const flags = param(params, 'params')
      const forced = isObject(flags) && flags.FORCED === 'Y'
      if (row.SYSTEM === 'Y' && !forced) throw errors.legacy('CRM System Status can be deleted only if parameter FORCED is specified and equal to "Y".')
      if (row.ENTITY_ID.startsWith('DEAL_STAGE') && [...ctx.store.table<{ ID: number; STAGE_ID?: string }>('deals').rows()].some((deal) => deal.STAGE_ID === row.STATUS_ID)) {
        throw errors.legacy('There are active items in this status.')
      }
      ctx.store.table<StatusRow>(STATUS_TABLE).delete(row.ID)
      return true
    },
  },
  'crm.category.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx, params) => {
      requireDealCategories(params)
      const categories = dealCategories(ctx.store)
      return new ListPage({ categories }, categories.length)
    },
  },
  'crm.category.get': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      requireDealCategories(params)
      return { category: categoryOrThrow(ctx, params) }
    },
  },
  'crm.category.add': {
    scope: 'crm',
    adminOnly: true,
    cost: CALL_COST,
    handler: (ctx, params) => {
      requireDealCategories(params)
      const fields = param(params, 'fields')
      if (!isObject(fields) || !fields.name) throw new RestError(400, 'INVALID_ARG_VALUE', "Field 'name' is required")
      const id = addDealCategory(ctx.store, String(fields.name), Number(fields.sort ?? 500) || 500)
      return { category: findCategory(ctx.store, id) }
    },
  },
  'crm.category.update': {
    scope: 'crm',
    adminOnly: true,
    cost: CALL_COST,
    handler: (ctx, params) => {
      requireDealCategories(params)
      const category = categoryOrThrow(ctx, params)
      const fields = param(params, 'fields')
      if (!isObject(fields)) throw new RestError(400, 'INVALID_ARG_VALUE', "Parameter 'fields' is required")
      updateDealCategory(ctx.store, category.id, {
        ...(fields.name !== undefined ? { name: String(fields.name) } : {}),
        ...(fields.sort !== undefined ? { sort: Number(fields.sort) } : {}),
      })
      return { category: findCategory(ctx.store, category.id) }
    },
  },
}

