import { z } from 'zod/mini'
import { joinOffsetPages, offsetPageCommands } from './gateway/offset-pages'
import type { ScreenCommand } from './gateway/screen'
import { restId as id, restText as text, rowsOf } from './rest-values'

/** A portal user as the widgets show them: the ID and a display name. */
export interface UserRef {
  id: number
  name: string
}

// b24restdocs api-reference/user/user-get.md (a list; IDs may come as strings)
const userSchema = z.object({ ID: id, NAME: text, LAST_NAME: text })

/** `user.get` → users named «Имя Фамилия», or `#ID` when the portal has no name. */
export function parseUsers(raw: unknown): UserRef[] {
  return rowsOf(raw).map((row) => {
    const user = userSchema.parse(row)
    const name = [user.NAME, user.LAST_NAME].map((part) => part.trim()).filter(Boolean).join(' ')
    return { id: user.ID, name: name || `#${user.ID}` }
  })
}

// b24restdocs api-reference/user/user-current.md
/** `user.current` → the ID of the user the app runs as. */
export function parseCurrentUser(raw: unknown): number {
  return z.object({ ID: id }).parse(raw).ID
}

/** Users a screen reads for names and pickers: 10 offset pages in its batch, up to 500. */
export const USER_PAGES = 10

/** `user.get` offset pages for a screen's batch, named `users0` … `users9`. */
export function userPageCommands<T>(parse: (raw: unknown) => T[]): Record<string, ScreenCommand<T[]>> {
  return offsetPageCommands('users', 'user.get', { sort: 'ID', order: 'ASC' }, USER_PAGES, parse)
}

/** The users of those pages, joined. */
export function joinUserPages<T>(screen: { optional(name: never): unknown }, idOf: (user: T) => string | number): T[] {
  return joinOffsetPages('users', USER_PAGES, (name) => screen.optional(name as never) as T[] | undefined, idOf)
}
