import type { Store } from '../store/types'
import type { CrmRow } from '../rest/methods/crm/entities'
import { formatPortalDate } from '../rest/methods/crm/dates'
import { normalizeProductRow, productRowsOf, replaceProductRows } from '../rest/methods/crm/product-row-store'
import { APP_OPTIONS_KEY } from '../rest/methods/system/app-state'
import { UF_TABLE, type UserFieldRow } from '../rest/methods/crm/userfields'
import { DEMO_DEALS } from './crm'
import { DEFAULT_SALE_ITEMS_FIELD } from './generate'
import { DEPARTMENTS, PEOPLE } from './people'

/**
 * What the demo's people would have entered with the app once it is installed, so that a head trying
 * `npm start` sees the report's «План / факт» and the committee's «Продажи по объектам» filled:
 * the head's monthly sales plans (app option `sales_plans`, this month and the two before) and the
 * sale items of the Kosino deals (the «Продажа» tab's field, with product rows that match its prices,
 * so the tab reads each card as consistent). Both need what the install creates, hence after it; each
 * part is written only where nothing is yet, so a second install changes nothing.
 * Tests start the sandbox without it: they seed what they check themselves.
 */
export function seedDemoWork(store: Store, now: Date): void {
  seedPlans(store, now)
  seedSaleItems(store, now)
}

/** The option as the app stores it (src/domain/reports/plan-fact.ts): JSON text, amounts in kopecks. */
export const SALES_PLANS_OPTION = 'sales_plans'

/** Plans in roubles by month offset (0 = this month): the two managers and their department. */
const PLANS: Array<{ owner: 'manager' | 'department'; id: number; roubles: [number, number, number] }> = [
  { owner: 'manager', id: PEOPLE.manager, roubles: [3_000_000, 2_500_000, 2_500_000] },
  { owner: 'manager', id: PEOPLE.secondManager, roubles: [2_800_000, 2_400_000, 2_000_000] },
  { owner: 'department', id: DEPARTMENTS.sales, roubles: [6_000_000, 5_000_000, 4_500_000] },
]

function seedPlans(store: Store, now: Date): void {
  const options = store.getValue<Record<string, unknown>>(APP_OPTIONS_KEY) ?? {}
  if (options[SALES_PLANS_OPTION] !== undefined) return
  const month = (back: number) => {
    // The calendar month on this machine's clock, as the report's month picker names it.
    const d = new Date(now.getFullYear(), now.getMonth() - back, 1)
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
  }
  const entries = PLANS.flatMap((plan) => plan.roubles.map((roubles, back) => ({ month: month(back), owner: plan.owner, id: plan.id, currency: 'RUB', amount: roubles * 100 })))
  store.setValue(APP_OPTIONS_KEY, { ...options, [SALES_PLANS_OPTION]: JSON.stringify({ version: 1, entries }) })
}

type Item = Record<string, unknown> & { id: string; priceMinor: number }
const place = (id: string, objectType: string, zone: string, sector: string, placeCode: string, termYears: number, roubles: number): Item => ({
  id, kind: 'object', objectType, zone, sector, place: placeCode, volume: '', termYears, priceMinor: roubles * 100,
})
const service = (id: string, kind: 'ved' | '3pl', code: string, termYears: number, roubles: number): Item => ({
  id, kind, service: code, volume: '', termYears, priceMinor: roubles * 100,
})

/**
 * Items of the park's deals, codes of the app's default objects directory (src/domain/sale/default-objects.ts).
 * `rows`: product rows to write where the deal has none (the seed gave the rent and 3PL deals theirs).
 */
const SALES: Array<{ dealId: number; items: Item[]; rows?: Array<[name: string, roubles: number]> }> = [
  // Rent: 4 800 000 ₽ for three years (its product row, 1 600 000 × 3).
  { dealId: DEMO_DEALS.kosinoRent, items: [place('d1', 'LOW_TEMP_COMPLEX', 'Z1', 'S1', 'P102', 3, 4_800_000)] },
  // 3PL: custody and labelling for a year (its two product rows).
  { dealId: DEMO_DEALS.kosinoLoi, items: [service('d1', '3pl', 'CUSTODY', 1, 960_000), service('d2', '3pl', 'LABELLING', 1, 600_000)] },
  // Won: two places of the small-wholesale complex for five years, 2 400 000 ₽.
  {
    dealId: DEMO_DEALS.kosinoWon,
    items: [place('d1', 'SMALL_WHOLESALE_COMPLEX', 'Z2', 'S1', 'P101', 5, 1_200_000), place('d2', 'SMALL_WHOLESALE_COMPLEX', 'Z2', 'S1', 'P102', 5, 1_200_000)],
    rows: [
      ['Мелкооптовый складской комплекс, зона 2, сектор 1, место 101 (5 лет)', 1_200_000],
      ['Мелкооптовый складской комплекс, зона 2, сектор 1, место 102 (5 лет)', 1_200_000],
    ],
  },
]

function seedSaleItems(store: Store, now: Date): void {
  const fieldExists = [...store.table<UserFieldRow>(UF_TABLE).rows()].some((uf) => uf.ENTITY_ID === 'CRM_DEAL' && uf.FIELD_NAME === DEFAULT_SALE_ITEMS_FIELD)
  if (!fieldExists) return
  const deals = store.table<CrmRow>('deals')
  for (const sale of SALES) {
    const deal = deals.get(sale.dealId)
    if (!deal || deal[DEFAULT_SALE_ITEMS_FIELD]) continue
    if (sale.rows && productRowsOf(store, 'D', deal.ID).length === 0) {
      replaceProductRows(store, 'D', deal.ID, sale.rows.map(([name, roubles], index) => normalizeProductRow({ PRODUCT_NAME: name, PRICE: roubles, QUANTITY: 1 }, 'D', deal.ID, index)))
    }
    deals.update(deal.ID, { [DEFAULT_SALE_ITEMS_FIELD]: JSON.stringify({ v: 1, items: sale.items }), DATE_MODIFY: formatPortalDate(now) })
  }
}
