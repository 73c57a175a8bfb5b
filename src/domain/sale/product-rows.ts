import { parseMoney, sumMinor, toRestAmount, type MinorUnits } from '../money'
import { formatTerm, itemTitle } from './totals'
import type { SaleItem } from './items'
import type { ObjectsDirectory } from './objects-directory'

/*
 * Items → the deal's product rows (crm.deal.productrows.set replaces all rows), so
 * Bitrix24's own lists and reports see the right sum: one free-text row per item
 * (PRODUCT_ID 0), the item's whole price as PRICE and QUANTITY 1, no discount and no
 * tax, hence Σ PRICE × QUANTITY = the tab's total to the kopeck. With rows present and
 * IS_MANUAL_OPPORTUNITY = N the portal recomputes OPPORTUNITY from them.
 */

export interface DealProductRow {
  PRODUCT_ID: 0
  PRODUCT_NAME: string
  PRICE: number
  QUANTITY: 1
  /** 1 = absolute discount; with DISCOUNT_SUM 0 the portal needs no rate. */
  DISCOUNT_TYPE_ID: 1
  DISCOUNT_SUM: 0
  TAX_INCLUDED: 'N'
  SORT: number
}

const MAX_NAME = 255

export function productRowName(item: SaleItem, directory: ObjectsDirectory): string {
  const name = `${itemTitle(item, directory, 'ru')}, срок ${formatTerm(item.termYears, item.termYears, 'ru')}`
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1)}…`
}

export function toProductRows(items: readonly SaleItem[], directory: ObjectsDirectory): DealProductRow[] {
  return items.map((item, index) => ({
    PRODUCT_ID: 0,
    PRODUCT_NAME: productRowName(item, directory),
    PRICE: toRestAmount(item.priceMinor ?? 0),
    QUANTITY: 1,
    DISCOUNT_TYPE_ID: 1,
    DISCOUNT_SUM: 0,
    TAX_INCLUDED: 'N',
    SORT: (index + 1) * 10,
  }))
}

/** Σ PRICE × QUANTITY of rows as REST returns them (strings or numbers), exactly. */
export function productRowsTotalMinor(rows: readonly { PRICE: number | string; QUANTITY: number | string }[]): MinorUnits {
  return sumMinor(
    rows.map((row) => {
      const price = parseMoney(row.PRICE)
      const quantity = Number(row.QUANTITY)
      if (price === null || !Number.isInteger(quantity)) throw new Error(`Unreadable product row ${JSON.stringify(row)}`)
      return price * quantity
    }),
  )
}

/** The deal's amount fields written with the rows. */
export function dealAmountFields(totalMinor: MinorUnits, currency: string): { OPPORTUNITY: number; CURRENCY_ID: string; IS_MANUAL_OPPORTUNITY: 'N' } {
  return { OPPORTUNITY: toRestAmount(totalMinor), CURRENCY_ID: currency, IS_MANUAL_OPPORTUNITY: 'N' }
}
