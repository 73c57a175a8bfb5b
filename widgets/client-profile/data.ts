import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import { joinUserPages, parseCurrentUser, parseUsers, userPageCommands, type UserRef } from '@/b24/users'
import { parseComments, parseCompany, parseContacts, type CommentRow, type CompanyRow, type ContactRow } from './dto'
import { enumCommand } from './enums'
import type { ContactOps, ProfileEnums } from './values'

/*
 * Data access of the «Профиль клиента» tab. Opening the tab is ONE batch request:
 * who I am, the company with its fields, its contacts, its timeline, the people (for
 * names) and the items of each enumeration field.
 */

const CONTACT_SELECT = ['ID', 'NAME', 'LAST_NAME', 'SECOND_NAME']

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

export async function loadProfileScreen(gateway: Gateway, companyId: number): Promise<ProfileScreen> {
  const screen = await gateway.loadScreen({
    // b24restdocs api-reference/user/user-current.md
    me: command('user.current', {}, parseCurrentUser),
    ...companyCommands(companyId),
    comments: commentsCommand('company', companyId),
    // b24restdocs api-reference/user/user-get.md (first page: names for the status log)
    ...userPageCommands(parseUsers),
    ...enumCommands(),
  })
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

/**
 * Writes a profile save in one batch: the company's fields, then the contact persons
 * (new ones created bound to the company; removed ones unbound, never deleted).
 * Writes are not retried blindly: a failure is reported and the draft stays.
 */
export async function writeProfile(
  gateway: Gateway,
  companyId: number,
  fields: Record<string, unknown>,
  contacts: ContactOps | null,
  keptContactIds: readonly number[],
  assignedById: number,
): Promise<void> {
  const commands: Record<string, ReturnType<typeof command<unknown>>> = {}
  const asIs = (raw: unknown) => raw
  // b24restdocs api-reference/crm/companies/crm-company-update.md
  if (Object.keys(fields).length > 0) commands.company = command('crm.company.update', { id: companyId, fields }, asIs)
  if (contacts) {
    contacts.add.forEach((person, index) => {
      // b24restdocs api-reference/crm/contacts/crm-contact-add.md
      commands[`add${index}`] = command(
        'crm.contact.add',
        { fields: { NAME: person.firstName, LAST_NAME: person.lastName, SECOND_NAME: person.middleName, COMPANY_ID: companyId, ASSIGNED_BY_ID: assignedById, TYPE_ID: 'CLIENT' } },
        asIs,
      )
    })
    contacts.update.forEach((person, index) => {
      // b24restdocs api-reference/crm/contacts/crm-contact-update.md
      commands[`upd${index}`] = command(
        'crm.contact.update',
        { id: person.contactId, fields: { NAME: person.firstName, LAST_NAME: person.lastName, SECOND_NAME: person.middleName } },
        asIs,
      )
    })
    if (contacts.unlink.length > 0) {
      // b24restdocs api-reference/crm/companies/contacts/crm-company-contact-items-set.md: the set replaces the links;
      // the new contacts are bound by their own COMPANY_ID, added before this command runs.
      const newIds = contacts.add.map((_, index) => `$result[add${index}]`)
      const items = [...keptContactIds, ...newIds].map((contactId, index) => ({ CONTACT_ID: contactId, SORT: (index + 1) * 10 }))
      commands.links = command('crm.company.contact.items.set', { id: companyId, items }, asIs)
    }
  }
  if (Object.keys(commands).length === 0) return
  const result = await gateway.loadScreen(commands)
  const failed = Object.values(result.errors)[0]
  if (failed) throw failed
}

/** A status change: the company's status fields and a timeline comment written by the portal under the user's name. */
export async function writeStatusChange(gateway: Gateway, companyId: number, fields: Record<string, unknown>, comment: string): Promise<void> {
  const asIs = (raw: unknown) => raw
  const result = await gateway.loadScreen({
    company: command('crm.company.update', { id: companyId, fields }, asIs),
    // b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-add.md
    comment: command('crm.timeline.comment.add', { fields: { ENTITY_ID: companyId, ENTITY_TYPE: 'company', COMMENT: comment } }, asIs),
  })
  const failed = result.errors.company ?? result.errors.comment
  if (failed) throw failed
}

/** A history event: a timeline comment with its files (`FILES: [[name, base64], …]`; uploads go outside a batch). */
export async function writeHistoryComment(gateway: Gateway, companyId: number, comment: string, files: [string, string][]): Promise<number> {
  const fields: Record<string, unknown> = { ENTITY_ID: companyId, ENTITY_TYPE: 'company', COMMENT: comment }
  if (files.length > 0) fields.FILES = files
  // b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-add.md
  return gateway.call<number>('crm.timeline.comment.add', { fields })
}
