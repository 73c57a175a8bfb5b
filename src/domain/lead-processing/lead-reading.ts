import { normalizeForSearch } from '../client-profile/search'
import { labelText, type ObjectsDirectory } from '../sale/objects-directory'
import type { LeadStatusCode } from './statuses'

/*
 * How a lead as the portal holds it reads in L1–L3 terms, shared by the lead tab and the
 * runner: its processing status, its object type and the head who gets the notice in copy.
 */

/** The portal's own stage when the tab has not written one yet (a lead made elsewhere). */
export function leadStatusFromPortal(statusId: string): LeadStatusCode {
  if (statusId === 'UC_REQUEST') return 'REQUEST'
  if (statusId === 'IN_PROCESS') return 'NEEDS'
  if (statusId === 'PROCESSED' || statusId === 'CONVERTED' || statusId === 'JUNK') return 'PROCESSED'
  return 'NEW'
}

/** A lead from an older form names its object type only in the text («Тип объекта: Аптека»): matched by name. */
export function objectTypeFromText(comments: string, directory: ObjectsDirectory): string | null {
  const match = /Тип объекта:\s*(.+)/.exec(comments)
  if (!match) return null
  const comparable = (text: string) => normalizeForSearch(text).replace(/\s*-\s*/g, '-')
  const wanted = comparable(match[1]!)
  return directory.objectTypes.find((type) => comparable(labelText(type.label)) === wanted)?.code ?? null
}

/** A user with the departments he belongs to (user.get UF_DEPARTMENT), first one his own. */
export interface PersonInDepartments {
  id: number
  departments: number[]
}

/** A department with its parent and head (department.get PARENT, UF_HEAD). */
export interface DepartmentNode {
  id: number
  parent: number | null
  head: number | null
}

/**
 * The head of a person's department from the portal's structure (N3): the department's
 * UF_HEAD, walking up while that is the person himself or empty.
 */
export function headOf(userId: number, people: readonly PersonInDepartments[], departments: readonly DepartmentNode[]): number | null {
  const person = people.find((entry) => entry.id === userId)
  let department = departments.find((entry) => entry.id === person?.departments[0])
  const seen = new Set<number>()
  while (department && !seen.has(department.id)) {
    seen.add(department.id)
    if (department.head !== null && department.head !== userId) return department.head
    department = departments.find((entry) => entry.id === department!.parent)
  }
  return null
}
