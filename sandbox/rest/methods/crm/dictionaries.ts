import type { Row, Store } from '../../../store/types'

/**
 * Status lists (`crm.status.*`) and deal pipelines (`crm.category.*`) kept in the store.
 * Shapes: b24restdocs `api-reference/crm/status/crm-status-list.md`,
 * `api-reference/crm/universal/category/crm-category-list.md`.
 */

export interface StatusRow extends Row {
  ENTITY_ID: string
  STATUS_ID: string
  NAME: string
  NAME_INIT: string
  SORT: number
  SYSTEM: 'Y' | 'N'
  CATEGORY_ID: number | null
  COLOR: string
  /** `S` success, `F` failure, null in progress. */
  SEMANTICS: 'S' | 'F' | null
}

export interface CategoryRow extends Row {
  ENTITY_TYPE_ID: number
  NAME: string
  SORT: number
  ORIGIN_ID: string
  ORIGINATOR_ID: string
}

export const STATUS_TABLE = 'statuses'
export const CATEGORY_TABLE = 'crm_categories'
const READY_KEY = 'crm.dictionaries.ready'
const DEFAULT_CATEGORY_KEY = 'crm.category.default'

export interface StageSpec {
  code: string
  name: string
  semantics?: 'S' | 'F'
  color?: string
}

/** The stages every new pipeline starts with (Bitrix24's own defaults). */
export const DEFAULT_DEAL_STAGES: StageSpec[] = [
  { code: 'NEW', name: 'Новая', color: '#39A8EF' },
  { code: 'PREPARATION', name: 'Подготовка документов', color: '#2FC6F6' },
  { code: 'PREPAYMENT_INVOICE', name: 'Счёт на предоплату', color: '#55D0E0' },
  { code: 'EXECUTING', name: 'В работе', color: '#47E4C2' },
  { code: 'FINAL_INVOICE', name: 'Финальный счёт', color: '#FFA900' },
  { code: 'WON', name: 'Сделка успешна', semantics: 'S', color: '#7BD500' },
  { code: 'LOSE', name: 'Сделка провалена', semantics: 'F', color: '#FF5752' },
  { code: 'APOLOGY', name: 'Анализ причины провала', semantics: 'F', color: '#FF5752' },
]

const DEFAULT_LISTS: Record<string, StageSpec[]> = {
  STATUS: [
    { code: 'NEW', name: 'Не обработан', color: '#39A8EF' },
    { code: 'IN_PROCESS', name: 'В работе', color: '#2FC6F6' },
    { code: 'PROCESSED', name: 'Обработан', color: '#55D0E0' },
    { code: 'CONVERTED', name: 'Качественный лид', semantics: 'S', color: '#7BD500' },
    { code: 'JUNK', name: 'Некачественный лид', semantics: 'F', color: '#FF5752' },
  ],
  SOURCE: [
    { code: 'CALL', name: 'Звонок' },
    { code: 'EMAIL', name: 'Электронная почта' },
    { code: 'WEB', name: 'Веб-сайт' },
    { code: 'ADVERTISING', name: 'Реклама' },
    { code: 'PARTNER', name: 'Существующий клиент' },
    { code: 'RECOMMENDATION', name: 'По рекомендации' },
    { code: 'TRADE_SHOW', name: 'Выставка' },
    { code: 'WEBFORM', name: 'CRM-форма' },
    { code: 'CALLBACK', name: 'Обратный звонок' },
    { code: 'OTHER', name: 'Другое' },
  ],
  DEAL_TYPE: [
    { code: 'SALE', name: 'Продажа' },
    { code: 'COMPLEX', name: 'Комплексная продажа' },
    { code: 'GOODS', name: 'Продажа товара' },
    { code: 'SERVICES', name: 'Продажа услуги' },
    { code: 'SERVICE', name: 'Сервисное обслуживание' },
  ],
  COMPANY_TYPE: [
    { code: 'CUSTOMER', name: 'Клиент' },
    { code: 'SUPPLIER', name: 'Поставщик' },
    { code: 'COMPETITOR', name: 'Конкурент' },
    { code: 'PARTNER', name: 'Партнёр' },
    { code: 'OTHER', name: 'Другое' },
  ],
  CONTACT_TYPE: [
    { code: 'CLIENT', name: 'Клиенты' },
    { code: 'SUPPLIER', name: 'Поставщики' },
    { code: 'PARTNER', name: 'Партнёры' },
    { code: 'OTHER', name: 'Другое' },
  ],
  INDUSTRY: [
    { code: 'IT', name: 'Информационные технологии' },
    { code: 'MANUFACTURING', name: 'Производство' },
    { code: 'DELIVERY', name: 'Доставка' },
    { code: 'BANKING', name: 'Банковские услуги' },
    { code: 'OTHER', name: 'Другое' },
  ],
  EMPLOYEES: [
    { code: 'EMPLOYEES_1', name: 'менее 50' },
    { code: 'EMPLOYEES_2', name: '50-250' },
    { code: 'EMPLOYEES_3', name: '250-500' },
    { code: 'EMPLOYEES_4', name: 'более 500' },
  ],
  HONORIFIC: [
    { code: 'HNR_RU_1', name: 'г-н' },
    { code: 'HNR_RU_2', name: 'г-жа' },
  ],
}

