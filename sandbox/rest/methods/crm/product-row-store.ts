import type { Row, Store } from '../../../store/types'

/**
 * Product rows of deals (and leads), table `crm_product_rows`. Fields as b24restdocs
 * `api-reference/crm/data-types.md` (#crm_item_product_row) and `crm/deals/crm-deal-productrows-get.md`.
 * Money stays in numbers with two decimals; sums go through integer kopecks so they never drift.
 */
export interface ProductRowFields {
  OWNER_TYPE: string
  OWNER_ID: number
  PRODUCT_ID: number
  PRODUCT_NAME: string
  PRICE: number
  PRICE_EXCLUSIVE: number
  PRICE_NETTO: number
  PRICE_BRUTTO: number
  QUANTITY: number
  DISCOUNT_TYPE_ID: number
  DISCOUNT_RATE: number
  DISCOUNT_SUM: number
  TAX_RATE: number | null
  TAX_INCLUDED: 'Y' | 'N'
  CUSTOMIZED: 'Y' | 'N'
  MEASURE_CODE: number
  MEASURE_NAME: string
  SORT: number
  XML_ID: string | null
  TYPE: number
  STORE_ID: number
}

export interface ProductRow extends Row, ProductRowFields {}

export const PRODUCT_ROW_TABLE = 'crm_product_rows'

export function productRowsOf(store: Store, ownerType: string, ownerId: number): ProductRow[] {
  const rows: ProductRow[] = []
  for (const row of store.table<ProductRow>(PRODUCT_ROW_TABLE).rows()) {
    if (row.OWNER_ID === ownerId && row.OWNER_TYPE === ownerType) rows.push(row)
  }
  return rows.sort((a, b) => a.SORT - b.SORT || a.ID - b.ID)
}

export function toKopecks(amount: number): number {
  return Math.round(amount * 100)
}

/** Σ PRICE × QUANTITY in kopecks (each line rounded to a kopeck, as an invoice line is). */
export function rowsTotalKopecks(rows: Array<Pick<ProductRow, 'PRICE' | 'QUANTITY'>>): number {
  return rows.reduce((sum, r) => sum + Math.round(toKopecks(r.PRICE) * r.QUANTITY), 0)
}

export class ProductRowError extends Error {}

const num = (v: unknown, fallback: number) => {
  if (v === null || v === undefined || v === '') return fallback
  const n = Number(String(v).replace(',', '.'))
  if (!Number.isFinite(n)) throw new ProductRowError(`"${String(v)}" is not a number`)
  return n
}

const round2 = (n: number) => Math.round(n * 100) / 100

/**
 * One written row (UPPER_CASE keys) → stored row. PRICE is the final unit price; when only
 * PRICE_NETTO/PRICE_BRUTTO and a discount are given the final price is derived from them.
 */
export function normalizeProductRow(raw: Record<string, unknown>, ownerType: string, ownerId: number, index: number): ProductRowFields {
  const quantity = num(raw.QUANTITY, 1)
  const discountType = num(raw.DISCOUNT_TYPE_ID, 2)
  if (discountType !== 1 && discountType !== 2) throw new ProductRowError('DISCOUNT_TYPE_ID must be 1 or 2')
  const taxRate = raw.TAX_RATE === null || raw.TAX_RATE === undefined || raw.TAX_RATE === '' ? null : num(raw.TAX_RATE, 0)
  const taxIncluded = String(raw.TAX_INCLUDED ?? 'N').toUpperCase() === 'Y' ? 'Y' : 'N'
  const discountRate = num(raw.DISCOUNT_RATE, 0)
  let discountSum = num(raw.DISCOUNT_SUM, 0)
  let price: number
  if (raw.PRICE !== undefined && raw.PRICE !== null && raw.PRICE !== '') {
    price = num(raw.PRICE, 0)
  } else {
    const base = num(raw.PRICE_BRUTTO ?? raw.PRICE_NETTO ?? raw.PRICE_EXCLUSIVE, 0)
    if (discountType === 2) discountSum = round2((base * discountRate) / 100)
    price = round2(base - discountSum)
  }
  const exclusive = taxRate && taxIncluded === 'Y' ? round2(price / (1 + taxRate / 100)) : price
  const netto = round2(exclusive + discountSum)
  return {
    OWNER_TYPE: ownerType,
    OWNER_ID: ownerId,
    PRODUCT_ID: num(raw.PRODUCT_ID, 0),
    PRODUCT_NAME: String(raw.PRODUCT_NAME ?? ''),
    PRICE: round2(price),
    PRICE_EXCLUSIVE: exclusive,
    PRICE_NETTO: netto,
    PRICE_BRUTTO: taxRate && taxIncluded !== 'Y' ? round2(netto * (1 + taxRate / 100)) : round2(price + discountSum),
    QUANTITY: quantity,
    DISCOUNT_TYPE_ID: discountType,
    DISCOUNT_RATE: discountRate,
    DISCOUNT_SUM: discountSum,
    TAX_RATE: taxRate,
    TAX_INCLUDED: taxIncluded,
    CUSTOMIZED: 'Y',
    MEASURE_CODE: num(raw.MEASURE_CODE, 796),
    MEASURE_NAME: String(raw.MEASURE_NAME ?? 'шт'),
    SORT: num(raw.SORT, (index + 1) * 10),
    XML_ID: raw.XML_ID == null ? null : String(raw.XML_ID),
    TYPE: num(raw.TYPE, 1),
    STORE_ID: num(raw.STORE_ID, 0),
  }
}

/** Replaces every row of the owner. */
export function replaceProductRows(store: Store, ownerType: string, ownerId: number, rows: ProductRowFields[]): ProductRow[] {
  const table = store.table<ProductRow>(PRODUCT_ROW_TABLE)
  for (const row of productRowsOf(store, ownerType, ownerId)) table.delete(row.ID)
  return rows.map((r) => table.insert({ ...r }))
}
