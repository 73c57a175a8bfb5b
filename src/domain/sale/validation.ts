import { z } from 'zod'
import { parseMoney, type MinorUnits } from '../money'
import { validateWith, type Validated } from '../client-profile/validation-result'
import { SALE_KINDS, servicesOfKind, type SaleKindCode } from './catalog'
import type { SaleItem } from './items'
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

/** The price field as typed: «150 000,50» → 15000050 kopecks. */
export function parsePriceInput(text: string): Parsed<MinorUnits> {
  if (text.trim() === '') return { ok: false, message: saleMessage('priceRequired') }
  const minor = parseMoney(text)
  if (minor === null) return { ok: false, message: saleMessage('priceInvalid') }
  if (minor < 0) return { ok: false, message: saleMessage('priceNegative') }
  return { ok: true, value: minor }
}

/** The term field as typed: «3» → 3; «2,5» and «0» are refused. */
export function parseTermInput(text: string): Parsed<number> {
  const trimmed = text.trim().replace(',', '.')
  if (trimmed === '') return { ok: false, message: saleMessage('termRequired') }
  const value = Number(trimmed)
  if (!/^[+-]?\d+(\.\d+)?$/.test(trimmed) || !Number.isInteger(value)) return { ok: false, message: saleMessage('termWhole') }
  if (value < 1) return { ok: false, message: saleMessage('termMin') }
  return { ok: true, value }
}

export function saleSchema(context: SaleValidationContext): z.ZodType<SaleDraft> {
  return z.custom<SaleDraft>().superRefine((sale, ctx) => {
    const issue = (path: (string | number)[], name: SaleMessageName) => ctx.addIssue({ code: 'custom', message: saleMessage(name), path })

    if (!SALE_KINDS.some((kind) => kind.code === sale.kind)) issue(['kind'], 'kindRequired')
    if (sale.items.length === 0) issue(['items'], 'itemsRequired')

    const placesInDeal = new Set<string>()
    sale.items.forEach((item, index) => {
      const at = (field: string) => ['items', index, field]

      if (item.termYears === null) issue(at('termYears'), 'termRequired')
      else if (!Number.isInteger(item.termYears)) issue(at('termYears'), 'termWhole')
      else if (item.termYears < 1) issue(at('termYears'), 'termMin')

      if (item.priceMinor === null) issue(at('priceMinor'), 'priceRequired')
      else if (!Number.isSafeInteger(item.priceMinor)) issue(at('priceMinor'), 'priceInvalid')
      else if (item.priceMinor < 0) issue(at('priceMinor'), 'priceNegative')

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
  })
}

export function validateSale(sale: SaleDraft, context: SaleValidationContext): Validated<SaleDraft> {
  return validateWith(saleSchema(context), sale)
}
