import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import { joinUserPages, parseCurrentUser, parseUsers, userPageCommands, type UserRef } from '@/b24/users'
import { parseComments, parseCompany, parseContacts, type CommentRow, type CompanyRow, type ContactRow } from './dto'
import { enumCommand } from './enums'
import type { ProfileEnums } from './values'

/*
 * Data access of the «Профиль клиента» tab. Opening the tab is ONE batch request:
 * who I am, the company with its fields, its contacts, its timeline, the people (for
 * names) and the items of each enumeration field.
 */

// POST: the contact's «Должность» (b24restdocs crm-contact-fields.md).
const CONTACT_SELECT = ['ID', 'NAME', 'LAST_NAME', 'SECOND_NAME', 'POST']

function companyCommands(companyId: number) {
  return {
    // b24restdocs api-reference/crm/companies/crm-company-get.md
    company: command('crm.company.get', { id: companyId }, parseCompany),
    // b24restdocs api-reference/crm/contacts/crm-contact-list.md (contacts bound to the company)
    contacts: command('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: CONTACT_SELECT, order: { ID: 'ASC' } }, parseContacts),
  }
}

function enumCommands() {
  return {
    eSector: enumCommand(F.sector),
    eProfile: enumCommand(F.profile),
    eCategory: enumCommand(F.category),
    eTurnoverUnit: enumCommand(F.turnoverUnit),
    eStatus: enumCommand(F.status),
    eSubStatus: enumCommand(F.subStatus),
    eSourceKind: enumCommand(F.sourceKind),
  }
}

export function commentsCommand(entityType: 'company' | 'lead', entityId: number) {
  // b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-list.md (newest first)
  return command(
    'crm.timeline.comment.list',
    { filter: { ENTITY_ID: entityId, ENTITY_TYPE: entityType }, select: ['ID', 'CREATED', 'COMMENT', 'AUTHOR_ID', 'FILES'], order: { ID: 'DESC' } },
    parseComments,
  )
}

export interface ProfileScreen {
  me: number
  company: CompanyRow
  contacts: ContactRow[]
  comments: CommentRow[]
  users: UserRef[]
  enums: ProfileEnums
}

/** The profile's batch: me, the company with its contacts and timeline, names, list items. */
export function profileScreenCommands(companyId: number) {
  return {
    // b24restdocs api-reference/user/user-current.md
    me: command('user.current', {}, parseCurrentUser),
    ...companyCommands(companyId),
    comments: commentsCommand('company', companyId),
    // b24restdocs api-reference/user/user-get.md (first page: names for the status log)
    ...userPageCommands(parseUsers),
    ...enumCommands(),
  }
}

export async function loadProfileScreen(gateway: Gateway, companyId: number): Promise<ProfileScreen> {
  const screen = await gateway.loadScreen(profileScreenCommands(companyId))
  return {
    me: screen.value('me'),
    company: screen.value('company'),
    contacts: screen.value('contacts'),
    comments: screen.optional('comments') ?? [],
    users: joinUserPages<UserRef>(screen, (u) => u.id),
    enums: {
      sector: screen.value('eSector'),
      profile: screen.value('eProfile'),
      category: screen.value('eCategory'),
      turnoverUnit: screen.value('eTurnoverUnit'),
      status: screen.value('eStatus'),
      subStatus: screen.value('eSubStatus'),
      sourceKind: screen.value('eSourceKind'),
    },
  }
}

/** The company as it is now (before a save or a status change): one batch. */
export async function readCompanyNow(gateway: Gateway, companyId: number): Promise<{ company: CompanyRow; contacts: ContactRow[] }> {
  const screen = await gateway.loadScreen(companyCommands(companyId))
  return { company: screen.value('company'), contacts: screen.value('contacts') }
}
