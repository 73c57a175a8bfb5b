/** `2024-08-05T09:02:13+00:00`: the portal's date-time format (b24restdocs `api-reference/data-types.md`). */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** Unix seconds with millisecond precision, as `time.start`/`time.finish`. */
export function unixSeconds(ms: number): number {
  return Math.round(ms) / 1000
}
