/** JSON calls to the portal's own `/portal-api/*` routes. */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`portal-api ${status}: ${JSON.stringify(body)}`)
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) throw new PortalApiError(response.status, body)
  return body as T
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' }))
}

export async function getJson<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { credentials: 'same-origin' }))
}
