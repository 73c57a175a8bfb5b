import { z } from 'zod/mini'
import { checkInn, normalizeInn, type InnFailure } from '../inn'
import { transformIssue, trimmedString } from '../schema-parts'
import { findCompanyProfile } from './company-profiles'
import { HISTORY_EVENT_TYPES, type HistoryEvent } from './history'
import { profileMessage, type ClientProfileMessageKey } from './messages'
import { findProductCategory } from './product-categories'
import { CONDITIONAL_BLOCKS, type BlockKey, type ProfileForm } from './profile-form'
import { SECTORS } from './sectors'
import { TURNOVER_UNITS, turnoverYears, type TurnoverUnitCode } from './turnover'
import { HISTORY_EARLIEST_DATE, TEXT_LIMITS, TURNOVER_DECIMALS, TURNOVER_MAX } from './limits'
import { characterCount, messageWith, validateWith, type Validated } from './validation-result'

/** A trimmed text of at most `max` characters (the field's limit, see limits.ts). */
export function textWithin(max: number) {
  return trimmedString().check(
    z.superRefine((text, ctx) => {
      const length = characterCount(text)
      if (length > max) ctx.addIssue({ code: 'custom', message: messageWith(profileMessage('tooLong'), { max, length }) })
    }),
  )
}

const INN_MESSAGES: Record<InnFailure, ClientProfileMessageKey> = {
  empty: profileMessage('innRequired'),
  'not-digits': profileMessage('innDigits'),
  length: profileMessage('innLength'),
  region: profileMessage('innRegion'),
  checksum: profileMessage('innChecksum'),
}

/** ИНН by its check digits; the parsed value drops the spaces people paste in. */
export const innSchema = z.pipe(
  z.string(),
  z.transform((input, ctx) => {
    const result = checkInn(input)
    return result.ok ? result.value : transformIssue(ctx, INN_MESSAGES[result.reason])
  }),
)

const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/

/** A phone with its area code: 10–15 digits (E.164 allows 15); empty is fine (optional). */
export const phoneSchema = textWithin(TEXT_LIMITS.phone).check(
  z.refine((phone) => {
    if (phone === '') return true
    const digits = phone.replace(/\D/g, '').length
    return PHONE_CHARACTERS.test(phone) && digits >= 10 && digits <= 15
  }, profileMessage('phoneInvalid')),
)

/** An e-mail; empty is fine (optional). */
const emailFormat = z.email()
export const emailSchema = textWithin(TEXT_LIMITS.email).check(
  z.refine((email) => email === '' || emailFormat.safeParse(email).success, profileMessage('emailInvalid')),
)

const DECIMAL = /^[+-]?\d+(\.\d+)?$/

/** «1 250,5» → 1250.5; a positive number up to 10^12 with at most two decimals (no `1e5` notation). */
export const turnoverValueSchema = z.pipe(
  z.string(),
  z.transform((input, ctx) => {
    const text = input.replace(/[\s\u00a0]/g, '').replace(',', '.')
    if (text === '') return transformIssue(ctx, profileMessage('turnoverRequired'))
    if (!DECIMAL.test(text)) return transformIssue(ctx, profileMessage('turnoverNotNumber'))
    const value = Number(text)
    if (!(value > 0)) return transformIssue(ctx, profileMessage('turnoverNotPositive'))
    if (value > TURNOVER_MAX) return transformIssue(ctx, profileMessage('turnoverTooLarge'))
    if ((text.split('.')[1] ?? '').length > TURNOVER_DECIMALS) return transformIssue(ctx, profileMessage('turnoverDecimals'))
    return value
  }),
)

export function turnoverYearSchema(currentYear: number) {
  const years = turnoverYears(currentYear)
  return z
    .number({ error: profileMessage('turnoverYearRequired') })
    .check(z.refine((year) => years.includes(year), profileMessage('turnoverYearNotInList')))
}

const unitCodes = TURNOVER_UNITS.map((unit) => unit.code) as [TurnoverUnitCode, ...TurnoverUnitCode[]]

export function turnoverSchema(currentYear: number) {
  return z.object({
    value: turnoverValueSchema,
    unit: z.enum(unitCodes, { error: profileMessage('turnoverUnitRequired') }),
    year: turnoverYearSchema(currentYear),
  })
}

const requiredText = (max: number) => textWithin(max).check(z.refine((text) => text !== '', profileMessage('required')))

const contactName = textWithin(TEXT_LIMITS.contactName)

