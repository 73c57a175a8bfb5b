import type { Store } from '../store/types'
import type { CrmRow } from '../rest/methods/crm/entities'
import { formatPortalDate } from '../rest/methods/crm/dates'
import { normalizeProductRow, productRowsOf, replaceProductRows } from '../rest/methods/crm/product-row-store'
import { APP_OPTIONS_KEY } from '../rest/methods/system/app-state'
import { UF_TABLE, type UserFieldRow } from '../rest/methods/crm/userfields'
import { COMMENT_TABLE, type CommentRow } from '../rest/methods/crm/timeline-methods'
import { DEMO_COMPANIES, DEMO_DEALS, DEMO_LEAD_OBJECT_TYPES } from './crm'
import { DEFAULT_PAID_AMOUNT_FIELD, DEFAULT_SALE_ITEMS_FIELD } from './generate'
import { DEPARTMENTS, PEOPLE } from './people'

const DAY = 86_400_000

/**
 * What the demo's people would have entered with the app once it is installed, so that a head trying
 * `npm start` finds the report's «План / факт» and the committee's reports filled:
 * - the head's monthly sales plans (app option `sales_plans`, this month and the two before);
 * - the sale items of the Kosino deals (the «Продажа» tab's field, with product rows that match its
 *   prices, so the tab reads each card as consistent);
 * - what the LEMUS clients paid («Сумма оплаты») on their deals from picking on: most in full, one
 *   prepaid in part, one won deal half paid and one not paid yet;
 * - the web-form leads' object types (the «Обработка лида» tab's field), from what each lead asked;
 * - the Kosino clients' statuses on the ladder, each with its change in the status log, and their
 *   communication history (timeline comments as the «Профиль клиента» tab writes them).
 * The fields come with the install, hence after it; each part is written only where nothing is yet,
 * so a second install changes nothing. Tests start the sandbox without it: they seed what they check.
 */
export function seedDemoWork(store: Store, now: Date): void {
  seedPlans(store, now)
  seedSaleItems(store, now)
  seedPayments(store)
  seedLeadObjectTypes(store)
  seedClientStatuses(store, now)
  seedHistory(store, now)
}

/** The option as the app stores it (src/domain/reports/plan-fact.ts): JSON text, amounts in kopecks. */
const SALES_PLANS_OPTION = 'sales_plans'

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
  if (!userField(store, 'CRM_DEAL', DEFAULT_SALE_ITEMS_FIELD)) return
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

function userField(store: Store, entity: 'CRM_LEAD' | 'CRM_COMPANY' | 'CRM_DEAL', name: string): UserFieldRow | undefined {
  return [...store.table<UserFieldRow>(UF_TABLE).rows()].find((uf) => uf.ENTITY_ID === entity && uf.FIELD_NAME === name)
}

/** An enumeration item's ID (what a record stores) by its XML_ID, or by its text compared without spaces and dashes. */
function itemId(field: UserFieldRow | undefined, match: { code?: string; text?: string }): number | undefined {
  const plain = (text: string) => text.toLowerCase().replace(/[\s\-–—]+/g, '')
  return field?.LIST.find((item) => (match.code !== undefined ? item.XML_ID === match.code : plain(item.VALUE) === plain(match.text ?? '')))?.ID
}

/** The app's lead field for the object type (src/domain/fields/lead-processing.ts). */
const LEAD_OBJECT_TYPE_FIELD = 'UF_CRM_KOS_OBJECT_TYPE'

function seedLeadObjectTypes(store: Store): void {
  const field = userField(store, 'CRM_LEAD', LEAD_OBJECT_TYPE_FIELD)
  if (!field) return
  const leads = store.table<CrmRow>('leads')
  DEMO_LEAD_OBJECT_TYPES.forEach((text, index) => {
    const lead = leads.get(index + 1)
    const id = itemId(field, { text })
    if (lead && id !== undefined && !lead[LEAD_OBJECT_TYPE_FIELD]) leads.update(lead.ID, { [LEAD_OBJECT_TYPE_FIELD]: id })
  })
}

/** The app's client-status fields (src/domain/fields/client-status.ts). */
const STATUS = { level: 'UF_CRM_KOS_STATUS', subStatus: 'UF_CRM_KOS_SUBSTATUS', log: 'UF_CRM_KOS_STATUS_LOG' } as const

/** Where the park's clients stand, as their deals go (ladder codes of src/domain/client-profile/status-ladder.ts). */
const CLIENT_STATUSES: Array<{ companyId: number; level: string; subStatus: string; daysAgo: number }> = [
  { companyId: DEMO_COMPANIES.ekor, level: 'CONTRACT_APPROVAL', subStatus: 'CA_DOCS', daysAgo: 9 },
  { companyId: DEMO_COMPANIES.freshmarket, level: 'LOI_SIGNING', subStatus: 'LOI_DOCS', daysAgo: 6 },
  { companyId: DEMO_COMPANIES.vedConsult, level: 'TERMS', subStatus: 'TERMS_SENT', daysAgo: 4 },
  { companyId: DEMO_COMPANIES.molochnyKrai, level: 'LOI_SIGNING', subStatus: 'LOI_SIGNED', daysAgo: 10 },
]

