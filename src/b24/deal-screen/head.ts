import type { DepartmentDto } from './dto'

/**
 * «Руководитель ответственного» (N3) from the portal's departments: the head of the
 * user's first department; when the user heads it themselves, the head of the parent
 * department, and so on up. Null when no one above the user is set as a head.
 */
export function resolveHead(userId: number, userDepartments: readonly (string | number)[], departments: readonly DepartmentDto[]): number | null {
  const byId = new Map(departments.map((d) => [Number(d.ID), d]))
  const seen = new Set<number>()
  let current = byId.get(Number(userDepartments[0]))
  while (current && !seen.has(Number(current.ID))) {
    seen.add(Number(current.ID))
    const head = Number(current.UF_HEAD ?? 0)
    if (head > 0 && head !== userId) return head
    current = current.PARENT ? byId.get(Number(current.PARENT)) : undefined
  }
  return null
}
