// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { joinOffsetPages, offsetPageCommands } from '@/b24/gateway'
import { USER_PAGES, joinUserPages, userPageCommands } from '@/b24/users'

// department.get pages with START, user.get with start; 50 rows a page
// (b24restdocs api-reference/departments/department-get.md, api-reference/user/user-get.md).
describe('offset pages in a screen batch', () => {
  it('asks for consecutive pages of 50 with the method’s own start key', () => {
    const commands = offsetPageCommands('departments', 'department.get', { sort: 'ID' }, 3, (raw) => raw as { ID: number }[], 'START')
    expect(Object.keys(commands)).toEqual(['departments0', 'departments1', 'departments2'])
    expect(Object.values(commands).map((c) => c.params)).toEqual([
      { sort: 'ID', START: 0 },
      { sort: 'ID', START: 50 },
      { sort: 'ID', START: 100 },
    ])
    expect(commands.departments1!.method).toBe('department.get')
  })

  it('joins the pages in order, once per ID, past a failed or empty page', () => {
    const pages: Record<string, { ID: number }[] | undefined> = {
      users0: [{ ID: 1 }, { ID: 2 }],
      users1: undefined, // that command failed
      users2: [{ ID: 2 }, { ID: 3 }], // the list moved between pages
    }
    expect(joinOffsetPages('users', 4, (name) => pages[name], (row) => row.ID)).toEqual([{ ID: 1 }, { ID: 2 }, { ID: 3 }])
  })

  it('reads users in the same pages everywhere', () => {
    const commands = userPageCommands((raw) => raw as { id: number }[])
    expect(Object.keys(commands)).toHaveLength(USER_PAGES)
    expect(commands[`users${USER_PAGES - 1}`]!.params).toEqual({ sort: 'ID', order: 'ASC', start: (USER_PAGES - 1) * 50 })
    const screen = { optional: (name: string) => (name === 'users0' ? [{ id: 7 }] : name === 'users1' ? [{ id: 8 }] : undefined) }
    expect(joinUserPages<{ id: number }>(screen, (u) => u.id)).toEqual([{ id: 7 }, { id: 8 }])
  })
})
