import { toDecimalString } from '@/domain/money'

/** Minor units → a plain number of major units, exactly as the decimal text (charts, XLSX, CSV). */
export function minorToNumber(minor: number): number {
  return Number(toDecimalString(minor))
}

export type AgoLocale = 'ru' | 'en'

function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10
  const mod100 = n % 100
  if (mod10 === 1 && mod100 !== 11) return one
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few
  return many
}

/** «обновлено только что / 1 минуту / 5 минут / 2 часа назад» — the cache's visible age. */
export function updatedAgo(savedAt: number, now: number, locale: AgoLocale): string {
  const minutes = Math.max(0, Math.floor((now - savedAt) / 60_000))
  if (locale === 'en') {
    if (minutes < 1) return 'updated just now'
    if (minutes < 60) return `updated ${minutes} minute${minutes === 1 ? '' : 's'} ago`
    const hours = Math.floor(minutes / 60)
    return `updated ${hours} hour${hours === 1 ? '' : 's'} ago`
  }
  if (minutes < 1) return 'обновлено только что'
  if (minutes < 60) return `обновлено ${minutes} ${ruPlural(minutes, 'минуту', 'минуты', 'минут')} назад`
  const hours = Math.floor(minutes / 60)
  return `обновлено ${hours} ${ruPlural(hours, 'час', 'часа', 'часов')} назад`
}
