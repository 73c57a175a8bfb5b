import { formatNumber } from '@/ui/format'

/**
 * The area field of a place as the admin types it: «1 250,5» or «1250.5» in Russian, «1,250.5»
 * in English; empty means no area. What does not read as a number becomes NaN, which the
 * directory's schema refuses with its own message («Ожидается число»).
 */
export function readArea(text: string, locale: 'ru' | 'en'): number | undefined {
  const spaced = text.replace(/[\s\u00a0\u202f]/g, '')
  const compact = locale === 'en' ? spaced.replace(/,/g, '') : spaced.replace(',', '.')
  if (compact === '') return undefined
  return /^[+-]?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN
}

/** The stored area back into the field, as the locale writes numbers. */
export function areaText(value: number, locale: 'ru' | 'en'): string {
  return formatNumber(value, locale, 6)
}
