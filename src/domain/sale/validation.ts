import { z } from 'zod/mini'
import { parseMoney, type MinorUnits } from '../money'
import { validateWith, type Validated } from '../client-profile/validation-result'
import { SALE_KINDS, servicesOfKind, type SaleKindCode } from './catalog'
import type { SaleItem } from './items'
import { serializeSaleItems } from './items-json'
import { findPlace, findObjectType, placeKey, sectorsOf, zonesOf, placesOf, type ObjectsDirectory } from './objects-directory'
import { saleMessage, type SaleMessageName } from './messages'

export interface SaleDraft {
  kind: SaleKindCode | null
  items: SaleItem[]
}

export interface SaleValidationContext {
  directory: ObjectsDirectory
  /** placeKey → ID of the other active deal that holds it (taken-places.ts). */
  takenPlaces: ReadonlyMap<string, number>
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: `kosSale.${SaleMessageName}` }

/*
 * Limits checked before anything is sent (issue «Writes that never lie»):
 * - a price is a plain decimal with at most 2 kopeck digits, more than 0 and at most
 *   10^12 ₽ (a sane ceiling for one park's sale; the deal's OPPORTUNITY and a row's PRICE
 *   are doubles on the portal, exact to the kopeck far above it); the sale's total too;
 * - a term is 1..99 whole years;
 * - «Объём услуги» is at most 1 000 characters: it is a short description shown in the
 *   summary, and every item lives in ONE deal string field, which the portal keeps in a
 *   TEXT column of 65 535 bytes (b24restdocs crm-deal-userfield-add.md: type string; the
 *   whole serialized items text is checked against that size as well).
 */
export const PRICE_MAX_MINOR: MinorUnits = 100_000_000_000_000
export const TERM_MAX_YEARS = 99
export const VOLUME_MAX_LENGTH = 1_000
export const ITEMS_FIELD_MAX_BYTES = 65_535
/** Room the save's marker (plan id, two fingerprints) takes in the items field. */
const MARKER_RESERVE_BYTES = 200

// Digits, plain or in groups of three split by a space of any kind, then «,» or «.» and the kopecks.
const PLAIN_DECIMAL = /^(\d+|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+)(?:[.,](\d+))?$/

/** The price field as typed: «150 000,50» → 15000050 kopecks; «1e5», «1,000,000», «0,005» are refused. */
export function parsePriceInput(text: string): Parsed<MinorUnits> {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: saleMessage('priceRequired') }
  if (/^[-−–]/.test(trimmed)) return { ok: false, message: saleMessage('priceNegative') }
  const match = PLAIN_DECIMAL.exec(trimmed)
  if (!match) return { ok: false, message: saleMessage('priceInvalid') }
  const [, whole = '', kopecks = ''] = match
  if (kopecks.length > 2) return { ok: false, message: saleMessage('priceKopecks') }
  const minor = parseMoney(`${whole.replace(/\D/g, '')}.${kopecks}`)
  if (minor === null) return { ok: false, message: saleMessage('priceTooHigh') }
  const range = priceRangeIssue(minor)
  return range ? { ok: false, message: saleMessage(range) } : { ok: true, value: minor }
}

function priceRangeIssue(minor: MinorUnits): SaleMessageName | null {
  if (minor < 0) return 'priceNegative'
  if (minor === 0) return 'priceZero'
  if (minor > PRICE_MAX_MINOR) return 'priceTooHigh'
  return null
}

/** The term field as typed: «3» → 3; «2,5», «0», «100» and «1e1» are refused. */
export function parseTermInput(text: string): Parsed<number> {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return { ok: false, message: saleMessage('termRequired') }
  const value = Number(trimmed)
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed) || !Number.isInteger(value)) return { ok: false, message: saleMessage('termWhole') }
  const range = termRangeIssue(value)
  return range ? { ok: false, message: saleMessage(range) } : { ok: true, value }
}

function termRangeIssue(years: number): SaleMessageName | null {
  if (years < 1) return 'termMin'
  if (years > TERM_MAX_YEARS) return 'termMax'
  return null
}

/** Bytes of a text in UTF-8 (what the portal's column counts), without browser APIs. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

export function saleSchema(context: SaleValidationContext): z.ZodMiniType<SaleDraft> {
  return z.custom<SaleDraft>().check(z.superRefine((sale, ctx) => {
    const issue = (path: (string | number)[], name: SaleMessageName) => ctx.addIssue({ code: 'custom', message: saleMessage(name), path })

    if (!SALE_KINDS.some((kind) => kind.code === sale.kind)) issue(['kind'], 'kindRequired')
    if (sale.items.length === 0) issue(['items'], 'itemsRequired')
    else if (sale.items.every((item) => item.priceMinor !== null && Number.isSafeInteger(item.priceMinor) && !priceRangeIssue(item.priceMinor) && item.volume.length <= VOLUME_MAX_LENGTH)) {
      const total = sale.items.reduce((sum, item) => sum + item.priceMinor!, 0)
      if (total > PRICE_MAX_MINOR) issue(['items'], 'totalTooHigh')
      else if (utf8Length(serializeSaleItems(sale.items)) + MARKER_RESERVE_BYTES > ITEMS_FIELD_MAX_BYTES) issue(['items'], 'itemsTooLarge')
    }

    const placesInDeal = new Set<string>()
    sale.items.forEach((item, index) => {
      const at = (field: string) => ['items', index, field]

      const termIssue = item.termYears === null ? 'termRequired' : !Number.isInteger(item.termYears) ? 'termWhole' : termRangeIssue(item.termYears)
      if (termIssue) issue(at('termYears'), termIssue)

      const priceIssue = item.priceMinor === null ? 'priceRequired' : !Number.isSafeInteger(item.priceMinor) ? 'priceInvalid' : priceRangeIssue(item.priceMinor)
      if (priceIssue) issue(at('priceMinor'), priceIssue)

      if (item.volume.length > VOLUME_MAX_LENGTH) issue(at('volume'), 'volumeTooLong')

      if (item.kind !== 'object') {
        if (item.service === '') issue(at('service'), 'required')
        else if (!servicesOfKind(item.kind).some((service) => service.code === item.service)) issue(at('service'), 'unknownValue')
        if (item.volume.trim() === '') issue(at('volume'), 'required')
        return
      }

      // Each level must be chosen and must exist under the one before it.
      const levels = [
        ['objectType', item.objectType, () => findObjectType(context.directory, item.objectType) !== undefined],
        ['zone', item.zone, () => zonesOf(context.directory, item.objectType).some((zone) => zone.code === item.zone)],
        ['sector', item.sector, () => sectorsOf(context.directory, item.objectType, item.zone).some((sector) => sector.code === item.sector)],
        ['place', item.place, () => placesOf(context.directory, item.objectType, item.zone, item.sector).some((place) => place.code === item.place)],
      ] as const
      for (const [field, value, exists] of levels) {
        if (value === '') {
          issue(at(field), 'required')
          return
        }
        if (!exists()) {
          issue(at(field), 'unknownValue')
          return
        }
      }
      if (!findPlace(context.directory, item)) return
      const key = placeKey(item)
      if (placesInDeal.has(key)) issue(at('place'), 'placeTwice')
      else if (context.takenPlaces.has(key)) issue(at('place'), 'placeTaken')
      placesInDeal.add(key)
    })
  }))
}

export function validateSale(sale: SaleDraft, context: SaleValidationContext): Validated<SaleDraft> {
  return validateWith(saleSchema(context), sale)
}
