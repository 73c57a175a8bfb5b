import { numberFormat } from './intl-cache'
/**
 * Money as integer minor units (kopecks, cents): sums stay exact however many items
 * are added, and rounding happens once, on the decimal text a person or REST gave.
 *
 * Every currency the portals here use (RUB, USD, EUR, KZT, BYN, UAH) has 2 minor digits,
 * which is also how Bitrix24 keeps OPPORTUNITY and PRICE ("1000000.00").
 * Rounding is half away from zero (1,005 → 1,01; −1,005 → −1,01), as in Russian accounting.
 */

/** An amount in minor units: a safe integer (kopecks). */
export type MinorUnits = number

export const MINOR_DIGITS = 2
const MINOR_PER_MAJOR = 10 ** MINOR_DIGITS

export function isMinorUnits(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value)
}

// Spaces people and locales put between digit groups: space, NBSP, narrow NBSP, thin space, apostrophe.
const GROUP_SEPARATORS = /[\s\u00a0\u202f\u2009']/g
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i

/**
 * Reads an amount typed by a person («1 234,56», «1234.5», «-0,005») or returned by
 * REST ("1000000.00", 1234.5) into minor units. Returns null for anything that is
 * not a finite decimal number or does not fit a safe integer of kopecks.
 *
 * When both «,» and «.» appear, the last one is the decimal separator and the other
 * groups digits («1,234.56» and «1.234,56» are both 1234.56).
 */
export function parseMoney(input: string | number | null | undefined): MinorUnits | null {
  if (input === null || input === undefined) return null
  let text: string
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null
    // The shortest round-trip text is the decimal the sender meant (1.005 stays "1.005").
    text = String(input)
  } else {
    text = normalizeSeparators(input.trim().replace(GROUP_SEPARATORS, ''))
  }
  return decimalTextToMinor(text)
}

function normalizeSeparators(text: string): string {
  const lastComma = text.lastIndexOf(',')
  const lastDot = text.lastIndexOf('.')
  if (lastComma === -1) return text
  if (lastDot === -1) return text.replace(',', '.')
  const decimalIsComma = lastComma > lastDot
  const grouping = decimalIsComma ? /\./g : /,/g
  const withoutGroups = text.replace(grouping, '')
  return decimalIsComma ? withoutGroups.replace(',', '.') : withoutGroups
}

function decimalTextToMinor(text: string): MinorUnits | null {
  const match = DECIMAL_TEXT.exec(text)
  if (!match) return null
  const [, sign = '', intDigits = '', fracDigits = '', exponentText] = match
  if (intDigits === '' && fracDigits === '') return null
  const exponent = exponentText === undefined ? 0 : Number(exponentText)
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null

  // Shift the decimal point: all digits without leading zeros, and where the point sits among them.
  const allDigits = intDigits + fracDigits
  const digits = allDigits.replace(/^0+/, '')
  const pointAt = intDigits.length + exponent - (allDigits.length - digits.length)
  // Minor units are the digits before pointAt + MINOR_DIGITS; the digit after decides rounding.
  const cut = pointAt + MINOR_DIGITS
  const kept = cut > 0 ? digits.slice(0, cut).padEnd(cut, '0') : ''
  if (kept.length > 16) return null
  const nextDigit = cut >= 0 ? Number(digits.charAt(cut) || '0') : 0
  let magnitude = kept === '' ? 0 : Number(kept)
  if (nextDigit >= 5) magnitude += 1
  if (!Number.isSafeInteger(magnitude)) return null
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude
}

/** Minor units → plain decimal text with two digits: 123456 → "1234.56", -5 → "-0.05". */
export function toDecimalString(minor: MinorUnits): `${number}` {
  assertMinor(minor)
  const negative = minor < 0
  const abs = Math.abs(minor)
  const major = Math.floor(abs / MINOR_PER_MAJOR)
  const fraction = String(abs % MINOR_PER_MAJOR).padStart(MINOR_DIGITS, '0')
  return `${negative ? '-' : ''}${major}.${fraction}` as `${number}`
}

/**
 * The number REST expects in PRICE / OPPORTUNITY. JSON writes the shortest text of
 * a double, which for two-digit decimals below 2^53 / 100 is exactly toDecimalString.
 */
export function toRestAmount(minor: MinorUnits): number {
  return Number(toDecimalString(minor))
}

export type MoneyLocale = 'ru' | 'en'

/** «1 234,56 ₽» (ru) / «₽1,234.56» (en); formatted from the exact decimal text. */
export function formatMoney(minor: MinorUnits, currency = 'RUB', locale: MoneyLocale = 'ru'): string {
  const formatter = numberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
    style: 'currency',
    currency,
    // «₽20,000.00» in English too: the narrow sign, not the ISO code («RUB 20,000.00»).
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: MINOR_DIGITS,
    maximumFractionDigits: MINOR_DIGITS,
  })
  return formatter.format(toDecimalString(minor))
}

/** Exact sum; throws if it would leave the safe-integer range (never silently wrong). */
export function sumMinor(amounts: readonly MinorUnits[]): MinorUnits {
  let total = 0
  for (const amount of amounts) {
    assertMinor(amount)
    total += amount
    assertMinor(total)
  }
  return total
}

/** amount × a whole quantity, exactly. */
export function multiplyMinor(amount: MinorUnits, quantity: number): MinorUnits {
  assertMinor(amount)
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Quantity must be a whole number: ${quantity}`)
  const product = amount * quantity
  assertMinor(product)
  return product
}

function assertMinor(value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer amount of minor units: ${value}`)
}
