import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody } from '../rest/body'
import type { SandboxControl } from './control'
import { sendJson } from './respond'

/**
 * `POST /sandbox-api/<op>` with a JSON body (GET for `state`), plain http on the portal port only.
 * Replies `{result}` or `{error}`.
 */
export async function handleControlApi(control: SandboxControl, op: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: Record<string, unknown> = {}
  const raw = (await readBody(req)).toString('utf8')
  if (raw.trim()) {
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      return sendJson(res, 400, { error: 'INVALID_JSON', error_description: 'The body must be JSON' })
    }
  }
  const post = req.method === 'POST'
  try {
    // One at a time with REST requests: a reset or a revoke never lands inside someone's batch.
    const result = await control.exclusive(() => run(control, op, body, post))
    if (result === undefined) return sendJson(res, 404, { error: 'UNKNOWN_OPERATION', error_description: `No control operation ${req.method} ${op}` })
    sendJson(res, 200, { result })
  } catch (error) {
    sendJson(res, 400, { error: 'CONTROL_ERROR', error_description: error instanceof Error ? error.message : String(error) })
  }
}

async function run(control: SandboxControl, op: string, body: Record<string, unknown>, post: boolean): Promise<unknown> {
  if (op === 'state') return control.state()
  if (!post) return undefined
  switch (op) {
    case 'limits':
      return control.limits(body)
    case 'faults':
      return control.faults(body as Parameters<SandboxControl['faults']>[0])
    case 'calls/reset':
      return control.resetCalls()
    case 'faults/clear':
      control.clearFaults()
      return { faults: [] }
    case 'clock':
      return control.clock(Number(body.offsetMs ?? 0))
    case 'token-ttl':
      return control.tokenTtl(Number(body.seconds))
    case 'reset':
      return control.reset()
    case 'generate':
      return control.generate(Number(body.deals ?? 0))
    case 'tokens':
      return control.issueTokens(Number(body.userId))
    case 'install':
      return control.setInstalled(body.installed !== false)
    case 'revoke':
      return control.revoke(body.userId === undefined || body.userId === null ? undefined : Number(body.userId))
    default:
      return undefined
  }
}
