import { parseMoney, type MinorUnits } from '@/domain/money'

/**
 * Amount of a REST value in minor units for the reports: OPPORTUNITY (`"1000000.00"`), a double
 * user field (`1000.5`) or a money user field (`"300|RUB"`). Empty or unreadable → 0, so one odd
 * row never breaks a report over 100,000 deals.
 */
export function restAmountToMinor(raw: unknown): MinorUnits {
  if (raw === null || raw === undefined || raw === '') return 0
  if (typeof raw === 'number') return parseMoney(raw) ?? 0
  const amountPart = String(raw).split('|')[0] ?? ''
  return parseMoney(amountPart) ?? 0
}