export const contactPersonSchema = z
  .object({
    key: z.string(),
    contactId: z.nullable(z.number().check(z.int(), z.positive())),
    lastName: contactName,
    firstName: contactName,
    middleName: contactName,
    position: textWithin(TEXT_LIMITS.position),
  })
  .check(
    z.refine((person) => person.lastName !== '' || person.firstName !== '', {
      message: profileMessage('contactNameRequired'),
      path: ['firstName'],
    }),
  )

export type SavedContactPerson = z.output<typeof contactPersonSchema>

const sectorCodes = SECTORS.map((sector) => sector.code) as [string, ...string[]]

function knownCode(find: (code: string) => unknown) {
  return z.nullable(z.string()).check(z.refine((code) => code === null || find(code) !== undefined, profileMessage('unknownValue')))
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

/** Status remarks (P6): optional text, also copied into the status log and the timeline comment. */
export const remarksSchema = textWithin(TEXT_LIMITS.remarks)

/** «Источник контакта» as free text (a card made by hand). */
export const sourceTextSchema = textWithin(TEXT_LIMITS.source)

export function profileFormSchema(currentYear: number): z.ZodMiniType<ProfileSavePlan> {
  const base = z.object({
    sector: z.nullable(z.enum(sectorCodes, { error: profileMessage('unknownValue') })),
    profile: knownCode(findCompanyProfile),
    category: knownCode(findProductCategory),
    phone: phoneSchema,
    email: emailSchema,
  })
  const blockSchemas = {
    turnover: turnoverSchema(currentYear),
    inn: innSchema,
    companyInfo: requiredText(TEXT_LIMITS.companyInfo),
    address: requiredText(TEXT_LIMITS.address),
    contacts: z.array(contactPersonSchema).check(z.minLength(1, profileMessage('contactsRequired'))),
    // The company-level value is legacy and read-only: it is only ever kept or cleared (moved to a person).
    position: trimmedString(),
  } satisfies Record<BlockKey, z.ZodMiniType>

  const check = z.transform((form: ProfileForm, ctx) => {
    const plan: ProfileSavePlan = {
      sector: null,
      profile: null,
      category: null,
      shown: { ...form.shown },
      phone: '',
      email: '',
      remarksShown: form.remarksShown,
    }
    const merge = (result: z.util.SafeParseResult<unknown>, prefix: string[], write: (value: never) => void) => {
      if (result.success) write(result.data as never)
      else for (const issue of result.error.issues) transformIssue(ctx, issue.message, [...prefix, ...issue.path])
    }
    merge(base.safeParse(form), [], (value: z.output<typeof base>) => Object.assign(plan, value))
    for (const { key } of CONDITIONAL_BLOCKS) {
      if (!form.shown[key]) continue
      merge(blockSchemas[key].safeParse(form[key]), [key], (value) => {
        ;(plan as unknown as Record<string, unknown>)[key] = value
      })
    }
    if (form.remarksShown) merge(remarksSchema.safeParse(form.remarks), ['remarks'], (value: string) => (plan.remarks = value))
    return plan
  })
  return z.pipe(z.custom<ProfileForm>(), check) as unknown as z.ZodMiniType<ProfileSavePlan>
}

export function validateProfileForm(form: ProfileForm, currentYear: number): Validated<ProfileSavePlan> {
  return validateWith(profileFormSchema(currentYear), form)
}

const historyTypeCodes = HISTORY_EVENT_TYPES.map((type) => type.code) as [HistoryEvent['type'], ...HistoryEvent['type'][]]

export const isoDateSchema = z.iso.date({ error: profileMessage('dateInvalid') })

/** A plausible event date: not after the user's today, not before HISTORY_EARLIEST_DATE (a clear message, no clamp). */
function historyDateSchema(today: string) {
  return isoDateSchema.check(
    z.superRefine((date, ctx) => {
      if (date > today) ctx.addIssue({ code: 'custom', message: messageWith(profileMessage('dateInFuture'), { today }) })
      else if (date < HISTORY_EARLIEST_DATE) ctx.addIssue({ code: 'custom', message: messageWith(profileMessage('dateTooOld'), { earliest: HISTORY_EARLIEST_DATE }) })
    }),
  )
}

/** A history event (P7); `today` is the user's own date (`YYYY-MM-DD`): an event is not dated after it. */
export function historyEventSchema(today: string) {
  return z.object({
    type: z.enum(historyTypeCodes, { error: profileMessage('unknownValue') }),
    comment: textWithin(TEXT_LIMITS.historyComment).check(z.refine((text) => text !== '', profileMessage('historyCommentRequired'))),
    date: historyDateSchema(today),
    files: z.array(z.string()),
  })
}

export function validateHistoryEvent(event: HistoryEvent, today: string): Validated<HistoryEvent> {
  return validateWith(historyEventSchema(today), event)
}

export { normalizeInn }
