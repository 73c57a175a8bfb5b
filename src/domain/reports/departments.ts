import type { ReportDepartment, ReportUser } from './types'

/**
 * The portal's department tree (`department.get`, PARENT links) with the lookups reports need:
 * a department's whole subtree (filters and roll-ups) and its ancestors.
 */
export class DepartmentTree {
  readonly byId: ReadonlyMap<number, ReportDepartment>
  private readonly children = new Map<number, number[]>()

  constructor(departments: readonly ReportDepartment[]) {
    this.byId = new Map(departments.map((d) => [d.id, d]))
    for (const d of departments) {
      if (!this.byId.has(d.parentId)) continue
      const list = this.children.get(d.parentId) ?? []
      list.push(d.id)
      this.children.set(d.parentId, list)
    }
  }

  childrenOf(id: number): readonly number[] {
    return this.children.get(id) ?? []
  }

  /** The department and every department below it. */
  subtree(id: number): Set<number> {
    const result = new Set<number>()
    const stack = [id]
    while (stack.length > 0) {
      const current = stack.pop()!
      if (result.has(current)) continue // a cycle in bad data must not hang the report
      result.add(current)
      stack.push(...this.childrenOf(current))
    }
    return result
  }

  /** Ancestors from the direct parent up to the root (the department itself excluded). */
  ancestors(id: number): number[] {
    const result: number[] = []
    const seen = new Set([id])
    let parent = this.byId.get(id)?.parentId ?? 0
    while (parent && this.byId.has(parent) && !seen.has(parent)) {
      result.push(parent)
      seen.add(parent)
      parent = this.byId.get(parent)?.parentId ?? 0
    }
    return result
  }

  depth(id: number): number {
    return this.ancestors(id).length
  }

  /** Departments with no known parent. */
  roots(): number[] {
    return [...this.byId.values()].filter((d) => !this.byId.has(d.parentId)).map((d) => d.id)
  }
}

/** A user's department for the reports: the first of UF_DEPARTMENT (0 when none). */
export function primaryDepartment(user: ReportUser | undefined): number {
  return user?.departmentIds[0] ?? 0
}
