import type { DepartmentRow, UserRow } from '../../../core/types'
import type { Store } from '../../../store/types'
import type { CrmRow } from './entities'

/**
 * CRM record rights of a user, as a CRM role grants them (sandbox `UserRow.CRM_ACCESS`):
 * `X` every record; `D` records whose responsible sits in the user's departments or below;
 * `A` own records, plus reading records marked OPENED = 'Y'. Admins have `X`.
 */
export interface CrmRights {
  canRead(row: CrmRow): boolean
  canWrite(row: CrmRow): boolean
  /** True when every record is readable (lets list methods skip the check). */
  readsAll: boolean
}

export function crmRights(store: Store, user: UserRow): CrmRights {
  const level = user.IS_ADMIN ? 'X' : user.CRM_ACCESS
  if (level === 'X') return { canRead: () => true, canWrite: () => true, readsAll: true }
  if (level === 'D') {
    const colleagues = usersOfDepartments(store, departmentSubtree(store, user.UF_DEPARTMENT ?? []))
    colleagues.add(user.ID)
    const mine = (row: CrmRow) => colleagues.has(Number(row.ASSIGNED_BY_ID))
    return { canRead: (row) => mine(row) || row.OPENED === 'Y', canWrite: mine, readsAll: false }
  }
  const own = (row: CrmRow) => Number(row.ASSIGNED_BY_ID) === user.ID
  return { canRead: (row) => own(row) || row.OPENED === 'Y', canWrite: own, readsAll: false }
}

/** The given departments and every department below them (table `departments`, field PARENT). */
export function departmentSubtree(store: Store, roots: number[]): Set<number> {
  const children = new Map<number, number[]>()
  for (const d of store.table<DepartmentRow>('departments').rows()) {
    if (d.PARENT == null) continue
    const list = children.get(d.PARENT) ?? []
    list.push(d.ID)
    children.set(d.PARENT, list)
  }
  const result = new Set<number>()
  const queue = [...roots]
  while (queue.length) {
    const id = queue.pop()!
    if (result.has(id)) continue
    result.add(id)
    queue.push(...(children.get(id) ?? []))
  }
  return result
}

export function usersOfDepartments(store: Store, departments: Set<number>): Set<number> {
  const ids = new Set<number>()
  for (const u of store.table<UserRow>('users').rows()) {
    if ((u.UF_DEPARTMENT ?? []).some((d) => departments.has(d))) ids.add(u.ID)
  }
  return ids
}

/** Users the given user heads (directly or through sub-departments); used for task visibility. */
export function subordinatesOf(store: Store, userId: number): Set<number> {
  const headed = [...store.table<DepartmentRow>('departments').rows()].filter((d) => d.UF_HEAD === userId).map((d) => d.ID)
  return headed.length ? usersOfDepartments(store, departmentSubtree(store, headed)) : new Set()
}
