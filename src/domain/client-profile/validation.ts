import { z } from 'zod'
import { checkInn, normalizeInn, type InnFailure } from '../inn'
import { findCompanyProfile } from './company-profiles'
import { HISTORY_EVENT_TYPES, type HistoryEvent } from './history'
import { profileMessage, type ClientProfileMessageKey } from './messages'
import { findProductCategory } from './product-categories'
import { CONDITIONAL_BLOCKS, type BlockKey, type ProfileForm } from './profile-form'
import { SECTORS } from './sectors'
import { TURNOVER_UNITS, turnoverYears, type TurnoverUnitCode } from './turnover'
import { validateWith, type Validated } from './validation-result'

const INN_MESSAGES: Record<InnFailure, ClientProfileMessageKey> = {
  empty: profileMessage('innRequired'),
  'not-digits': profileMessage('innDigits'),
  length: profileMessage('innLength'),
  region: profileMessage('innRegion'),
  checksum: profileMessage('innChecksum'),
}

/** ИНН by its check digits; the parsed value drops the spaces people paste in. */
export const innSchema = z.string().transform((input, ctx) => {
  const result = checkInn(input)
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: INN_MESSAGES[result.reason] })
    return z.NEVER
  }
  return result.value
})

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/

/** A phone with its area code: 10–15 digits (E.164 allows 15); empty is fine (optional). */
export const phoneSchema = z
  .string()
  .transform((input) => input.trim())
  .refine((phone) => {
    if (phone === '') return true
    const digits = phone.replace(/\D/g, '').length
    return PHONE_CHARACTERS.test(phone) && digits >= 10 && digits <= 15
  }, profileMessage('phoneInvalid'))

/** An e-mail; empty is fine (optional). */
const emailFormat = z.email()
export const emailSchema = z
  .string()
  .transform((input) => input.trim())
  .refine((email) => email === '' || emailFormat.safeParse(email).success, profileMessage('emailInvalid'))

const DECIMAL = /^[+-]?\d+(\.\d+)?$/

/** «1 250,5» → 1250.5; a positive number. */
export const turnoverValueSchema = z.string().transform((input, ctx) => {
  const text = input.replace(/[\s\u00a0]/g, '').replace(',', '.')
  if (text === '') {
    ctx.addIssue({ code: 'custom', message: profileMessage('turnoverRequired') })
    return z.NEVER
  }
  if (!DECIMAL.test(text)) {
    ctx.addIssue({ code: 'custom', message: profileMessage('turnoverNotNumber') })
    return z.NEVER
  }
  const value = Number(text)
  if (!(value > 0)) {
    ctx.addIssue({ code: 'custom', message: profileMessage('turnoverNotPositive') })
    return z.NEVER
  }
  return value
})

export function turnoverYearSchema(currentYear: number) {
  const years = turnoverYears(currentYear)
  return z
    .number({ error: profileMessage('turnoverYearRequired') })
    .refine((year) => years.includes(year), profileMessage('turnoverYearNotInList'))
}

const unitCodes = TURNOVER_UNITS.map((unit) => unit.code) as [TurnoverUnitCode, ...TurnoverUnitCode[]]

export function turnoverSchema(currentYear: number) {
  return z.object({
    value: turnoverValueSchema,
    unit: z.enum(unitCodes, { error: profileMessage('turnoverUnitRequired') }),
    year: turnoverYearSchema(currentYear),
  })
}

const requiredText = z
  .string()
  .transform((input) => input.trim())
  .refine((text) => text !== '', profileMessage('required'))

export const contactPersonSchema = z
  .object({
    key: z.string(),
    contactId: z.number().int().positive().nullable(),
    lastName: z.string().transform((text) => text.trim()),
    firstName: z.string().transform((text) => text.trim()),
    middleName: z.string().transform((text) => text.trim()),
  })
  .refine((person) => person.lastName !== '' || person.firstName !== '', {
    message: profileMessage('contactNameRequired'),
    path: ['firstName'],
  })

export type SavedContactPerson = z.output<typeof contactPersonSchema>

const sectorCodes = SECTORS.map((sector) => sector.code) as [string, ...string[]]

function knownCode(find: (code: string) => unknown) {
  return z
    .string()
    .nullable()
    .refine((code) => code === null || find(code) !== undefined, profileMessage('unknownValue'))
}

/**
 * What a valid profile saves. Blocks that are hidden carry only their tick in `shown`
 * and are absent here, so the portal keeps their previous values (see profile-form.ts).
 */
export interface ProfileSavePlan {
  sector: string | null
  profile: string | null
  category: string | null
  shown: Record<BlockKey, boolean>
  turnover?: { value: number; unit: TurnoverUnitCode; year: number }
  inn?: string
  companyInfo?: string
  address?: string
  contacts?: SavedContactPerson[]
  position?: string
  phone: string
  email: string
  remarksShown: boolean
  remarks?: string
}

export function profileFormSchema(currentYear: number): z.ZodType<ProfileSavePlan> {
  const base = z.object({
    sector: z.enum(sectorCodes, { error: profileMessage('unknownValue') }).nullable(),
    profile: knownCode(findCompanyProfile),
    category: knownCode(findProductCategory),
    phone: phoneSchema,
    email: emailSchema,
  })
  const blockSchemas = {
    turnover: turnoverSchema(currentYear),
    inn: innSchema,
    companyInfo: requiredText,
    address: requiredText,
    contacts: z.array(contactPersonSchema).min(1, profileMessage('contactsRequired')),
    position: requiredText,
  } satisfies Record<BlockKey, z.ZodType>

  return z.custom<ProfileForm>().transform((form, ctx) => {
    const plan: ProfileSavePlan = {
      sector: null,
      profile: null,
      category: null,
      shown: { ...form.shown },
      phone: '',
      email: '',
      remarksShown: form.remarksShown,
    }
    const merge = (result: z.ZodSafeParseResult<unknown>, prefix: string[], write: (value: never) => void) => {
      if (result.success) write(result.data as never)
      else for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [...prefix, ...issue.path] })
    }
    merge(base.safeParse(form), [], (value: z.output<typeof base>) => Object.assign(plan, value))
    for (const { key } of CONDITIONAL_BLOCKS) {
      if (!form.shown[key]) continue
      merge(blockSchemas[key].safeParse(form[key]), [key], (value) => {
        ;(plan as unknown as Record<string, unknown>)[key] = value
      })
    }
    if (form.remarksShown) plan.remarks = form.remarks.trim()
    return plan
  }) as unknown as z.ZodType<ProfileSavePlan>
}

export function validateProfileForm(form: ProfileForm, currentYear: number): Validated<ProfileSavePlan> {
  return validateWith(profileFormSchema(currentYear), form)
}

const historyTypeCodes = HISTORY_EVENT_TYPES.map((type) => type.code) as [HistoryEvent['type'], ...HistoryEvent['type'][]]

export const isoDateSchema = z.iso.date({ error: profileMessage('dateInvalid') })

export const historyEventSchema = z.object({
  type: z.enum(historyTypeCodes, { error: profileMessage('unknownValue') }),
  comment: z
    .string()
    .transform((text) => text.trim())
    .refine((text) => text !== '', profileMessage('historyCommentRequired')),
  date: isoDateSchema,
  files: z.array(z.string()),
})

export function validateHistoryEvent(event: HistoryEvent): Validated<HistoryEvent> {
  return validateWith(historyEventSchema, event)
}

export { normalizeInn }
