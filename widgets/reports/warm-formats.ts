import { formatMoney } from '@/domain/money'
import { currencySign, formatCompactMoney, formatCompactNumber, formatNumber } from '@/ui/format'

/**
 * Builds the number formats the deals table and its charts use while the read still waits on the
 * portal. A locale's first formatter loads its data (tens of milliseconds); built here, that cost
 * no longer lands in the one task that draws the report after 100,000 deals.
 */
export function warmReportFormats(currency: string, locale: 'ru' | 'en'): void {
  currencySign(currency, locale)
  formatMoney(0, currency, locale)
  formatCompactMoney(0, currency, locale)
  formatCompactNumber(0, locale)
  formatNumber(0, locale)
}
