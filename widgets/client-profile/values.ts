import {
  appendStatusLog,
  readStatusLog,
  CONDITIONAL_BLOCKS,
  emptyProfileForm,
  type BlockKey,
  type ClientStatus,
  type ContactPerson,
  type ProfileForm,
  type ProfileSavePlan,
  type SectorCode,
  type StatusChangeRecord,
  type TurnoverUnitCode,
} from '@/domain/client-profile'
import type { FieldValues } from '@/domain/drafts'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import type { CompanyRow, ContactRow } from './dto'
import type { EnumMap } from './enums'

/*
 * The profile form as flat draft values (one key per thing a person edits, so two people
 * editing different blocks never conflict) and the company's CRM fields both ways.
 */

export type ProfileEnums = Record<'sector' | 'profile' | 'category' | 'turnoverUnit' | 'status' | 'subStatus' | 'sourceKind', EnumMap>

const SHOW_FIELD: Record<BlockKey, string> = {
  turnover: F.showTurnover.fieldName,
  inn: F.showInn.fieldName,
  companyInfo: F.showInfo.fieldName,
  address: F.showAddress.fieldName,
  contacts: F.showContacts.fieldName,
  position: F.showPosition.fieldName,
}

const shownKey = (key: BlockKey) => `shown.${key}`

export interface ProfileExtras {
  /** «Источник контакта» as free text, for cards made by hand (P4). */
  source: string
}

export function formToValues(form: ProfileForm, extras: ProfileExtras): FieldValues {
  const values: FieldValues = {
    sector: form.sector,
    profile: form.profile,
    category: form.category,
    turnover: { ...form.turnover },
    inn: form.inn,
    companyInfo: form.companyInfo,
    address: form.address,
    contacts: form.contacts.map((person) => ({ ...person })),
    position: form.position,
    phone: form.phone,
    email: form.email,
    remarksShown: form.remarksShown,
    remarks: form.remarks,
    source: extras.source,
  }
  for (const { key } of CONDITIONAL_BLOCKS) values[shownKey(key)] = form.shown[key]
  return values
}

export function valuesToForm(values: FieldValues): { form: ProfileForm; extras: ProfileExtras } {
  const form = emptyProfileForm()
  const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '')
  const code = (key: string) => (typeof values[key] === 'string' && values[key] !== '' ? (values[key] as string) : null)
  form.sector = code('sector') as SectorCode | null
  form.profile = code('profile')
  form.category = code('category')
  for (const { key } of CONDITIONAL_BLOCKS) form.shown[key] = values[shownKey(key)] === true
  const turnover = (values.turnover ?? {}) as Partial<ProfileForm['turnover']>
  form.turnover = { value: turnover.value ?? '', unit: turnover.unit ?? null, year: turnover.year ?? null }
  form.inn = str('inn')
  form.companyInfo = str('companyInfo')
  form.address = str('address')
  // Drafts kept from before positions belonged to persons have none: an empty one.
  form.contacts = Array.isArray(values.contacts) ? (values.contacts as ContactPerson[]).map((person) => ({ ...person, position: person.position ?? '' })) : []
  form.position = str('position')
  form.phone = str('phone')
  form.email = str('email')
  form.remarksShown = values.remarksShown === true
  form.remarks = str('remarks')
  return { form, extras: { source: str('source') } }
}

const flag = (value: unknown) => value === '1' || value === 1 || value === true || value === 'Y'
const textOf = (value: unknown) => (value === null || value === undefined ? '' : String(value))

export function contactKey(contactId: number): string {
  return `c${contactId}`
}

