/**
 * The four classic CRM entities: where their rows live and which system fields they have
 * (b24restdocs `api-reference/crm/{deals,leads,contacts,companies}/crm-*-fields.md`).
 * Rows keep the UPPER_CASE names with native values (numbers, ISO dates, `Y`/`N`);
 * the legacy and crm.item methods convert at the edge.
 */

export type EntityKind = 'lead' | 'deal' | 'contact' | 'company'

export type FieldType =
  | 'integer'
  | 'double'
  | 'string'
  | 'char'
  | 'date'
  | 'datetime'
  | 'user'
  | 'crm_status'
  | 'crm_category'
  | 'crm_currency'
  | 'crm_company'
  | 'crm_contact'
  | 'crm_lead'
  | 'crm_quote'
  | 'location'
  | 'crm_multifield'

export interface FieldDef {
  type: FieldType
  title: string
  readOnly?: boolean
  immutable?: boolean
  multiple?: boolean
  required?: boolean
  /** crm_status: the status list (`DEAL_TYPE`, `SOURCE`…). */
  statusType?: string
  /** Legacy methods neither return nor filter it (deal CONTACT_IDS). */
  writeOnlyLegacy?: boolean
  /** crm.item name when it is not the plain camelCase of the UPPER name. */
  camel?: string
}

export interface EntityDef {
  kind: EntityKind
  entityTypeId: 1 | 2 | 3 | 4
  table: string
  /** `CRM_DEAL`: ENTITY_ID of its user fields. */
  ufEntityId: string
  /** Prefix of a binding (`D_12`) and of product rows' OWNER_TYPE. */
  abbr: string
  /** crm.timeline.comment ENTITY_TYPE. */
  timelineType: string
  fields: Record<string, FieldDef>
  hasMultiFields: boolean
  defaultTitle: (id: number) => string
}

export const MULTI_FIELD_TYPES = ['PHONE', 'EMAIL', 'WEB', 'IM'] as const
export type MultiFieldType = (typeof MULTI_FIELD_TYPES)[number]

const ro = (type: FieldType, title: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type, title, readOnly: true, ...extra })
const f = (type: FieldType, title: string, extra: Partial<FieldDef> = {}): FieldDef => ({ type, title, ...extra })

const audit: Record<string, FieldDef> = {
  ASSIGNED_BY_ID: f('user', 'Responsible'),
  CREATED_BY_ID: ro('user', 'Created by', { camel: 'createdBy' }),
  MODIFY_BY_ID: ro('user', 'Modified by', { camel: 'updatedBy' }),
  DATE_CREATE: ro('datetime', 'Created on', { camel: 'createdTime' }),
  DATE_MODIFY: ro('datetime', 'Modified on', { camel: 'updatedTime' }),
  OPENED: f('char', 'Available to everyone'),
  COMMENTS: f('string', 'Comment'),
  ORIGINATOR_ID: f('string', 'External source'),
  ORIGIN_ID: f('string', 'Item ID in data source'),
  UTM_SOURCE: f('string', 'Ad system'),
  UTM_MEDIUM: f('string', 'Traffic type'),
  UTM_CAMPAIGN: f('string', 'Ad campaign UTM'),
  UTM_CONTENT: f('string', 'Campaign contents'),
  UTM_TERM: f('string', 'Campaign search term'),
  LAST_ACTIVITY_TIME: ro('datetime', 'Last timeline activity'),
  LAST_ACTIVITY_BY: ro('user', 'Last timeline activity by'),
}

const multi: Record<string, FieldDef> = {
  PHONE: f('crm_multifield', 'Phone', { multiple: true }),
  EMAIL: f('crm_multifield', 'E-mail', { multiple: true }),
  WEB: f('crm_multifield', 'Website', { multiple: true }),
  IM: f('crm_multifield', 'Messenger', { multiple: true }),
}

