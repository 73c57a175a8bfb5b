import { pageOf } from '../../../core/paging'
import { RestError } from '../../../core/errors'
import type { CallContext, MethodTable } from '../../../core/types'
import type { Row, Store } from '../../../store/types'
import { compileFilter, compileOrder, idLowerBound, isIdAscending, parseFilter, parseOrder } from '../../filter'
import { formatPortalDate } from './dates'
import type { CrmRow } from './entities'
import { LIST_COST } from './costs'
import { listOf, param } from './params'
import { crmRights } from './rights'

/**
 * `crm.stagehistory.list`: the stage moves of leads (entityTypeId 1) and deals (2) as the portal keeps
 * them (b24restdocs `api-reference/crm/crm-stage-history-list.md`): `{ items }` pages of 50 with `total`
 * and `next`, rows with ID, TYPE_ID (1 created, 2 moved to an intermediate stage, 3 moved to a final
 * stage, 5 moved to another pipeline), OWNER_ID, CREATED_TIME and CATEGORY_ID / STAGE_SEMANTIC_ID /
 * STAGE_ID for deals, STATUS_SEMANTIC_ID / STATUS_ID for leads. Any user may call it; the rows are
 * those of records the caller may read (the portal applies the CRM read permission to the owners),
 * and a deleted record's rows go with it.
 * Invoices and smart processes are not kept by the sandbox: their type ids answer ENTITY_TYPE_NOT_SUPPORTED.
 */

export const STAGE_HISTORY_TABLE = 'stage_history'

export const HISTORY_TYPE = { created: 1, intermediate: 2, final: 3, pipeline: 5 } as const

export interface StageHistoryRow extends Row {
  ENTITY_TYPE_ID: number
  TYPE_ID: number
  OWNER_ID: number
  CREATED_TIME: string
  /** Deals only; leads have no pipeline. */
  CATEGORY_ID: number | null
  /** The stage (deals) or the status (leads). */
  STAGE_ID: string
  STAGE_SEMANTIC_ID: 'P' | 'S' | 'F'
}

const OWNER_TABLES: Record<number, string> = { 1: 'leads', 2: 'deals' }
const DEAL_FIELDS = ['ID', 'TYPE_ID', 'OWNER_ID', 'CREATED_TIME', 'CATEGORY_ID', 'STAGE_SEMANTIC_ID', 'STAGE_ID']
const LEAD_FIELDS = ['ID', 'TYPE_ID', 'OWNER_ID', 'CREATED_TIME', 'STATUS_SEMANTIC_ID', 'STATUS_ID']
/** Lead field names → stored names. */
const LEAD_STORED: Record<string, string> = { STATUS_ID: 'STAGE_ID', STATUS_SEMANTIC_ID: 'STAGE_SEMANTIC_ID' }

/** The history type of a move: creation, another pipeline, a final stage or an intermediate one. */
export function historyTypeOf(created: boolean, pipelineChanged: boolean, semantic: string): number {
  if (created) return HISTORY_TYPE.created
  if (pipelineChanged) return HISTORY_TYPE.pipeline
  return semantic === 'P' ? HISTORY_TYPE.intermediate : HISTORY_TYPE.final
}

export interface StageMove {
  entityTypeId: 1 | 2
  ownerId: number
  typeId: number
  stageId: string
  semantic: 'P' | 'S' | 'F'
  categoryId: number | null
  time: Date | number | string
}

export function recordStageMove(store: Store, move: StageMove): StageHistoryRow {
  return store.table<StageHistoryRow>(STAGE_HISTORY_TABLE).insert({
    ENTITY_TYPE_ID: move.entityTypeId,
    TYPE_ID: move.typeId,
    OWNER_ID: move.ownerId,
    CREATED_TIME: typeof move.time === 'string' ? move.time : formatPortalDate(move.time),
    CATEGORY_ID: move.entityTypeId === 2 ? move.categoryId : null,
    STAGE_ID: move.stageId,
    STAGE_SEMANTIC_ID: move.semantic,
  })
}

/**
 * Records the move a write made: a new deal or lead gets its «created» row, a changed stage (status)
 * its move row. `before` is the row before the write (undefined for an add).
 */
