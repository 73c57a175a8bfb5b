import type { B24Frame } from '@bitrix24/b24jssdk'
import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { connectReply, pickRunnerUrl, RUNNER_URL_OPTION, runnerHandover, statusReply } from '@/domain/install/runner-link'
import type { FrameAuth, RunnerLink, RunnerState } from '@/domain/install/runner-link'

/*
 * The admin's install screen hands the runner the app's authorization (runner/server.ts
 * POST /connect, which checks with the portal that the token is an admin's). The frame's auth
 * comes from the SDK (B24Frame.auth.getAuthData(): access/refresh token, expires, the portal's
 * origin as `domain`, member_id); the user's ID from `profile`. The SDK does not expose the
 * install's application_token, so none is sent.
 */

/**
 * The runner's address baked in at build time (`VITE_RUNNER_URL`), the install's default for the option.
 * `import.meta.env` exists only under Vite; scripts run by tsx (`npm run screenshots`) import this file too.
 */
export const BUILT_RUNNER_URL: string | undefined = import.meta.env?.VITE_RUNNER_URL || undefined

/** How long the install waits for the runner before saying it is not connected. */
const CONNECT_TIMEOUT_MS = 10_000

export type FrameAuthSource = Pick<B24Frame['auth'], 'getAuthData' | 'refreshAuth'>

async function frameAuth(auth: FrameAuthSource): Promise<FrameAuth> {
  // getAuthData() is false once the token has expired; the portal then hands a fresh one.
  const data = auth.getAuthData() || (await auth.refreshAuth())
  return data as FrameAuth
}

/** The stored `runnerUrl` (falling back to the build's) and the current user's ID, in one batch. */
async function readRunnerFacts(gateway: Gateway): Promise<{ url: string | null; userId: number | null }> {
  const screen = await gateway.loadScreen({
    // b24restdocs api-reference/common/settings/app-option-get.md; common/users/profile.md
    option: command('app.option.get', { option: RUNNER_URL_OPTION }, (raw) => raw),
    me: command('profile', {}, (raw) => Number((raw as { ID?: unknown } | null)?.ID) || null),
  })
  return { url: pickRunnerUrl(screen.optional('option'), BUILT_RUNNER_URL), userId: screen.optional('me') ?? null }
}

/** Connects the runner with the admin's frame auth; never throws (the install goes on without a runner). */
export async function connectRunner(auth: FrameAuthSource, gateway: Gateway, fetchImpl: typeof fetch = fetch): Promise<RunnerLink> {
  let facts: { url: string | null; userId: number | null }
  try {
    facts = await readRunnerFacts(gateway)
  } catch {
    facts = { url: pickRunnerUrl(null, BUILT_RUNNER_URL), userId: null }
  }
  const url = facts.url
  if (!url) return { state: 'not-configured' }
  try {
    const data = await frameAuth(auth)
    const body = runnerHandover(data, { portalOrigin: data.domain, userId: facts.userId })
    const response = await fetchImpl(`${url}/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS),
    })
    return connectReply(url, response.status, await response.json().catch(() => null))
  } catch {
    return { state: 'unreachable', url }
  }
}

/** The runner's connection (GET /status, which never shows a token); `unreachable` when it does not answer. */
export async function readRunnerState(url: string, fetchImpl: typeof fetch = fetch): Promise<RunnerState> {
  try {
    const response = await fetchImpl(`${url}/status`, { signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS) })
    return statusReply(response.status, await response.json().catch(() => null))
  } catch {
    return 'unreachable'
  }
}
