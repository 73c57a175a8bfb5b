import { GatewayError } from '@/b24/gateway'
import type { BatchReply, Params, RestTransport } from '@/b24/gateway/transport'

/**
 * A tiny in-memory REST list + batch, enough to test the gateway's keyset reading:
 * `filter['>ID']`, ID order, pages of 50, `start=-1`, and `$result[name][...]`
 * references resolved from earlier commands of the same batch (an unresolvable one
 * becomes '' as the portal leaves it empty; '>ID' = '' then matches every row).
 */
export function fakeListPortal(ids: number[], options: { itemsKey?: string; idKey?: string } = {}) {
  const idKey = options.idKey ?? 'ID'
  const rows = [...ids].sort((a, b) => a - b).map((id) => ({ [idKey]: id, TITLE: `row ${id}` }))
  let requests = 0
  const seenFilters: unknown[] = []

  function resolve(value: unknown, results: Record<string, unknown>): unknown {
    if (typeof value !== 'string' || !value.startsWith('$result[')) return value
    const path = [...value.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!)
    let cursor: unknown = results
    for (const key of path) cursor = (cursor as Record<string, unknown> | undefined)?.[key]
    return cursor === undefined ? '' : cursor
  }

  function list(params: Params, results: Record<string, unknown>) {
    const filter = (params.filter ?? {}) as Params
    const after = Number(resolve(filter[`>${idKey}`], results) || 0)
    seenFilters.push(after)
    const page = rows.filter((row) => Number(row[idKey]) > after).slice(0, 50)
    return options.itemsKey ? { [options.itemsKey]: page } : page
  }

  const transport: RestTransport = {
    async call(method, params) {
      requests++
      if (method !== 'test.list') throw new GatewayError('unknown', 'ERROR_METHOD_NOT_FOUND', 'Method not found!', 404)
      return list(params, {})
    },
    async batch(commands) {
      requests++
      const reply: BatchReply = { results: {}, errors: {} }
      for (const [name, [, params]] of Object.entries(commands)) reply.results[name] = list(params, reply.results)
      return reply
    },
  }
  return {
    transport,
    get requests() {
      return requests
    },
    seenFilters,
  }
}
