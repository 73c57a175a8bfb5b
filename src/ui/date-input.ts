import { CalendarDate, CalendarDateTime, type DateValue } from '@internationalized/date'

/**
 * The kit's date field speaks `DateValue` (a calendar day, or a day with its time); the app's
 * forms keep the ISO text the domain checks: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with the time
 * (what a `datetime-local` input held). '' is «no date» — nothing typed, or not every part yet.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/

/** ISO text → the field's value; null when there is no whole date to show. */
export function toDateValue(iso: string | null | undefined, withTime: boolean): DateValue | null {
  const match = ISO.exec((iso ?? '').trim())
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number]
  // The parts must make that day (no 31 February): CalendarDate would move it silently.
  const date = new CalendarDate(year, month, day)
  if (date.year !== year || date.month !== month || date.day !== day || hour > 23 || minute > 59) return null
  return withTime ? new CalendarDateTime(year, month, day, hour, minute) : date
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The field's value → ISO text ('' while the date is not whole). */
export function fromDateValue(value: DateValue | null | undefined, withTime: boolean): string {
  if (!value) return ''
  const day = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`
  if (!withTime) return day
  const time = 'hour' in value ? value : { hour: 0, minute: 0 }
  return `${day}T${pad(time.hour)}:${pad(time.minute)}`
}
