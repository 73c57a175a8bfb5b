import type { LocalizedText } from '../fields/types'
import type { SectorCode } from './sectors'
import type { TurnoverUnitCode } from './turnover'

/*
 * The profile tab's form model (P3). Six mini-blocks appear only when their tick is
 * set; Телефон and Почта are always shown.
 *
 * Hiding is never erasing. The model keeps a hidden block's values, so ticking it again
 * brings them back. On save a hidden block sends only its tick (false): its values are
 * neither validated nor written, so whatever the portal held stays there. Erasing is a
 * separate, explicit action (`clearBlock`) the UI offers — e.g. «Очистить и скрыть».
 */

export type BlockKey = 'turnover' | 'inn' | 'companyInfo' | 'address' | 'contacts' | 'position'

export const CONDITIONAL_BLOCKS: readonly { key: BlockKey; label: LocalizedText }[] = [
  { key: 'turnover', label: { ru: 'Товарооборот', en: 'Turnover' } },
  { key: 'inn', label: { ru: 'ИНН', en: 'INN' } },
  { key: 'companyInfo', label: { ru: 'Информация о компании', en: 'About the company' } },
  { key: 'address', label: { ru: 'Адрес', en: 'Address' } },
  { key: 'contacts', label: { ru: 'ФИО', en: 'Full name' } },
  { key: 'position', label: { ru: 'Должность', en: 'Position' } },
]

export const ALWAYS_SHOWN_BLOCKS: readonly { key: 'phone' | 'email'; label: LocalizedText }[] = [
  { key: 'phone', label: { ru: 'Телефон', en: 'Phone' } },
  { key: 'email', label: { ru: 'Почта', en: 'E-mail' } },
]

export interface ContactPerson {
  /** Stable key for the list (the UI's v-for key), also for unsaved persons. */
  key: string
  /** The CRM contact this person is saved as; null until created. */
  contactId: number | null
  lastName: string
  firstName: string
  middleName: string
  /** «Должность» of this person: the contact's own POST field (each person has one). */
  position: string
}

export interface TurnoverValue {
  /** As typed («1 250,5»); parsed on validation. */
  value: string
  unit: TurnoverUnitCode | null
  year: number | null
}

export interface ProfileForm {
  sector: SectorCode | null
  profile: string | null
  category: string | null
  shown: Record<BlockKey, boolean>
  turnover: TurnoverValue
  inn: string
  companyInfo: string
  address: string
  contacts: ContactPerson[]
  /**
   * The company-level «Должность» the tab wrote before positions belonged to contact persons
   * (UF_CRM_KOS_POSITION). Read-only: shown as a legacy value until it is moved to a person
   * (`moveLegacyPosition`), after which the save clears it on the company.
   */
  position: string
  phone: string
  email: string
  /** The status remarks block (P6), revealed by its own tick. */
  remarksShown: boolean
  remarks: string
}

export function emptyProfileForm(): ProfileForm {
  return {
    sector: null,
    profile: null,
    category: null,
    shown: { turnover: false, inn: false, companyInfo: false, address: false, contacts: false, position: false },
    turnover: { value: '', unit: null, year: null },
    inn: '',
    companyInfo: '',
    address: '',
    contacts: [],
    position: '',
    phone: '',
    email: '',
    remarksShown: false,
    remarks: '',
  }
}

/** Ticks or unticks a block; its values stay in the model either way. */
export function setBlockShown(form: ProfileForm, key: BlockKey, shown: boolean): ProfileForm {
  return { ...form, shown: { ...form.shown, [key]: shown } }
}

/** Erases a block's values and hides it: the only way the model loses what was typed. */
export function clearBlock(form: ProfileForm, key: BlockKey): ProfileForm {
  const hidden = setBlockShown(form, key, false)
  switch (key) {
    case 'turnover':
      return { ...hidden, turnover: { value: '', unit: null, year: null } }
    case 'contacts':
      return { ...hidden, contacts: [] }
    case 'position':
      return { ...hidden, position: '', contacts: hidden.contacts.map((person) => ({ ...person, position: '' })) }
    default:
      return { ...hidden, [key]: '' }
  }
}

export function blockHasValues(form: ProfileForm, key: BlockKey): boolean {
  switch (key) {
    case 'turnover':
      return form.turnover.value.trim() !== '' || form.turnover.unit !== null || form.turnover.year !== null
    case 'contacts':
      return form.contacts.some((person) => [person.lastName, person.firstName, person.middleName].some((part) => part.trim() !== ''))
    case 'position':
      return form.position.trim() !== '' || form.contacts.some((person) => person.position.trim() !== '')
    default:
      return form[key].trim() !== ''
  }
}

export function visibleBlocks(form: ProfileForm): BlockKey[] {
  return CONDITIONAL_BLOCKS.map((block) => block.key).filter((key) => form.shown[key])
}

/** Hidden blocks still holding values: the UI can say «скрытые данные сохранятся». */
export function hiddenBlocksWithValues(form: ProfileForm): BlockKey[] {
  return CONDITIONAL_BLOCKS.map((block) => block.key).filter((key) => !form.shown[key] && blockHasValues(form, key))
}

export function emptyContactPerson(key: string): ContactPerson {
  return { key, contactId: null, lastName: '', firstName: '', middleName: '', position: '' }
}

export function addContactPerson(form: ProfileForm, key: string): ProfileForm {
  if (form.contacts.some((person) => person.key === key)) throw new Error(`Contact person key ${key} is taken`)
  return { ...form, contacts: [...form.contacts, emptyContactPerson(key)] }
}

export function updateContactPerson(
  form: ProfileForm,
  key: string,
  patch: Partial<Pick<ContactPerson, 'lastName' | 'firstName' | 'middleName' | 'position' | 'contactId'>>,
): ProfileForm {
  return { ...form, contacts: form.contacts.map((person) => (person.key === key ? { ...person, ...patch } : person)) }
}

/**
 * The legacy company-level position becomes this person's own; the company's value is
 * emptied in the form, so the save clears it on the company after the contact holds it.
 */
export function moveLegacyPosition(form: ProfileForm, key: string): ProfileForm {
  const legacy = form.position.trim()
  if (legacy === '' || !form.contacts.some((person) => person.key === key)) return form
  return { ...updateContactPerson(form, key, { position: legacy }), position: '' }
}

export function removeContactPerson(form: ProfileForm, key: string): ProfileForm {
  return { ...form, contacts: form.contacts.filter((person) => person.key !== key) }
}

/** «Иванов Иван Иванович» without double spaces for missing parts. */
export function contactFullName(person: Pick<ContactPerson, 'lastName' | 'firstName' | 'middleName'>): string {
  return [person.lastName, person.firstName, person.middleName].map((part) => part.trim()).filter(Boolean).join(' ')
}
