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
  /** The measurement report of a service deal (LEMUS §4) and its approval's cache. */
  reportFile: 'UF_CRM_APR_REPORT_FILE',
  reportState: 'UF_CRM_APR_REPORT_STATE',
  reportRound: 'UF_CRM_APR_REPORT_ROUND',
} as const

/**
 * The cache holds the status code as plain text (`draft`, `submitted`, `rejected`,
 * `approved`): lists filter on it directly, with no enumeration item IDs to map per portal.
 */
export const CACHED_STATES = ['draft', 'submitted', 'rejected', 'approved'] as const

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
    type: 'string',
    label: { ru: 'Согласование договора (служебное)', en: 'Contract approval (cache)' },
  },
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.round,
    type: 'integer',
    label: { ru: 'Круг согласования договора', en: 'Contract approval round' },
  },
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.reportFile,
    type: 'file',
    label: { ru: 'Отчет по результатам измерения', en: 'Measurement report' },
    filterable: false,
  },
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.reportState,
    type: 'string',
    label: { ru: 'Согласование отчета (служебное)', en: 'Report approval (cache)' },
  },
  {
    entity: 'deal',
    fieldName: APPROVAL_FIELDS.reportRound,
    type: 'integer',
    label: { ru: 'Круг согласования отчета', en: 'Report approval round' },
  },
]