export function recordWriteMove(store: Store, kind: string, before: CrmRow | undefined, after: CrmRow): void {
  const deal = kind === 'deal'
  if (!deal && kind !== 'lead') return
  const stageField = deal ? 'STAGE_ID' : 'STATUS_ID'
  if (before && before[stageField] === after[stageField]) return
  const pipelineChanged = deal && before !== undefined && Number(before.CATEGORY_ID ?? 0) !== Number(after.CATEGORY_ID ?? 0)
  const semantic = (after[deal ? 'STAGE_SEMANTIC_ID' : 'STATUS_SEMANTIC_ID'] ?? 'P') as 'P' | 'S' | 'F'
  recordStageMove(store, {
    entityTypeId: deal ? 2 : 1,
    ownerId: after.ID,
    typeId: historyTypeOf(!before, pipelineChanged, semantic),
    stageId: String(after[stageField]),
    semantic,
    categoryId: deal ? Number(after.CATEGORY_ID ?? 0) : null,
    time: String(after.MOVED_TIME ?? after.DATE_MODIFY),
  })
}

/** Drops a deleted record's history. */
export function forgetStageHistory(store: Store, kind: string, ownerId: number): void {
  const entityTypeId = kind === 'deal' ? 2 : kind === 'lead' ? 1 : 0
  if (!entityTypeId) return
  const table = store.table<StageHistoryRow>(STAGE_HISTORY_TABLE)
  for (const row of [...table.rows()]) if (row.ENTITY_TYPE_ID === entityTypeId && row.OWNER_ID === ownerId) table.delete(row.ID)
}

const invalid = (text: string) => new RestError(400, 'INVALID_ARG_VALUE', text)

function outputRow(row: StageHistoryRow, entityTypeId: number, select: string[]): Record<string, unknown> {
  const base = { ID: row.ID, TYPE_ID: row.TYPE_ID, OWNER_ID: row.OWNER_ID, CREATED_TIME: row.CREATED_TIME }
  const full: Record<string, unknown> =
    entityTypeId === 2
      ? { ...base, CATEGORY_ID: row.CATEGORY_ID ?? 0, STAGE_SEMANTIC_ID: row.STAGE_SEMANTIC_ID, STAGE_ID: row.STAGE_ID }
      : { ...base, STATUS_SEMANTIC_ID: row.STAGE_SEMANTIC_ID, STATUS_ID: row.STAGE_ID }
  if (!select.length) return full
  const out: Record<string, unknown> = {}
  for (const name of select) if (name in full) out[name] = full[name]
  return out
}

export const stageHistoryMethods: MethodTable = {
  'crm.stagehistory.list': {
    scope: 'crm',
    cost: LIST_COST,
    handler: (ctx: CallContext, params) => {
      const entityTypeId = Number(param(params, 'entityTypeId'))
      const ownerTable = OWNER_TABLES[entityTypeId]
      if (!ownerTable) throw new RestError(400, 'ENTITY_TYPE_NOT_SUPPORTED', `Entity type ${String(param(params, 'entityTypeId') ?? '')} is not supported`)
      const fields = entityTypeId === 2 ? DEAL_FIELDS : LEAD_FIELDS
      const mapField = (f: string) => {
        const upper = f.toUpperCase()
        return fields.includes(upper) ? (LEAD_STORED[upper] ?? upper) : null
      }
      const group = parseFilter(param(params, 'filter'), {
        mapField,
        onUnknownField: (f) => {
          throw invalid(`Invalid filter: field '${f}' is not allowed in filter`)
        },
      })
      const order = parseOrder(param(params, 'order'), mapField, (f, why) => {
        throw invalid(
          why === 'field'
            ? `Invalid order: field '${f}' is not allowed in order`
            : `Invalid order: allowed sort directions are ASC, DESC. But got '${String((param(params, 'order') as Record<string, unknown>)[f])}' for field '${f}'`,
        )
      })
      const select = listOf(param(params, 'select')).map((v) => String(v).toUpperCase()).filter((v) => fields.includes(v))
      const owners = ctx.store.table<CrmRow>(ownerTable)
      const rights = crmRights(ctx.store, ctx.user)
      const read = (row: StageHistoryRow, field: string) => row[field]
      const matches = compileFilter(group, read)
      const table = ctx.store.table<StageHistoryRow>(STAGE_HISTORY_TABLE)
      function* scan(): Generator<StageHistoryRow> {
        for (const row of table.rowsAfter(idLowerBound(group))) {
          if (row.ENTITY_TYPE_ID !== entityTypeId || !matches(row)) continue
          const owner = owners.get(row.OWNER_ID)
          if (owner && (rights.readsAll || rights.canRead(owner))) yield row
        }
      }
      const rows = isIdAscending(order) ? scan() : [...scan()].sort(compileOrder(order, read))
      return pageOf(rows, param(params, 'start'), (row) => outputRow(row, entityTypeId, select), (items) => ({ items }))
    },
  },
}