/** What the portal holds now, in draft values. */
export function companyToValues(company: CompanyRow, contacts: readonly ContactRow[], enums: ProfileEnums): FieldValues {
  const uf = company.uf
  const form = emptyProfileForm()
  form.sector = enums.sector.codeOf(uf[F.sector.fieldName]) as SectorCode | null
  form.profile = enums.profile.codeOf(uf[F.profile.fieldName])
  form.category = enums.category.codeOf(uf[F.category.fieldName])
  for (const { key } of CONDITIONAL_BLOCKS) form.shown[key] = flag(uf[SHOW_FIELD[key]])
  const turnover = uf[F.turnover.fieldName]
  const year = Number(uf[F.turnoverYear.fieldName])
  form.turnover = {
    value: turnover === null || turnover === undefined || turnover === '' ? '' : String(Number(turnover)),
    unit: enums.turnoverUnit.codeOf(uf[F.turnoverUnit.fieldName]) as TurnoverUnitCode | null,
    year: Number.isInteger(year) && year > 0 ? year : null,
  }
  form.inn = textOf(uf[F.inn.fieldName])
  form.companyInfo = textOf(uf[F.info.fieldName])
  form.address = textOf(uf[F.address.fieldName])
  form.contacts = contacts.map((contact) => ({
    key: contactKey(contact.id),
    contactId: contact.id,
    lastName: contact.lastName,
    firstName: contact.firstName,
    middleName: contact.middleName,
    position: contact.position,
  }))
  form.position = textOf(uf[F.position.fieldName])
  form.phone = company.phones[0]?.value ?? ''
  form.email = company.emails[0]?.value ?? ''
  form.remarksShown = flag(uf[F.showRemarks.fieldName])
  form.remarks = textOf(uf[F.remarks.fieldName])
  return formToValues(form, { source: textOf(uf[F.source.fieldName]) })
}

/** A multi-field write that changes the first value, adds one, or removes it (empty VALUE). */
function multiPatch(existing: CompanyRow['phones'], value: string): Record<string, unknown>[] {
  const first = existing[0]
  if (first) return [{ ID: first.id, VALUE: value, VALUE_TYPE: 'WORK' }]
  return value === '' ? [] : [{ VALUE: value, VALUE_TYPE: 'WORK' }]
}

/**
 * crm.company.update fields for the changed draft keys. Values come from the validated
 * plan; a hidden block's values are absent from the plan, so only its tick is written and
 * the portal keeps what it held (see src/domain/client-profile/profile-form.ts).
 */
export function companyUpdateFields(
  plan: ProfileSavePlan,
  changedKeys: readonly string[],
  enums: ProfileEnums,
  company: CompanyRow,
  extras: ProfileExtras,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const changed = new Set(changedKeys)
  const enumValue = (map: EnumMap, code: string | null) => map.idOf(code) ?? ''
  if (changed.has('sector')) fields[F.sector.fieldName] = enumValue(enums.sector, plan.sector)
  if (changed.has('profile')) fields[F.profile.fieldName] = enumValue(enums.profile, plan.profile)
  if (changed.has('category')) fields[F.category.fieldName] = enumValue(enums.category, plan.category)
  for (const { key } of CONDITIONAL_BLOCKS) if (changed.has(shownKey(key))) fields[SHOW_FIELD[key]] = plan.shown[key] ? 1 : 0
  if (plan.turnover && (changed.has('turnover') || changed.has(shownKey('turnover')))) {
    fields[F.turnover.fieldName] = plan.turnover.value
    fields[F.turnoverUnit.fieldName] = enumValue(enums.turnoverUnit, plan.turnover.unit)
    fields[F.turnoverYear.fieldName] = plan.turnover.year
  }
  const texts: [keyof ProfileSavePlan, string][] = [
    ['inn', F.inn.fieldName],
    ['companyInfo', F.info.fieldName],
    ['address', F.address.fieldName],
  ]
  for (const [key, field] of texts) {
    const value = plan[key]
    if (typeof value === 'string' && (changed.has(key) || changed.has(`shown.${key}`))) fields[field] = value
  }
  if (changed.has('phone')) fields.PHONE = multiPatch(company.phones, plan.phone)
  if (changed.has('email')) fields.EMAIL = multiPatch(company.emails, plan.email)
  if (changed.has('remarksShown')) fields[F.showRemarks.fieldName] = plan.remarksShown ? 1 : 0
  if (plan.remarks !== undefined && (changed.has('remarks') || changed.has('remarksShown'))) fields[F.remarks.fieldName] = plan.remarks
  if (changed.has('source')) fields[F.source.fieldName] = extras.source.trim()
  return fields
}

/**
 * The legacy company-level position is cleared only after the contacts hold it (the plan's
 * last step, see profileSavePlan): the fields for that step, or null when it stays.
 */
