import { randomBytes } from 'node:crypto'
import type { IssuedTokens } from '../core/types'
import type { Row, Store } from '../store/types'

/** One OAuth-like grant, stored so a sandbox restart keeps open tabs working. */
export interface TokenRow extends Row {
  accessToken: string
  /** Empty once used: a refresh token renews exactly once. */
  refreshToken: string
  userId: number
  appId: string
  /** Unix ms. */
  expiresAt: number
  refreshExpiresAt: number
}

export const TOKENS_TABLE = 'oauthTokens'
/** Refresh tokens live 180 days (b24restdocs `settings/oauth/index.md`). */
const REFRESH_TTL_MS = 180 * 24 * 3600_000

export type TokenCheck =
  | { status: 'valid'; userId: number; appId: string }
  | { status: 'expired' }
  | { status: 'unknown' }

const newToken = () => randomBytes(24).toString('hex')

/** Issues, refreshes and checks access tokens bound to (user, app), on the sandbox clock. */
export class TokenService {
  private readonly byAccess = new Map<string, number>()
  private readonly byRefresh = new Map<string, number>()

  constructor(
    private readonly store: Store,
    private readonly nowMs: () => number,
    private readonly ttlSeconds: () => number,
  ) {}

  private get table() {
    return this.store.table<TokenRow>(TOKENS_TABLE)
  }

  issue(userId: number, appId: string): IssuedTokens {
    const ttl = this.ttlSeconds()
    const now = this.nowMs()
    const row = this.table.insert({
      accessToken: newToken(),
      refreshToken: newToken(),
      userId,
      appId,
      expiresAt: now + ttl * 1000,
      refreshExpiresAt: now + REFRESH_TTL_MS,
    })
    this.byAccess.set(row.accessToken, row.ID)
    this.byRefresh.set(row.refreshToken, row.ID)
    return { AUTH_ID: row.accessToken, REFRESH_ID: row.refreshToken, AUTH_EXPIRES: ttl }
  }

  /** A new pair for a live, unused refresh token; null otherwise. */
  refresh(refreshToken: string): IssuedTokens | null {
    return this.renew(refreshToken)?.tokens ?? null
  }

  /**
   * The refresh grant: a live, unused refresh token of `appId` (any app when absent) gives a new pair,
   * and the used one stops working (b24restdocs `settings/oauth/auto-renewal.md`: «Retain it instead of
   * the previous one»). null for an unknown, used, revoked or expired one. The old access token lives
   * on until its own expiry.
   */
  renew(refreshToken: string, appId?: string): { tokens: IssuedTokens; userId: number; appId: string; expiresAtMs: number } | null {
    const row = this.find(this.byRefresh, refreshToken, (r) => r.refreshToken)
    if (!row || row.refreshExpiresAt <= this.nowMs() || (appId !== undefined && row.appId !== appId)) return null
    this.table.update(row.ID, { refreshToken: '' })
    this.byRefresh.delete(refreshToken)
    const tokens = this.issue(row.userId, row.appId)
    return { tokens, userId: row.userId, appId: row.appId, expiresAtMs: this.nowMs() + tokens.AUTH_EXPIRES * 1000 }
  }

  /**
   * Every access and refresh token issued to `appId` (only `userId`'s when given) stops working at
   * once: what removing or reinstalling the app does. Returns how many pairs died.
   */
  revoke(appId: string, userId?: number): number {
    let count = 0
    for (const row of [...this.table.rows()]) {
      if (row.appId !== appId || (userId !== undefined && row.userId !== userId)) continue
      this.table.delete(row.ID)
      this.byAccess.delete(row.accessToken)
      if (row.refreshToken) this.byRefresh.delete(row.refreshToken)
      count++
    }
    return count
  }

  check(accessToken: string): TokenCheck {
    const row = this.find(this.byAccess, accessToken, (r) => r.accessToken)
    if (!row) return { status: 'unknown' }
    if (row.expiresAt <= this.nowMs()) return { status: 'expired' }
    return { status: 'valid', userId: row.userId, appId: row.appId }
  }

  /** Index lookup; on a miss the index is rebuilt once (rows may come from disk or a reset). */
  private find(index: Map<string, number>, token: string, field: (row: TokenRow) => string): TokenRow | undefined {
    if (!token) return undefined
    const hit = (id: number | undefined) => {
      const row = id === undefined ? undefined : this.table.get(id)
      return row && field(row) === token ? row : undefined
    }
    const row = hit(index.get(token))
    if (row) return row
    this.rebuild()
    return hit(index.get(token))
  }

  private rebuild(): void {
    this.byAccess.clear()
    this.byRefresh.clear()
    for (const row of this.table.rows()) {
      this.byAccess.set(row.accessToken, row.ID)
      if (row.refreshToken) this.byRefresh.set(row.refreshToken, row.ID)
    }
  }
}
