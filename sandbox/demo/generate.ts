import type { UserRow } from '../core/types'
import type { Store } from '../store/types'
import { dealCategories, stagesOfCategory } from '../rest/methods/crm/dictionaries'
import type { CrmRow } from '../rest/methods/crm/entities'
import { dealRow } from '../rest/methods/crm/rows'
import { formatPortalDate } from '../rest/methods/crm/dates'
import { UF_TABLE, type UserFieldRow } from '../rest/methods/crm/userfields'
import { KOSINO_PIPELINE_NAME } from './crm'
import { pathTimes, recordDealPath, stagePath } from './stage-history'

/**
 * Many deals for performance work (R5: 100,000 deals), inserted straight into the `deals` table.
 * Deterministic for a given seed and `now`.
 */

export interface GenerateOptions {
  /** PRNG seed; the same seed (and `now`) gives the same deals. */
  seed?: number
  /** End of the three-year DATE_CREATE window; defaults to the current time. */
  now?: Date
  /** Responsible users; defaults to the non-admin users with CRM access below X (the managers). */
  managers?: number[]
  /**
   * Money user field that holds the paid amount («Сумма оплаты»). Filled only if the field exists
   * on deals (the app creates it at install), as `"<amount>|RUB"`.
   */
  paidAmountField?: string
  /**
   * String user field that holds the «Продажа» tab's items as versioned JSON. Filled only if the
   * field exists on deals (the app creates it at install), on part of the deals of `salePipeline`.
   */
  saleItemsField?: string
  /** The pipeline whose deals sell the park's places; defaults to the one named «Продажи ППК Косино». */
  salePipeline?: number
  /** Hook for more user fields: returns extra stored fields for one generated deal. */
  extraFields?: (deal: GeneratedDeal, random: () => number) => Record<string, unknown>
}

export interface GeneratedDeal {
  categoryId: number
  stageId: string
  semantic: 'P' | 'S' | 'F'
  /** 0…1: how far along its pipeline the deal is. */
  progress: number
  amount: number
  assignedBy: number
}

/** The app's paid-amount field (src/domain/fields/playbook.ts declares it). */
export const DEFAULT_PAID_AMOUNT_FIELD = 'UF_CRM_LMS_PAID_AMOUNT'

/** The app's sale items field (src/domain/fields/sale.ts declares it). */
export const DEFAULT_SALE_ITEMS_FIELD = 'UF_CRM_KOS_SALE_ITEMS'

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const YEAR = 365 * 86_400_000
const TITLES = [
  'Поставка подшипников',
  'Муфты и ремни',
  'Смазочные материалы',
  'Вибродиагностика агрегатов',
  'Лазерная выверка валов',
  'Динамическая балансировка',
  'Аренда складского помещения',
  'Ответственное хранение',
  'Услуги таможенного представителя',
  'Комплект запчастей',
]

/** The pipeline's process (intermediate) stages in their order. */
export function dealProcess(store: Store, categoryId: number): string[] {
  return stagesOfCategory(store, categoryId).filter((s) => !s.SEMANTICS).map((s) => s.STATUS_ID)
}

/**
 * Places of the app's default objects directory (src/domain/sale/default-objects.ts), by the codes it
 * gives them: rooms (one zone, one sector, three rooms), warehouses (zones Z1–Z2, sectors S1–S2, four
 * places each) and the customs warehouse (one zone, sectors S1–S2, two places each).
 */
