/** Dates and money as people read them, per UI locale (dates from the app's shared formatter). */
export { formatDate, formatDateTime, formatParams } from '@/ui/format'

export function formatAmount(money: { amount: number; currency: string }, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency: money.currency, maximumFractionDigits: 2 }).format(money.amount)
}
