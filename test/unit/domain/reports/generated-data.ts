import type { RawDealRow, RawDepartmentRow, RawTaskRow, RawUserRow } from '@/domain/reports'

/** Seeded PRNG (mulberry32): the same seed gives the same portal, so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const NOW = Date.parse('2026-03-15T12:00:00+03:00')
const DAY = 86_400_000

/** Departments: 1 company → 2 sales (→ 4 east, 5 west), 3 services; 9 is a department nobody works in. */
export const DEPARTMENTS: RawDepartmentRow[] = [
  { ID: '1', NAME: 'Компания', PARENT: null, UF_HEAD: '1' },
  { ID: '2', NAME: 'Отдел продаж', PARENT: '1', UF_HEAD: '2' },
  { ID: '3', NAME: 'Отдел услуг', PARENT: '1', UF_HEAD: '6' },
  { ID: '4', NAME: 'Продажи Восток', PARENT: '2', UF_HEAD: '3' },
  { ID: '5', NAME: 'Продажи Запад', PARENT: '2', UF_HEAD: '4' },
  { ID: '9', NAME: 'Пустой отдел', PARENT: '1', UF_HEAD: null },
]

export const USERS: RawUserRow[] = [
  { ID: '1', NAME: 'Анна', LAST_NAME: 'Админова', UF_DEPARTMENT: [1] },
  { ID: '2', NAME: 'Борис', LAST_NAME: 'Главный', UF_DEPARTMENT: [2] },
  { ID: '3', NAME: 'Вера', LAST_NAME: 'Восточная', UF_DEPARTMENT: [4] },
  { ID: '4', NAME: 'Глеб', LAST_NAME: 'Западный', UF_DEPARTMENT: ['5'] },
  { ID: '5', NAME: 'Дина', LAST_NAME: 'Сервисная', UF_DEPARTMENT: [3, 2] },
  { ID: '6', NAME: 'Егор', LAST_NAME: 'Без отдела', UF_DEPARTMENT: [] },
]

export const PIPELINE_STAGES: Record<number, Array<{ id: string; semantic: 'P' | 'S' | 'F' }>> = {
  0: [
    { id: 'NEW', semantic: 'P' },
    { id: 'PREPARATION', semantic: 'P' },
    { id: 'WON', semantic: 'S' },
    { id: 'LOSE', semantic: 'F' },
  ],
  1: [
    { id: 'C1:NEW', semantic: 'P' },
    { id: 'C1:EXECUTING', semantic: 'P' },
    { id: 'C1:WON', semantic: 'S' },
    { id: 'C1:LOSE', semantic: 'F' },
  ],
}

function isoAt(ms: number): string {
  // Moscow offset, as the portal writes dates.
  const shifted = new Date(ms + 3 * 3_600_000)
  return `${shifted.toISOString().slice(0, 19)}+03:00`
}

/** Deals over three years with every shape of paid/doc fields and some in another currency. */
export function generateDeals(count: number, seed = 42): RawDealRow[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const deals: RawDealRow[] = []
  for (let i = 1; i <= count; i++) {
    const category = random() < 0.6 ? 0 : 1
    const stage = pick(PIPELINE_STAGES[category]!)
    const created = NOW - Math.floor(random() * 3 * 365 * DAY)
    const close = created + Math.floor(random() * 200 * DAY)
    const amountKopecks = Math.floor(random() * 50_000_000)
    const paidShape = random()
    const paidKopecks = paidShape < 0.3 ? amountKopecks : paidShape < 0.6 ? Math.floor(amountKopecks * random()) : paidShape < 0.65 ? amountKopecks + 10_000 : 0
    const amountText = `${Math.floor(amountKopecks / 100)}.${String(amountKopecks % 100).padStart(2, '0')}`
    const paidText = `${Math.floor(paidKopecks / 100)}.${String(paidKopecks % 100).padStart(2, '0')}`
    deals.push({
      ID: String(i),
      TITLE: `Сделка ${i}`,
      CATEGORY_ID: String(category),
      STAGE_ID: stage.id,
      STAGE_SEMANTIC_ID: stage.semantic,
      ASSIGNED_BY_ID: String(1 + Math.floor(random() * 7)), // 7 = a user the head cannot see
      COMPANY_ID: random() < 0.1 ? '0' : String(1 + Math.floor(random() * 40)),
      OPPORTUNITY: amountText,
      CURRENCY_ID: random() < 0.05 ? 'USD' : 'RUB',
      DATE_CREATE: isoAt(created),
      CLOSEDATE: random() < 0.03 ? null : isoAt(close),
      UF_CRM_LMS_PAID_AMOUNT: paidShape > 0.9 ? null : random() < 0.5 ? paidText : `${paidText}|RUB`,
      UF_CRM_LMS_SCANS_RECEIVED: pick(['1', '0', 'Y', 'N', null, true]),
      UF_CRM_LMS_ORIGINALS_RECEIVED: pick(['1', '0', null]),
    })
  }
  return deals
}

/** Tasks bound to deals (some to two, some to none, some to a company), every status. */
export function generateTasks(count: number, dealCount: number, seed = 7): RawTaskRow[] {
  const random = seededRandom(seed)
  const tasks: RawTaskRow[] = []
  for (let i = 1; i <= count; i++) {
    const bindings: string[] = []
    const shape = random()
    if (shape < 0.8) bindings.push(`D_${1 + Math.floor(random() * dealCount)}`)
    if (shape < 0.1) bindings.push(`D_${1 + Math.floor(random() * dealCount)}`)
    if (shape > 0.9) bindings.push('CO_3')
    tasks.push({
      id: String(i),
      title: `Задача ${i}`,
      status: String(2 + Math.floor(random() * 5)),
      deadline: random() < 0.1 ? null : isoAt(NOW + Math.floor((random() - 0.6) * 60 * DAY)),
      responsibleId: String(1 + Math.floor(random() * 6)),
      ufCrmTask: bindings,
    })
  }
  return tasks
}
