import type { LocalizedText } from '../fields/types'

/** «Тип события» of the communication history (P7), spelled as the seed spells them. */
export type HistoryEventTypeCode = 'LEAD_OR_CARD' | 'SIGNING' | 'AFTER_SALES'

export const HISTORY_EVENT_TYPES: readonly { code: HistoryEventTypeCode; label: LocalizedText }[] = [
  {
    code: 'LEAD_OR_CARD',
    label: { ru: 'Обработка «лида»/создание карточки клиента', en: 'Lead processing / client card created' },
  },
  { code: 'SIGNING', label: { ru: 'Подписание соглашения/договора', en: 'Agreement / contract signing' } },
  { code: 'AFTER_SALES', label: { ru: 'После продажное сопровождение', en: 'After-sales support' } },
]

export interface HistoryEvent {
  type: HistoryEventTypeCode
  comment: string
  /** Calendar date of the event, `YYYY-MM-DD`; today by default, editable. */
  date: string
  /** Names of attached files (the files themselves travel separately). */
  files: string[]
}

/** `YYYY-MM-DD` of a moment in the user's own time zone (what «today» means to them). */
export function localIsoDate(moment: Date): string {
  const month = String(moment.getMonth() + 1).padStart(2, '0')
  const day = String(moment.getDate()).padStart(2, '0')
  return `${moment.getFullYear()}-${month}-${day}`
}

export function newHistoryEvent(today: Date, type: HistoryEventTypeCode = 'LEAD_OR_CARD'): HistoryEvent {
  return { type, comment: '', date: localIsoDate(today), files: [] }
}

/** Newest first; events of the same date keep their order (later-added first is the caller's order). */
export function sortHistoryNewestFirst<T extends { date: string }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
}

/*
 * Events live as timeline comments so the portal's users see them in the card's feed.
 * The first line carries type and date in a form people can read and the tab can parse:
 *   «[Подписание соглашения/договора] 2026-03-15»
 * then the comment.
 */
const HEADER = /^\[(.+?)\] (\d{4}-\d{2}-\d{2})$/

export function historyEventToComment(event: HistoryEvent): string {
  const type = HISTORY_EVENT_TYPES.find((entry) => entry.code === event.type)
  if (!type) throw new Error(`Unknown history event type ${event.type}`)
  return `[${type.label.ru}] ${event.date}\n${event.comment}`
}

/** null for a timeline comment the tab did not write (shown as plain notes elsewhere). */
export function historyEventFromComment(text: string, files: string[] = []): HistoryEvent | null {
  const newline = text.indexOf('\n')
  const header = newline === -1 ? text : text.slice(0, newline)
  const match = HEADER.exec(header.trim())
  if (!match) return null
  const type = HISTORY_EVENT_TYPES.find((entry) => entry.label.ru === match[1])
  if (!type || match[2] === undefined) return null
  return { type: type.code, date: match[2], comment: newline === -1 ? '' : text.slice(newline + 1), files }
}

/*
 * Editing and deleting an event (issue 16): only its author may, and each change leaves a
 * record in the company's timeline, written before the change itself:
 *   «[Событие истории изменено] #123» or «[Событие истории удалено] #123»
 * then the event's text as it was. Who and when are the record's author and date.
 */
export type HistoryChangeAction = 'edited' | 'deleted'

const CHANGE_HEADERS: Record<HistoryChangeAction, string> = {
  edited: 'Событие истории изменено',
  deleted: 'Событие истории удалено',
}

const CHANGE_HEADER = /^\[(Событие истории изменено|Событие истории удалено)\] #(\d+)$/

export interface HistoryChangeRecord {
  action: HistoryChangeAction
  /** The timeline comment holding the event. */
  eventId: number
  /** The event as it was before the change (null when its text was not an event). */
  before: HistoryEvent | null
}

export function historyChangeToComment(action: HistoryChangeAction, eventId: number, beforeText: string): string {
  return `[${CHANGE_HEADERS[action]}] #${eventId}\n${beforeText}`
}

/** null for any comment that is not such a record. */
export function historyChangeFromComment(text: string): HistoryChangeRecord | null {
  const newline = text.indexOf('\n')
  const match = CHANGE_HEADER.exec((newline === -1 ? text : text.slice(0, newline)).trim())
  if (!match) return null
  const action = match[1] === CHANGE_HEADERS.edited ? 'edited' : 'deleted'
  const before = newline === -1 ? null : historyEventFromComment(text.slice(newline + 1))
  return { action, eventId: Number(match[2]), before }
}

/** Only the author edits or deletes an event (the portal refuses others' comment updates too). */
export function canChangeHistoryEvent(event: { authorId: number }, userId: number): boolean {
  return userId > 0 && event.authorId === userId
}