const person: Record<string, FieldDef> = {
  HONORIFIC: f('crm_status', 'Salutation', { statusType: 'HONORIFIC' }),
  NAME: f('string', 'Name'),
  SECOND_NAME: f('string', 'Second name'),
  LAST_NAME: f('string', 'Last name'),
  BIRTHDATE: f('date', 'Date of birth'),
  POST: f('string', 'Position'),
  ADDRESS: f('string', 'Address'),
  SOURCE_ID: f('crm_status', 'Source', { statusType: 'SOURCE' }),
  SOURCE_DESCRIPTION: f('string', 'Source information'),
  HAS_PHONE: ro('char', 'Has phone'),
  HAS_EMAIL: ro('char', 'Has email'),
  HAS_IMOL: ro('char', 'Has Open Channel'),
}

export const DEAL: EntityDef = {
  kind: 'deal',
  entityTypeId: 2,
  table: 'deals',
  ufEntityId: 'CRM_DEAL',
  abbr: 'D',
  timelineType: 'deal',
  hasMultiFields: false,
  defaultTitle: (id) => `Сделка #${id}`,
  fields: {
    ID: ro('integer', 'ID'),
    TITLE: f('string', 'Name'),
    TYPE_ID: f('crm_status', 'Type', { statusType: 'DEAL_TYPE' }),
    CATEGORY_ID: f('crm_category', 'Pipeline', { immutable: true }),
    STAGE_ID: f('crm_status', 'Stage', { statusType: 'DEAL_STAGE' }),
    STAGE_SEMANTIC_ID: ro('string', 'Stage group'),
    IS_NEW: ro('char', 'New deal'),
    IS_RECURRING: f('char', 'Recurring deal'),
    IS_RETURN_CUSTOMER: ro('char', 'Repeat deal'),
    IS_REPEATED_APPROACH: ro('char', 'Repeat inquiry'),
    PROBABILITY: f('integer', 'Probability'),
    CURRENCY_ID: f('crm_currency', 'Currency'),
    OPPORTUNITY: f('double', 'Amount'),
    IS_MANUAL_OPPORTUNITY: f('char', 'Manual amount'),
    TAX_VALUE: f('double', 'Tax rate'),
    COMPANY_ID: f('crm_company', 'Company'),
    CONTACT_ID: f('crm_contact', 'Contact'),
    CONTACT_IDS: f('crm_contact', 'Contacts', { multiple: true, writeOnlyLegacy: true }),
    QUOTE_ID: ro('crm_quote', 'Quote'),
    BEGINDATE: f('date', 'Start date', { camel: 'begindate' }),
    CLOSEDATE: f('date', 'End date', { camel: 'closedate' }),
    CLOSED: f('char', 'Closed'),
    ADDITIONAL_INFO: f('string', 'Additional information'),
    LOCATION_ID: f('location', 'Location'),
    SOURCE_ID: f('crm_status', 'Source', { statusType: 'SOURCE' }),
    SOURCE_DESCRIPTION: f('string', 'Source information'),
    LEAD_ID: ro('crm_lead', 'Lead'),
    MOVED_BY_ID: ro('user', 'Moved by', { camel: 'movedBy' }),
    MOVED_TIME: ro('datetime', 'Moved on'),
    ...audit,
  },
}

export const LEAD: EntityDef = {
  kind: 'lead',
  entityTypeId: 1,
  table: 'leads',
  ufEntityId: 'CRM_LEAD',
  abbr: 'L',
  timelineType: 'lead',
  hasMultiFields: true,
  defaultTitle: (id) => `Лид #${id}`,
  fields: {
    ID: ro('integer', 'ID'),
    TITLE: f('string', 'Lead name'),
    ...person,
    COMPANY_TITLE: f('string', 'Company name'),
    STATUS_ID: f('crm_status', 'Status', { statusType: 'STATUS' }),
    STATUS_DESCRIPTION: f('string', 'More about status'),
    STATUS_SEMANTIC_ID: ro('string', 'Status details'),
    CURRENCY_ID: f('crm_currency', 'Currency'),
    OPPORTUNITY: f('double', 'Total'),
    IS_MANUAL_OPPORTUNITY: f('char', 'Manual amount'),
    COMPANY_ID: f('crm_company', 'Company'),
    CONTACT_ID: f('crm_contact', 'Contact'),
    IS_RETURN_CUSTOMER: ro('char', 'Repeat lead'),
    DATE_CLOSED: ro('datetime', 'Completed on'),
    MOVED_BY_ID: ro('user', 'Moved by', { camel: 'movedBy' }),
    MOVED_TIME: ro('datetime', 'Moved on'),
    ...audit,
    ...multi,
  },
}

