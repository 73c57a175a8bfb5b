import { numberFormat } from '../intl-cache'
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

const LOCALE: Record<keyof LocalizedText, string> = { ru: 'ru-RU', en: 'en-US' }

/** Kopecks only when there are any: «60 000», «60 000,50». */
const fractionOf = (minor: number) => (Math.abs(Math.round(minor)) % 100 === 0 ? 0 : 2)

/** 6000000 → ru «60 000», en «60,000»; kopecks shown only when there are any. */
export function formatMinor(minor: number, lang: keyof LocalizedText): string {
  const digits = fractionOf(minor)
  return numberFormat(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.round(minor) / 100)
}

/** «60 000 ₽» (ru) / «₽60,000» (en), as the shared money format writes them, kopecks only when there are any. */
export function formatMoney(minor: number, currency: string, lang: keyof LocalizedText): string {
  const digits = fractionOf(minor)
  return numberFormat(LOCALE[lang], { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.round(minor) / 100)
}