const PLACE_SHAPES = {
  rooms: { zones: 1, sectors: 1, places: 3 },
  warehouse: { zones: 2, sectors: 2, places: 4 },
  customs: { zones: 1, sectors: 2, places: 2 },
} as const
/** Object types a deal sells, warehouses more often than rooms, as the park's sales go. */
const SOLD_TYPES: Array<[string, keyof typeof PLACE_SHAPES]> = [
  ['LOW_TEMP_COMPLEX', 'warehouse'], ['LOW_TEMP_COMPLEX', 'warehouse'], ['SMALL_WHOLESALE_COMPLEX', 'warehouse'],
  ['ALL_SEASON_TRADE_ZONE', 'warehouse'], ['MULTI_PRODUCTION_COMPLEX', 'warehouse'], ['RETAIL_DC_PARK', 'warehouse'],
  ['CUSTOMS', 'customs'], ['APART_HOTEL', 'rooms'], ['CATERING', 'rooms'], ['PHARMACY', 'rooms'], ['CAR_WASH', 'rooms'],
]
const VED_SERVICES = ['TEMP_STORAGE', 'PHYTOSANITARY', 'VETERINARY', 'CUSTOMS_REPRESENTATIVE']

/**
 * The items a deal of the park's pipeline holds, or null for none: a won deal sold one to three places
 * of one object type (a term of 1–10 years, one in ten without), sometimes with a ВЭД service; a deal
 * in work holds them once it reaches its offer (two in three do); a lost deal sometimes kept its offer's.
 * The prices share the deal's amount, so the items add up to it.
 */
function saleItems(deal: GeneratedDeal, random: () => number): string | null {
  const holds = deal.semantic === 'S' || (deal.semantic === 'P' && deal.progress >= 0.4 && random() < 0.66) || (deal.semantic === 'F' && random() < 0.3)
  if (!holds) return null
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const [objectType, shapeName] = pick(SOLD_TYPES)
  const shape = PLACE_SHAPES[shapeName]
  const zone = `Z${1 + Math.floor(random() * shape.zones)}`
  const sector = 1 + Math.floor(random() * shape.sectors)
  const count = Math.min(shape.places, 1 + Math.floor(random() * random() * 3))
  const first = Math.floor(random() * (shape.places - count + 1))
  const term = random() < 0.1 ? null : 1 + Math.floor(random() * 10)
  const items: Array<Record<string, unknown>> = Array.from({ length: count }, (_, k) => ({
    id: `g${k + 1}`, kind: 'object', objectType, zone, sector: `S${sector}`, place: `P${sector}${String(first + k + 1).padStart(2, '0')}`, volume: '', termYears: term,
  }))
  if (random() < 0.15) items.push({ id: 'v1', kind: 'ved', service: pick(VED_SERVICES), volume: '', termYears: 1 })
  const total = Math.round(deal.amount * 100)
  const share = Math.floor(total / items.length)
  items.forEach((item, k) => (item.priceMinor = k === items.length - 1 ? total - share * k : share))
  return JSON.stringify({ v: 1, items })
}

function defaultManagers(store: Store): number[] {
  const ids = [...store.table<UserRow>('users').rows()].filter((u) => !u.IS_ADMIN && u.CRM_ACCESS === 'A').map((u) => u.ID)
  return ids.length ? ids.slice(0, 4) : [1]
}

