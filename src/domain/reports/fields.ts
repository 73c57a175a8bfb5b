import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'

/**
 * Which deal user fields carry the paid sum and the document flags. The playbook helper declares
 * them in `src/domain/fields/playbook.ts` (`UF_CRM_LMS_*`); the defaults below name those codes and
 * a portal with other fields passes its own map.
 */
export interface ReportFieldMap {
  /** Paid sum: double or money field («Сумма оплаты»). */
  paid: `UF_CRM_${string}`
  /** Scans of the closing documents received (boolean). */
  scansReceived: `UF_CRM_${string}`
  /** Originals of the documents received (boolean, «Есть оригиналы документов»). */
  originalsReceived: `UF_CRM_${string}`
  /** Optional payment due date; without it a receivable ages from the invoice date or CLOSEDATE. */
  paymentDue?: `UF_CRM_${string}`
  /**
   * Optional invoice date: an open deal with it filled is invoiced, so its unpaid part is a
   * receivable aged from that day. Without the field only won deals are receivables.
   */
  invoiceDate?: `UF_CRM_${string}`
}

/** The playbook's fields: «Сумма оплаты», «Есть сканы…», «Есть оригиналы документов». */
export const DEFAULT_REPORT_FIELDS: ReportFieldMap = {
  paid: PLAYBOOK_FIELDS.paidAmount.fieldName,
  scansReceived: PLAYBOOK_FIELDS.scansReceived.fieldName,
  originalsReceived: PLAYBOOK_FIELDS.originalsReceived.fieldName,
}

/** Standard deal fields every report needs. */
export const DEAL_BASE_SELECT = [
  'ID',
  'TITLE',
  'CATEGORY_ID',
  'STAGE_ID',
  'STAGE_SEMANTIC_ID',
  'ASSIGNED_BY_ID',
  'COMPANY_ID',
  'OPPORTUNITY',
  'CURRENCY_ID',
  'DATE_CREATE',
  'CLOSEDATE',
] as const

/** The `select` of the deals read: only what the reports use, so 100,000 rows stay small. */
export function dealSelect(fields: ReportFieldMap = DEFAULT_REPORT_FIELDS): string[] {
  const extra = [fields.paid, fields.scansReceived, fields.originalsReceived]
  if (fields.paymentDue) extra.push(fields.paymentDue)
  if (fields.invoiceDate) extra.push(fields.invoiceDate)
  return [...DEAL_BASE_SELECT, ...extra]
}

/** Boolean user fields come as `"1"`/`"0"` (legacy lists), `"Y"`/`"N"` (crm.item) or real booleans. */
export function isYes(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isYes)
  return value === true || value === 1 || value === '1' || value === 'Y' || value === 'y'
}
