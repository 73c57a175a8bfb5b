import { GatewayError } from '@/b24/gateway'
import type { BatchReply, Params, RestTransport } from '@/b24/gateway'

/**
 * A tiny portal for the plan runner's tests: timeline comments that can be listed, a company
 * that can be updated, and faults on the next calls — refused before the write, or the write
 * done and the reply lost.
 */
export type Fault = { method: string; kind: 'limit' | 'lost' | 'denied' | 'hang'; count: number }

export function fakePortal() {
  const comments: { ID: number; COMMENT: string }[] = []
  const company: Record<string, unknown> = { ID: 1 }
  const faults: Fault[] = []
  const sent: string[] = []
  const calls: { method: string; params: Params }[] = []
  let requests = 0

  function take(method: string): Fault | undefined {
    const fault = faults.find((f) => f.method === method && f.count > 0)
    if (fault) fault.count--
    return fault
  }

  function run(method: string, params: Params): unknown {
    sent.push(method)
    calls.push({ method, params })
    if (method === 'crm.timeline.comment.add') {
      const fields = params.fields as { COMMENT: string }
      const id = comments.length + 1
      comments.push({ ID: id, COMMENT: fields.COMMENT })
      return id
    }
    if (method === 'crm.timeline.comment.list') return [...comments].reverse()
    if (method === 'crm.company.update') {
      Object.assign(company, params.fields as object)
      return true
    }
    throw new GatewayError('unknown', 'ERROR_METHOD_NOT_FOUND', method)
  }

  function one(method: string, params: Params): { ok: true; value: unknown } | { ok: false; error: GatewayError } {
    const fault = take(method)
    if (fault?.kind === 'limit') return { ok: false, error: new GatewayError('limit', 'QUERY_LIMIT_EXCEEDED', 'Too many requests', 503) }
    if (fault?.kind === 'denied') return { ok: false, error: new GatewayError('access', '', 'Access denied.') }
    const value = run(method, params)
    if (fault?.kind === 'lost') return { ok: false, error: new GatewayError('unknown', 'INTERNAL_SERVER_ERROR', '', 500) }
    return { ok: true, value }
  }

  const transport: RestTransport = {
    async call(method, params) {
      requests++
      const outcome = one(method, params)
      if (!outcome.ok) throw outcome.error
      return outcome.value
    },
    async batch(commands, { halt }) {
      requests++
      const whole = take('batch')
      if (whole?.kind === 'limit') throw new GatewayError('limit', 'QUERY_LIMIT_EXCEEDED', 'Too many requests', 503)
      if (whole?.kind === 'hang') return new Promise<BatchReply>(() => {})
      const reply: BatchReply = { results: {}, errors: {} }
      const done = new Map<string, unknown>()
      for (const [name, [method, params]] of Object.entries(commands)) {
        const resolved = JSON.parse(JSON.stringify(params).replace(/"\$result\[([\w-]+)\]"/g, (_, key: string) => JSON.stringify(done.get(key) ?? null))) as Params
        const outcome = one(method, resolved)
        if (outcome.ok) {
          reply.results[name] = outcome.value
          done.set(name, outcome.value)
        } else {
          reply.errors[name] = outcome.error
          if (halt) break
        }
      }
      if (whole?.kind === 'lost') throw new GatewayError('network', 'NETWORK_ERROR', 'reply lost')
      return reply
    },
  }
  return { transport, comments, company, faults, sent, calls, get requests() { return requests } }
}
