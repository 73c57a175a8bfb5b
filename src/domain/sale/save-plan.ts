import { SALE_FIELDS } from '../fields/sale'
import type { MoneyLocale } from '../money'
import { newPlan, setStep, versionCheckStep, type WritePlan, type WriteStep } from '../write-plan'
import { rowsFingerprint, rowsOfItems } from './card-state'
import { serializeSaleItems, type SaleSaveMarker } from './items-json'
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

/**
 * The «Продажа» save as a write plan, in the order that keeps every prefix readable:
 * 1. the deal's version is what the manager's save compared against (compare-and-set);
 * 2. the deal's fields: kind, items with the save's marker (the rows it writes and the
 *    rows it replaces), summary, places, currency, automatic amount;
 * 3. the product rows, which make the portal recompute OPPORTUNITY from them.
 * After 2 alone the card reads as «не завершено» (its rows are the ones the marker
 * replaces) and finishing it is step 3; after 3 it reads as consistent. Steps 2 and 3
 * replace what was there, so sending either again never doubles anything.
 */
export interface SaleSaveInput {
  planId: string
  dealId: number
  /** DATE_MODIFY read just before the save; null skips the check (a deal always has one). */
  dateModify: string | null
  /** The sale kind's enumeration item ID on this portal, '' for none. */
  kindItemId: string
  items: readonly SaleItem[]
  directory: ObjectsDirectory
  currency: string
  /** Fingerprint of the rows the deal holds now (card-state.ts). */
  replaces: string
  now: Date
}

export const SALE_PLAN_TITLE = { ru: 'Сохранение продажи', en: 'Saving the sale' }

export const salePlanKeys = (planId: string) => ({ check: `${planId}-check`, deal: `${planId}-deal`, rows: `${planId}-rows` })

export function saleSavePlan(input: SaleSaveInput): WritePlan {
  const keys = salePlanKeys(input.planId)
  const rows = toProductRows(input.items, input.directory)
  const marker: SaleSaveMarker = { save: input.planId, rows: rowsFingerprint(rowsOfItems(input.items, input.directory)), replaces: input.replaces }
  const places = placeKeysOf(input.items)
  const fields = {
    [SALE_FIELDS.kind.fieldName]: input.kindItemId,
    [SALE_FIELDS.items.fieldName]: serializeSaleItems(input.items, marker),
    [SALE_FIELDS.summary.fieldName]: summaryLines(input.items, input.directory, input.currency, 'ru').join('\n'),
    // An empty multiple field is written as [''] : an empty array would not reach the portal in a query string.
    [SALE_FIELDS.places.fieldName]: places.length > 0 ? places : [''],
    CURRENCY_ID: input.currency,
    IS_MANUAL_OPPORTUNITY: 'N',
  }
  const guarded = input.dateModify !== null
  const steps: WriteStep[] = [
    ...(guarded ? [versionCheckStep(keys.check, 'deal', input.dealId, input.dateModify!, { ru: 'Сделку никто не изменил с момента чтения', en: 'Nobody changed the deal since it was read' })] : []),
    // b24restdocs api-reference/crm/deals/crm-deal-update.md
    setStep(keys.deal, 'crm.deal.update', { id: guarded ? { $step: keys.check } : input.dealId, fields }, { ru: 'Позиции, вид и итог продажи', en: 'Items, kind and summary of the sale' }),
    // crm-deal-productrows-set.md: replaces all rows; the literal ID, so finishing never re-checks our own write.
    setStep(keys.rows, 'crm.deal.productrows.set', { id: input.dealId, rows }, { ru: 'Товары сделки и её сумма', en: 'The deal’s products and amount' }),
  ]
  return newPlan({ id: input.planId, scope: `deal:${input.dealId}`, title: SALE_PLAN_TITLE, steps, now: input.now, meta: { dealId: input.dealId, rows: marker.rows } })
}
