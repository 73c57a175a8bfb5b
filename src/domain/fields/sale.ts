import { SALE_KINDS } from '../sale/catalog'
import { toEnumerationItems } from './client-profile'
import type { LocalizedText, UserFieldDef } from './types'

const deal = (
  fieldName: `UF_CRM_KOS_${string}`,
  type: UserFieldDef['type'],
  label: LocalizedText,
  extra: Partial<UserFieldDef> = {},
): UserFieldDef => ({ entity: 'deal', fieldName, type, label, ...extra })

/**
 * Deal fields of the «Продажа» tab (S1–S4). The amount itself is the deal's OPPORTUNITY
 * with product rows; these hold what Bitrix24 has no field for.
 */
export const SALE_FIELDS = {
  kind: deal('UF_CRM_KOS_SALE_KIND', 'enumeration', { ru: 'Вид продажи', en: 'Sale kind' }, {
    items: toEnumerationItems(SALE_KINDS, (kind) => kind.code, (kind) => kind.label.ru),
  }),
  /** Versioned JSON of the items (items-json.ts). */
  items: deal('UF_CRM_KOS_SALE_ITEMS', 'string', { ru: 'Позиции продажи (JSON)', en: 'Sale items (JSON)' }, { filterable: false }),
  /** «услуга/площадь, сумма, срок» as text, for the portal's lists and search. */
  summary: deal('UF_CRM_KOS_SALE_SUMMARY', 'string', { ru: 'Итог продажи', en: 'Sale summary' }, { settings: { ROWS: 3 } }),
  /** Place keys held by the deal, so other deals find taken places with one filtered list. */
  places: deal('UF_CRM_KOS_PLACES', 'string', { ru: 'Проданные места', en: 'Places sold' }, { multiple: true }),
} satisfies Record<string, UserFieldDef>

export const saleUserFields: UserFieldDef[] = Object.values(SALE_FIELDS)
