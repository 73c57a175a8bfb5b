import type { MinorUnits } from '../money'
import type { ItemKind } from './catalog'
import type { PlacePath } from './objects-directory'

/*
 * Sold items of a deal (S2) and the list operations of the tab: add, edit, duplicate,
 * reorder, remove. Items are what the manager is editing, so fields may still be
 * empty ('' / null); validation.ts says when a list may be saved.
 */

interface ItemBase {
  /** Stable within the deal (list key, product-row XML_ID). */
  id: string
  /** «Объём услуги» (multiline text); for an object it may note the area taken. */
  volume: string
  /** «Срок» in whole years. */
  termYears: number | null
  /** «Стоимость услуги» for the whole term, in kopecks of the deal's currency. */
  priceMinor: MinorUnits | null
}

export interface ObjectItem extends ItemBase, PlacePath {
  kind: 'object'
}

export interface ServiceItem extends ItemBase {
  kind: 'ved' | '3pl'
  service: string
}

export type SaleItem = ObjectItem | ServiceItem

export function newItem(kind: ItemKind, id: string): SaleItem {
  const base = { id, volume: '', termYears: null, priceMinor: null }
  return kind === 'object' ? { ...base, kind, objectType: '', zone: '', sector: '', place: '' } : { ...base, kind, service: '' }
}

export function addItem(items: readonly SaleItem[], kind: ItemKind, id: string): SaleItem[] {
  assertFreeId(items, id)
  return [...items, newItem(kind, id)]
}

export type ItemPatch = Partial<Pick<ItemBase, 'volume' | 'termYears' | 'priceMinor'>> & Partial<Pick<ServiceItem, 'service'>>

/** Edits the common fields and a service's kind; the place path changes through choosePlaceLevel. */
export function updateItem(items: readonly SaleItem[], id: string, patch: ItemPatch): SaleItem[] {
  return items.map((item) => {
    if (item.id !== id) return item
    const { service, ...common } = patch
    const updated = { ...item, ...common }
    return updated.kind !== 'object' && service !== undefined ? { ...updated, service } : updated
  })
}

export type PlaceLevel = keyof PlacePath
const PLACE_LEVELS: readonly PlaceLevel[] = ['objectType', 'zone', 'sector', 'place']

/** Dependent selects: choosing a level empties every level after it (a zone of another object type means nothing). */
export function choosePlaceLevel(items: readonly SaleItem[], id: string, level: PlaceLevel, code: string): SaleItem[] {
  const levelIndex = PLACE_LEVELS.indexOf(level)
  return items.map((item) => {
    if (item.id !== id || item.kind !== 'object' || item[level] === code) return item
    const updated: ObjectItem = { ...item, [level]: code }
    for (const later of PLACE_LEVELS.slice(levelIndex + 1)) updated[later] = ''
    return updated
  })
}

/** A copy right after the original, with a new id. */
export function duplicateItem(items: readonly SaleItem[], id: string, newId: string): SaleItem[] {
  assertFreeId(items, newId)
  const index = items.findIndex((item) => item.id === id)
  if (index === -1) return [...items]
  const copy = { ...items[index]!, id: newId }
  return [...items.slice(0, index + 1), copy, ...items.slice(index + 1)]
}

/** Moves an item to a position (clamped to the list). */
export function moveItem(items: readonly SaleItem[], id: string, toIndex: number): SaleItem[] {
  const index = items.findIndex((item) => item.id === id)
  if (index === -1) return [...items]
  const rest = items.filter((item) => item.id !== id)
  const target = Math.max(0, Math.min(rest.length, Math.trunc(toIndex)))
  return [...rest.slice(0, target), items[index]!, ...rest.slice(target)]
}

/** Up (−1) or down (+1) for the arrow buttons. */
export function moveItemBy(items: readonly SaleItem[], id: string, delta: number): SaleItem[] {
  const index = items.findIndex((item) => item.id === id)
  return index === -1 ? [...items] : moveItem(items, id, index + delta)
}

export function removeItem(items: readonly SaleItem[], id: string): SaleItem[] {
  return items.filter((item) => item.id !== id)
}

function assertFreeId(items: readonly SaleItem[], id: string): void {
  if (items.some((item) => item.id === id)) throw new Error(`Item id ${id} is taken`)
}
