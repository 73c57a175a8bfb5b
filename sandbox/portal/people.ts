import type { DepartmentRow, UserRow } from '../core/types'
import type { Store } from '../store/types'
import { userName } from './session'

/** `selectUser` reply item (SDK `SelectedUser`): ids as strings, sub/sup relative to the caller. */
export interface SelectedUserView {
  id: string
  name: string
  photo: string
  position: string
  url: string
  sub: boolean
  sup: boolean
}

/** The department and all its parents, nearest first. */
function lineOf(departments: Map<number, DepartmentRow>, id: number): DepartmentRow[] {
  const out: DepartmentRow[] = []
  const seen = new Set<number>()
  let current = departments.get(id)
  while (current && !seen.has(current.ID)) {
    out.push(current)
    seen.add(current.ID)
    current = current.PARENT ? departments.get(current.PARENT) : undefined
  }
  return out
}

/** True when `boss` heads one of `person`'s departments or a department above them. */
export function isHeadOf(departments: Map<number, DepartmentRow>, boss: UserRow, person: UserRow): boolean {
  if (boss.ID === person.ID) return false
  return (person.UF_DEPARTMENT ?? []).some((dep) => lineOf(departments, dep).some((d) => d.UF_HEAD === boss.ID))
}

export function departmentMap(store: Store): Map<number, DepartmentRow> {
  return new Map([...store.table<DepartmentRow>('departments').rows()].map((d) => [d.ID, d]))
}

export function selectedUserView(store: Store, departments: Map<number, DepartmentRow>, me: UserRow | undefined, user: UserRow): SelectedUserView {
  return {
    id: String(user.ID),
    name: userName(user),
    photo: user.PERSONAL_PHOTO ?? '',
    position: user.WORK_POSITION ?? '',
    url: `/company/personal/user/${user.ID}/`,
    sub: me ? isHeadOf(departments, me, user) : false,
    sup: me ? isHeadOf(departments, user, me) : false,
  }
}
