import { z } from 'zod'
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
