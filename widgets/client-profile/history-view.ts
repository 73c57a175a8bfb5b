import { historyChangeFromComment, historyEventFromComment, sortHistoryNewestFirst, type HistoryEvent } from '@/domain/client-profile'
import { withoutIdempotencyTag } from '@/domain/write-plan'
import type { CommentFile, CommentRow } from './dto'

/** A recorded edit or delete of an event (issue 16): who (the record's author), when, what it was. */
export interface HistoryChange {
  id: number
  by: number
  at: string
  before: HistoryEvent | null
}

export interface HistoryItem {
  id: number
  event: HistoryEvent
  authorId: number
  files: CommentFile[]
  /** The comment's text as the portal holds it (tag included): what an edit or delete records as «before». */
  raw: string
  /** Recorded edits of this event, newest first. */
  edits: HistoryChange[]
}

/** A deleted event, shown where it was by its record. */
export interface HistoryDeletion extends HistoryChange {
  eventId: number
}

function changesOf(comments: readonly CommentRow[]) {
  return [...comments]
    .sort((a, b) => b.id - a.id)
    .flatMap((comment) => {
      const record = historyChangeFromComment(withoutIdempotencyTag(comment.text))
      return record ? [{ ...record, id: comment.id, by: comment.authorId, at: comment.created }] : []
    })
}

/**
 * The company's timeline comments that are history events, newest event date first;
 * on one date the later-added first (comments arrive by ID, newest first). The app's
 * idempotency tag (`[b24app:…]`, see src/domain/write-plan) is never shown.
 */
export function historyItems(comments: readonly CommentRow[]): HistoryItem[] {
  const changes = changesOf(comments)
  const items = [...comments]
    .sort((a, b) => b.id - a.id)
    .flatMap((comment) => {
      const event = historyEventFromComment(withoutIdempotencyTag(comment.text), comment.files.map((file) => file.name))
      if (!event) return []
      const edits = changes.filter((change) => change.action === 'edited' && change.eventId === comment.id).map(({ id, by, at, before }) => ({ id, by, at, before }))
      return [{ id: comment.id, event, authorId: comment.authorId, files: comment.files, raw: comment.text, edits }]
    })
  return sortHistoryNewestFirst(items.map((item) => ({ ...item, date: item.event.date }))).map(({ date: _date, ...item }) => item)
}

/** Events deleted from the history, by their records (an event still there is not listed). */
export function historyDeletions(comments: readonly CommentRow[]): HistoryDeletion[] {
  const present = new Set(comments.map((comment) => comment.id))
  return changesOf(comments)
    .filter((change) => change.action === 'deleted' && !present.has(change.eventId))
    .map(({ id, by, at, before, eventId }) => ({ id, by, at, before, eventId }))
}
