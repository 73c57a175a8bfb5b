import { pageOf } from '../../../core/paging'
import { RestError, errors } from '../../../core/errors'
import type { CallContext, MethodTable } from '../../../core/types'
import { formatPortalDate } from './dates'
import { entityByAbbr, type CrmRow, type EntityDef, DEAL, LEAD } from './entities'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { isObject, listOf, param, positiveId } from './params'
import {
  ProductRowError,
  normalizeProductRow,
  productRowsOf,
  replaceProductRows,
  rowsTotalKopecks,
  type ProductRow,
} from './product-row-store'
import { crmRights } from './rights'
import { snakeToCamel } from './names'

/**
 * Product rows: legacy `crm.{deal,lead}.productrows.get/set` (b24restdocs `api-reference/crm/deals/
 * crm-deal-productrows-{get,set}.md`) and `crm.item.productrow.list/set`
 * (`api-reference/crm/universal/product-rows/crm-item-productrow-{list,set}.md`). A set replaces every row;
 * an automatic amount (IS_MANUAL_OPPORTUNITY = N) becomes Σ PRICE × QUANTITY.
 */

export function legacyProductRowView(r: ProductRow): Record<string, unknown> {
  return {
    ID: String(r.ID),
    OWNER_ID: String(r.OWNER_ID),
    OWNER_TYPE: r.OWNER_TYPE,
    PRODUCT_ID: r.PRODUCT_ID,
    PRODUCT_NAME: r.PRODUCT_NAME,
    ORIGINAL_PRODUCT_NAME: r.PRODUCT_NAME,
    PRODUCT_DESCRIPTION: null,
    PRICE: r.PRICE,
    PRICE_EXCLUSIVE: r.PRICE_EXCLUSIVE,
    PRICE_NETTO: r.PRICE_NETTO,
    PRICE_BRUTTO: r.PRICE_BRUTTO,
    PRICE_ACCOUNT: r.PRICE.toFixed(2),
    QUANTITY: r.QUANTITY,
    DISCOUNT_TYPE_ID: r.DISCOUNT_TYPE_ID,
    DISCOUNT_RATE: r.DISCOUNT_RATE,
    DISCOUNT_SUM: r.DISCOUNT_SUM,
    TAX_RATE: r.TAX_RATE,
    TAX_INCLUDED: r.TAX_INCLUDED,
    CUSTOMIZED: r.CUSTOMIZED,
    MEASURE_CODE: r.MEASURE_CODE,
    MEASURE_NAME: r.MEASURE_NAME,
    SORT: r.SORT,
    XML_ID: r.XML_ID,
    TYPE: r.TYPE,
    STORE_ID: r.STORE_ID,
  }
}

export function itemProductRowView(r: ProductRow): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(legacyProductRowView(r))) {
    if (key === 'ORIGINAL_PRODUCT_NAME' || key === 'PRODUCT_DESCRIPTION') continue
    out[snakeToCamel(key)] = value
  }
  out.id = r.ID
  out.ownerId = r.OWNER_ID
  out.priceAccount = r.PRICE
  return out
}

/** crm.item.productrow takes camelCase rows. */
function upperRow(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) out[k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()] = v
  return out
}

/** Writes the rows and, for an automatic amount, puts their total into OPPORTUNITY. */
export function setRows(ctx: CallContext, entity: EntityDef, owner: CrmRow, rawRows: unknown[]): ProductRow[] {
  let normalized
  try {
    normalized = rawRows.map((raw, i) => normalizeProductRow(isObject(raw) ? raw : {}, entity.abbr, owner.ID, i))
  } catch (e) {
    if (e instanceof ProductRowError) throw new RestError(400, 'ERROR_CORE', e.message)
    throw e
  }
  const rows = replaceProductRows(ctx.store, entity.abbr, owner.ID, normalized)
  const patch: Record<string, unknown> = { DATE_MODIFY: formatPortalDate(ctx.now()), MODIFY_BY_ID: ctx.user.ID }
  if (owner.IS_MANUAL_OPPORTUNITY !== 'Y') patch.OPPORTUNITY = rowsTotalKopecks(rows) / 100
  ctx.store.table(entity.table).update(owner.ID, patch)
  return rows
}

function legacyMethodsFor(entity: EntityDef): MethodTable {
  const ownerOf = (ctx: CallContext, idRaw: unknown, write: boolean): CrmRow => {
    const id = positiveId(idRaw)
    if (id === null) throw errors.legacy('ID is not defined or invalid.')
    const owner = ctx.store.table<CrmRow>(entity.table).get(id)
    if (!owner) throw errors.legacy('Not found')
    const rights = crmRights(ctx.store, ctx.user)
    if (!(write ? rights.canWrite(owner) : rights.canRead(owner))) throw errors.legacy('Access denied.')
    return owner
  }
  return {
    [`crm.${entity.kind}.productrows.get`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => {
        const owner = ownerOf(ctx, param(params, 'id'), false)
        return productRowsOf(ctx.store, entity.abbr, owner.ID).map(legacyProductRowView)
      },
    },
    [`crm.${entity.kind}.productrows.set`]: {
      scope: 'crm',
      cost: CALL_COST,
      handler: (ctx, params) => {
        const owner = ownerOf(ctx, param(params, 'id'), true)
        setRows(ctx, entity, owner, listOf(param(params, 'rows')))
        return true
      },
    },
  }
}

function itemOwner(ctx: CallContext, typeRaw: unknown, idRaw: unknown, write: boolean): { entity: EntityDef; owner: CrmRow } {
  const entity = entityByAbbr(String(typeRaw ?? ''))
  if (!entity || (entity !== DEAL && entity !== LEAD)) {
    throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Owner type ${String(typeRaw)} is not supported`)
  }
  const id = positiveId(idRaw)
  const owner = id === null ? undefined : ctx.store.table<CrmRow>(entity.table).get(id)
  if (!owner) throw new RestError(400, 'OWNER_NOT_FOUND', 'Owner not found')
  const rights = crmRights(ctx.store, ctx.user)
  if (!(write ? rights.canWrite(owner) : rights.canRead(owner))) throw new RestError(400, 'ACCESS_DENIED', 'Access denied')
  return { entity, owner }
}

export const productRowMethods: MethodTable = {
  ...legacyMethodsFor(DEAL),
  ...legacyMethodsFor(LEAD),
  'crm.item.productrow.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx, params) => {
      const filter = param(params, 'filter')
      const f = isObject(filter) ? filter : {}
      const type = f['=ownerType'] ?? f.ownerType
      const id = f['=ownerId'] ?? f.ownerId
      if (type === undefined || id === undefined) {
        throw new RestError(400, 'INVALID_ARG_VALUE', 'Filter must contain =ownerType and =ownerId')
      }
      const { entity, owner } = itemOwner(ctx, type, id, false)
      const rows = productRowsOf(ctx.store, entity.abbr, owner.ID)
      return pageOf(rows, param(params, 'start'), itemProductRowView, (productRows) => ({ productRows }))
    },
  },
  'crm.item.productrow.set': {
    scope: 'crm',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const { entity, owner } = itemOwner(ctx, param(params, 'ownerType'), param(params, 'ownerId'), true)
      const raw = param(params, 'productRows')
      if (raw === undefined) throw new RestError(400, 'INVALID_ARG_VALUE', "Required parameter 'productRows' is not set")
      const rows = setRows(ctx, entity, owner, listOf(raw).map((r) => (isObject(r) ? upperRow(r) : {})))
      return { productRows: rows.map(itemProductRowView) }
    },
  },
}
