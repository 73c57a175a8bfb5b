/** Dates and money as people read them, per UI locale. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'short', timeStyle: 'short' }).format(date)
}

export function formatAmount(money: { amount: number; currency: string }, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency: money.currency, maximumFractionDigits: 2 }).format(money.amount)
}