function seedClientStatuses(store: Store, now: Date): void {
  const levels = userField(store, 'CRM_COMPANY', STATUS.level)
  const subStatuses = userField(store, 'CRM_COMPANY', STATUS.subStatus)
  if (!levels || !subStatuses || !userField(store, 'CRM_COMPANY', STATUS.log)) return
  const companies = store.table<CrmRow>('companies')
  for (const status of CLIENT_STATUSES) {
    const company = companies.get(status.companyId)
    const level = itemId(levels, { code: status.level })
    const subStatus = itemId(subStatuses, { code: status.subStatus })
    if (!company || company[STATUS.level] || level === undefined || subStatus === undefined) continue
    const at = new Date(now.getTime() - status.daysAgo * DAY)
    // One change from «Новый», set by the client's manager, as the tab's log keeps it (status-log.ts).
    const log = [{
      from: { level: 'NEW', subStatus: null, inactive: false },
      to: { level: status.level, subStatus: status.subStatus, inactive: false },
      action: { type: 'set-manually', level: status.level, subStatus: status.subStatus },
      by: Number(company.ASSIGNED_BY_ID),
      at: at.toISOString(),
    }]
    companies.update(company.ID, { [STATUS.level]: level, [STATUS.subStatus]: subStatus, [STATUS.log]: JSON.stringify(log), DATE_MODIFY: formatPortalDate(at) })
  }
}

/** «Тип события» labels as the tab writes them (src/domain/client-profile/history.ts). */
const EVENT = { lead: 'Обработка «лида»/создание карточки клиента', signing: 'Подписание соглашения/договора', afterSales: 'После продажное сопровождение' } as const

/** Communication history of the park's clients: [company, event, days ago, comment]. */
const HISTORY: Array<[number, string, number, string]> = [
  [DEMO_COMPANIES.molochnyKrai, EVENT.lead, 400, 'Познакомились на выставке «Продэкспо»: ищут мелкооптовый павильон на востоке Москвы.'],
  [DEMO_COMPANIES.molochnyKrai, EVENT.signing, 10, 'Подписан LOI на два места в мелкооптовом складском комплексе, срок 5 лет.'],
  [DEMO_COMPANIES.molochnyKrai, EVENT.afterSales, 3, 'Передали ключи от павильона, обсудили график заезда.'],
  [DEMO_COMPANIES.ekor, EVENT.lead, 40, 'Заявка с сайта: низкотемпературный склад около 1 200 м².'],
  [DEMO_COMPANIES.ekor, EVENT.signing, 12, 'Подписан LOI, готовим договор аренды на 3 года.'],
  [DEMO_COMPANIES.freshmarket, EVENT.lead, 30, 'Запрос на ответственное хранение и маркировку на год.'],
  [DEMO_COMPANIES.vedConsult, EVENT.lead, 20, 'Запрос на склад временного хранения; направили условия сотрудничества.'],
]

const isoDay = (moment: Date) => `${moment.getFullYear()}-${String(moment.getMonth() + 1).padStart(2, '0')}-${String(moment.getDate()).padStart(2, '0')}`

function seedHistory(store: Store, now: Date): void {
  const comments = store.table<CommentRow>(COMMENT_TABLE)
  const companies = store.table<CrmRow>('companies')
  const hasComments = new Set([...comments.rows()].filter((c) => c.ENTITY_TYPE === 'company').map((c) => c.ENTITY_ID))
  for (const [companyId, label, daysAgo, text] of HISTORY) {
    const company = companies.get(companyId)
    if (!company || hasComments.has(companyId)) continue
    const at = new Date(now.getTime() - daysAgo * DAY)
    comments.insert({ ENTITY_TYPE: 'company', ENTITY_ID: companyId, CREATED: formatPortalDate(at), COMMENT: `[${label}] ${isoDay(at)}\n${text}`, AUTHOR_ID: Number(company.ASSIGNED_BY_ID), FILES: [] })
  }
}

/** Paid share of the amount by deal ID: won deals paid in full, in part and not at all; a prepaid order in picking. */
const PAYMENTS: Array<[dealId: number, share: number]> = [
  [9, 0.6], // «Комплектация»: a 60 % prepayment, the final payment still due
  [10, 1],
  [11, 1], // «Отгрузка» and «Подведение итогов»: paid before shipping
  [12, 1],
  [13, 1],
  [14, 1],
  [15, 1], // «Товары», won and paid
  [16, 0.5], // won, half paid: a receivable
  [33, 1], // «Услуги», won and paid
  [34, 0], // won, not paid yet
]

function seedPayments(store: Store): void {
  if (!userField(store, 'CRM_DEAL', DEFAULT_PAID_AMOUNT_FIELD)) return
  const deals = store.table<CrmRow>('deals')
  for (const [dealId, share] of PAYMENTS) {
    const deal = deals.get(dealId)
    if (!deal || deal[DEFAULT_PAID_AMOUNT_FIELD] || share === 0) continue
    const paid = Math.round(Number(deal.OPPORTUNITY) * share * 100) / 100
    deals.update(deal.ID, { [DEFAULT_PAID_AMOUNT_FIELD]: `${paid.toFixed(2)}|${String(deal.CURRENCY_ID)}` })
  }
}
