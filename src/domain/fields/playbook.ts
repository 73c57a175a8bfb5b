import type { LocalizedText, UserFieldDef } from './types'

/**
 * Deal fields the LEMUS playbook reads. The playbook and its engine speak only these
 * keys; the app maps each key to its user field (`fieldName`) when it reads a deal, so a
 * portal's field names never leak into the rules.
 */
export type PlaybookFieldKind = 'boolean' | 'date' | 'enum' | 'money' | 'string'

export interface PlaybookFieldSpec {
  fieldName: `UF_CRM_LMS_${string}`
  kind: PlaybookFieldKind
  label: LocalizedText
  /** enum only: the item codes (`XML_ID`) with their Russian values. */
  options?: readonly { code: string; value: string; en: string }[]
}

/**
 * «Нужен ли договор» as a list, not a yes/no field: a portal returns an untouched yes/no as
 * «нет», and a deal must not skip its contract because nobody answered yet.
 */
export const YES_NO = [
  { code: 'Y', value: 'Да', en: 'Yes' },
  { code: 'N', value: 'Нет', en: 'No' },
] as const

/** A yes/no field: a portal yes/no field, or a list of «Да»/«Нет» (empty until answered). */
export function isYesNoField(spec: PlaybookFieldSpec): boolean {
  return spec.kind === 'boolean' || (spec.kind === 'enum' && spec.options === YES_NO)
}

export const DELIVERY_CONDITIONS = [
  { code: 'pickup', value: 'Самовывоз', en: 'Pickup' },
  { code: 'carrier', value: 'Доставка транспортной компанией', en: 'Carrier delivery' },
  { code: 'own_transport', value: 'Доставка нашим транспортом', en: 'Our own delivery' },
] as const

export const COMPLEXITY_LEVELS = [
  { code: 'simple', value: 'Простой', en: 'Simple' },
  { code: 'complex', value: 'Сложный', en: 'Complex' },
  { code: 'very_complex', value: 'Очень сложный', en: 'Very complex' },
] as const

export const PLAYBOOK_FIELDS = {
  paidAmount: {
    fieldName: 'UF_CRM_LMS_PAID_AMOUNT',
    kind: 'money',
    label: { ru: 'Сумма оплаты', en: 'Paid amount' },
  },
  kpFeedbackDate: {
    fieldName: 'UF_CRM_LMS_KP_FEEDBACK_DATE',
    kind: 'date',
    label: { ru: 'Дата получения обратной связи по КП', en: 'Quote feedback date' },
  },
  contractFeedbackDate: {
    fieldName: 'UF_CRM_LMS_CONTRACT_FEEDBACK_DATE',
    kind: 'date',
    label: { ru: 'Дата получения обратной связи по Договору', en: 'Contract feedback date' },
  },
  reportFeedbackDate: {
    fieldName: 'UF_CRM_LMS_REPORT_FEEDBACK_DATE',
    kind: 'date',
    label: { ru: 'Дата получения обратной связи по Отчету', en: 'Report feedback date' },
  },
  deliveryCondition: {
    fieldName: 'UF_CRM_LMS_DELIVERY_CONDITION',
    kind: 'enum',
    label: { ru: 'Условие доставки', en: 'Delivery terms' },
    options: DELIVERY_CONDITIONS,
  },
  trackNumber: {
    fieldName: 'UF_CRM_LMS_TRACK_NUMBER',
    kind: 'string',
    label: { ru: 'Трек-номер', en: 'Tracking number' },
  },
  originalsReceived: {
    fieldName: 'UF_CRM_LMS_ORIGINALS_RECEIVED',
    kind: 'boolean',
    label: { ru: 'Есть оригиналы документов', en: 'Original documents received' },
  },
  originalsPlannedDate: {
    fieldName: 'UF_CRM_LMS_ORIGINALS_PLANNED_DATE',
    kind: 'date',
    label: { ru: 'Плановая дата получения оригиналов документов', en: 'Planned date of original documents' },
  },
  scansReceived: {
    fieldName: 'UF_CRM_LMS_SCANS_RECEIVED',
    kind: 'boolean',
    label: { ru: 'Есть сканы закрывающих документов', en: 'Scans of closing documents received' },
  },
  complexity: {
    fieldName: 'UF_CRM_LMS_COMPLEXITY',
    kind: 'enum',
    label: { ru: 'Сложность случая', en: 'Case complexity' },
    options: COMPLEXITY_LEVELS,
  },
  emergency: {
    fieldName: 'UF_CRM_LMS_EMERGENCY',
    kind: 'boolean',
    label: { ru: 'Экстренный случай', en: 'Emergency' },
  },
  contractNeeded: {
    fieldName: 'UF_CRM_LMS_CONTRACT_ANSWER',
    kind: 'enum',
    label: { ru: 'Нужен ли договор', en: 'Contract needed' },
    options: YES_NO,
  },
  productReserved: {
    fieldName: 'UF_CRM_LMS_PRODUCT_RESERVED',
    kind: 'boolean',
    label: { ru: 'Товар полностью зарезервирован', en: 'Goods fully reserved' },
  },
  readinessDate: {
    fieldName: 'UF_CRM_LMS_READINESS_DATE',
    kind: 'date',
    label: { ru: 'Плановая дата готовности', en: 'Planned readiness date' },
  },
} as const satisfies Record<string, PlaybookFieldSpec>

export type PlaybookFieldKey = keyof typeof PLAYBOOK_FIELDS

export const PLAYBOOK_FIELD_KEYS = Object.keys(PLAYBOOK_FIELDS) as [PlaybookFieldKey, ...PlaybookFieldKey[]]

const USER_FIELD_TYPE: Record<PlaybookFieldKind, UserFieldDef['type']> = {
  boolean: 'boolean',
  // Feedback and readiness moments carry a time of day («минус 2 часа»), so datetime.
  date: 'datetime',
  enum: 'enumeration',
  money: 'money',
  string: 'string',
}

function toUserFieldDef(spec: PlaybookFieldSpec): UserFieldDef {
  const def: UserFieldDef = {
    entity: 'deal',
    fieldName: spec.fieldName,
    type: USER_FIELD_TYPE[spec.kind],
    label: spec.label,
  }
  if (spec.options) {
    def.items = spec.options.map((option, index) => ({ xmlId: option.code, value: option.value, sort: (index + 1) * 10 }))
  }
  return def
}

/** The deal user fields the next-step tab needs; the install flow creates them. */
export const playbookUserFields: UserFieldDef[] = Object.values(PLAYBOOK_FIELDS).map(toUserFieldDef)