export const CONTACT: EntityDef = {
  kind: 'contact',
  entityTypeId: 3,
  table: 'contacts',
  ufEntityId: 'CRM_CONTACT',
  abbr: 'C',
  timelineType: 'contact',
  hasMultiFields: true,
  defaultTitle: () => 'Без имени',
  fields: {
    ID: ro('integer', 'ID'),
    ...person,
    TYPE_ID: f('crm_status', 'Contact type', { statusType: 'CONTACT_TYPE' }),
    EXPORT: f('char', 'Included in export'),
    COMPANY_ID: f('crm_company', 'Company'),
    COMPANY_IDS: f('crm_company', 'Companies', { multiple: true, writeOnlyLegacy: true }),
    LEAD_ID: ro('crm_lead', 'Lead'),
    ...audit,
    ...multi,
  },
}

export const COMPANY: EntityDef = {
  kind: 'company',
  entityTypeId: 4,
  table: 'companies',
  ufEntityId: 'CRM_COMPANY',
  abbr: 'CO',
  timelineType: 'company',
  hasMultiFields: true,
  defaultTitle: (id) => `Компания #${id}`,
  fields: {
    ID: ro('integer', 'ID'),
    TITLE: f('string', 'Company name'),
    COMPANY_TYPE: f('crm_status', 'Company type', { statusType: 'COMPANY_TYPE', camel: 'typeId' }),
    ADDRESS: f('string', 'Address'),
    BANKING_DETAILS: f('string', 'Payment details'),
    INDUSTRY: f('crm_status', 'Industry', { statusType: 'INDUSTRY' }),
    EMPLOYEES: f('crm_status', 'Employees', { statusType: 'EMPLOYEES' }),
    CURRENCY_ID: f('crm_currency', 'Currency'),
    REVENUE: f('double', 'Annual revenue'),
    IS_MY_COMPANY: f('char', 'My company'),
    HAS_PHONE: ro('char', 'Has phone'),
    HAS_EMAIL: ro('char', 'Has email'),
    HAS_IMOL: ro('char', 'Has Open Channel'),
    CONTACT_ID: f('crm_contact', 'Contacts', { multiple: true, writeOnlyLegacy: true, camel: 'contactIds' }),
    LEAD_ID: ro('crm_lead', 'Lead'),
    ...audit,
    ...multi,
  },
}

export const ENTITIES: Record<EntityKind, EntityDef> = { lead: LEAD, deal: DEAL, contact: CONTACT, company: COMPANY }

export function entityByTypeId(entityTypeId: unknown): EntityDef | undefined {
  const n = Number(entityTypeId)
  return Object.values(ENTITIES).find((e) => e.entityTypeId === n)
}

export function entityByAbbr(abbr: string): EntityDef | undefined {
  return Object.values(ENTITIES).find((e) => e.abbr === abbr.toUpperCase())
}

export function entityByTimelineType(type: unknown): EntityDef | undefined {
  const t = String(type ?? '').toLowerCase()
  return Object.values(ENTITIES).find((e) => e.timelineType === t || String(e.entityTypeId) === t)
}

/** A stored CRM row. Every field of the entity may be present; missing = empty. */
export interface CrmRow {
  ID: number
  [field: string]: unknown
}

/** Deal row shape used by the demo seed and the generator (direct table inserts). */
export interface DealRow extends CrmRow {
  TITLE: string
  CATEGORY_ID: number
  STAGE_ID: string
  STAGE_SEMANTIC_ID: 'P' | 'S' | 'F'
  CLOSED: 'Y' | 'N'
  OPPORTUNITY: number
  CURRENCY_ID: string
  IS_MANUAL_OPPORTUNITY: 'Y' | 'N'
  COMPANY_ID: number | null
  CONTACT_ID: number | null
  CONTACT_IDS: number[]
  ASSIGNED_BY_ID: number
  CREATED_BY_ID: number
  MODIFY_BY_ID: number
  MOVED_BY_ID: number
  DATE_CREATE: string
  DATE_MODIFY: string
  MOVED_TIME: string
  BEGINDATE: string
  CLOSEDATE: string
  OPENED: 'Y' | 'N'
}
