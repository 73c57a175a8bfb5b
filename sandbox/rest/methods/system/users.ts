import { pageOf } from '../../../core/paging'
import type { MethodTable, Params, UserRow } from '../../../core/types'
import { compileFilter, parseFilter, parseFilterKey } from '../../filter'
import { userField, userView } from './user-view'

const NOT_FILTER = new Set(['sort', 'order', 'start', 'admin_mode', 'filter', 'select'])

/** FILTER (or `filter`), plus the legacy form where filter keys sit at the top level. */
function filterOf(params: Params): Record<string, unknown> {
  const nested = params.FILTER ?? params.filter
  const filter: Record<string, unknown> = nested && typeof nested === 'object' ? { ...(nested as object) } : {}
  for (const [key, value] of Object.entries(params)) {
    if (!NOT_FILTER.has(key.toLowerCase())) filter[key] = value
  }
  return filter
}

const SEARCH_FIELDS = ['NAME', 'LAST_NAME', 'SECOND_NAME', 'EMAIL', 'WORK_POSITION'] as const

const hasWildcard = (value: unknown): boolean =>
  (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && item.includes('%'))

/**
 * A test of `user.get`'s filter: the REST filter engine, plus NAME_SEARCH (every word in a
 * name, e-mail or position) and a `%` in a plain value read as a LIKE wildcard, as user.get
 * reads it (crm.* methods compare such a value exactly).
 */
export function userFilter(filter: Record<string, unknown>): (user: UserRow) => boolean {
  const searches: string[][] = []
  const engine: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filter)) {
    const { field, op } = parseFilterKey(key)
    if (field.toUpperCase() === 'NAME_SEARCH') searches.push(String(value).toLowerCase().split(/\s+/).filter(Boolean))
    else if (hasWildcard(value) && (op === 'eq' || op === 'in')) engine[`=%${field}`] = value
    else if (hasWildcard(value) && (op === 'neq' || op === 'notIn')) engine[`!=%${field}`] = value
    else engine[key] = value
  }
  const matchesFields = compileFilter(parseFilter(engine, { mapField: (field) => field.toUpperCase() }), userField)
  return (user) => {
    const text = SEARCH_FIELDS.map((field) => user[field]).join(' ').toLowerCase()
    return searches.every((words) => words.every((word) => text.includes(word))) && matchesFields(user)
  }
}

/** Filters and orders users as `user.get` does (default: by ID ascending). */
export function selectUsers(users: Iterable<UserRow>, params: Params): UserRow[] {
  const filter = filterOf(params)
  const sortField = String(params.sort ?? params.SORT ?? 'ID').toUpperCase()
  const descending = String(params.order ?? params.ORDER ?? 'ASC').toUpperCase() === 'DESC'
  const rows = [...users].filter(userFilter(filter))
  rows.sort((a, b) => {
    const x = userField(a, sortField)
    const y = userField(b, sortField)
    const diff = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''), 'ru')
    return (descending ? -diff : diff) || a.ID - b.ID
  })
  return rows
}

/** user.* and profile (b24restdocs `api-reference/user/`, `api-reference/common/users/`). */
export const userMethods: MethodTable = {
  profile: {
    scope: 'basic',
    handler: ({ user }) => ({
      ID: String(user.ID),
      ADMIN: user.IS_ADMIN,
      NAME: user.NAME,
      LAST_NAME: user.LAST_NAME,
      PERSONAL_GENDER: user.PERSONAL_GENDER,
      TIME_ZONE: user.TIME_ZONE,
      ...(user.PERSONAL_PHOTO ? { PERSONAL_PHOTO: user.PERSONAL_PHOTO } : {}),
    }),
  },
  'user.current': { scope: 'user', handler: ({ user }) => userView(user) },
  'user.get': {
    scope: 'user',
    handler: ({ store }, params) =>
      pageOf(selectUsers(store.table<UserRow>('users').rows(), params), params.start ?? params.START, userView),
  },
  'user.admin': { scope: 'basic', handler: ({ user }) => user.IS_ADMIN },
  'user.access': {
    scope: 'basic',
    handler: ({ user, store }, params) => {
      if (user.IS_ADMIN) return true
      const raw = params.ACCESS ?? params.access
      const codes = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [raw]).map(String)
      const departments = store.table<{ ID: number; PARENT: number | null }>('departments')
      // DR<n>: the department and every one below it.
      const inTree = (deptId: number, root: number) => {
        for (let id: number | null = deptId, guard = 0; id && guard < 50; guard++) {
          if (id === root) return true
          id = departments.get(id)?.PARENT ?? null
        }
        return false
      }
      return codes.some((code) => {
        if (code === 'AU' || code === 'G2') return true // all authorised users / all employees
        if (code === `U${user.ID}`) return true
        const d = code.match(/^D(R?)(\d+)$/)
        if (d) return user.UF_DEPARTMENT.some((id) => (d[1] ? inTree(id, Number(d[2])) : id === Number(d[2])))
        return false
      })
    },
  },
}
