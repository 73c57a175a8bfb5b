import { command, idempotencyTag, joinOffsetPages, offsetPageCommands } from '@/b24/gateway'
import type { Gateway, ScreenCommand } from '@/b24/gateway'
import { historyEventToComment } from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as C } from '@/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import type { ConversionPlan, NotificationPlan } from '@/domain/lead-processing'
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

export async function readLeadNow(gateway: Gateway, leadId: number): Promise<LeadRow> {
  return parseLead(await gateway.call('crm.lead.get', { id: leadId }))
}

/** A status step: the lead's fields and a timeline comment with what was entered (author set by the portal). */
export async function writeTransition(gateway: Gateway, leadId: number, fields: Record<string, unknown>, comment: string): Promise<void> {
  const result = await gateway.loadScreen({
    // b24restdocs api-reference/crm/leads/crm-lead-update.md
    lead: command('crm.lead.update', { id: leadId, fields }, asIs),
    // b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-add.md
    comment: command('crm.timeline.comment.add', { fields: { ENTITY_ID: leadId, ENTITY_TYPE: 'lead', COMMENT: comment } }, asIs),
  })
  const failed = result.errors.lead ?? result.errors.comment
  if (failed) throw failed
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

/** The company made from this lead, if any (its «Лид» field points back): conversion is never done twice. */
export async function findConvertedCompany(gateway: Gateway, leadId: number): Promise<number | null> {
  // b24restdocs api-reference/crm/companies/crm-company-list.md
  const rows = await gateway.call<unknown>('crm.company.list', { filter: { [C.lead.fieldName]: String(leadId) }, select: ['ID'] })
  const first = Array.isArray(rows) ? (rows[0] as { ID?: unknown } | undefined) : undefined
  return first?.ID ? Number(first.ID) : null
}

const multi = (values: readonly string[]) => values.map((value) => ({ VALUE: value, VALUE_TYPE: 'WORK' }))

/**
 * L4 in one batch: the company (client status «Новый», source, date added, the lead it came
 * from), the contact bound to it, the lead marked converted and pointing to the company,
 * and the first history event on the company.
 */
export async function writeConversion(
  gateway: Gateway,
  plan: ConversionPlan,
  enums: { status: EnumMap; sourceKind: EnumMap },
  leadFields: Record<string, unknown>,
): Promise<number> {
  const { company, contact } = plan
  const commands: Record<string, ScreenCommand<unknown>> = {
    // b24restdocs api-reference/crm/companies/crm-company-add.md
    company: command(
      'crm.company.add',
      {
        fields: {
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
      },
      asIs,
    ),
  }
  if (contact) {
    // b24restdocs api-reference/crm/contacts/crm-contact-add.md
    commands.contact = command(
      'crm.contact.add',
      {
        fields: {
          NAME: contact.name,
          LAST_NAME: contact.lastName,
          SECOND_NAME: contact.secondName,
          PHONE: multi(contact.phones),
          EMAIL: multi(contact.emails),
          COMPANY_ID: '$result[company]',
          ASSIGNED_BY_ID: company.assignedById ?? '',
          SOURCE_ID: 'WEBFORM',
        },
      },
      asIs,
    )
  }
  commands.lead = command('crm.lead.update', { id: company.leadId, fields: { ...leadFields, COMPANY_ID: '$result[company]', [L.company.fieldName]: '$result[company]' } }, asIs)
  commands.history = command(
    'crm.timeline.comment.add',
    { fields: { ENTITY_ID: '$result[company]', ENTITY_TYPE: 'company', COMMENT: historyEventToComment(plan.historyEvent) } },
    asIs,
  )
  const result = await gateway.loadScreen(commands)
  if (result.errors.company) throw result.errors.company
  const companyId = Number(result.value('company'))
  const failed = result.errors.contact ?? result.errors.lead ?? result.errors.history
  if (failed) throw failed
  return companyId
}

