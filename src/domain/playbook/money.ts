/**
 * Tiny money helpers of the playbook (no shared `src/domain/money.ts` existed when this was
 * written). Amounts are integer minor units (kopecks) so debts never drift by a fraction.
 */
import type { LocalizedText } from '@/domain/fields/types'

/** `"60000.5"`, `60000.5`, `"60000.50|RUB"` (a money user field) → 6000050. */
export function toMinorUnits(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const text = String(value).split('|')[0]?.replace(/\s/g, '').replace(',', '.') ?? ''
  if (text === '' || !/^-?\d+(\.\d+)?$/.test(text)) return null
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.')
  const minor = Number(whole) * 100 + Number((fraction + '00').slice(0, 2))
  return text.startsWith('-') ? -minor : minor
}

const SYMBOLS: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€', KZT: '₸', BYN: 'Br', CNY: '¥' }

export function currencySymbol(currency: string): string {
  return SYMBOLS[currency.toUpperCase()] ?? currency.toUpperCase()
}

const NBSP = '\u00a0'

/** 6000000 → ru «60 000», en «60,000»; kopecks shown only when there are any. */
export function formatMinor(minor: number, lang: keyof LocalizedText): string {
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(Math.round(minor))
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'ru' ? NBSP : ',')
  const cents = abs % 100
  const fraction = cents === 0 ? '' : `${lang === 'ru' ? ',' : '.'}${String(cents).padStart(2, '0')}`
  return `${sign}${whole}${fraction}`
}

/** «60 000 ₽» (ru) / «60,000 ₽» (en). */
export function formatMoney(minor: number, currency: string, lang: keyof LocalizedText): string {
  return `${formatMinor(minor, lang)}${NBSP}${currencySymbol(currency)}`
}
