import { PLAYBOOK_FIELDS } from './playbook'
import type { UserFieldDef } from './types'

/**
 * Deal fields the next-steps tab reads. The paid amount is the playbook's own field
 * (money type, `"300|RUB"`): one field for «Сумма оплаты», not two that drift apart,
 * so it is created by playbook.ts and only named here.
 */
export const PAID_AMOUNT_FIELD = PLAYBOOK_FIELDS.paidAmount.fieldName

/** Fields only the next-steps tab needs (none besides the playbook's yet). */
export const nextStepsFields: UserFieldDef[] = []
