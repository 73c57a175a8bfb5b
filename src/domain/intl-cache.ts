/**
 * Intl formatters, one per locale and options. Building one costs tens of microseconds and a report
 * table or chart formats hundreds of cells and labels a render, so each is built once and kept.
 */
const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function kept<F>(cache: Map<string, F>, tag: string, options: object, build: () => F): F {
  const key = `${tag}|${JSON.stringify(options)}`
  let format = cache.get(key)
  if (!format) cache.set(key, (format = build()))
  return format
}

export function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numberFormats, tag, options, () => new Intl.NumberFormat(tag, options))
}

export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return kept(dateFormats, tag, options, () => new Intl.DateTimeFormat(tag, options))
}
