import { defaultObjectsDirectory, parseObjectsDirectory, readSaleRecord, SALE_KINDS, takenPlaces } from '@/domain/sale'
import type { ObjectsDirectory, OtherDeal, RowsDecision, SaleItem, SaleKindCode, SaleSaveMarker, StageSemantic } from '@/domain/sale'
import type { PlaceHolderRow, SaleDealDto } from './dto'

/*
 * Pure bridges between REST rows and the domain: what the deal holds now (the
 * draft's server version), which places other deals hold, and the directory.
 */

/** The values a draft tracks; the keys are the conflict units of a save. */
export interface SaleValues {
  [field: string]: unknown
  kind: SaleKindCode | null
  items: SaleItem[]
  /** Only in a draft: what the manager chose for the deal's rows no item describes (card-state.ts). */
  rowsDecision?: RowsDecision | null
}

export type ItemsReadIssue = 'invalid-json' | 'unsupported-version' | 'invalid-shape' | null

export function serverSaleValues(
  deal: SaleDealDto,
  kindItemIds: Readonly<Record<string, string>>,
): { values: SaleValues; itemsIssue: ItemsReadIssue; marker: SaleSaveMarker | null } {
  const kindCode = Object.entries(kindItemIds).find(([, id]) => id === deal.kindItemId)?.[0]
  const kind = SALE_KINDS.find((entry) => entry.code === kindCode)?.code ?? null
  const read = readSaleRecord(deal.itemsText)
  return read.ok
    ? { values: { kind, items: read.items }, itemsIssue: null, marker: read.marker }
    : { values: { kind, items: [] }, itemsIssue: read.reason, marker: null }
}

/** A place key back to the path it names (codes never hold «/», see the directory schema). */
function placeItemFromKey(key: string, index: number): SaleItem | null {
  const [objectType, zone, sector, place, ...rest] = key.split('/')
  if (!objectType || !zone || !sector || !place || rest.length > 0) return null
  return { id: `k${index}`, kind: 'object', objectType, zone, sector, place, volume: '', termYears: null, priceMinor: null }
}

const SEMANTICS = new Set<StageSemantic>(['P', 'S', 'F'])

/** Other deals' place keys → placeKey → ID of the active deal holding it (domain rules: lost frees, self never blocks). */
export function takenFromRows(rows: readonly PlaceHolderRow[], currentDealId: number): Map<string, number> {
  const deals: OtherDeal[] = rows.map((row) => ({
    dealId: Number(row.ID),
    semantic: SEMANTICS.has(row.STAGE_SEMANTIC_ID as StageSemantic) ? (row.STAGE_SEMANTIC_ID as StageSemantic) : 'P',
    items: row.places.map(placeItemFromKey).filter((item): item is SaleItem => item !== null),
  }))
  return takenPlaces(deals, currentDealId)
}

export type DirectorySource = 'option' | 'default' | 'invalid'

/** The admin's directory from app options; the default one when unset, and also (flagged) when it does not read. */
export function directoryFromOption(raw: unknown): { directory: ObjectsDirectory; source: DirectorySource } {
  if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
    return { directory: defaultObjectsDirectory(), source: 'default' }
  }
  const read = parseObjectsDirectory(raw)
  return read.ok ? { directory: read.directory, source: 'option' } : { directory: defaultObjectsDirectory(), source: 'invalid' }
}
