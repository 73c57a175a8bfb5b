import { approvalUserFields } from './approvals'
import { clientProfileUserFields } from './client-profile'
import { leadProcessingUserFields } from './lead-processing'
import { nextStepsFields } from './next-steps'
import { playbookUserFields } from './playbook'
import { saleUserFields } from './sale'
import { summaryUserFields } from './summary'
import type { UserFieldDef } from './types'

/**
 * Every user field the app needs, created by the install flow. One file per feature
 * (`src/domain/fields/<feature>.ts` exporting `UserFieldDef[]`): import it and spread
 * it below. A field name declared twice is an error (see the unit test).
 *
 *   playbook.ts        deal: LEMUS playbook fields (paid amount, dates, conditions)
 *   next-steps.ts      deal: next-steps tab (reuses playbook's paid amount)
 *   client-profile.ts  company: sector, profile, blocks, status ladder, source
 *   lead-processing.ts lead: processing status, results, dates, object type, client made
 *   sale.ts            deal: sale kind, items JSON, summary, places held
 *   approvals.ts       deal: «Проект договора» file, approval state cache, round
 *   summary.ts         company: the deals summary the runner keeps for «Сводка»
 */
export const allUserFields: readonly UserFieldDef[] = [...playbookUserFields, ...nextStepsFields, ...approvalUserFields, ...saleUserFields, ...clientProfileUserFields, ...leadProcessingUserFields, ...summaryUserFields]

export type { UserFieldDef, UserFieldEntity, UserFieldType, EnumerationItem, LocalizedText } from './types'
