// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ListPage, type CallContext, type UserRow } from '../../../core/types'
import { MemoryStore } from '../../../store/memory-store'
import { seedPeople } from '../../../demo/people'
import { selectUsers, userMethods } from './users'

function context(store: MemoryStore, userId = 1): CallContext {
  const user = store.table<UserRow>('users').get(userId)!
  return { store, user, auth: { type: 'webhook', userId }, now: () => new Date(0), origin: 'http://localhost:4000', allowLocalHandlers: false, call: async () => null }
}

function ids(params: Record<string, unknown>, store = seeded()): number[] {
  return selectUsers(store.table<UserRow>('users').rows(), params).map((user) => user.ID)
}

function seeded(): MemoryStore {
  const store = new MemoryStore()
  seedPeople(store)
  return store
}

// Filter prefixes, sort/order and paging: b24restdocs `api-reference/user/user-get.md`.
describe('user.get', () => {
  it('filters by UF_DEPARTMENT (a multiple field), in FILTER or at the top level', () => {
    expect(ids({ FILTER: { UF_DEPARTMENT: 2 } })).toEqual([2, 3, 4])
    expect(ids({ UF_DEPARTMENT: '2' })).toEqual([2, 3, 4])
    expect(ids({ filter: { '@UF_DEPARTMENT': [4, 5] } })).toEqual([6, 7])
    expect(ids({ FILTER: { '!UF_DEPARTMENT': 2 } })).toEqual([1, 5, 6, 7])
  })

  it('applies comparison, IN, LIKE and substring prefixes', () => {
    expect(ids({ FILTER: { '>ID': 5 } })).toEqual([6, 7])
    expect(ids({ FILTER: { '>=ID': 5, '<ID': 7 } })).toEqual([5, 6])
    expect(ids({ FILTER: { '@ID': ['1', '3'] } })).toEqual([1, 3])
    expect(ids({ FILTER: { '!@ID': [1, 2, 3, 4, 5] } })).toEqual([6, 7])
    expect(ids({ FILTER: { NAME: 'Ол%' } })).toEqual([4])
    expect(ids({ FILTER: { '%LAST_NAME': 'ова' } })).toEqual([2, 6, 7])
    expect(ids({ FILTER: { '!%LAST_NAME': 'ов' } })).toEqual([4, 5])
    expect(ids({ FILTER: { '=%WORK_POSITION': 'Менеджер%' } })).toEqual([3, 4])
    expect(ids({ FILTER: { NAME_SEARCH: 'морозова' } })).toEqual([2])
    expect(ids({ FILTER: { ACTIVE: true, USER_TYPE: 'employee' } })).toHaveLength(7)
  })

  it('sorts by the given field and order', () => {
    expect(ids({ sort: 'LAST_NAME', order: 'asc' })).toEqual([6, 4, 3, 5, 2, 7, 1])
    expect(ids({ SORT: 'ID', ORDER: 'DESC' })).toEqual([7, 6, 5, 4, 3, 2, 1])
  })

  it('answers a page with string IDs, total and no sandbox-only fields; start=-1 skips the count', async () => {
    const store = seeded()
    const page = (await userMethods['user.get']!.handler(context(store), { FILTER: { UF_DEPARTMENT: 2 } })) as ListPage
    expect(page).toBeInstanceOf(ListPage)
    expect(page.total).toBe(3)
    const first = (page.result as Array<Record<string, unknown>>)[0]!
    expect(first).toMatchObject({ ID: '2', ACTIVE: true, LAST_NAME: 'Морозова', UF_DEPARTMENT: [2], USER_TYPE: 'employee' })
    expect(first).not.toHaveProperty('WEBHOOK_SECRET')
    expect(first).not.toHaveProperty('IS_ADMIN')
    const fast = (await userMethods['user.get']!.handler(context(store), { start: -1 })) as ListPage
    expect(fast.total).toBe(0)
    expect(fast.next).toBeUndefined()
    expect(fast.result).toHaveLength(7)
  })

  it('user.access: admins always, others by U/D/DR/AU codes', async () => {
    const store = seeded()
    const access = (userId: number, ACCESS: string[]) => userMethods['user.access']!.handler(context(store, userId), { ACCESS })
    expect(await access(1, ['U99'])).toBe(true)
    expect(await access(3, ['U3'])).toBe(true)
    expect(await access(3, ['U4', 'D3'])).toBe(false)
    expect(await access(3, ['D2'])).toBe(true)
    expect(await access(3, ['DR1'])).toBe(true)
    expect(await access(3, ['AU'])).toBe(true)
  })
})
