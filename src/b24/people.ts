import { joinOffsetPages, offsetPageCommands, type Gateway, type ScreenCommands } from '@/b24/gateway'
import { joinUserPages, userPageCommands } from '@/b24/users'
import { toReportDepartment, toReportUser } from '@/domain/reports/normalize'
import { metaCommands } from '@/domain/reports/read-plan'
import type { RawDepartmentRow, RawUserRow, ReportDepartment, ReportUser } from '@/domain/reports/types'

/*
 * The portal's departments and users as the reports read them: the report page, the sales plans
 * settings and the runner's weekly digest (which has no widgets at hand, hence here).
 */

const asArray = <T>(raw: unknown): T[] => (Array.isArray(raw) ? (raw as T[]) : [])

/** department.get pages by offset (50 a page): 4 pages ride in the screen batch, as the users' do. */
const DEPARTMENT_PAGES = 4

/** Departments and users in one screen batch (4 pages of each ride along). */
export function peopleCommands(): ScreenCommands {
  const departments = metaCommands().departments!
  return {
    ...offsetPageCommands('departments', departments.method, departments.params, DEPARTMENT_PAGES, (raw) => asArray<RawDepartmentRow>(raw), 'START'),
    ...userPageCommands((raw) => asArray<RawUserRow>(raw)),
  }
}

/** The departments and users a screen read with `peopleCommands`. */
export function peopleOf(screen: { optional(name: string): unknown }): { departments: RawDepartmentRow[]; users: RawUserRow[] } {
  return {
    departments: joinOffsetPages('departments', DEPARTMENT_PAGES, (name) => screen.optional(name) as RawDepartmentRow[] | undefined, (d) => d.ID),
    users: joinUserPages<RawUserRow>(screen as never, (u) => u.ID),
  }
}

/** Departments and users, typed, for screens that need only them (the sales plans settings): one request. */
export async function readPeople(gateway: Gateway): Promise<{ departments: ReportDepartment[]; users: ReportUser[] }> {
  const people = peopleOf(await gateway.loadScreen(peopleCommands()))
  return { departments: people.departments.map(toReportDepartment), users: people.users.map(toReportUser) }
}

