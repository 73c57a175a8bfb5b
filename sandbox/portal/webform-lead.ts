import { RestError } from '../core/errors'
import type { CallContext, PortalServices, UserRow } from '../core/types'
import { allMethods } from '../rest/methods'
import { findStatus } from '../rest/methods/crm/dictionaries'
import { UF_TABLE, type UserFieldRow } from '../rest/methods/crm/userfields'
import type { Lang } from './session'

/**
 * The CRM form «Форма обратной связи» on the portal side: what a visitor sent becomes a lead
 * the way a Bitrix24 CRM form makes one — through the portal's own crm.lead.add, as the form's
 * responsible user, with SOURCE_ID WEBFORM — so every hook of lead creation (the offline
 * queue's ONCRMLEADADD among them) fires as for any other lead.
 */

/** The form's responsible user: the head of sales of the demo portal. */
export const WEBFORM_RESPONSIBLE_ID = 2
export const OBJECT_TYPE_FIELD = 'UF_CRM_KOS_OBJECT_TYPE'
// Seed (Kosino, lead statuses): a form sent into work is «Новый»; «Формирование запроса» is a form not sent yet.
const FIRST_STATUS = 'NEW'

export interface WebformValues {
  name: string
  company: string
  phone: string
  email: string
  objectType: string
  comment: string
}

export type WebformProblem = 'nameRequired' | 'contactRequired' | 'emailInvalid' | 'phoneInvalid' | 'objectTypeUnknown'

export interface ObjectTypeChoice {
  id: string
  label: string
}

const TEXT_LIMIT = 2000

export function readWebformValues(form: URLSearchParams): WebformValues {
  const field = (name: string) => (form.get(name) ?? '').trim().slice(0, TEXT_LIMIT)
  return { name: field('name'), company: field('company'), phone: field('phone'), email: field('email'), objectType: field('objectType'), comment: field('comment') }
}

/** The enumeration items of the lead's «Тип объекта» once the app has created the field; null = free text. */
export function objectTypeChoices(services: Pick<PortalServices, 'store'>): ObjectTypeChoice[] | null {
  const field = [...services.store.table<UserFieldRow>(UF_TABLE).rows()].find(
    (row) => row.ENTITY_ID === 'CRM_LEAD' && row.FIELD_NAME === OBJECT_TYPE_FIELD && row.USER_TYPE_ID === 'enumeration',
  )
  if (!field || field.LIST.length === 0) return null
  return [...field.LIST].sort((a, b) => a.SORT - b.SORT || a.ID - b.ID).map((item) => ({ id: String(item.ID), label: item.VALUE }))
}

export function checkWebform(values: WebformValues, choices: ObjectTypeChoice[] | null): WebformProblem[] {
  const problems: WebformProblem[] = []
  if (!values.name) problems.push('nameRequired')
  if (!values.phone && !values.email) problems.push('contactRequired')
  if (values.phone && values.phone.replace(/\D/g, '').length < 5) problems.push('phoneInvalid')
  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) problems.push('emailInvalid')
  if (choices && values.objectType && !choices.some((choice) => choice.id === values.objectType)) problems.push('objectTypeUnknown')
  return problems
}

/** crm.lead.add fields (b24restdocs api-reference/crm/leads/crm-lead-add.md). */
export function webformLeadFields(values: WebformValues, choices: ObjectTypeChoice[] | null, lang: Lang): Record<string, unknown> {
  const typeLabel = choices ? choices.find((choice) => choice.id === values.objectType)?.label ?? '' : values.objectType
  // Without the app's field the type travels in the text, as older forms did («Тип объекта: …»).
  const comments = [values.comment, !choices && typeLabel ? `Тип объекта: ${typeLabel}` : ''].filter(Boolean).join('\n')
  const fields: Record<string, unknown> = {
    TITLE: `${lang === 'en' ? 'Feedback form' : 'Форма обратной связи'}: ${values.company || values.name}`,
    NAME: values.name,
    COMPANY_TITLE: values.company,
    STATUS_ID: FIRST_STATUS,
    SOURCE_ID: 'WEBFORM',
    SOURCE_DESCRIPTION: 'Форма обратной связи (/crm/form/feedback/)',
    ASSIGNED_BY_ID: WEBFORM_RESPONSIBLE_ID,
    COMMENTS: comments,
    OPENED: 'Y',
  }
  if (values.phone) fields.PHONE = [{ VALUE: values.phone, VALUE_TYPE: 'WORK' }]
  if (values.email) fields.EMAIL = [{ VALUE: values.email, VALUE_TYPE: 'WORK' }]
  if (choices && values.objectType) fields[OBJECT_TYPE_FIELD] = values.objectType
  return fields
}

/** Runs the sandbox's crm.lead.add handler as the form's responsible user; returns the new lead's ID. */
export async function createWebformLead(
  services: Pick<PortalServices, 'store' | 'origin' | 'now' | 'exclusive'>,
  fields: Record<string, unknown>,
): Promise<number> {
  const user = services.store.table<UserRow>('users').get(WEBFORM_RESPONSIBLE_ID)
  if (!user) throw new Error('The web form has no responsible user')
  const ctx: CallContext = {
    store: services.store,
    user,
    auth: { type: 'webhook', userId: user.ID },
    now: () => services.now(),
    origin: services.origin,
    // The form only adds a lead; it binds no handlers.
    allowLocalHandlers: false,
    call: async (method, params) => {
      const spec = allMethods[method]
      if (!spec) throw new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!')
      return spec.handler(ctx, params)
    },
  }
  // A portal without the Kosino stage starts the lead in its own first status.
  const ready = findStatus(services.store, 'STATUS', FIRST_STATUS) ? fields : { ...fields, STATUS_ID: undefined }
  const write = async () => {
    const id = Number(await allMethods['crm.lead.add']!.handler(ctx, { fields: ready }))
    return { id, committed: services.store.commit() }
  }
  // One writer: the form's lead lands between REST requests, never inside someone's batch.
  const { id, committed } = services.exclusive ? await services.exclusive(write) : await write()
  await committed
  return id
}
