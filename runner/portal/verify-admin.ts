import type { HandedAuth } from './app-auth'

/**
 * Whether the handed token belongs to a portal administrator: `user.admin` asked with that very
 * token (b24restdocs api-reference/user/user-admin.md), so nobody can hand the runner a pair
 * that is not what it says.
 */
export async function verifyAdminToken(auth: HandedAuth, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  const endpoint = auth.client_endpoint ?? `https://${auth.domain.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/rest/`
  const response = await fetchImpl(`${endpoint}user.admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: auth.access_token }),
  })
  if (!response.ok) return false
  const body = (await response.json()) as { result?: unknown }
  return body.result === true
}
