import { PLAYBOOK_FIELDS } from './playbook'
import type { UserFieldDef } from './types'

/**
 * Deal fields the next-steps tab reads. The paid amount is the playbook's own field
 * (money type, `"300|RUB"`): one field for «Сумма оплаты», not two that drift apart,
 * so it is created by playbook.ts and only named here.
 */
export const PAID_AMOUNT_FIELD = PLAYBOOK_FIELDS.paidAmount.fieldName

/**
 * Keys of the playbook's automatic actions already carried out on the deal (notifications,
 * messages to the client): the engine's `performedActionKeys`, so each is done once.
 */
export const PERFORMED_ACTIONS_FIELD = 'UF_CRM_LMS_PB_DONE'

/** Fields only the next-steps tab needs. */
export const nextStepsFields: UserFieldDef[] = [
  {
    entity: 'deal',
    fieldName: PERFORMED_ACTIONS_FIELD,
    type: 'string',
    multiple: true,
    label: { ru: 'Выполненные действия плейбука (служебное)', en: 'Playbook actions done (service)' },
    filterable: false,
  },
]
