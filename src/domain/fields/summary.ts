import type { UserFieldDef } from './types'

/** The company's app field holding the kept summary of its deals. */
export const KEPT_SUMMARY_FIELD = 'UF_CRM_LMS_DEALS_SUM'

/**
 * Company: the summary of its deals the runner keeps for «Сводка» (issue 14), versioned JSON
 * (src/domain/reports/kept-summary.ts). Written by the runner only; the tab reads it.
 */
export const summaryUserFields: readonly UserFieldDef[] = [
  { entity: 'company', fieldName: KEPT_SUMMARY_FIELD, type: 'string', label: { ru: 'Сводка по сделкам (JSON)', en: 'Deals summary (JSON)' }, filterable: false },
]
