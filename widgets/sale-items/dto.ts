import { z } from 'zod/mini'
import { SALE_FIELDS } from '@/domain/fields/sale'

/*
 * REST shapes the tab reads. Legacy crm.* return scalars as strings and empty as null
 * (b24restdocs api-reference/crm/deals/crm-deal-get.md, crm-deal-list.md,
 * crm-deal-productrows-get.md, user-defined-fields/crm-deal-userfield-list.md,
 * user/user-current.md, common/settings/app-option-get.md).
 */

const idText = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value) => Number(value)),
)
const nullableText = z.pipe(
  z.nullish(z.union([z.string(), z.number()])),
  z.transform((value) => (value === null || value === undefined ? '' : String(value))),
)

const KIND = SALE_FIELDS.kind.fieldName
const ITEMS = SALE_FIELDS.items.fieldName
const PLACES = SALE_FIELDS.places.fieldName

export interface SaleDealDto {
  id: number
  title: string
  currency: string
  opportunity: string
  dateModify: string | null
  /** Enumeration item ID of the sale kind, '' when not set. */
  kindItemId: string
  /** The items field as stored (JSON text), '' when empty. */
  itemsText: string
}

const dealSchema = z.looseObject({
  ID: idText,
  TITLE: nullableText,
  CURRENCY_ID: nullableText,
  OPPORTUNITY: nullableText,
  DATE_MODIFY: z.nullish(z.string()),
})

export function parseSaleDeal(raw: unknown): SaleDealDto {
  const deal = dealSchema.parse(raw)
  const record = raw as Record<string, unknown>
  const kind = record[KIND]
  const items = record[ITEMS]
  return {
    id: deal.ID,
    title: deal.TITLE,
    currency: deal.CURRENCY_ID || 'RUB',
    opportunity: deal.OPPORTUNITY || '0',
    dateModify: deal.DATE_MODIFY ?? null,
    // A single enumeration reads as its item ID; tolerate a one-element array.
    kindItemId: Array.isArray(kind) ? String(kind[0] ?? '') : kind === null || kind === undefined || kind === false ? '' : String(kind),
    itemsText: typeof items === 'string' ? items : '',
  }
}

/** `LIST` of the sale kind field: XML_ID (our code) → the portal's item ID. */
export function parseKindItemIds(raw: unknown): Record<string, string> {
  const rows = z.array(z.object({ LIST: z.nullish(z.array(z.object({ ID: z.union([z.string(), z.number()]), XML_ID: z.nullish(z.string()) }))) })).parse(raw)
  const list = rows[0]?.LIST ?? []
  return Object.fromEntries(list.filter((item) => item.XML_ID).map((item) => [item.XML_ID!, String(item.ID)]))
}

export interface PlaceHolderRow {
  ID: string
  TITLE?: string
  STAGE_SEMANTIC_ID: string | null
  places: string[]
}

/** A row of the taken-places list: the deal, its stage group and the place keys it holds. */
export function toPlaceHolderRow(raw: Record<string, unknown>): PlaceHolderRow {
  const places = raw[PLACES]
  return {
    ID: String(raw.ID),
    TITLE: typeof raw.TITLE === 'string' ? raw.TITLE : '',
    STAGE_SEMANTIC_ID: typeof raw.STAGE_SEMANTIC_ID === 'string' ? raw.STAGE_SEMANTIC_ID : null,
    places: (Array.isArray(places) ? places : places ? [places] : []).map(String).filter((key) => key !== ''),
  }
}

export function parseCurrentUserId(raw: unknown): number {
  return z.object({ ID: idText }).parse(raw).ID
}

export interface ProductRowDto {
  PRODUCT_NAME: string
  PRICE: number | string
  QUANTITY: number | string
}

export function parseProductRows(raw: unknown): ProductRowDto[] {
  return z
    .array(z.looseObject({ PRODUCT_NAME: nullableText, PRICE: z.union([z.number(), z.string()]), QUANTITY: z.union([z.number(), z.string()]) }))
    .parse(raw)
    .map((row) => ({ PRODUCT_NAME: row.PRODUCT_NAME, PRICE: row.PRICE, QUANTITY: row.QUANTITY }))
}
