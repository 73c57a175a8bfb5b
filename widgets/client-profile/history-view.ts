import { historyEventFromComment, sortHistoryNewestFirst, type HistoryEvent } from '@/domain/client-profile'
import { withoutIdempotencyTag } from '@/domain/write-plan'
import type { CommentFile, CommentRow } from './dto'

export interface HistoryItem {
  id: number
  event: HistoryEvent
  authorId: number
  files: CommentFile[]
}

/**
 * The company's timeline comments that are history events, newest event date first;
 * on one date the later-added first (comments arrive by ID, newest first). The app's
 * idempotency tag (`[b24app:…]`, see src/domain/write-plan) is never shown.
 */
export function historyItems(comments: readonly CommentRow[]): HistoryItem[] {
  const items = [...comments]
    .sort((a, b) => b.id - a.id)
    .flatMap((comment) => {
      const event = historyEventFromComment(withoutIdempotencyTag(comment.text), comment.files.map((file) => file.name))
      return event ? [{ id: comment.id, event, authorId: comment.authorId, files: comment.files }] : []
    })
  return sortHistoryNewestFirst(items.map((item) => ({ ...item, date: item.event.date }))).map(({ date: _date, ...item }) => item)
}