export function legacyPositionClear(plan: ProfileSavePlan, changedKeys: readonly string[], company: CompanyRow): Record<string, unknown> | null {
  const held = textOf(company.uf[F.position.fieldName]).trim()
  return changedKeys.includes('position') && plan.position === '' && held !== '' ? { [F.position.fieldName]: '' } : null
}

export interface ContactOps {
  add: { key: string; lastName: string; firstName: string; middleName: string; position?: string }[]
  update: { contactId: number; lastName: string; firstName: string; middleName: string; position?: string }[]
  /** Contacts to unlink from the company (they stay in the CRM). */
  unlink: number[]
}

/**
 * What to do with CRM contacts so they match the ФИО block. `withPosition`: the «Должность»
 * block is shown, so each person's position is written to the contact's POST too (a hidden
 * block writes nothing of its values).
 */
export function planContactOps(persons: readonly ContactPerson[], server: readonly ContactRow[], withPosition = false): ContactOps {
  const ops: ContactOps = { add: [], update: [], unlink: [] }
  const kept = new Set<number>()
  for (const person of persons) {
    const names = { lastName: person.lastName.trim(), firstName: person.firstName.trim(), middleName: person.middleName.trim() }
    const position = withPosition ? { position: (person.position ?? '').trim() } : {}
    const existing = person.contactId === null ? undefined : server.find((row) => row.id === person.contactId)
    if (!existing) {
      ops.add.push({ key: person.key, ...names, ...position })
      continue
    }
    kept.add(existing.id)
    const renamed = existing.lastName !== names.lastName || existing.firstName !== names.firstName || existing.middleName !== names.middleName
    if (renamed || (position.position !== undefined && existing.position !== position.position)) {
      ops.update.push({ contactId: existing.id, ...names, ...position })
    }
  }
  ops.unlink = server.filter((row) => !kept.has(row.id)).map((row) => row.id)
  return ops
}

// ---------- status ----------

export function statusOfCompany(company: CompanyRow, enums: ProfileEnums): ClientStatus {
  const uf = company.uf
  return {
    level: enums.status.codeOf(uf[F.status.fieldName]) ?? 'NEW',
    subStatus: enums.subStatus.codeOf(uf[F.subStatus.fieldName]),
    inactive: flag(uf[F.inactive.fieldName]),
  }
}

export function sectorOfCompany(company: CompanyRow, enums: ProfileEnums): SectorCode | null {
  return enums.sector.codeOf(company.uf[F.sector.fieldName]) as SectorCode | null
}

export function statusLogOf(company: CompanyRow): StatusChangeRecord[] {
  const raw = company.uf[F.statusLog.fieldName]
  const read = readStatusLog(typeof raw === 'string' ? raw : null)
  // An unreadable log restarts: the timeline comments still hold every change.
  return read.ok ? read.records : []
}

/** The portal's status fields for a new status, with the change appended to the log. */
export function statusUpdateFields(
  status: ClientStatus,
  log: readonly StatusChangeRecord[],
  record: StatusChangeRecord,
  enums: ProfileEnums,
): Record<string, unknown> {
  return {
    [F.status.fieldName]: enums.status.idOf(status.level) ?? '',
    [F.subStatus.fieldName]: enums.subStatus.idOf(status.subStatus) ?? '',
    [F.inactive.fieldName]: status.inactive ? 1 : 0,
    [F.statusLog.fieldName]: appendStatusLog(log, record),
  }
}

/**
 * The company as it reads once `fields` (crm.company.update fields) are written onto it: what
 * a save expects to find afterwards, in the same shape as the company read from the portal.
 */
export function companyWithFields(company: CompanyRow, fields: Record<string, unknown>): CompanyRow {
  const uf = { ...company.uf }
  for (const [key, value] of Object.entries(fields)) if (key.startsWith('UF_CRM_')) uf[key] = value
  const multi = (value: unknown, existing: CompanyRow['phones']) => {
    if (!Array.isArray(value)) return existing
    const first = value[0] as { VALUE?: unknown } | undefined
    return typeof first?.VALUE === 'string' && first.VALUE !== '' ? [{ id: existing[0]?.id ?? 0, value: first.VALUE }] : []
  }
  return { ...company, uf, phones: multi(fields.PHONE, company.phones), emails: multi(fields.EMAIL, company.emails) }
}
