import type { LocalizedText } from '../fields/types'
import { parseMoney } from '../money'

/*
 * What a person may type into the key fields of «Следующий шаг» before anything is sent to the
 * portal (issue 12: bad input never reaches it). Each check gives null or a message in both
 * languages; none of them changes the value (no silent clamp).
 */

/**
 * The deal's string user fields (e.g. «Трек-номер») are one-line `string` fields: the app keeps
 * them within 255 characters, the length of a one-line string field in the portal's lists and
 * filters (b24restdocs data-types.md: `string` is a single-line value).
 */
export const KEY_TEXT_MAX = 255

/** 10^12 ₽ in kopecks: far above any deal, and exact as a safe integer. */
export const KEY_MONEY_MAX_MINOR = 10 ** 14

/** A planned or feedback moment: from a year back (recording what happened) to five years ahead. */
export const KEY_DATE_YEARS_BACK = 1
export const KEY_DATE_YEARS_AHEAD = 5

// Digits with optional group separators (space, NBSP, narrow NBSP, apostrophe) and a «,» or «.» decimal part; no exponent.
const MONEY_TEXT = /^-?(?:\d{1,3}(?:[ \u00a0\u202f']\d{3})+|\d+)(?:[.,](\d+))?$/

export function checkMoneyInput(text: string): LocalizedText | null {
  const value = text.trim()
  const match = MONEY_TEXT.exec(value)
  if (!match) return { ru: 'Введите сумму числом, например 60 000,50', en: 'Enter an amount, e.g. 60,000.50' }
  if ((match[1] ?? '').length > 2) return { ru: 'Не больше двух знаков после запятой', en: 'At most two decimal places' }
  if (value.startsWith('-')) return { ru: 'Сумма не может быть отрицательной', en: 'The amount cannot be negative' }
  // Digits only by now: a sum that does not even fit a safe integer of kopecks is too big as well.
  const minor = parseMoney(value)
  if (minor === null || minor > KEY_MONEY_MAX_MINOR) return { ru: 'Сумма не больше 1 000 000 000 000 ₽', en: 'The amount is at most 1,000,000,000,000' }
  return null
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/

const pad = (n: number) => String(n).padStart(2, '0')
const ruDate = (d: Date) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`
// As the app writes dates in each language (src/ui/format.ts: ru-RU, en-GB), never ISO on screen.
const enDate = (d: Date) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`

/** A `datetime-local` value within the window around `now`, said with the window's dates when outside. */
export function checkDateInput(text: string, now: Date): LocalizedText | null {
  const value = text.trim()
  const match = LOCAL_DATE_TIME.exec(value)
  const moment = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5])) : null
  // new Date rolls 2026-02-31 over to March: the parts must come back as typed.
  if (!match || !moment || Number.isNaN(moment.getTime()) || moment.getMonth() !== Number(match[2]) - 1 || moment.getDate() !== Number(match[3])) {
    return { ru: 'Введите дату и время', en: 'Enter a date and time' }
  }
  const earliest = new Date(now.getFullYear() - KEY_DATE_YEARS_BACK, now.getMonth(), now.getDate())
  const latest = new Date(now.getFullYear() + KEY_DATE_YEARS_AHEAD, now.getMonth(), now.getDate(), 23, 59)
  if (moment < earliest || moment > latest) {
    return {
      ru: `Дата вне допустимого периода: с ${ruDate(earliest)} по ${ruDate(latest)}`,
      en: `The date is out of range: from ${enDate(earliest)} to ${enDate(latest)}`,
    }
  }
  return null
}

export function checkTextInput(text: string, max = KEY_TEXT_MAX): LocalizedText | null {
  return text.trim().length > max ? { ru: `Не длиннее ${max} символов`, en: `At most ${max} characters` } : null
}
