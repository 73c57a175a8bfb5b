import { describe, expect, it } from 'vitest'
import { historyItems } from './history-view'

describe('history list', () => {
  it('never shows the app’s idempotency tag of a comment it wrote', () => {
    const items = historyItems([
      { id: 5, authorId: 3, created: '', text: '[Подписание соглашения/договора] 2026-03-05\nОтправлен LOI\n[b24app:3f2a-event]', files: [] },
      { id: 4, authorId: 3, created: '', text: 'Статус клиента: Новый → Не активен\n[b24app:9c1d-comment]', files: [] },
    ])
    expect(items).toHaveLength(1)
    expect(items[0]!.event).toEqual({ type: 'SIGNING', date: '2026-03-05', comment: 'Отправлен LOI', files: [] })
  })
})
