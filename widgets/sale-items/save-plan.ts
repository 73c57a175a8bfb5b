import { SALE_FIELDS } from '@/domain/fields/sale'
import { sumMinor, parseMoney } from '@/domain/money'
import { dealAmountFields, placeKeysOf, productRowsTotalMinor, serializeSaleItems, summaryLines, toProductRows } from '@/domain/sale'
import type { DealProductRow, ObjectsDirectory } from '@/domain/sale'
import type { ProductRowDto } from './dto'
import type { SaleValues } from './sale-values'

/*
 * What a save writes, as plain data: the deal's fields and its product rows, so that
 * Σ rows = OPPORTUNITY = the tab's total (b24restdocs api-reference/crm/deals/
 * crm-deal-update.md, crm-deal-productrows-set.md).
 */

export interface SaleWrite {
  fields: Record<string, unknown>
  rows: DealProductRow[]
}

export function saleWrite(values: SaleValues, directory: ObjectsDirectory, currency: string, kindItemIds: Readonly<Record<string, string>>): SaleWrite {
  const total = sumMinor(values.items.map((item) => item.priceMinor ?? 0))
  return {
    fields: {
      [SALE_FIELDS.kind.fieldName]: values.kind === null ? '' : (kindItemIds[values.kind] ?? ''),
      [SALE_FIELDS.items.fieldName]: serializeSaleItems(values.items),
      [SALE_FIELDS.summary.fieldName]: summaryLines(values.items, directory, currency, 'ru').join('\n'),
      // An empty multiple field is written as [''] : an empty array would not reach the portal in a query string.
      [SALE_FIELDS.places.fieldName]: placeKeysOf(values.items).length > 0 ? placeKeysOf(values.items) : [''],
      ...dealAmountFields(total, currency),
    },
    rows: toProductRows(values.items, directory),
  }
}

/** The deal's rows and amount already equal the items (a save that only needs to confirm). */
export function amountsConsistent(values: SaleValues, rows: readonly ProductRowDto[], opportunity: string): boolean {
  const total = sumMinor(values.items.map((item) => item.priceMinor ?? 0))
  return rows.length === values.items.length && productRowsTotalMinor(rows) === total && parseMoney(opportunity) === total
}
