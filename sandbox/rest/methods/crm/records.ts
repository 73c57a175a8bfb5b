import type { CallContext } from '../../../core/types'
import { compileFilter, compileOrder, idLowerBound, isIdAscending, type FilterGroup, type OrderTerm } from '../../filter'
import type { CrmRow } from './entities'
import { contactIdsOfCompany, setCompanyContacts, unlinkDeleted } from './links'
import { readMultiFields } from './multifields'
import { PRODUCT_ROW_TABLE, productRowsOf } from './product-row-store'
import type { CrmRights } from './rights'
import { isMultiField, type EntitySchema } from './schema'
import { forgetStageHistory, recordWriteMove } from './stage-history'
import { buildPatch, type WriteOptions } from './write'
import { raiseCrmEvent, raiseDealMovedToCategory } from '../system/offline-queue'

/** Record operations shared by the legacy and crm.item methods. */

export function findRow(ctx: CallContext, schema: EntitySchema, id: number): CrmRow | undefined {
  return ctx.store.table<CrmRow>(schema.entity.table).get(id)
}

/** The row as outputs see it: company rows get their contacts (kept on the contacts) added. */
export function viewRow(ctx: CallContext, schema: EntitySchema, row: CrmRow): CrmRow {
  if (schema.entity.kind !== 'company') return row
  return { ...row, CONTACT_ID: contactIdsOfCompany(ctx.store, row.ID) }
}

export function createRecord(ctx: CallContext, schema: EntitySchema, input: Record<string, unknown>, options: WriteOptions): CrmRow {
  const patch = buildPatch(ctx, schema, input, undefined, options)
  const companyContacts = takeCompanyContacts(schema, patch)
  const table = ctx.store.table<CrmRow>(schema.entity.table)
  let row = table.insert(patch as Omit<CrmRow, 'ID'>)
  if (schema.entity.kind !== 'contact' && (row.TITLE === null || row.TITLE === undefined || row.TITLE === '')) {
    row = table.update(row.ID, { TITLE: schema.entity.defaultTitle(row.ID) })
  }
  if (companyContacts) setCompanyContacts(ctx.store, row.ID, companyContacts)
  recordWriteMove(ctx.store, schema.entity.kind, undefined, row)
  // The legacy add, crm.item.add (a batch's too) and the portal's own writes (the web form) all land here.
  raiseCrmEvent(ctx, schema.entity.kind, 'ADD', row.ID)
  return row
}

export function updateRecord(
  ctx: CallContext,
  schema: EntitySchema,
  row: CrmRow,
  input: Record<string, unknown>,
  options: WriteOptions,
): CrmRow {
  const patch = buildPatch(ctx, schema, input, row, options)
  const companyContacts = takeCompanyContacts(schema, patch)
  const updated = ctx.store.table<CrmRow>(schema.entity.table).update(row.ID, patch)
  if (companyContacts) setCompanyContacts(ctx.store, row.ID, companyContacts)
  recordWriteMove(ctx.store, schema.entity.kind, row, updated)
  const movedCategory = schema.entity.kind === 'deal' && Number(row.CATEGORY_ID ?? 0) !== Number(updated.CATEGORY_ID ?? 0)
  if (movedCategory) raiseDealMovedToCategory(ctx, row.ID, Number(updated.CATEGORY_ID), String(updated.STAGE_ID))
  else raiseCrmEvent(ctx, schema.entity.kind, 'UPDATE', row.ID)
  return updated
}

function takeCompanyContacts(schema: EntitySchema, patch: Record<string, unknown>): number[] | null {
  if (schema.entity.kind !== 'company' || !('CONTACT_ID' in patch)) return null
  const ids = patch.CONTACT_ID as number[]
  delete patch.CONTACT_ID
  return ids
}

export function deleteRecord(ctx: CallContext, schema: EntitySchema, row: CrmRow): void {
  ctx.store.table(schema.entity.table).delete(row.ID)
  forgetStageHistory(ctx.store, schema.entity.kind, row.ID)
  if (schema.entity.kind === 'deal' || schema.entity.kind === 'lead') {
    const rows = ctx.store.table(PRODUCT_ROW_TABLE)
    for (const r of productRowsOf(ctx.store, schema.entity.abbr, row.ID)) rows.delete(r.ID)
  }
  if (schema.entity.kind === 'company' || schema.entity.kind === 'contact') unlinkDeleted(ctx.store, schema.entity.kind, row.ID)
  raiseCrmEvent(ctx, schema.entity.kind, 'DELETE', row.ID)
}

/** Value of a field for filters and sorting (multi-fields by their VALUEs). */
export function fieldReader(ctx: CallContext, schema: EntitySchema) {
  const companyContacts = schema.entity.kind === 'company'
  return (row: CrmRow, field: string): unknown => {
    if (isMultiField(field)) return readMultiFields(row, field as 'PHONE').map((v) => v.VALUE)
    if (companyContacts && field === 'CONTACT_ID') return contactIdsOfCompany(ctx.store, row.ID)
    const uf = schema.ufByName.get(field)
    // Boolean user fields filter with 1/0 (b24restdocs `api-reference/crm/universal/crm-item-list.md`); Y/N too.
    if (uf?.USER_TYPE_ID === 'boolean') return row[field] == null ? 0 : row[field]
    return row[field]
  }
}

/** Readable rows matching the filter, in the asked order (lazy when the order is by ID ascending). */
export function queryRecords(
  ctx: CallContext,
  schema: EntitySchema,
  rights: CrmRights,
  group: FilterGroup,
  order: OrderTerm[],
): Iterable<CrmRow> {
  const table = ctx.store.table<CrmRow>(schema.entity.table)
  const read = fieldReader(ctx, schema)
  const matches = compileFilter(group, read)
  const lower = idLowerBound(group)
  function* scan(): Generator<CrmRow> {
    for (const row of table.rowsAfter(lower)) {
      if ((rights.readsAll || rights.canRead(row)) && matches(row)) yield row
    }
  }
  if (isIdAscending(order)) return scan()
  return [...scan()].sort(compileOrder(order, read))
}

const NO_LIKE_TYPES = new Set(['crm_status', 'crm_company', 'crm_contact'])

/**
 * Filter values as the portal reads them: `Y`/`N` for boolean user fields become the stored 1/0, and
 * LIKE does not apply to status and link fields (b24restdocs `api-reference/crm/universal/crm-item-list.md`),
 * so `%STAGE_ID` compares whole values.
 */
export function normalizeFilter(schema: EntitySchema, group: FilterGroup): FilterGroup {
  for (const node of group.children) {
    if (node.kind === 'group') {
      normalizeFilter(schema, node)
      continue
    }
    if (schema.ufByName.get(node.field)?.USER_TYPE_ID === 'boolean') {
      const conv = (v: unknown) => (v === 'Y' || v === true ? 1 : v === 'N' || v === false ? 0 : v)
      node.value = Array.isArray(node.value) ? node.value.map(conv) : conv(node.value)
    }
    const type = schema.system[node.field]?.type
    if (type && NO_LIKE_TYPES.has(type)) {
      if (node.op === 'like') node.op = 'eq'
      if (node.op === 'notLike') node.op = 'neq'
    }
  }
  return group
}