export function stageEntityId(categoryId: number): string {
  return categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`
}

export function stageStatusId(categoryId: number, code: string): string {
  return categoryId === 0 ? code : `C${categoryId}:${code}`
}

/** `C3:WON` → 3, `WON` → 0. */
export function categoryOfStage(stageId: string): number {
  const m = /^C(\d+):/.exec(stageId)
  return m ? Number(m[1]) : 0
}

/** Creates the portal's standard lists once per store (a fresh portal has them). */
export function ensureCrmDictionaries(store: Store): void {
  if (store.getValue(READY_KEY)) return
  store.setValue(READY_KEY, true)
  const table = store.table<StatusRow>(STATUS_TABLE)
  if (table.size > 0) return
  insertList(store, stageEntityId(0), DEFAULT_DEAL_STAGES, null)
  for (const [entityId, items] of Object.entries(DEFAULT_LISTS)) insertList(store, entityId, items, null)
}

export function insertList(store: Store, entityId: string, items: StageSpec[], categoryId: number | null): void {
  const table = store.table<StatusRow>(STATUS_TABLE)
  items.forEach((item, i) => {
    const statusId = entityId.startsWith('DEAL_STAGE') ? stageStatusId(categoryId ?? 0, item.code) : item.code
    table.insert({
      ENTITY_ID: entityId,
      STATUS_ID: statusId,
      NAME: item.name,
      NAME_INIT: item.semantics || i === 0 ? item.name : '',
      SORT: (i + 1) * 10,
      SYSTEM: item.semantics || i === 0 ? 'Y' : 'N',
      CATEGORY_ID: categoryId,
      COLOR: item.color ?? '#ACE9FB',
      SEMANTICS: item.semantics ?? null,
    })
  })
}

/** Removes a whole list (used by the demo seed to put the story's lists in place). */
export function replaceList(store: Store, entityId: string, items: StageSpec[], categoryId: number | null = null): void {
  ensureCrmDictionaries(store)
  const table = store.table<StatusRow>(STATUS_TABLE)
  for (const row of [...table.rows()]) if (row.ENTITY_ID === entityId) table.delete(row.ID)
  insertList(store, entityId, items, categoryId)
}

export function statusList(store: Store, entityId: string): StatusRow[] {
  ensureCrmDictionaries(store)
  const rows: StatusRow[] = []
  for (const row of store.table<StatusRow>(STATUS_TABLE).rows()) if (row.ENTITY_ID === entityId) rows.push(row)
  return rows.sort((a, b) => a.SORT - b.SORT || a.ID - b.ID)
}

export function allStatuses(store: Store): StatusRow[] {
  ensureCrmDictionaries(store)
  return [...store.table<StatusRow>(STATUS_TABLE).rows()]
}

export function stagesOfCategory(store: Store, categoryId: number): StatusRow[] {
  return statusList(store, stageEntityId(categoryId))
}

export function findStatus(store: Store, entityId: string, statusId: string): StatusRow | undefined {
  return statusList(store, entityId).find((s) => s.STATUS_ID === statusId)
}

/** Stage group of a deal stage or lead status: `S`, `F` or `P`. */
export function semanticOf(store: Store, entityId: string, statusId: string): 'P' | 'S' | 'F' {
  return findStatus(store, entityId, statusId)?.SEMANTICS ?? 'P'
}

export interface CategoryView {
  id: number
  name: string
  sort: number
  entityTypeId: number
  isDefault: 'Y' | 'N'
  originId?: string
  originatorId?: string
}

export function dealCategories(store: Store): CategoryView[] {
  ensureCrmDictionaries(store)
  const def = store.getValue<{ name: string; sort: number }>(DEFAULT_CATEGORY_KEY) ?? { name: 'Общая', sort: 300 }
  const list: CategoryView[] = [...store.table<CategoryRow>(CATEGORY_TABLE).rows()]
    .filter((c) => c.ENTITY_TYPE_ID === 2)
    .map((c) => ({
      id: c.ID,
      name: c.NAME,
      sort: c.SORT,
      entityTypeId: 2,
      isDefault: 'N' as const,
      originId: c.ORIGIN_ID,
      originatorId: c.ORIGINATOR_ID,
    }))
  list.push({ id: 0, name: def.name, sort: def.sort, entityTypeId: 2, isDefault: 'Y' })
  return list.sort((a, b) => a.sort - b.sort || a.id - b.id)
}

export function findCategory(store: Store, id: number): CategoryView | undefined {
  return dealCategories(store).find((c) => c.id === id)
}

/** A new deal pipeline with its stages (the defaults unless given). */
export function addDealCategory(store: Store, name: string, sort = 500, stages: StageSpec[] = DEFAULT_DEAL_STAGES): number {
  ensureCrmDictionaries(store)
  const row = store.table<CategoryRow>(CATEGORY_TABLE).insert({
    ENTITY_TYPE_ID: 2,
    NAME: name,
    SORT: sort,
    ORIGIN_ID: '',
    ORIGINATOR_ID: '',
  })
  insertList(store, stageEntityId(row.ID), stages, row.ID)
  return row.ID
}

export function updateDealCategory(store: Store, id: number, patch: { name?: string; sort?: number }): void {
  if (id === 0) {
    const current = store.getValue<{ name: string; sort: number }>(DEFAULT_CATEGORY_KEY) ?? { name: 'Общая', sort: 300 }
    store.setValue(DEFAULT_CATEGORY_KEY, { ...current, ...patch })
    return
  }
  const update: Partial<CategoryRow> = {}
  if (patch.name !== undefined) update.NAME = patch.name
  if (patch.sort !== undefined) update.SORT = patch.sort
  store.table<CategoryRow>(CATEGORY_TABLE).update(id, update)
}
