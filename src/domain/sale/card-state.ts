import { parseMoney, type MinorUnits } from '../money'
import { servicesOfKind, type ItemKind } from './catalog'
import { newItem, type SaleItem } from './items'
import type { SaleSaveMarker } from './items-json'
import type { ObjectsDirectory } from './objects-directory'
import { toProductRows } from './product-rows'
import { VOLUME_MAX_LENGTH } from './validation'

/*
 * What a deal card holds against its sale, read before anything is written:
 * - consistent: its product rows are the ones its items make (or it has neither);
 * - unfinished: the items are saved and the rows (or the amount) still lag behind, i.e. a
 *   save was cut short after its first write; finishing it writes the rows from the items;
 * - foreign: the deal has product rows its items do not describe (rows entered in Bitrix24
 *   before the tab, or added there later). A save would replace them, so the tab shows them
 *   and the manager takes them in as items or chooses to replace them; never silently.
 *
 * A save writes the items together with a marker (items-json.ts): the fingerprint of the
 * rows it is about to write and of the rows it replaces. Rows equal to the first mean the
 * save finished; rows equal to the second mean only its first step is done. Cards saved
 * before markers (or items written by others) are compared by money: each row's amount
 * against an item's price.
 */

/** A product row as the deal holds it, in exact kopecks. */
export interface DealRow {
  name: string
  priceMinor: MinorUnits
  quantity: number
}

export interface RestProductRow {
  PRODUCT_NAME?: string | null
  PRICE: number | string
  QUANTITY: number | string
}

/** Rows as REST returns them (crm.deal.productrows.get: strings or numbers); null when one does not read. */
export function dealRowsOf(rows: readonly RestProductRow[]): DealRow[] | null {
  const read: DealRow[] = []
  for (const row of rows) {
    const priceMinor = parseMoney(row.PRICE)
    const quantity = Number(row.QUANTITY)
    if (priceMinor === null || !Number.isFinite(quantity)) return null
    read.push({ name: String(row.PRODUCT_NAME ?? ''), priceMinor, quantity })
  }
  return read
}

/** The amount a row adds to the deal, in kopecks (a fractional quantity rounds once). */
export function rowAmountMinor(row: DealRow): MinorUnits {
  return Math.round(row.priceMinor * row.quantity)
}

export function rowsTotal(rows: readonly DealRow[]): MinorUnits {
  return rows.reduce((sum, row) => sum + rowAmountMinor(row), 0)
}

const normalName = (name: string) => name.trim().replace(/\s+/g, ' ')

/** 53-bit string hash (cyrb53 construction), enough to tell row sets apart. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

/** Names, prices and quantities of the rows in their order, as one short text. */
export function rowsFingerprint(rows: readonly DealRow[]): string {
  return `${rows.length}-${hash53(rows.map((row) => `${row.priceMinor}*${row.quantity}|${normalName(row.name)}`).join('\n'))}`
}

/** The rows a save writes for these items (product-rows.ts), as the deal will hold them. */
export function rowsOfItems(items: readonly SaleItem[], directory: ObjectsDirectory): DealRow[] {
  return toProductRows(items, directory).map((row) => ({ name: row.PRODUCT_NAME, priceMinor: parseMoney(row.PRICE) ?? 0, quantity: row.QUANTITY }))
}

export type SaleCardState =
  | { kind: 'consistent' }
  /** `save`: the plan that wrote the items, when its marker says so. */
  | { kind: 'unfinished'; save: string | null }
  /** `rows`: the rows no item describes; `fingerprint`: of ALL the deal's rows now (what a decision is about). */
  | { kind: 'foreign'; rows: DealRow[]; fingerprint: string }

export interface SaleCard {
  items: readonly SaleItem[]
  marker: SaleSaveMarker | null
  rows: readonly DealRow[]
  /** OPPORTUNITY in kopecks. */
  opportunityMinor: MinorUnits | null
}

/** Rows whose amount no item's price accounts for, and items no row accounts for (a multiset match). */
function matchByMoney(items: readonly SaleItem[], rows: readonly DealRow[]): { rows: DealRow[]; items: SaleItem[] } {
  const open = [...items]
  const unmatched: DealRow[] = []
  for (const row of rows) {
    const index = open.findIndex((item) => item.priceMinor === rowAmountMinor(row))
    if (index === -1) unmatched.push(row)
    else open.splice(index, 1)
  }
  return { rows: unmatched, items: open }
}

export function saleCardState(card: SaleCard): SaleCardState {
  const fingerprint = rowsFingerprint(card.rows)
  const amountLags = card.items.length > 0 && card.opportunityMinor !== rowsTotal(card.rows)
  if (card.marker && fingerprint === card.marker.rows) return amountLags ? { kind: 'unfinished', save: card.marker.save } : { kind: 'consistent' }
  if (card.marker && fingerprint === card.marker.replaces) return { kind: 'unfinished', save: card.marker.save }
  const unmatched = matchByMoney(card.items, card.rows)
  if (unmatched.rows.length > 0) return { kind: 'foreign', rows: unmatched.rows, fingerprint }
  if (unmatched.items.length > 0 || amountLags) return { kind: 'unfinished', save: card.marker?.save ?? null }
  return { kind: 'consistent' }
}

/** The manager's answer to foreign rows, for the rows as they were when asked (fingerprint). */
export interface RowsDecision {
  fingerprint: string
  choice: 'take' | 'replace'
}

/** Whether a save may replace the card's rows: nothing foreign, or foreign rows the manager decided about. */
export function rowsSettled(state: SaleCardState, decision: RowsDecision | null | undefined): boolean {
  return state.kind !== 'foreign' || decision?.fingerprint === state.fingerprint
}

export interface RowKindGuess {
  kind: ItemKind
  /** The service of a ВЭД / 3PL item whose name the row starts with. */
  service: string
}

/** «Маркировка (1 год)» → 3PL labelling; a row no service name fits is taken as an object. */
export function guessRowKind(row: DealRow): RowKindGuess {
  const name = normalName(row.name).toLowerCase()
  for (const kind of ['3pl', 'ved'] as const) {
    const service = servicesOfKind(kind).find((entry) => name.startsWith(entry.label.ru.toLowerCase()) || name.startsWith(entry.label.en.toLowerCase()))
    if (service) return { kind, service: service.code }
  }
  return { kind: 'object', service: '' }
}

const TERM_IN_NAME = /\((\d{1,2})\s*(?:год|года|лет|year|years)\)/i

/**
 * Foreign rows taken in as items: the row's whole amount as the price, its name as the
 * volume (so nothing typed in Bitrix24 is lost), a term written in the name «(3 года)»,
 * and the kind (and service) chosen for it. What the row cannot say (the place) stays
 * empty: validation asks the manager for it before the save.
 */
export function itemsFromRows(rows: readonly DealRow[], kinds: readonly RowKindGuess[], ids: readonly string[]): SaleItem[] {
  return rows.map((row, index) => {
    const guess = kinds[index] ?? guessRowKind(row)
    const base = newItem(guess.kind, ids[index]!)
    const term = TERM_IN_NAME.exec(row.name)
    const filled = { ...base, volume: normalName(row.name).slice(0, VOLUME_MAX_LENGTH), priceMinor: rowAmountMinor(row), termYears: term ? Number(term[1]) : null }
    return filled.kind === 'object' ? filled : { ...filled, service: guess.kind === filled.kind ? guess.service : '' }
  })
}
