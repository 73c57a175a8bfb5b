import type { MoneyLocale } from '../money'
import { serializeSaleItems } from './items-json'
import type { SaleItem } from './items'
import type { ObjectsDirectory } from './objects-directory'
import { dealAmountFields, productRowsTotalMinor, toProductRows, type DealProductRow } from './product-rows'
import { placeKeysOf } from './taken-places'
import { saleTotals, summaryLines } from './totals'

/**
 * Everything a save of the «Продажа» tab writes, derived from the items in one place so
 * the parts cannot disagree: the rows' sum is checked against the total before anything
 * is sent.
 */
export interface SaleSavePlan {
  itemsJson: string
  summary: string
  placeKeys: string[]
  productRows: DealProductRow[]
  amount: ReturnType<typeof dealAmountFields>
}

export function planSaleSave(
  items: readonly SaleItem[],
  directory: ObjectsDirectory,
  currency: string,
  locale: MoneyLocale = 'ru',
): SaleSavePlan {
  const total = saleTotals(items, directory, locale).overall.sumMinor
  const productRows = toProductRows(items, directory)
  if (productRowsTotalMinor(productRows) !== total) throw new Error('Product rows do not add up to the total')
  return {
    itemsJson: serializeSaleItems(items),
    summary: summaryLines(items, directory, currency, locale).join('\n'),
    placeKeys: placeKeysOf(items),
    productRows,
    amount: dealAmountFields(total, currency),
  }
}
