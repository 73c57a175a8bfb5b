import { historyEventFromComment, HISTORY_EVENT_TYPES, type HistoryEventTypeCode } from '@/domain/client-profile/history'
import { withoutIdempotencyTag } from '@/domain/write-plan/step-builders'

/*
 * Committee report «Коммуникации по годам» (seed Kosino «История коммуникаций» and «Годовая
 * статистика по работе с компаниями», issue 15): the events of the clients' communication history
 * per year of the event's date, by «Тип события», and how many clients had any. The events are the
 * companies' timeline comments the «Профиль клиента» tab writes (`historyEventToComment`); other
 * comments (status changes, notes, edit records) are not communications and are not counted.
 */

export interface CommunicationEvent {
  companyId: number
  /** `YYYY-MM-DD`, the event's own date */
  date: string
  type: HistoryEventTypeCode
}

export interface CommunicationYear {
  year: number
  total: number
  byType: Record<HistoryEventTypeCode, number>
  /** distinct clients with at least one event that year */
  companies: number
}

/** The history events among a company's timeline comments. */
export function communicationEventsOf(companyId: number, comments: Iterable<{ COMMENT?: string | null }>): CommunicationEvent[] {
  const events: CommunicationEvent[] = []
  for (const comment of comments) {
    const event = historyEventFromComment(withoutIdempotencyTag(comment.COMMENT ?? ''))
    if (event) events.push({ companyId, date: event.date, type: event.type })
  }
  return events
}

const noTypes = (): Record<HistoryEventTypeCode, number> =>
  Object.fromEntries(HISTORY_EVENT_TYPES.map((type) => [type.code, 0])) as Record<HistoryEventTypeCode, number>

/** Oldest year first; only years with an event. */
export function communicationsByYear(events: Iterable<CommunicationEvent>): { years: CommunicationYear[]; total: CommunicationYear } {
  const years = new Map<number, { row: CommunicationYear; companies: Set<number> }>()
  const total = { row: { year: 0, total: 0, byType: noTypes(), companies: 0 }, companies: new Set<number>() }
  for (const event of events) {
    const year = Number(event.date.slice(0, 4))
    if (!Number.isInteger(year) || year <= 0) continue
    let entry = years.get(year)
    if (!entry) years.set(year, (entry = { row: { year, total: 0, byType: noTypes(), companies: 0 }, companies: new Set() }))
    for (const target of [entry, total]) {
      target.row.total++
      target.row.byType[event.type]++
      target.companies.add(event.companyId)
      target.row.companies = target.companies.size
    }
  }
  return { years: [...years.values()].map((entry) => entry.row).sort((a, b) => a.year - b.year), total: total.row }
}
