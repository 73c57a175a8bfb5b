import { dateTimeFormat, numberFormat } from './intl-cache'
/**
 * Dates and numbers as the person's language writes them (ru `20.05.2026`, `1 234 567,5`;
 * en `20/05/2026`, `1,234,567.5`). Money in minor units goes through `formatMoney` of
 * `@/domain/money`. Text that is not a date is shown as it came rather than hidden.
 */
export type FormatLocale = 'ru' | 'en'

const TAG: Record<FormatLocale, string> = { ru: 'ru-RU', en: 'en-GB' }
/** The BCP 47 tag the app formats a language with (ru → `ru-RU`, en → `en-GB`): Intl and the kit's date fields alike. */
export const tagOf = (locale: string): string => TAG[locale === 'en' ? 'en' : 'ru']

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})/

/**
 * A calendar day: `2026-05-20` or the day part of a portal date-time (`2026-05-20T10:00:00+03:00`,
 * read as the portal wrote it, not moved into the browser's zone).
 */
export function formatDate(value: string | null | undefined, locale: string): string {
  const text = (value ?? '').trim()
  const day = CALENDAR_DAY.exec(text)
  if (!day) return text
  const utc = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])))
  return dateTimeFormat(tagOf(locale), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }).format(utc)
}

/** A moment with its time, in the browser's zone: `20.05.2026, 10:00`. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  const text = (value ?? '').trim()
  const moment = new Date(text)
  if (text === '' || Number.isNaN(moment.getTime())) return text
  return dateTimeFormat(tagOf(locale), { dateStyle: 'short', timeStyle: 'short' }).format(moment)
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/

/**
 * A moment already on the viewer's calendar and clock, `2026-11-29 00:03` (as `localMoment` of
 * `@/domain/reports/status-moves` writes it), in the language's form: `29.11.2026, 00:03`; not moved
 * into the browser's zone a second time.
 */
export function formatWallClock(value: string | null | undefined, locale: string): string {
  const text = (value ?? '').trim()
  const parts = WALL_CLOCK.exec(text)
  if (!parts) return text
  const [, year, month, day, hour, minute] = parts.map(Number) as [number, number, number, number, number, number]
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute))
  return dateTimeFormat(tagOf(locale), { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' }).format(utc)
}

/** A count or measure: grouped digits, at most `fractionDigits` after the separator. */
export function formatNumber(value: number, locale: string, fractionDigits = 2): string {
  return numberFormat(tagOf(locale), { maximumFractionDigits: fractionDigits }).format(value)
}

const ID_NAME = /^id$|Id$/

/** A message's parameters as the person reads them: calendar days and numbers formatted (IDs stay plain, «№99999999»), the rest as given. */
export function formatParams(params: Record<string, unknown> | undefined, locale: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([name, value]) => {
      if (typeof value === 'number' && Number.isFinite(value) && !ID_NAME.test(name)) return [name, formatNumber(value, locale)]
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return [name, formatDate(value, locale)]
      return [name, value]
    }),
  )
}

/** Money in minor units, short for a chart's label: «1,2 млрд ₽», «345,6 тыс. ₽» / «₽1.2bn». */
export function formatCompactMoney(minor: number, currency: string, locale: string): string {
  return numberFormat(tagOf(locale), { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(minor / 100)
}

/** A number short, three significant digits, for a table cell whose header names the unit: «12,6 млн», «987 тыс.» / «12.6M». */
export function formatCompactNumber(value: number, locale: string): string {
  return numberFormat(tagOf(locale), { notation: 'compact', maximumSignificantDigits: 3 }).format(value)
}

/** The currency's narrow sign as the language writes it: «₽», «$», «€». */
export function currencySign(currency: string, locale: string): string {
  const parts = numberFormat(tagOf(locale), { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0)
  return parts.find((part) => part.type === 'currency')?.value ?? currency
}

const HOUR_MS = 3_600_000

/** A span of time, the two largest units: «2 дн. 5 ч», «3 ч 20 мин» / «2 days 5 hr», «3 hr 20 min». */
export function formatDuration(ms: number, locale: string): string {
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    numberFormat(tagOf(locale), { style: 'unit', unit: name, unitDisplay: name === 'day' ? 'long' : 'short', maximumFractionDigits: 0 }).format(value)
  const minutes = Math.round(Math.max(0, ms) / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day')
  if (ms >= HOUR_MS) return rest > 0 ? `${unit(hours, 'hour')} ${unit(rest, 'minute')}` : unit(hours, 'hour')
  return unit(rest, 'minute')
}

/** A share 0…1 as a percent: «33,3 %» / «33.3%». */
export function formatPercent(share: number, locale: string): string {
  return numberFormat(tagOf(locale), { style: 'percent', maximumFractionDigits: 1 }).format(share)
}

/** A calendar month `2026-11` as a person names it: «Ноябрь 2026 г.» / «November 2026». */
export function formatMonth(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number)
  if (!y || !m) return month
  const text = dateTimeFormat(tagOf(locale), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, 1)))
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A day in the browser's zone: «18.05.2026» / «18/05/2026». */
export function formatDay(ms: number, locale: string): string {
  return dateTimeFormat(tagOf(locale), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(ms))
}