export function generateDeals(store: Store, count: number, options: GenerateOptions = {}): { firstId: number; lastId: number } {
  const random = seededRandom(options.seed ?? 1)
  const now = (options.now ?? new Date()).getTime()
  const managers = options.managers?.length ? options.managers : defaultManagers(store)
  const companies = [...store.table<CrmRow>('companies').rows()].map((c) => c.ID)
  const pipelines = dealCategories(store).map((c) => {
    const stages = stagesOfCategory(store, c.id)
    return {
      id: c.id,
      process: stages.filter((s) => !s.SEMANTICS),
      won: stages.filter((s) => s.SEMANTICS === 'S'),
      lost: stages.filter((s) => s.SEMANTICS === 'F'),
    }
  }).filter((p) => p.process.length > 0)
  if (!pipelines.length) throw new Error('generateDeals: no deal pipeline with stages (run seedCrm first)')
  const paidField = options.paidAmountField ?? DEFAULT_PAID_AMOUNT_FIELD
  const hasPaidField = [...store.table<UserFieldRow>(UF_TABLE).rows()].some((u) => u.ENTITY_ID === 'CRM_DEAL' && u.FIELD_NAME === paidField)
  const itemsField = options.saleItemsField ?? DEFAULT_SALE_ITEMS_FIELD
  const salePipeline = options.salePipeline ?? dealCategories(store).find((c) => c.name === KOSINO_PIPELINE_NAME)?.id
  const hasItemsField = [...store.table<UserFieldRow>(UF_TABLE).rows()].some((u) => u.ENTITY_ID === 'CRM_DEAL' && u.FIELD_NAME === itemsField)
  const table = store.table<CrmRow>('deals')
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!

  let firstId = 0
  let lastId = 0
  for (let i = 0; i < count; i++) {
    // Named pipelines get more deals than «Общая» (listed last).
    const pipeline = pipelines.length > 1 && random() < 0.85 ? pick(pipelines.slice(0, -1)) : pick(pipelines)
    const age = random()
    const created = now - age * 3 * YEAR
    // Older deals are more often closed.
    const closeChance = Math.min(0.92, 0.15 + age * 1.2)
    let stage = pick(pipeline.process)
    let semantic: 'P' | 'S' | 'F' = 'P'
    if (random() < closeChance) {
      const won = random() < 0.6
      const finals = won ? pipeline.won : pipeline.lost
      if (finals.length) {
        stage = pick(finals)
        semantic = won ? 'S' : 'F'
      }
    }
    const progress = semantic === 'S' ? 1 : semantic === 'F' ? random() : pipeline.process.indexOf(stage) / Math.max(1, pipeline.process.length - 1)
    // Log-uniform between 10 thousand and 5 million rubles, rounded to hundreds.
    const amount = Math.round(Math.exp(Math.log(10_000) + random() * Math.log(500)) / 100) * 100
    const assignedBy = pick(managers)
    const deal: GeneratedDeal = { categoryId: pipeline.id, stageId: stage.STATUS_ID, semantic, progress, amount, assignedBy }
    const row: Record<string, unknown> = {
      ...dealRow({
        title: `${pick(TITLES)} №${i + 1}`,
        categoryId: pipeline.id,
        stageId: stage.STATUS_ID,
        semantic,
        amount,
        assignedBy,
        createdBy: assignedBy,
        created: new Date(created),
        moved: new Date(created + random() * (now - created)),
        companyId: companies.length ? pick(companies) : null,
      }),
    }
    if (hasPaidField && (semantic === 'S' || progress >= 0.5)) {
      const paid = semantic === 'S' || random() < 0.5 ? amount : Math.round(amount * random() * 100) / 100
      row[paidField] = `${paid.toFixed(2)}|RUB`
    }
    if (hasItemsField && pipeline.id === salePipeline) {
      // Their own random sequence too: the deals and their history stay what they were before items.
      const items = saleItems(deal, seededRandom(((options.seed ?? 1) * 2_000_003 + i) >>> 0))
      if (items) row[itemsField] = items
    }
    if (options.extraFields) Object.assign(row, options.extraFields(deal, random))
    // The history has its own random sequence, so the deals stay what they were before it existed.
    const historyRandom = seededRandom(((options.seed ?? 1) * 1_000_003 + i) >>> 0)
    const path = stagePath(pipeline.process.map((s) => s.STATUS_ID), { id: stage.STATUS_ID, semantic }, historyRandom)
    let times = pathTimes(path.length, created, null, historyRandom)
    if (times[times.length - 1]! > now) times = pathTimes(path.length, created, now - 60_000, historyRandom)
    if (path.length > 1) row.MOVED_TIME = row.DATE_MODIFY = formatPortalDate(times[times.length - 1]!)
    const inserted = table.insert(row as Omit<CrmRow, 'ID'>)
    recordDealPath(store, inserted.ID, pipeline.id, path, times)
    if (!firstId) firstId = inserted.ID
    lastId = inserted.ID
  }
  return { firstId, lastId }
}
