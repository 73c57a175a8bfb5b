import { dateMillis } from '../../filter'

/** The sandbox portal's time zone: Moscow, no DST (the stories' companies are Russian). */
export const PORTAL_OFFSET_MINUTES = 180

/** `2024-08-30T14:29:00+03:00`: the form every REST date takes (b24restdocs `api-reference/data-types.md`). */
export function formatPortalDate(date: Date | number): string {
  const ms = typeof date === 'number' ? date : date.getTime()
  const local = new Date(ms + PORTAL_OFFSET_MINUTES * 60_000)
  const iso = local.toISOString().slice(0, 19)
  const sign = PORTAL_OFFSET_MINUTES >= 0 ? '+' : '-'
  const abs = Math.abs(PORTAL_OFFSET_MINUTES)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${iso}${sign}${hh}:${mm}`
}

/** A date-only value as the portal returns it: midnight portal time. */
export function formatPortalDay(date: Date | number): string {
  return `${formatPortalDate(date).slice(0, 10)}T00:00:00+03:00`
}

/**
 * Reads a date written by a client (ISO with or without offset, `yyyy-mm-dd`, `dd.mm.yyyy`) into the
 * stored form; null for empty. Throws on garbage so callers can report it.
 */
export function parseDateInput(value: unknown, dateOnly = false): string | null {
  if (value === null || value === undefined || value === '') return null
  const ms = typeof value === 'number' ? value : dateMillis(String(value))
  if (ms === null || Number.isNaN(ms)) throw new Error(`not a date: ${String(value)}`)
  return dateOnly ? formatPortalDay(ms) : formatPortalDate(ms)
}
