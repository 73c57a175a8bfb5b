/*
 * How the app reaches its runner (README «The runner»): the runner's address is the app option
 * `runnerUrl`, set at install from the build's VITE_RUNNER_URL when there is one, and the
 * admin's install screen hands it the frame's authorization through POST <runnerUrl>/connect.
 */

/** The app option holding the runner's base address, e.g. `https://runner.example.com`. */
export const RUNNER_URL_OPTION = 'runnerUrl'

/** The runner's base address without a trailing slash, or null when `raw` is not an http(s) URL. */
export function runnerUrlFrom(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.search || url.hash || url.username || url.password) return null
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** The install's option for the runner: the build's address when it has one (never overwrites a set option). */
export function runnerUrlOptions(built: unknown): Record<string, string> {
  const url = runnerUrlFrom(built)
  return url ? { [RUNNER_URL_OPTION]: url } : {}
}

/** The stored option first, the build's address second. */
export function pickRunnerUrl(option: unknown, built: unknown): string | null {
  return runnerUrlFrom(option) ?? runnerUrlFrom(built)
}

/** The frame's auth data as the SDK gives it (B24Frame.auth.getAuthData()). */
export interface FrameAuth {
  access_token: string
  refresh_token: string
  /** Seconds since the epoch. */
  expires: number
  expires_in?: number
  /** The portal: the SDK gives its origin (`https://portal.bitrix24.ru`); the runner takes that or the bare host. */
  domain: string
  member_id: string
}

/** What POST /connect takes: the frame's auth plus where the portal's REST is and who hands it over. */
export interface RunnerHandover extends FrameAuth {
  /** The portal's REST endpoint, e.g. `https://portal.bitrix24.ru/rest/` (the runner derives it from the domain when absent). */
  client_endpoint?: string
  user_id?: number
  application_token?: string
  scope?: string
}

export function runnerHandover(auth: FrameAuth, facts: { portalOrigin: string; userId: number | null; applicationToken?: string | null }): RunnerHandover & { client_endpoint: string } {
  // The SDK gives the origin with its scheme; a bare host is taken as https.
  const trimmed = facts.portalOrigin.replace(/\/+$/, '')
  const origin = /^https?:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`
  const handover: RunnerHandover & { client_endpoint: string } = {
    access_token: auth.access_token,
    refresh_token: auth.refresh_token,
    expires: Math.floor(Number(auth.expires)),
    domain: new URL(origin).host,
    member_id: auth.member_id,
    client_endpoint: `${origin}/rest/`,
  }
  if (auth.expires_in) handover.expires_in = Number(auth.expires_in)
  if (facts.userId) handover.user_id = facts.userId
  if (facts.applicationToken) handover.application_token = facts.applicationToken
  return handover
}

/** What the install screen tells the admin about the runner. */
export type RunnerLink =
  | { state: 'connected' }
  /** No runner address: neither the option nor the build has one. */
  | { state: 'not-configured' }
  /** The runner did not answer (down, wrong address, blocked by the browser). */
  | { state: 'unreachable'; url: string }
  /** The runner answered with a refusal (not an admin, origin not allowed, bad data). */
  | { state: 'refused'; url: string; reason: string }

/** The runner's connection as GET /status reports it, or `unreachable`. */
export type RunnerState = 'connected' | 'none' | 'revoked' | 'unreachable'

export function statusReply(status: number, body: unknown): RunnerState {
  const state = (body as { connection?: { state?: unknown } } | null)?.connection?.state
  if (status !== 200) return 'unreachable'
  return state === 'connected' || state === 'revoked' ? state : 'none'
}

/** Reads the runner's reply to POST /connect. */
export function connectReply(url: string, status: number, body: unknown): RunnerLink {
  const value = (body && typeof body === 'object' ? body : {}) as { connection?: { state?: unknown }; error?: unknown }
  if (status === 200 && value.connection?.state === 'connected') return { state: 'connected' }
  const reason = typeof value.error === 'string' && value.error !== '' ? value.error : `HTTP ${status}`
  return { state: 'refused', url, reason }
}
