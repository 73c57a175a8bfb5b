// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { historyChangeToComment } from '@/domain/client-profile'
import { historyDeletions, historyItems } from './history-view'

describe('history list', () => {
  it('never shows the app’s idempotency tag of a comment it wrote', () => {
    const items = historyItems([
      { id: 5, authorId: 3, created: '', text: '[Подписание соглашения/договора] 2026-03-05\nОтправлен LOI\n[b24app:3f2a-event]', files: [] },
      { id: 4, authorId: 3, created: '', text: 'Статус клиента: Новый → Не активен\n[b24app:9c1d-comment]', files: [] },
    ])
    expect(items).toHaveLength(1)
    expect(items[0]!.event).toEqual({ type: 'SIGNING', date: '2026-03-05', comment: 'Отправлен LOI', files: [] })
  })

  it('shows an event’s recorded edits (who, when, what it was) and deleted events by their records (issue 16)', () => {
    const was = '[Подписание соглашения/договора] 2026-03-05\nОтправлен LOI\n[b24app:3f2a-event]'
    const comments = [
      { id: 5, authorId: 3, created: '2026-03-05T10:00:00+03:00', text: '[Подписание соглашения/договора] 2026-03-05\nПодписан LOI\n[b24app:3f2a-event]', files: [] },
      { id: 6, authorId: 3, created: '2026-03-06T09:00:00+03:00', text: `${historyChangeToComment('edited', 5, was)}\n[b24app:e1-record]`, files: [] },
      { id: 8, authorId: 3, created: '2026-03-07T09:00:00+03:00', text: `${historyChangeToComment('deleted', 7, '[После продажное сопровождение] 2026-03-01\nЗвонок')}\n[b24app:d1-record]`, files: [] },
    ]
    const [item] = historyItems(comments)
    expect(item!.event.comment).toBe('Подписан LOI')
    expect(item!.raw).toBe(comments[0]!.text)
    expect(item!.edits).toEqual([{ id: 6, by: 3, at: '2026-03-06T09:00:00+03:00', before: { type: 'SIGNING', date: '2026-03-05', comment: 'Отправлен LOI', files: [] } }])
    expect(historyItems(comments)).toHaveLength(1)
    expect(historyDeletions(comments)).toEqual([
      { id: 8, by: 3, at: '2026-03-07T09:00:00+03:00', eventId: 7, before: { type: 'AFTER_SALES', date: '2026-03-01', comment: 'Звонок', files: [] } },
    ])
  })
})
