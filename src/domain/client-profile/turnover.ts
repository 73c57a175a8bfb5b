import type { LocalizedText } from '../fields/types'

/** The caption beside the turnover value (P3). */
export type TurnoverUnitCode = 'THOUSAND_TONNES' | 'RUBLE'

export const TURNOVER_UNITS: readonly { code: TurnoverUnitCode; label: LocalizedText }[] = [
  { code: 'THOUSAND_TONNES', label: { ru: 'Тыс. тонн', en: 'Thousand tonnes' } },
  { code: 'RUBLE', label: { ru: 'Рубль', en: 'Roubles' } },
]

/** How many years back the «Временной интервал» list reaches, the current year included. */
export const TURNOVER_YEARS_SPAN = 10

/** Newest first: the current year and the nine before it. */
export function turnoverYears(currentYear: number, span = TURNOVER_YEARS_SPAN): number[] {
  return Array.from({ length: span }, (_, index) => currentYear - index)
}
