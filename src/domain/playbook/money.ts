/**
 * Money helpers of the playbook on top of the shared `@/domain/money` (integer minor units,
 * so debts never drift by a fraction). Only the short text of reasons («60 000 ₽», no
 * kopecks when there are none) is formatted here.
 */
import type { LocalizedText } from '@/domain/fields/types'
import { parseMoney } from '@/domain/money'

/** `"60000.5"`, `60000.5`, `"60000.50|RUB"` (a money user field) → 6000050; empty → null. */
export function toMinorUnits(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const amount = String(value).split('|')[0] ?? ''
  return amount.trim() === '' ? null : parseMoney(amount)
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
