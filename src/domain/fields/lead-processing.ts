import { LEAD_RESULTS, LEAD_STATUSES } from '../lead-processing/statuses'
import { defaultObjectsDirectory } from '../sale/default-objects'
import { toEnumerationItems } from './client-profile'
import type { LocalizedText, UserFieldDef } from './types'

const lead = (
  fieldName: `UF_CRM_KOS_${string}`,
  type: UserFieldDef['type'],
  label: LocalizedText,
  extra: Partial<UserFieldDef> = {},
): UserFieldDef => ({ entity: 'lead', fieldName, type, label, ...extra })

/**
 * Lead fields of the «Обработка лида» tab (L1–L4). «Тип объекта» lists the object types
 * of the default objects directory (Приложение 1); the web form fills it, the
 * notification plan reads it. Object types an admin adds later to the directory need an
 * item added to this list as well (the install flow adds missing items by XML_ID).
 */
export const LEAD_PROCESSING_FIELDS = {
  objectType: lead('UF_CRM_KOS_OBJECT_TYPE', 'enumeration', { ru: 'Тип объекта', en: 'Object type' }, {
    items: toEnumerationItems(defaultObjectsDirectory().objectTypes, (type) => type.code, (type) => type.label.ru),
  }),
  stage: lead('UF_CRM_KOS_LEAD_STAGE', 'enumeration', { ru: 'Статус обработки', en: 'Processing status' }, {
    items: toEnumerationItems(LEAD_STATUSES, (status) => status.code, (status) => status.label.ru),
  }),
  firstResult: lead('UF_CRM_KOS_FIRST_RESULT', 'string', { ru: 'Результат первичной обработки', en: 'Result of first processing' }, {
    settings: { ROWS: 4 },
    filterable: false,
  }),
  firstDate: lead('UF_CRM_KOS_FIRST_DATE', 'date', { ru: 'Дата первичной обработки', en: 'First processing date' }),
  outcome: lead('UF_CRM_KOS_OUTCOME', 'string', { ru: 'Итог', en: 'Outcome' }, { settings: { ROWS: 4 }, filterable: false }),
  outcomeDate: lead('UF_CRM_KOS_OUTCOME_DATE', 'date', { ru: 'Дата итоговой обработки', en: 'Final processing date' }),
  result: lead('UF_CRM_KOS_LEAD_RESULT', 'enumeration', { ru: 'Результат обработки', en: 'Processing result' }, {
    items: toEnumerationItems(LEAD_RESULTS, (result) => result.code, (result) => result.label.ru),
  }),
  company: lead('UF_CRM_KOS_CLIENT', 'crm', { ru: 'Созданный клиент', en: 'Client created' }, { settings: { COMPANY: 'Y' } }),
} satisfies Record<string, UserFieldDef>

export const leadProcessingUserFields: UserFieldDef[] = Object.values(LEAD_PROCESSING_FIELDS)
