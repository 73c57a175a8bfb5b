import { parseMoney } from '@/domain/money'
import type { MinorUnits } from '@/domain/money'
import type { DealDto, StageDto, UserDto } from '@/b24/deal-screen/dto'

export interface NextStepsView {
  dealId: number
  title: string
  stageName: string
  responsibleName: string
  currency: string
  amount: MinorUnits
  paid: MinorUnits
  /** amount − paid (N6); negative means overpaid. */
  debt: MinorUnits
}

/**
 * A money user field reads `"300|RUB"`; a double reads `300.5` or `"300.50"`.
 * Empty (null, '', `"|RUB"`) is 0.
 */
export function moneyFieldAmount(value: unknown): MinorUnits {
  if (typeof value === 'number') return parseMoney(value) ?? 0
  if (typeof value !== 'string') return 0
  const amount = value.split('|')[0] ?? ''
  return amount.trim() === '' ? 0 : (parseMoney(amount) ?? 0)
}

export function personName(user: UserDto | undefined): string {
  if (!user) return ''
  const name = [user.NAME, user.LAST_NAME].filter((part) => part && part.trim() !== '').join(' ')
  return name || user.EMAIL || `#${user.ID}`
}

export function toNextStepsView(deal: DealDto, stages: readonly StageDto[], users: readonly UserDto[], paidField: string): NextStepsView {
  const amount = parseMoney(deal.OPPORTUNITY ?? 0) ?? 0
  const paid = moneyFieldAmount(deal[paidField as `UF_CRM_${string}`])
  const stage = stages.find((row) => row.STATUS_ID === deal.STAGE_ID)
  const responsible = users.find((user) => String(user.ID) === String(deal.ASSIGNED_BY_ID))
  return {
    dealId: Number(deal.ID),
    title: deal.TITLE ?? '',
    stageName: stage?.NAME ?? deal.STAGE_ID ?? '',
    responsibleName: personName(responsible),
    currency: deal.CURRENCY_ID || 'RUB',
    amount,
    paid,
    debt: amount - paid,
  }
}
