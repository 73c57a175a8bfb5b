import { RestError, errors } from '../core/errors'
import type { AuthKind, SandboxApp, UserRow } from '../core/types'
import type { Store } from '../store/types'
import type { TokenService } from './tokens'

export type Credentials =
  | { kind: 'webhook'; userId: number; secret: string }
  | { kind: 'token'; token: string }
  | { kind: 'none' }

/** Who makes a REST call, and what the call may reach. */
export interface Caller {
  user: UserRow
  auth: AuthKind
  /** Operating-time account: one per app, one per webhook (b24restdocs `limits.md`). */
  clientKey: string
  /** Scopes the app was granted; null = every scope (an inbound webhook of the sandbox). */
  scopes: string[] | null
}

// b24restdocs `_includes/system-errors.md`: no active webhook with this user and secret.
const invalidCredentials = () => new RestError(401, 'INVALID_CREDENTIALS', 'Invalid request credentials')

/**
 * Resolves credentials to a caller.
 * - no auth at all → 401 NO_AUTH_FOUND (system-errors.md: "neither an access token nor a webhook code");
 * - expired token → 401 expired_token (the SDK asks the parent `refreshAuth` and retries once);
 * - unknown token → 401 invalid_token: the SDK treats it like expiry, so a tab opened before a
 *   sandbox reset recovers through `refreshAuth` instead of failing hard;
 * - wrong webhook secret → 401 INVALID_CREDENTIALS.
 */
export function authenticate(store: Store, tokens: TokenService, app: SandboxApp, credentials: Credentials): Caller {
  const users = store.table<UserRow>('users')
  if (credentials.kind === 'none') throw errors.noAuth()
  if (credentials.kind === 'webhook') {
    const user = users.get(credentials.userId)
    if (!user || !user.ACTIVE || !user.WEBHOOK_SECRET || user.WEBHOOK_SECRET !== credentials.secret) {
      throw invalidCredentials()
    }
    return { user, auth: { type: 'webhook', userId: user.ID }, clientKey: `hook:${user.ID}`, scopes: null }
  }
  const check = tokens.check(credentials.token)
  if (check.status === 'expired') throw errors.expiredToken()
  if (check.status === 'unknown') throw errors.invalidToken()
  const user = users.get(check.userId)
  if (!user || !user.ACTIVE) throw errors.invalidToken()
  return {
    user,
    auth: { type: 'oauth', appId: check.appId, accessToken: credentials.token },
    clientKey: `app:${check.appId}`,
    scopes: app.scope,
  }
}
