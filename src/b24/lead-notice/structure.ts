import { joinOffsetPages, offsetPageCommands, type ScreenCommands, type ScreenResult } from '@/b24/gateway'
import { parseDepartments, parsePeople, type DepartmentRow, type PersonRow } from './dto'

/*
 * The company's people and departments for the notice's names and the head in copy: offset
 * pages in one batch (500 users, 200 departments; b24restdocs api-reference/user/user-get.md,
 * api-reference/departments/department-get.md).
 */

const PEOPLE_PAGES = 10
const DEPARTMENT_PAGES = 4

/** user.get FILTER of the people who can be recipients: active employees (not extranet, not fired). */
export const ACTIVE_EMPLOYEES = { ACTIVE: true, USER_TYPE: 'employee' } as const

/** `activeOnly`: the people are the active employees only (the settings' choice), else everyone (names). */
export function structureCommands(options: { activeOnly?: boolean } = {}) {
  const filter = options.activeOnly ? { FILTER: ACTIVE_EMPLOYEES } : {}
  return {
    ...offsetPageCommands('people', 'user.get', { sort: 'ID', order: 'ASC', ...filter }, PEOPLE_PAGES, parsePeople),
    ...offsetPageCommands('departments', 'department.get', { sort: 'ID', order: 'ASC' }, DEPARTMENT_PAGES, parseDepartments, 'START'),
  }
}

export function joinStructure<C extends ScreenCommands>(screen: ScreenResult<C>): { people: PersonRow[]; departments: DepartmentRow[] } {
  const page = <T>(name: string) => screen.optional(name as never) as T[] | undefined
  return {
    people: joinOffsetPages('people', PEOPLE_PAGES, (name) => page<PersonRow>(name), (p) => p.id),
    departments: joinOffsetPages('departments', DEPARTMENT_PAGES, (name) => page<DepartmentRow>(name), (d) => d.id),
  }
}
