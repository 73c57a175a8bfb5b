import type { IncomingMessage } from 'node:http'
import type { PortalServices, UserRow } from '../core/types'
import { parseCookies } from './http'

/** Cookie with the ID of the user the portal pages act as (the «user switch»). */
export const USER_COOKIE = 'sandbox_user'
/** Cookie with the interface language: `ru` (default) or `en`. */
export const LANG_COOKIE = 'lang'

export type Lang = 'ru' | 'en'

export function langOf(req: IncomingMessage): Lang {
  return parseCookies(req.headers.cookie)[LANG_COOKIE] === 'en' ? 'en' : 'ru'
}

export function allUsers(services: PortalServices): UserRow[] {
  return [...services.store.table<UserRow>('users').rows()]
}

/** The cookie's user if active; otherwise the first admin (who can install the app), else the first user. */
export function currentUser(services: PortalServices, req: IncomingMessage): UserRow | undefined {
  const users = services.store.table<UserRow>('users')
  const id = Number(parseCookies(req.headers.cookie)[USER_COOKIE])
  const chosen = Number.isInteger(id) && id > 0 ? users.get(id) : undefined
  if (chosen && chosen.ACTIVE !== false) return chosen
  const active = allUsers(services).filter((u) => u.ACTIVE !== false)
  return active.find((u) => u.IS_ADMIN) ?? active[0]
}

export function userName(user: UserRow | undefined): string {
  if (!user) return ''
  const name = [user.NAME, user.LAST_NAME].filter(Boolean).join(' ').trim()
  return name || user.EMAIL || `#${user.ID}`
}
