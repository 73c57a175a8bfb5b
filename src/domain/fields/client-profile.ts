import { CARD_SOURCE_KINDS } from '../client-profile/card-source'
import { COMPANY_PROFILES } from '../client-profile/company-profiles'
import { PRODUCT_CATEGORIES } from '../client-profile/product-categories'
import { SECTORS, sectorCaption } from '../client-profile/sectors'
import { allStatusLevels, allSubStatuses } from '../client-profile/status-ladder'
import { TURNOVER_UNITS } from '../client-profile/turnover'
import { CLIENT_STATUS_FIELD_NAMES } from './client-status'
import type { EnumerationItem, LocalizedText, UserFieldDef } from './types'

/** Enumeration items from a directory: XML_ID = the code, VALUE = the Russian label, SORT by position. */
export function toEnumerationItems<T>(entries: readonly T[], code: (entry: T) => string, value: (entry: T) => string): EnumerationItem[] {
  return entries.map((entry, index) => ({ xmlId: code(entry), value: value(entry), sort: (index + 1) * 10 }))
}

/** The sectors 1 and 2 ladder's items say so: both ladders have a «Подписание договора». */
const sectorsNote = (levelCode: string) => (levelCode.startsWith('S12_') ? ' (сектора 1, 2)' : '')

const company = (
  fieldName: `UF_CRM_KOS_${string}`,
  type: UserFieldDef['type'],
  label: LocalizedText,
  extra: Partial<UserFieldDef> = {},
): UserFieldDef => ({ entity: 'company', fieldName, type, label, ...extra })

const flag = (fieldName: `UF_CRM_KOS_${string}`, ru: string, en: string) =>
  company(fieldName, 'boolean', { ru, en }, { settings: { DEFAULT_VALUE: 0, DISPLAY: 'CHECKBOX' } })

/**
 * Company fields of the «Профиль клиента» tab (P1–P7), filterable in Bitrix24's own
 * company list. Contact persons (ФИО) are real CRM contacts linked to the company;
 * phone and e-mail are the company's PHONE / EMAIL; history events are timeline
 * comments — none of those need a field here.
 */
export const CLIENT_PROFILE_FIELDS = {
  sector: company(CLIENT_STATUS_FIELD_NAMES.sector, 'enumeration', { ru: 'Сектор', en: 'Sector' }, {
    items: toEnumerationItems(SECTORS, (sector) => sector.code, (sector) => sectorCaption(sector)),
  }),
  profile: company('UF_CRM_KOS_PROFILE', 'enumeration', { ru: 'Профиль компании', en: 'Company profile' }, {
    items: toEnumerationItems(COMPANY_PROFILES, (profile) => profile.code, (profile) => profile.label.ru),
  }),
  category: company('UF_CRM_KOS_CATEGORY', 'enumeration', { ru: 'Категория товара', en: 'Product category' }, {
    items: toEnumerationItems(PRODUCT_CATEGORIES, (category) => category.code, (category) => category.label.ru),
  }),

  showTurnover: flag('UF_CRM_KOS_SHOW_TURNOVER', 'Показывать товарооборот', 'Show turnover'),
  turnover: company('UF_CRM_KOS_TURNOVER', 'double', { ru: 'Товарооборот', en: 'Turnover' }, { settings: { PRECISION: 2 } }),
  turnoverUnit: company('UF_CRM_KOS_TURNOVER_UNIT', 'enumeration', { ru: 'Товарооборот: единица', en: 'Turnover unit' }, {
    items: toEnumerationItems(TURNOVER_UNITS, (unit) => unit.code, (unit) => unit.label.ru),
  }),
  turnoverYear: company('UF_CRM_KOS_TURNOVER_YEAR', 'integer', { ru: 'Товарооборот: год', en: 'Turnover year' }),

  showInn: flag('UF_CRM_KOS_SHOW_INN', 'Показывать ИНН', 'Show INN'),
  inn: company('UF_CRM_KOS_INN', 'string', { ru: 'ИНН', en: 'INN' }),
  showInfo: flag('UF_CRM_KOS_SHOW_INFO', 'Показывать информацию о компании', 'Show company information'),
  info: company('UF_CRM_KOS_INFO', 'string', { ru: 'Информация о компании', en: 'About the company' }, { settings: { ROWS: 4 }, filterable: false }),
  showAddress: flag('UF_CRM_KOS_SHOW_ADDRESS', 'Показывать адрес', 'Show address'),
  address: company('UF_CRM_KOS_ADDRESS', 'string', { ru: 'Адрес', en: 'Address' }),
  showContacts: flag('UF_CRM_KOS_SHOW_CONTACTS', 'Показывать ФИО', 'Show full names'),
  showPosition: flag('UF_CRM_KOS_SHOW_POSITION', 'Показывать должность', 'Show position'),
  position: company('UF_CRM_KOS_POSITION', 'string', { ru: 'Должность', en: 'Position' }),

  status: company(CLIENT_STATUS_FIELD_NAMES.status, 'enumeration', { ru: 'Статус клиента', en: 'Client status' }, {
    items: toEnumerationItems(allStatusLevels(), (level) => level.code, (level) => `${level.label.ru}${sectorsNote(level.code)}`),
  }),
  subStatus: company(CLIENT_STATUS_FIELD_NAMES.subStatus, 'enumeration', { ru: 'Детализация статуса', en: 'Status detail' }, {
    // The VALUE names the level too: «Согласовано» alone would be ambiguous in a portal list (or on the card).
    items: toEnumerationItems(allSubStatuses(), ({ subStatus }) => subStatus.code, ({ level, subStatus }) => `${level.label.ru}: ${subStatus.label.ru}${sectorsNote(level.code)}`),
  }),
  inactive: flag(CLIENT_STATUS_FIELD_NAMES.inactive, 'Не активен', 'Inactive'),
  showRemarks: flag('UF_CRM_KOS_SHOW_REMARKS', 'Показывать замечания', 'Show remarks'),
  remarks: company('UF_CRM_KOS_REMARKS', 'string', { ru: 'Замечания', en: 'Remarks' }, { settings: { ROWS: 3 }, filterable: false }),
  statusLog: company(CLIENT_STATUS_FIELD_NAMES.statusLog, 'string', { ru: 'История статусов (JSON)', en: 'Status history (JSON)' }, { filterable: false }),

  sourceKind: company('UF_CRM_KOS_SOURCE_KIND', 'enumeration', { ru: 'Источник контакта', en: 'Contact source' }, {
    items: toEnumerationItems(CARD_SOURCE_KINDS, (kind) => kind.code, (kind) => kind.label.ru),
  }),
  source: company('UF_CRM_KOS_SOURCE', 'string', { ru: 'Источник контакта (текст)', en: 'Contact source (text)' }),
  dateAdded: company('UF_CRM_KOS_DATE_ADDED', 'date', { ru: 'Дата добавления контакта', en: 'Date added' }),
  lead: company('UF_CRM_KOS_LEAD', 'crm', { ru: 'Лид, из которого создан клиент', en: 'Converted lead' }, { settings: { LEAD: 'Y' } }),
} satisfies Record<string, UserFieldDef>

export const clientProfileUserFields: UserFieldDef[] = Object.values(CLIENT_PROFILE_FIELDS)
