import { enumCommand, type EnumMap } from '@/b24/enum-items'
import { command, type Gateway } from '@/b24/gateway'
import {
  joinStructure,
  LEAD_RECIPIENTS_OPTION,
  OBJECTS_DIRECTORY_OPTION,
  parseDirectoryOption,
  parseLead,
  parseRecipientsOption,
  parseStatusIds,
  structureCommands,
  type DepartmentRow,
  type LeadRow,
  type PersonRow,
} from '@/b24/lead-notice'
import { parseCurrentUser } from '@/b24/users'
import { historyEventToComment } from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as C } from '@/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import type { ConversionPlan, ConversionPlanInput, LeadRecipientsConfig } from '@/domain/lead-processing'
import type { ObjectsDirectory } from '@/domain/sale'
import type { CommentRow } from '~widgets/client-profile/dto'
import { commentsCommand } from '~widgets/client-profile/data'
import type { LeadEnums } from './lead-model'

// b24restdocs api-reference/crm/leads/crm-lead-get.md
const leadCommand = (leadId: number) => command('crm.lead.get', { id: leadId }, parseLead)

export interface LeadScreen {
  me: number
  lead: LeadRow
  comments: CommentRow[]
  statusIds: string[]
  recipients: LeadRecipientsConfig
  directory: ObjectsDirectory
  people: PersonRow[]
  departments: DepartmentRow[]
  enums: LeadEnums
  companyEnums: { status: EnumMap; sourceKind: EnumMap }
}

/** The lead tab's ONE batch: me, the lead, its timeline, stages, settings, people and departments, enumeration items. */
export function leadScreenCommands(leadId: number) {
  return {
    me: command('user.current', {}, parseCurrentUser),
    lead: leadCommand(leadId),
    comments: commentsCommand('lead', leadId),
    statuses: command('crm.status.list', { filter: { ENTITY_ID: 'STATUS' }, order: { SORT: 'ASC' } }, parseStatusIds),
    // b24restdocs api-reference/common/settings/app-option-get.md: one key → its value, unknown → null
    recipients: command('app.option.get', { option: LEAD_RECIPIENTS_OPTION }, parseRecipientsOption),
    directory: command('app.option.get', { option: OBJECTS_DIRECTORY_OPTION }, parseDirectoryOption),
    // Recipients' names and heads: the whole directory of people and departments.
    ...structureCommands(),
    eStage: enumCommand(L.stage),
    eResult: enumCommand(L.result),
    eObjectType: enumCommand(L.objectType),
    eStatus: enumCommand(C.status),
    eSourceKind: enumCommand(C.sourceKind),
  }
}

export async function loadLeadScreen(gateway: Gateway, leadId: number): Promise<LeadScreen> {
  const screen = await gateway.loadScreen(leadScreenCommands(leadId))
  return {
    me: screen.value('me'),
    lead: screen.value('lead'),
    comments: screen.optional('comments') ?? [],
    statusIds: screen.optional('statuses') ?? [],
    recipients: screen.optional('recipients') ?? parseRecipientsOption(null),
    directory: screen.optional('directory') ?? parseDirectoryOption(null),
    ...joinStructure(screen),
    enums: { stage: screen.value('eStage'), result: screen.value('eResult'), objectType: screen.value('eObjectType') },
    companyEnums: { status: screen.value('eStatus'), sourceKind: screen.value('eSourceKind') },
  }
}

const multi = (values: readonly string[]) => values.map((value) => ({ VALUE: value, VALUE_TYPE: 'WORK' }))

/**
 * L4's records as REST fields (b24restdocs api-reference/crm/companies/crm-company-add.md,
 * crm/contacts/crm-contact-add.md): the company with client status «Новый», the web-form source,
 * the date added and the lead it came from; its contact; the first history event; the lead's stage.
 * Enumeration values are the portal's item IDs, never codes: a missing item leaves the field empty.
 */
export function conversionInput(plan: ConversionPlan, enums: { status: EnumMap; sourceKind: EnumMap }, leadStatusId: string, now: Date): ConversionPlanInput {
  const { company, contact } = plan
  return {
    leadId: company.leadId,
    now,
    company: {
      TITLE: company.title,
      PHONE: multi(company.phones),
      EMAIL: multi(company.emails),
      ASSIGNED_BY_ID: company.assignedById ?? '',
      SOURCE_ID: 'WEBFORM',
      [C.status.fieldName]: enums.status.idOf(company.status.level) ?? '',
      [C.inactive.fieldName]: 0,
      [C.sourceKind.fieldName]: enums.sourceKind.idOf(company.source.kind) ?? '',
      [C.dateAdded.fieldName]: company.dateAdded,
      [C.lead.fieldName]: String(company.leadId),
      [C.showContacts.fieldName]: company.showContacts ? 1 : 0,
    },
    contact: contact
      ? {
          NAME: contact.name,
          LAST_NAME: contact.lastName,
          SECOND_NAME: contact.secondName,
          PHONE: multi(contact.phones),
          EMAIL: multi(contact.emails),
          ASSIGNED_BY_ID: company.assignedById ?? '',
          SOURCE_ID: 'WEBFORM',
        }
      : null,
    historyComment: historyEventToComment(plan.historyEvent),
    lead: { STATUS_ID: leadStatusId },
  }
}
