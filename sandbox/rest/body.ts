import type { IncomingMessage } from 'node:http'
import qs from 'qs'
import { RestError } from '../core/errors'
import type { Params } from '../core/types'

/** PHP-style brackets (`fields[TITLE]=x`, `a[]=1`, `a[0]=1`) as the portal reads them. */
export function parseQueryString(text: string): Params {
  return qs.parse(text, { depth: 20, arrayLimit: 10_000, parameterLimit: 1_000_000 }) as Params
}

const MAX_BODY_BYTES = 256 * 1024 * 1024

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new RestError(413, 'INVALID_REQUEST', 'Request body is too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/**
 * Merges query and body parameters (body wins). JSON and urlencoded bodies are read;
 * a JSON body that is not an object contributes nothing.
 */
export function parseParams(contentType: string | undefined, body: Buffer, query: string): Params {
  const params: Params = query ? parseQueryString(query) : {}
  const text = body.toString('utf8')
  if (!text.trim()) return params
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('json') || (!type.includes('urlencoded') && /^\s*[{[]/.test(text))) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new RestError(400, 'INVALID_REQUEST', 'Invalid JSON in the request body')
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed)
    return params
  }
  return Object.assign(params, parseQueryString(text))
}

/** Drops transport keys (`auth`, the SDK's `bx24_*` telemetry) so methods see only their own. */
export function methodParams(params: Params): Params {
  const result: Params = {}
  for (const [key, value] of Object.entries(params)) {
    if (key === 'auth' || key.startsWith('bx24_')) continue
    result[key] = value
  }
  return result
}
