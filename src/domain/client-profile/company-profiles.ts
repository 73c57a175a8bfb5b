import type { LocalizedText } from '../fields/types'
import { searchEntries } from './search'

/** «Профиль компании» (P2). */
export interface CompanyProfile {
  code: string
  label: LocalizedText
}

/**
 * The seed's list in the seed's order and spelling. The seed names «Производство»
 * twice (first and thirtieth): a select cannot offer one value twice, so it is kept once,
 * in its first place — 43 distinct values.
 */
export const COMPANY_PROFILES: readonly CompanyProfile[] = [
  { code: 'PRODUCTION', label: { ru: 'Производство', en: 'Production' } },
  { code: 'HORECA', label: { ru: 'HoReCa', en: 'HoReCa' } },
  { code: 'ASSOCIATIONS', label: { ru: 'Ассоциации и союзы', en: 'Associations and unions' } },
  { code: 'DEVELOPER', label: { ru: 'Девелопер', en: 'Developer' } },
  { code: 'DISTRIBUTOR', label: { ru: 'Дистрибьютор', en: 'Distributor' } },
  { code: 'IMPORTER', label: { ru: 'Импортер', en: 'Importer' } },
  { code: 'LOGISTICS_INSTITUTE', label: { ru: 'Институт логистики', en: 'Logistics institute' } },
  { code: 'CLEANING', label: { ru: 'Клининг', en: 'Cleaning' } },
  { code: 'LOGISTICS', label: { ru: 'Логистика', en: 'Logistics' } },
  { code: 'CATERING', label: { ru: 'Общепит', en: 'Catering' } },
  {
    code: 'FARM_AGGREGATOR',
    label: { ru: 'Онлайн агрегатор фермерских продуктов', en: 'Online farm produce aggregator' },
  },
  { code: 'WHOLESALER', label: { ru: 'Оптовая компания', en: 'Wholesale company' } },
  { code: 'WHOLESALER_IMPORTER', label: { ru: 'Оптовая компания, импортер', en: 'Wholesale company, importer' } },
  { code: 'WHOLESALE_TRADE', label: { ru: 'Оптовая торговля', en: 'Wholesale trade' } },
  { code: 'ORC', label: { ru: 'ОРЦ', en: 'Wholesale distribution centre (ORC)' } },
  { code: 'SUPPLIER', label: { ru: 'Поставщик', en: 'Supplier' } },
  { code: 'CHAIN_SUPPLIER', label: { ru: 'Поставщик в сети', en: 'Supplier to retail chains' } },
  { code: 'KITCHEN_EQUIPMENT_SUPPLIER', label: { ru: 'Поставщик кухонного оборудования', en: 'Kitchen equipment supplier' } },
  {
    code: 'CLEANING_EQUIPMENT_SUPPLIER',
    label: { ru: 'Поставщик уборочной техники', en: 'Cleaning equipment supplier' },
  },
  { code: 'PRODUCERS', label: { ru: 'Производители', en: 'Producers' } },
  { code: 'PRODUCERS_IMPORTERS', label: { ru: 'Производители и импортёры', en: 'Producers and importers' } },
  { code: 'COFFEE_PRODUCERS', label: { ru: 'Производители кофе', en: 'Coffee producers' } },
  { code: 'PUREE_PRODUCERS', label: { ru: 'Производители пюре', en: 'Purée producers' } },
  { code: 'BERRY_PRODUCERS', label: { ru: 'Производители ягоды', en: 'Berry producers' } },
  { code: 'PRODUCER', label: { ru: 'Производитель', en: 'Producer' } },
  { code: 'BAKERY_PRODUCER', label: { ru: 'Производитель выпечки', en: 'Bakery producer' } },
  { code: 'PRODUCER_IMPORTER', label: { ru: 'Производитель импортер', en: 'Producer and importer' } },
  {
    code: 'CONFECTIONERY_PRODUCER',
    label: { ru: 'Производитель кондитерской продукции', en: 'Confectionery producer' },
  },
  { code: 'CHOCOLATE_PRODUCER', label: { ru: 'Производитель шоколада', en: 'Chocolate producer' } },
  {
    code: 'PRODUCERS_WHOLESALE',
    label: { ru: 'Производители, оптовая торговля', en: 'Producers, wholesale trade' },
  },
  { code: 'RETAIL', label: { ru: 'Ритейл', en: 'Retail' } },
  { code: 'CHAIN', label: { ru: 'Сеть', en: 'Retail chain' } },
  { code: 'INSURANCE', label: { ru: 'Страховая компания', en: 'Insurance company' } },
  { code: 'CUSTOMS_REPRESENTATIVE', label: { ru: 'Таможенный представитель', en: 'Customs representative' } },
  { code: 'TRANSPORT', label: { ru: 'Транспортная компания', en: 'Transport company' } },
  { code: 'TRADER', label: { ru: 'Трейдер', en: 'Trader' } },
  { code: 'FROV_HUB', label: { ru: 'ФРОВ – Хаб', en: 'Fruit and vegetables hub' } },
  { code: 'COLD_STORAGE', label: { ru: 'Хладокомбинат', en: 'Cold storage plant' } },
  { code: 'BANK_BRANCH', label: { ru: 'Отделение банка', en: 'Bank branch' } },
  { code: 'HOTEL', label: { ru: 'Гостиница', en: 'Hotel' } },
  { code: 'VENDING', label: { ru: 'Вендинг', en: 'Vending' } },
  { code: 'SERVICE_COMPANY', label: { ru: 'Сервисная компания', en: 'Service company' } },
  { code: 'E_COMMERCE', label: { ru: 'E - commerce', en: 'E-commerce' } },
]

export function findCompanyProfile(code: string | null | undefined): CompanyProfile | undefined {
  return COMPANY_PROFILES.find((profile) => profile.code === code)
}

/** The searchable select's filter: «ПРОИЗВОДИТЕЛИ ИМПОРТЕРЫ» finds «Производители и импортёры». */
export function searchCompanyProfiles(query: string): CompanyProfile[] {
  return searchEntries(COMPANY_PROFILES, query, (profile) => [profile.label.ru, profile.label.en])
}
