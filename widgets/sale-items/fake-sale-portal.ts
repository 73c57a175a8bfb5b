import { GatewayError } from '@/b24/gateway'
import type { BatchReply, Params, RestTransport } from '@/b24/gateway/transport'
import { SALE_FIELDS } from '@/domain/fields/sale'

/*
 * Test support: an in-memory portal with just what the sale tab calls, in the shapes of
 * b24restdocs (crm-deal-get.md: strings; crm-deal-list.md: keyset with start=-1;
 * crm-deal-productrows-set.md: rows replace, OPPORTUNITY = Σ PRICE × QUANTITY;
 * crm-deal-userfield-list.md: LIST with XML_ID; batch.md: `$result[…]` references).
 */

export type FakeDeal = Record<string, unknown> & { ID: string }

export const KIND_ITEM_IDS = { LOI: '11', CONTRACT: '12' } as const

/** A fault for the next call of a method: refused before it runs, or run and its reply lost. */
export interface FakeFault {
  method: string
  error: GatewayError
  after?: boolean
}

export function fakeSalePortal(deals: FakeDeal[], options: Record<string, unknown> = {}) {
  const faults: FakeFault[] = []
  /** Runs before a method (e.g. a colleague's edit landing between the fresh read and the write). */
  const hooks = new Map<string, () => void>()
  const table = new Map<number, FakeDeal>(deals.map((deal) => [Number(deal.ID), { STAGE_SEMANTIC_ID: 'P', CURRENCY_ID: 'RUB', OPPORTUNITY: '0.00', DATE_MODIFY: '2026-01-01T10:00:00+03:00', ...deal }]))
  const rows = new Map<number, Record<string, unknown>[]>()
  const methods: string[] = []
  let requests = 0
  let clock = 0

  const touch = (id: number) => {
    clock += 1
    table.get(id)!.DATE_MODIFY = `2026-01-01T11:${String(clock).padStart(2, '0')}:00+03:00`
  }

  function resolve(value: unknown, results: Record<string, unknown>): unknown {
    if (typeof value !== 'string' || !value.startsWith('$result[')) return value
    let cursor: unknown = results
    for (const [, key] of value.matchAll(/\[([^\]]+)\]/g)) cursor = (cursor as Record<string, unknown> | undefined)?.[key!]
    return cursor ?? ''
  }

  function run(method: string, params: Params, results: Record<string, unknown>): unknown {
    methods.push(method)
    hooks.get(method)?.()
    hooks.delete(method)
    const faultAt = faults.findIndex((fault) => fault.method === method)
    const fault = faultAt === -1 ? undefined : faults.splice(faultAt, 1)[0]
    if (fault && !fault.after) throw fault.error
    const value = perform(method, params, results)
    if (fault) throw fault.error
    return value
  }

  function perform(method: string, params: Params, results: Record<string, unknown>): unknown {
    const id = Number(resolve(params.id, results))
    switch (method) {
      case 'crm.deal.get': {
        const deal = table.get(id)
        if (!deal) throw new GatewayError('notFound', '', 'Not found', 400)
        return { ...deal }
      }
      case 'crm.deal.userfield.list':
        return [{ ID: '501', FIELD_NAME: SALE_FIELDS.kind.fieldName, LIST: Object.entries(KIND_ITEM_IDS).map(([XML_ID, ID]) => ({ ID, XML_ID, VALUE: XML_ID })) }]
      case 'app.option.get':
        return options[String(params.option)] ?? null
      case 'user.current':
        return { ID: '3' }
      case 'crm.deal.list': {
        const filter = params.filter as Record<string, unknown>
        // versionCheckStep: the deal only while its DATE_MODIFY is still the one given.
        if ('=DATE_MODIFY' in filter) {
          const deal = table.get(Number(filter.ID))
          return deal && deal.DATE_MODIFY === filter['=DATE_MODIFY'] ? [{ ID: deal.ID }] : []
        }
        const after = Number(resolve(filter['>ID'], results) || 0)
        const places = SALE_FIELDS.places.fieldName
        return [...table.values()]
          .filter((deal) => Number(deal.ID) > after && deal.STAGE_SEMANTIC_ID !== 'F')
          .filter((deal) => Array.isArray(deal[places]) && (deal[places] as string[]).some((key) => key !== ''))
          .sort((a, b) => Number(a.ID) - Number(b.ID))
          .slice(0, 50)
          .map((deal) => ({ ID: deal.ID, STAGE_SEMANTIC_ID: deal.STAGE_SEMANTIC_ID, [places]: deal[places] }))
      }
      case 'crm.deal.productrows.get':
        return (rows.get(id) ?? []).map((row) => ({ ...row, PRICE: String(row.PRICE), QUANTITY: String(row.QUANTITY) }))
      case 'crm.deal.update': {
        if (!table.has(id)) throw new GatewayError('notFound', '', 'ID is not defined or invalid.', 400)
        Object.assign(table.get(id)!, params.fields)
        touch(id)
        return true
      }
      case 'crm.deal.productrows.set': {
        const set = params.rows as Record<string, unknown>[]
        rows.set(id, set)
        const kopecks = set.reduce((sum, row) => sum + Math.round(Number(row.PRICE) * 100) * Number(row.QUANTITY), 0)
        table.get(id)!.OPPORTUNITY = (kopecks / 100).toFixed(2)
        touch(id)
        return true
      }
      default:
        throw new GatewayError('unknown', 'ERROR_METHOD_NOT_FOUND', `Method not found: ${method}`, 404)
    }
  }

  const transport: RestTransport = {
    async call(method, params) {
      requests += 1
      return run(method, params, {})
    },
    async batch(commands, { halt }) {
      requests += 1
      const reply: BatchReply = { results: {}, errors: {} }
      for (const [name, [method, params]] of Object.entries(commands)) {
        try {
          reply.results[name] = run(method, params, reply.results)
        } catch (error) {
          reply.errors[name] = error as GatewayError
          if (halt) break
        }
      }
      return reply
    },
  }

  return {
    transport,
    table,
    rows,
    methods,
    get requests() {
      return requests
    },
    fail(fault: FakeFault) {
      faults.push(fault)
    },
    before(method: string, hook: () => void) {
      hooks.set(method, hook)
    },
    /** Another user's edit, straight into the portal. */
    change(dealId: number, fields: Record<string, unknown>) {
      Object.assign(table.get(dealId)!, fields)
      touch(dealId)
    },
  }
}
