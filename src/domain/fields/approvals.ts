import type { UserFieldDef } from './types'

/**
 * Deal fields of the contract approval. «Проект договора» is where the manager puts the
 * draft (each upload is a new file id: the version a round refers to). The state fields
 * are only a cache for lists and filters; the truth is the replay of the deal's timeline
 * (src/domain/approvals/contract-replay.ts), and the widget never trusts the cache over it.
 */
export const APPROVAL_FIELDS = {
  contractFile: 'UF_CRM_APR_CONTRACT_FILE',
  state: 'UF_CRM_APR_STATE',
  round: 'UF_CRM_APR_ROUND',
} as const

/** Enumeration codes (`XML_ID`) of the state cache, one per contract status. */
export const APPROVAL_STATE_ITEMS = [
  { xmlId: 'none', value: 'Не запускалось', sort: 10 },
  { xmlId: 'draft', value: 'Оформление договора', sort: 20 },
  { xmlId: 'submitted', value: 'На согласовании', sort: 30 },
  { xmlId: 'rejected', value: 'Отклонён, на доработке', sort: 40 },
  { xmlId: 'approved', value: 'Согласован', sort: 50 },
] as const

export const approvalUserFields: UserFieldDef[] = [
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.contractFile,
    type: 'file',
    label: { ru: 'Проект договора', en: 'Contract draft' },
    filterable: false,
  },
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.state,
    type: 'enumeration',
    label: { ru: 'Согласование договора', en: 'Contract approval' },
    items: APPROVAL_STATE_ITEMS.map((item) => ({ ...item })),
  },
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.round,
    type: 'integer',
    label: { ru: 'Круг согласования договора', en: 'Contract approval round' },
  },
]
