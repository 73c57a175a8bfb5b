import { LEAD_RESULTS, LEAD_STATUSES, type LeadProcessing } from '@/domain/lead-processing'

const statusLabel = (code: string) => LEAD_STATUSES.find((status) => status.code === code)?.label.ru ?? code

/** The timeline comment of a lead step: what moved and what the manager entered for it. */
export function transitionComment(from: LeadProcessing, to: LeadProcessing): string {
  const lines = [`Статус обработки: ${statusLabel(from.status)} → ${statusLabel(to.status)}`]
  if (to.status === 'NEEDS') lines.push(`Результат первичной обработки (${to.firstDate ?? ''}): ${to.firstResult}`)
  if (to.status === 'PROCESSED') {
    lines.push(`Итог (${to.outcomeDate ?? ''}): ${to.outcome}`)
    const result = LEAD_RESULTS.find((entry) => entry.code === to.result)
    if (result) lines.push(`Результат: ${result.label.ru}`)
  }
  return lines.join('\n')
}
