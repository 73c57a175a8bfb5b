import type { CallContext } from '../../../core/types'
import { formatPortalDate, formatPortalDay, parseDateInput } from './dates'
import {
  categoryOfStage,
  findCategory,
  findStatus,
  semanticOf,
  stageEntityId,
  stagesOfCategory,
  statusList,
} from './dictionaries'
import type { CrmRow, FieldDef, MULTI_FIELD_TYPES } from './entities'
import { mergeMultiFields, readMultiFields } from './multifields'
import { productRowsOf, rowsTotalKopecks } from './product-row-store'
import { isMultiField, type EntitySchema } from './schema'
import { FieldValueError, writeUfValue } from './userfields'

/**
 * Writing a record: validates and normalises the given UPPER_CASE fields, applies the entity's
 * rules (stage group, CLOSED, MOVED_*, amount from product rows, links) and stamps the author,
 * who is always the caller. Unknown and read-only fields are ignored, as the portal does.
 */
export interface WriteOptions {
  mode: 'legacy' | 'item'
  /** crm.item.update may move a deal to another pipeline; crm.deal.update may not. */
  allowCategoryChange: boolean
}

const DAY = 86_400_000

function writeSystem(name: string, def: FieldDef, raw: unknown): unknown {
  if (def.multiple) {
    const list = Array.isArray(raw) ? raw : raw === null || raw === undefined || raw === '' ? [] : [raw]
    return [...new Set(list.map(Number).filter((n) => Number.isInteger(n) && n > 0))]
  }
  const blank = raw === null || raw === undefined || raw === ''
  switch (def.type) {
    case 'integer':
    case 'user':
    case 'crm_company':
    case 'crm_contact':
    case 'crm_lead':
    case 'crm_category': {
      if (blank) return def.type === 'crm_category' ? 0 : null
      const n = Number(raw)
      if (!Number.isFinite(n)) throw new FieldValueError(`Field "${name}": "${String(raw)}" is not a number`)
      return Math.trunc(n)
    }
    case 'double': {
      if (blank) return 0
      const n = Number(String(raw).replace(',', '.'))
      if (!Number.isFinite(n)) throw new FieldValueError(`Field "${name}": "${String(raw)}" is not a number`)
      return Math.round(n * 100) / 100
    }
    case 'char':
      return raw === true || raw === 1 || raw === '1' || String(raw).toUpperCase() === 'Y' ? 'Y' : 'N'
    case 'date':
    case 'datetime':
      try {
        return parseDateInput(raw, def.type === 'date')
      } catch {
        throw new FieldValueError(`Field "${name}": "${String(raw)}" is not a date`)
      }
    default:
      return blank ? null : String(raw)
  }
}

/** Builds the stored patch for an add (existing undefined) or an update. */
export function buildPatch(
  ctx: CallContext,
  schema: EntitySchema,
  input: Record<string, unknown>,
  existing: CrmRow | undefined,
  options: WriteOptions,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  const now = formatPortalDate(ctx.now())
  for (const [key, raw] of Object.entries(input)) {
    const name = key.toUpperCase()
    const def = schema.system[name]
    if (def) {
      if (def.readOnly || name === 'ID') continue
      if (def.immutable && existing && !(name === 'CATEGORY_ID' && options.allowCategoryChange)) continue
      if (isMultiField(name)) {
        const type = name as (typeof MULTI_FIELD_TYPES)[number]
        patch[name] = mergeMultiFields(ctx.store, type, existing ? readMultiFields(existing, type) : [], raw)
        continue
      }
      patch[name] = writeSystem(name, def, raw)
      continue
    }
    const uf = schema.ufByName.get(name)
    if (uf) {
      patch[name] = writeUfValue(uf, raw, {
        store: ctx.store,
        userId: ctx.user.ID,
        now,
        mode: options.mode,
        previous: existing?.[name],
      })
    }
  }
  applyRules(ctx, schema, patch, existing, now)
  return patch
}

function applyRules(ctx: CallContext, schema: EntitySchema, patch: Record<string, unknown>, existing: CrmRow | undefined, now: string): void {
  const kind = schema.entity.kind
  const user = ctx.user.ID
  const merged = { ...existing, ...patch } as CrmRow
  if (!existing) {
    patch.DATE_CREATE = now
    patch.CREATED_BY_ID = user
    if (patch.ASSIGNED_BY_ID == null) patch.ASSIGNED_BY_ID = user
    if (patch.OPENED == null) patch.OPENED = 'Y'
  }
  patch.DATE_MODIFY = now
  patch.MODIFY_BY_ID = user

  if (kind === 'deal') dealRules(ctx, patch, existing, merged, now)
  if (kind === 'lead') leadRules(ctx, patch, existing, merged, now)
  if (kind === 'deal' || kind === 'lead') {
    if (!existing && patch.CURRENCY_ID == null) patch.CURRENCY_ID = 'RUB'
    if (!existing && patch.OPPORTUNITY == null) patch.OPPORTUNITY = 0
    if (!existing && patch.IS_MANUAL_OPPORTUNITY == null) patch.IS_MANUAL_OPPORTUNITY = 'N'
  }
  if (kind === 'contact') {
    // COMPANY_ID and COMPANY_IDS name the same links; the first company is the primary one.
    if ('COMPANY_IDS' in patch) patch.COMPANY_ID = (patch.COMPANY_IDS as number[])[0] ?? null
    else if ('COMPANY_ID' in patch) {
      const others = ((existing?.COMPANY_IDS as number[] | undefined) ?? []).filter((id) => id !== patch.COMPANY_ID)
      patch.COMPANY_IDS = patch.COMPANY_ID ? [patch.COMPANY_ID as number, ...others] : others
    }
  }
  if (schema.entity.hasMultiFields) {
    if ('PHONE' in patch || !existing) patch.HAS_PHONE = readMultiFields(merged, 'PHONE').length ? 'Y' : 'N'
    if ('EMAIL' in patch || !existing) patch.HAS_EMAIL = readMultiFields(merged, 'EMAIL').length ? 'Y' : 'N'
    if (!existing) patch.HAS_IMOL = 'N'
  }
}

