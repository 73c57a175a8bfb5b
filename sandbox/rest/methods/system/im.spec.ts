// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { CallContext, UserRow } from '../../../core/types'
import { seedPeople } from '../../../demo/people'
import { MemoryStore } from '../../../store/memory-store'
import { imMethods } from './im'

// b24restdocs `api-reference/chats/notifications/im-notify-system-add.md` (TAG replaces),
// `im-notify-get.md` (the caller's own notifications, newest first, LAST_ID with LAST_TYPE).

function context(store: MemoryStore, userId: number, at: number): CallContext {
  const user = store.table<UserRow>('users').get(userId)!
  return { store, user, auth: { type: 'oauth', appId: 'app', accessToken: 'token' }, now: () => new Date(at), origin: 'http://localhost:4000', allowLocalHandlers: false, call: async () => null }
}

const call = (store: MemoryStore, method: string, userId: number, params: Record<string, unknown>, at = 0) => imMethods[method]!.handler(context(store, userId, at), params)

describe('im.notify.get', () => {
  it('gives each user his own notifications, newest first, a repeated TAG once', async () => {
    const store = new MemoryStore()
    seedPeople(store)
    await call(store, 'im.notify.system.add', 1, { USER_ID: 3, MESSAGE: 'Первое', TAG: 'T1' }, 1_000)
    await call(store, 'im.notify.system.add', 1, { USER_ID: 3, MESSAGE: 'Первое ещё раз', TAG: 'T1' }, 2_000)
    await call(store, 'im.notify.personal.add', 2, { USER_ID: 3, MESSAGE: 'Второе' }, 3_000)
    await call(store, 'im.notify.system.add', 1, { USER_ID: 2, MESSAGE: 'Чужое', TAG: 'T2' }, 4_000)

    const mine = (await call(store, 'im.notify.get', 3, {})) as { total_count: number; notifications: Array<Record<string, unknown>>; users: Array<{ id: number }> }
    expect(mine.total_count).toBe(2)
    expect(mine.notifications.map((n) => [n.text, n.notify_tag, n.notify_type, n.author_id, n.notify_read])).toEqual([
      ['Второе', '', 2, 2, 'N'],
      ['Первое ещё раз', 'T1', 4, 0, 'N'],
    ])
    expect(mine.users.map((u) => u.id)).toEqual([2])

    const next = (await call(store, 'im.notify.get', 3, { LAST_ID: mine.notifications[0]!.id, LAST_TYPE: 3, LIMIT: 1 })) as { notifications: Array<{ text: string }> }
    expect(next.notifications.map((n) => n.text)).toEqual(['Первое ещё раз'])
  })

  it('refuses LAST_ID without LAST_TYPE', () => {
    const store = new MemoryStore()
    seedPeople(store)
    expect(() => call(store, 'im.notify.get', 3, { LAST_ID: 5 })).toThrow(/LAST_ID and LAST_TYPE/)
  })
})
