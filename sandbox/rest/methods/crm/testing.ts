import { RestError, errors } from '../../../core/errors'
import { ListPage, type CallContext, type DepartmentRow, type UserRow } from '../../../core/types'
import { MemoryStore } from '../../../store/memory-store'
import type { Store } from '../../../store/types'
import { crmMethods } from './index'

/**
 * Unit-test scaffolding: a memory store with the people of the stories (ids 1–7) and a caller that
 * runs crm handlers as the router would (admin-only check, ListPage unwrapped to {result,total,next}).
 */

const person = (id: number, name: string, last: string, dept: number[], access: UserRow['CRM_ACCESS'], admin = false): Omit<UserRow, 'ID'> => ({
  ACTIVE: true,
  NAME: name,
  LAST_NAME: last,
  SECOND_NAME: '',
  EMAIL: `user${id}@example.ru`,
  WORK_POSITION: '',
  PERSONAL_GENDER: '',
  PERSONAL_PHOTO: '',
  TIME_ZONE: 'Europe/Moscow',
  UF_DEPARTMENT: dept,
  IS_ADMIN: admin,
  CRM_ACCESS: access,
  WEBHOOK_SECRET: `secret${id}`,
})

export function peopleStore(): Store {
  const store = new MemoryStore()
  const deps = store.table<DepartmentRow>('departments')
  deps.insert({ NAME: 'Компания', SORT: 100, PARENT: null, UF_HEAD: 1 })
  deps.insert({ NAME: 'Отдел продаж', SORT: 200, PARENT: 1, UF_HEAD: 2 })
  deps.insert({ NAME: 'Группа Товары', SORT: 300, PARENT: 2, UF_HEAD: null })
  deps.insert({ NAME: 'Бухгалтерия', SORT: 400, PARENT: 1, UF_HEAD: 7 })
  const users = store.table<UserRow>('users')
  users.insert(person(1, 'Админ', 'Порталов', [1], 'X', true))
  users.insert(person(2, 'Ирина', 'Руководова', [2], 'D'))
  users.insert(person(3, 'Павел', 'Менеджеров', [3], 'A'))
  users.insert(person(4, 'Олег', 'Продажин', [2], 'A'))
  users.insert(person(5, 'Нина', 'Продуктова', [2], 'A'))
  users.insert(person(6, 'Виктор', 'Согласов', [1], 'A'))
  users.insert(person(7, 'Анна', 'Счетова', [4], 'A'))
  return store
}

export interface Reply {
  result: unknown
  total?: number
  next?: number
}

export function caller(store: Store, userId: number, now = new Date('2026-03-02T09:00:00Z')) {
  const user = store.table<UserRow>('users').get(userId)
  if (!user) throw new Error(`no user ${userId}`)
  const ctx: CallContext = {
    store,
    user,
    auth: { type: 'webhook', userId },
    now: () => now,
    origin: 'http://localhost:4000',
    allowLocalHandlers: false,
    call: async (method, params) => (await call(method, params)).result,
  }
  async function call(method: string, params: Record<string, unknown> = {}): Promise<Reply> {
    const spec = crmMethods[method]
    if (!spec) throw errors.methodNotFound()
    if (spec.adminOnly && !user!.IS_ADMIN) throw errors.accessDenied()
    const value = await spec.handler(ctx, params)
    if (value instanceof ListPage) return { result: value.result, total: value.total, ...(value.next !== undefined ? { next: value.next } : {}) }
    return { result: value }
  }
  return { ctx, call }
}

/** The RestError a call fails with (or a failed expectation). */
export async function failure(promise: Promise<unknown>): Promise<RestError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof RestError) return e
    throw e
  }
  throw new Error('expected the call to fail')
}
