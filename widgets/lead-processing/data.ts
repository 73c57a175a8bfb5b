import { command, idempotencyTag, joinOffsetPages, offsetPageCommands } from '@/b24/gateway'
import type { Gateway, ScreenCommand } from '@/b24/gateway'
import { historyEventToComment } from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as C } from '@/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import type { ConversionPlan, ConversionPlanInput, NotificationPlan } from '@/domain/lead-processing'
import type { ObjectsDirectory } from '@/domain/sale'
import { parseCurrentUser } from '@/b24/users'
import type { CommentRow } from '~widgets/client-profile/dto'
import { enumCommand, type EnumMap } from '~widgets/client-profile/enums'
import { commentsCommand } from '~widgets/client-profile/data'
import {
  parseDepartments,
  parseDirectoryOption,
  parseLead,
  parsePeople,
  parseStatusIds,
  type DepartmentRow,
  type LeadRow,
  type PersonRow,
} from './dto'
import { LEAD_RECIPIENTS_OPTION, parseRecipientsOption, type LeadEnums } from './lead-model'
import type { LeadRecipientsConfig } from '@/domain/lead-processing'

/** The sale tab's app option with the admin's objects directory (Приложение 1). */
export const OBJECTS_DIRECTORY_OPTION = 'saleObjectsDirectory'

const asIs = (raw: unknown) => raw

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

/** Recipients and heads come from the whole directory: offset pages in the opening batch (500 users, 200 departments). */
const PEOPLE_PAGES = 10
const DEPARTMENT_PAGES = 4

/** The lead tab in ONE batch: me, the lead, its timeline, stages, settings, people and departments, enumeration items. */
export async function loadLeadScreen(gateway: Gateway, leadId: number): Promise<LeadScreen> {
  const screen = await gateway.loadScreen({
    me: command('user.current', {}, parseCurrentUser),
    lead: leadCommand(leadId),
    comments: commentsCommand('lead', leadId),
    statuses: command('crm.status.list', { filter: { ENTITY_ID: 'STATUS' }, order: { SORT: 'ASC' } }, parseStatusIds),
    // b24restdocs api-reference/common/settings/app-option-get.md: one key → its value, unknown → null
    recipients: command('app.option.get', { option: LEAD_RECIPIENTS_OPTION }, parseRecipientsOption),
    directory: command('app.option.get', { option: OBJECTS_DIRECTORY_OPTION }, parseDirectoryOption),
    // b24restdocs api-reference/user/user-get.md, api-reference/departments/department-get.md
    ...offsetPageCommands('people', 'user.get', { sort: 'ID', order: 'ASC' }, PEOPLE_PAGES, parsePeople),
    ...offsetPageCommands('departments', 'department.get', { sort: 'ID', order: 'ASC' }, DEPARTMENT_PAGES, parseDepartments, 'START'),
    eStage: enumCommand(L.stage),
    eResult: enumCommand(L.result),
    eObjectType: enumCommand(L.objectType),
    eStatus: enumCommand(C.status),
    eSourceKind: enumCommand(C.sourceKind),
  })
  return {
    me: screen.value('me'),
    lead: screen.value('lead'),
    comments: screen.optional('comments') ?? [],
    statusIds: screen.optional('statuses') ?? [],
    recipients: screen.optional('recipients') ?? parseRecipientsOption(null),
    directory: screen.optional('directory') ?? parseDirectoryOption(null),
    people: joinOffsetPages('people', PEOPLE_PAGES, (name) => screen.optional(name as never) as PersonRow[] | undefined, (p) => p.id),
    departments: joinOffsetPages('departments', DEPARTMENT_PAGES, (name) => screen.optional(name as never) as DepartmentRow[] | undefined, (d) => d.id),
    enums: { stage: screen.value('eStage'), result: screen.value('eResult'), objectType: screen.value('eObjectType') },
    companyEnums: { status: screen.value('eStatus'), sourceKind: screen.value('eSourceKind') },
  }
}

/**
 * L3: one system notification per recipient (the head marked «копия»), all with the
 * lead's TAG so a repeat replaces rather than duplicates, and a marker comment on the
 * lead that tells later opens it was sent (b24restdocs api-reference/chats/notifications/im-notify-system-add.md).
 */
export async function sendNewLeadNotification(gateway: Gateway, leadId: number, plan: NotificationPlan, names: (id: number) => string): Promise<void> {
  const commands: Record<string, ScreenCommand<unknown>> = {}
  const message = `${plan.subject}\n${plan.body}`
  plan.to.forEach((userId, index) => {
    commands[`to${index}`] = command('im.notify.system.add', { USER_ID: userId, MESSAGE: message, TAG: plan.tag }, asIs)
  })
  plan.cc.forEach((userId, index) => {
    commands[`cc${index}`] = command('im.notify.system.add', { USER_ID: userId, MESSAGE: `(копия) ${message}`, TAG: plan.tag }, asIs)
  })
  const recipients = plan.to.map(names).join(', ')
  const copy = plan.cc.length ? `; копия: ${plan.cc.map(names).join(', ')}` : ''
  commands.marker = command(
    'crm.timeline.comment.add',
    { fields: { ENTITY_ID: leadId, ENTITY_TYPE: 'lead', COMMENT: `Уведомление о новом лиде отправлено: ${recipients}${copy} ${idempotencyTag(plan.tag)}` } },
    asIs,
  )
  const result = await gateway.loadScreen(commands)
  const failed = Object.values(result.errors)[0]
  if (failed) throw failed
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
