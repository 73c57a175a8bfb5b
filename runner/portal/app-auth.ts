import { B24OAuth, EnumAppStatus } from '@bitrix24/b24jssdk'
import type { B24OAuthParams } from '@bitrix24/b24jssdk'
import type { RunnerHandover } from '@/domain/install/runner-link'
import type { RunnerStore } from '../store/runner-store'

/*
 * The app's own authorization on the portal. It arrives once, when the admin's install screen
 * hands the runner its token pair; the SDK's B24OAuth refreshes it through the OAuth server
 * with the app's client id and secret, and every new pair is stored before it is used, so a
 * restart goes on with the newest one. A refused refresh means the app was removed or its
 * secret changed: the runner says so and stops acting until it is connected again.
 */

export type ConnectionState =
  | { state: 'none' }
  | { state: 'connected'; domain: string; memberId: string; userId: number; since: string }
  | { state: 'revoked'; domain: string; reason: string; since: string }

/** The token pair as the install screen sends it (the frame's auth data; src/domain/install/runner-link.ts). */
export type HandedAuth = RunnerHandover

const AUTH_KEY = 'auth'
const CONNECTION_KEY = 'connection'

export function connectionOf(store: RunnerStore): ConnectionState {
  return store.get<ConnectionState>(CONNECTION_KEY) ?? { state: 'none' }
}

/** Checks the handed pair's shape; returns the SDK's parameters or what is wrong. */
export function toOAuthParams(handed: Partial<HandedAuth>, oauthServer: string): { ok: true; params: B24OAuthParams } | { ok: false; problem: string } {
  for (const key of ['access_token', 'refresh_token', 'domain', 'member_id'] as const) {
    if (typeof handed[key] !== 'string' || handed[key] === '') return { ok: false, problem: `${key} is missing` }
  }
  const expires = Number(handed.expires)
  if (!Number.isFinite(expires) || expires <= 0) return { ok: false, problem: 'expires is missing' }
  const domain = handed.domain!.replace(/^https?:\/\//, '').replace(/\/+$/, '')
  return {
    ok: true,
    params: {
      applicationToken: handed.application_token ?? '',
      userId: Number(handed.user_id ?? 0),
      memberId: handed.member_id!,
      accessToken: handed.access_token!,
      refreshToken: handed.refresh_token!,
      expires,
      expiresIn: Number(handed.expires_in ?? 3600),
      scope: handed.scope ?? '',
      domain,
      clientEndpoint: handed.client_endpoint ?? `https://${domain}/rest/`,
      serverEndpoint: oauthServer,
      status: EnumAppStatus.Local,
    },
  }
}

/** The connected portal's address (`https://portal.example`), from its REST endpoint; '' when not connected. */
export function portalOrigin(store: RunnerStore): string {
  const endpoint = store.get<B24OAuthParams>(AUTH_KEY)?.clientEndpoint
  return endpoint ? new URL(endpoint).origin : ''
}

export async function storeAuth(store: RunnerStore, params: B24OAuthParams, now: Date): Promise<void> {
  await store.set(AUTH_KEY, params)
  await store.set(CONNECTION_KEY, { state: 'connected', domain: params.domain, memberId: params.memberId, userId: params.userId, since: now.toISOString() } satisfies ConnectionState)
}

export async function markRevoked(store: RunnerStore, reason: string, now: Date): Promise<void> {
  const params = store.get<B24OAuthParams>(AUTH_KEY)
  await store.set(CONNECTION_KEY, { state: 'revoked', domain: params?.domain ?? '', reason, since: now.toISOString() } satisfies ConnectionState)
}

/**
 * The SDK client for the stored authorization, or null when the runner is not connected.
 * One attempt per request: the runner's write plans and reads retry themselves.
 */
export function openPortalClient(store: RunnerStore, secret: { clientId: string; clientSecret: string }): B24OAuth | null {
  const params = store.get<B24OAuthParams>(AUTH_KEY)
  if (!params || connectionOf(store).state !== 'connected') return null
  const b24 = new B24OAuth(params, secret, { restrictionParams: { maxRetries: 1, retryOnNetworkError: false } })
  b24.offClientSideWarning()
  b24.setCallbackRefreshAuth(async ({ b24OAuthParams }) => {
    // Stored before the new token is used: a crash right after a refresh keeps the newest pair.
    await store.set(AUTH_KEY, { ...b24OAuthParams })
  })
  return b24
}
