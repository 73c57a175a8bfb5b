import type { Row } from '../store/types'
import type { Lang } from './session'

/** The CRM entity kinds the portal pages show, with their legacy UPPER_CASE fields. */
export type EntityKind = 'deal' | 'company' | 'lead' | 'contact'

export interface FieldSpec {
  code: string
  label: [string, string]
  kind?: 'money' | 'user' | 'company' | 'contact' | 'stage' | 'category' | 'multi' | 'date'
}

export interface EntitySpec {
  kind: EntityKind
  table: string
  /** CRM_<TYPE>_DETAIL_TAB */
  tabPlacement: string
  /** selectCRM id prefix (D_12, CO_3, L_7, C_5). */
  selectPrefix: string
  /** CRM object type id (b24restdocs `api-reference/crm/data-types.md#object_type`): activities' OWNER_TYPE_ID. */
  entityTypeId: number
  listTitle: [string, string]
  listColumns: FieldSpec[]
  cardFields: FieldSpec[]
}

const TITLE: FieldSpec = { code: 'TITLE', label: ['Название', 'Title'] }
const ASSIGNED: FieldSpec = { code: 'ASSIGNED_BY_ID', label: ['Ответственный', 'Responsible'], kind: 'user' }
const AMOUNT: FieldSpec = { code: 'OPPORTUNITY', label: ['Сумма', 'Amount'], kind: 'money' }
const PHONE: FieldSpec = { code: 'PHONE', label: ['Телефон', 'Phone'], kind: 'multi' }
const EMAIL: FieldSpec = { code: 'EMAIL', label: ['E-mail', 'E-mail'], kind: 'multi' }
const CREATED: FieldSpec = { code: 'DATE_CREATE', label: ['Создано', 'Created'], kind: 'date' }

export const ENTITIES: Record<EntityKind, EntitySpec> = {
  deal: {
    kind: 'deal',
    entityTypeId: 2,
    table: 'deals',
    tabPlacement: 'CRM_DEAL_DETAIL_TAB',
    selectPrefix: 'D',
    listTitle: ['Сделки', 'Deals'],
    listColumns: [TITLE, { code: 'STAGE_ID', label: ['Стадия', 'Stage'], kind: 'stage' }, AMOUNT, { code: 'COMPANY_ID', label: ['Компания', 'Company'], kind: 'company' }, ASSIGNED],
    cardFields: [
      TITLE,
      { code: 'STAGE_ID', label: ['Стадия', 'Stage'], kind: 'stage' },
      { code: 'CATEGORY_ID', label: ['Воронка', 'Pipeline'], kind: 'category' },
      AMOUNT,
      { code: 'COMPANY_ID', label: ['Компания', 'Company'], kind: 'company' },
      { code: 'CONTACT_ID', label: ['Контакт', 'Contact'], kind: 'contact' },
      ASSIGNED,
      { code: 'BEGINDATE', label: ['Дата начала', 'Start date'], kind: 'date' },
      { code: 'CLOSEDATE', label: ['Дата завершения', 'Close date'], kind: 'date' },
      { code: 'COMMENTS', label: ['Комментарий', 'Comment'] },
    ],
  },
  company: {
    kind: 'company',
    entityTypeId: 4,
    table: 'companies',
    tabPlacement: 'CRM_COMPANY_DETAIL_TAB',
    selectPrefix: 'CO',
    listTitle: ['Компании', 'Companies'],
    listColumns: [TITLE, { code: 'COMPANY_TYPE', label: ['Тип', 'Type'] }, { code: 'INDUSTRY', label: ['Сфера', 'Industry'] }, PHONE, ASSIGNED],
    cardFields: [
      TITLE,
      { code: 'COMPANY_TYPE', label: ['Тип компании', 'Company type'] },
      { code: 'INDUSTRY', label: ['Сфера деятельности', 'Industry'] },
      { code: 'REVENUE', label: ['Годовой оборот', 'Annual revenue'], kind: 'money' },
      PHONE,
      EMAIL,
      { code: 'ADDRESS', label: ['Адрес', 'Address'] },
      ASSIGNED,
      CREATED,
      { code: 'COMMENTS', label: ['Комментарий', 'Comment'] },
    ],
  },
  lead: {
    kind: 'lead',
    entityTypeId: 1,
    table: 'leads',
    tabPlacement: 'CRM_LEAD_DETAIL_TAB',
    selectPrefix: 'L',
    listTitle: ['Лиды', 'Leads'],
    listColumns: [TITLE, { code: 'STATUS_ID', label: ['Статус', 'Status'], kind: 'stage' }, { code: 'COMPANY_TITLE', label: ['Компания', 'Company'] }, AMOUNT, ASSIGNED],
    cardFields: [
      TITLE,
      { code: 'STATUS_ID', label: ['Статус', 'Status'], kind: 'stage' },
      { code: 'NAME', label: ['Имя', 'First name'] },
      { code: 'LAST_NAME', label: ['Фамилия', 'Last name'] },
      { code: 'COMPANY_TITLE', label: ['Название компании', 'Company name'] },
      AMOUNT,
      { code: 'SOURCE_ID', label: ['Источник', 'Source'] },
      PHONE,
      EMAIL,
      ASSIGNED,
      CREATED,
      { code: 'COMMENTS', label: ['Комментарий', 'Comment'] },
    ],
  },
  contact: {
    kind: 'contact',
    entityTypeId: 3,
    table: 'contacts',
    tabPlacement: 'CRM_CONTACT_DETAIL_TAB',
    selectPrefix: 'C',
    listTitle: ['Контакты', 'Contacts'],
    listColumns: [{ code: 'NAME', label: ['Имя', 'First name'] }, { code: 'LAST_NAME', label: ['Фамилия', 'Last name'] }, PHONE, ASSIGNED],
    cardFields: [{ code: 'NAME', label: ['Имя', 'First name'] }, { code: 'LAST_NAME', label: ['Фамилия', 'Last name'] }, PHONE, EMAIL, ASSIGNED],
  },
}

/** Entity kinds with pages (lists and cards) in the portal. */
export const PAGE_KINDS: EntityKind[] = ['deal', 'company', 'lead']

export function isEntityKind(value: string): value is EntityKind {
  return value in ENTITIES
}

export function label(spec: FieldSpec, lang: Lang): string {
  return spec.label[lang === 'en' ? 1 : 0]
}

export function entityTitle(kind: EntityKind, row: Row): string {
  if (kind === 'contact') {
    const name = [row.NAME, row.LAST_NAME].filter((v) => typeof v === 'string' && v).join(' ')
    return name || `#${row.ID}`
  }
  return typeof row.TITLE === 'string' && row.TITLE ? row.TITLE : `#${row.ID}`
}

export function listUrl(kind: EntityKind): string {
  return `/crm/${kind}/list/`
}

export function cardUrl(kind: EntityKind, id: number): string {
  return `/crm/${kind}/details/${id}/`
}