function dealRules(ctx: CallContext, patch: Record<string, unknown>, existing: CrmRow | undefined, merged: CrmRow, now: string): void {
  const store = ctx.store
  const categoryId = Number(merged.CATEGORY_ID ?? 0)
  if (!findCategory(store, categoryId)) throw new FieldValueError(`Pipeline ${categoryId} is not found`)
  if (!existing) {
    patch.CATEGORY_ID = categoryId
    if (patch.TYPE_ID == null) patch.TYPE_ID = 'SALE'
    if (patch.BEGINDATE == null) patch.BEGINDATE = formatPortalDay(ctx.now())
    if (patch.CLOSEDATE == null) patch.CLOSEDATE = formatPortalDay(ctx.now().getTime() + 7 * DAY)
    patch.IS_NEW = 'Y'
    patch.IS_RETURN_CUSTOMER = 'N'
    patch.IS_REPEATED_APPROACH = 'N'
  }
  const categoryChanged = existing !== undefined && Number(existing.CATEGORY_ID ?? 0) !== categoryId
  let stageId = patch.STAGE_ID as string | null | undefined
  if (stageId == null && (!existing || categoryChanged)) stageId = stagesOfCategory(store, categoryId)[0]?.STATUS_ID
  if (stageId != null) {
    if (categoryOfStage(stageId) !== categoryId || !findStatus(store, stageEntityId(categoryId), stageId)) {
      throw new FieldValueError(`Stage "${stageId}" is not a stage of pipeline ${categoryId}`)
    }
    patch.STAGE_ID = stageId
    if (!existing || existing.STAGE_ID !== stageId) {
      const semantic = semanticOf(store, stageEntityId(categoryId), stageId)
      patch.STAGE_SEMANTIC_ID = semantic
      patch.CLOSED = semantic === 'P' ? 'N' : 'Y'
      patch.MOVED_TIME = now
      patch.MOVED_BY_ID = ctx.user.ID
      if (existing) patch.IS_NEW = 'N'
    }
  }
  if ('CONTACT_IDS' in patch) patch.CONTACT_ID = (patch.CONTACT_IDS as number[])[0] ?? null
  else if ('CONTACT_ID' in patch) {
    const others = ((existing?.CONTACT_IDS as number[] | undefined) ?? []).filter((id) => id !== patch.CONTACT_ID)
    patch.CONTACT_IDS = patch.CONTACT_ID ? [patch.CONTACT_ID as number, ...others] : others
  } else if (!existing) patch.CONTACT_IDS = []
  // With product rows and an automatic amount, the amount is the rows' total, whatever was sent.
  if (existing && (merged.IS_MANUAL_OPPORTUNITY ?? 'N') !== 'Y') {
    const rows = productRowsOf(store, 'D', existing.ID)
    if (rows.length) patch.OPPORTUNITY = rowsTotalKopecks(rows) / 100
  }
}

function leadRules(ctx: CallContext, patch: Record<string, unknown>, existing: CrmRow | undefined, merged: CrmRow, now: string): void {
  const store = ctx.store
  let statusId = patch.STATUS_ID as string | null | undefined
  // A new lead starts «Новый» (NEW) when the list has it, else in the first status.
  if (statusId == null && !existing) statusId = findStatus(store, 'STATUS', 'NEW')?.STATUS_ID ?? statusList(store, 'STATUS')[0]?.STATUS_ID
  if (statusId == null) return
  if (!findStatus(store, 'STATUS', statusId)) throw new FieldValueError(`Status "${statusId}" is not a lead status`)
  patch.STATUS_ID = statusId
  if (!existing || existing.STATUS_ID !== statusId) {
    const semantic = semanticOf(store, 'STATUS', statusId)
    patch.STATUS_SEMANTIC_ID = semantic
    patch.DATE_CLOSED = semantic === 'P' ? null : now
    patch.MOVED_TIME = now
    patch.MOVED_BY_ID = ctx.user.ID
  }
  void merged
}
