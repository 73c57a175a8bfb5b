import { command } from './screen'
import type { ScreenCommand } from './screen'
import type { Params } from './transport'

/**
 * Directories that page only by offset — `department.get`, `user.get`: 50 rows a page and no
 * keyset filter — ride in a screen's one batch as a few offset pages, then are joined.
 * `pages` × 50 rows is the most a screen reads (4 pages: 200 departments).
 * b24restdocs api-reference/departments/department-get.md (`START`), user/user-get.md (`start`).
 */
export const OFFSET_PAGE_SIZE = 50

export function offsetPageCommands<T>(
  name: string,
  method: string,
  params: Params,
  pages: number,
  parse: (raw: unknown) => T[],
  startKey: 'start' | 'START' = 'start',
): Record<string, ScreenCommand<T[]>> {
  const commands: Record<string, ScreenCommand<T[]>> = {}
  for (let page = 0; page < pages; page++) {
    commands[`${name}${page}`] = command(method, { ...params, [startKey]: page * OFFSET_PAGE_SIZE }, parse)
  }
  return commands
}

/**
 * The pages' rows in order; a row that two pages returned (the list moved meanwhile) once.
 * `pageOf` reads one page's parsed rows from the screen result (undefined when it failed).
 */
export function joinOffsetPages<T>(
  name: string,
  pages: number,
  pageOf: (commandName: string) => T[] | undefined,
  idOf: (row: T) => string | number,
): T[] {
  const rows: T[] = []
  const seen = new Set<string>()
  for (let page = 0; page < pages; page++) {
    for (const row of pageOf(`${name}${page}`) ?? []) {
      const id = String(idOf(row))
      if (seen.has(id)) continue
      seen.add(id)
      rows.push(row)
    }
  }
  return rows
}
