import { request } from 'node:http'
import type { Sandbox } from './portal-tab'

/*
 * People's REST calls in the runner bench, through their own webhooks. They come from another
 * loopback address than the runner's: the portal's rate limit counts per client IP, so the
 * users' burst and the runner each have a bucket of their own, as on a real portal where
 * people and the app's server are different machines.
 */

export const USERS_ADDRESS = '127.0.0.2'

export async function userRest<T>(sandbox: Sandbox, userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const webhookPath = new URL(sandbox.webhookUrl(userId)).pathname
  const port = Number(new URL(sandbox.origin).port)
  const body = JSON.stringify(params)
  const reply = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port, localAddress: USERS_ADDRESS, method: 'POST', path: `${webhookPath}${method}`, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
        response.on('error', reject)
      },
    )
    call.on('error', reject)
    call.end(body)
  })
  const parsed = JSON.parse(reply.text) as { result?: T; error?: string; error_description?: string }
  if (reply.status !== 200 || parsed.error !== undefined) throw new Error(`${method}: ${reply.status} ${parsed.error} ${parsed.error_description ?? ''}`)
  return parsed.result as T
}

/** One batch of up to 50 commands (b24restdocs settings/how-to-call-rest-api/batch.md); throws on the first refused one. */
export async function userBatch(sandbox: Sandbox, userId: number, commands: Record<string, { method: string; params: Record<string, string | number> }>): Promise<Record<string, unknown>> {
  const cmd = Object.fromEntries(Object.entries(commands).map(([name, { method, params }]) => [name, `${method}?${new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]))}`]))
  const reply = await userRest<{ result: Record<string, unknown>; result_error: Record<string, unknown> | unknown[] }>(sandbox, userId, 'batch', { halt: 1, cmd })
  const errors = Array.isArray(reply.result_error) ? reply.result_error : Object.values(reply.result_error ?? {})
  if (errors.length > 0) throw new Error(`batch: ${JSON.stringify(errors[0])}`)
  return reply.result
}
