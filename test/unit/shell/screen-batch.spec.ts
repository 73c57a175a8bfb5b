// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { command, createGateway, GatewayError } from '@/b24/gateway'
import type { BatchReply, RestTransport } from '@/b24/gateway'

function transportReplying(reply: BatchReply, seen: Record<string, [string, Record<string, unknown>]>[] = []): RestTransport {
  return {
    call: async () => undefined,
    batch: async (commands) => {
      seen.push(commands)
      return reply
    },
  }
}

describe('gateway.loadScreen', () => {
  it('sends one batch with every command and parses each result', async () => {
    const seen: Record<string, [string, Record<string, unknown>]>[] = []
    const gateway = createGateway(transportReplying({ results: { deal: { ID: '5', TITLE: 'Поставка' }, user: [{ ID: 1 }] }, errors: {} }, seen))
    const screen = await gateway.loadScreen({
      deal: command('crm.deal.get', { id: 5 }, (raw) => (raw as { TITLE: string }).TITLE),
      user: command('user.get', { ID: '$result[deal][ASSIGNED_BY_ID]' }, (raw) => (raw as unknown[]).length),
    })
    expect(seen).toEqual([{ deal: ['crm.deal.get', { id: 5 }], user: ['user.get', { ID: '$result[deal][ASSIGNED_BY_ID]' }] }])
    expect(screen.value('deal')).toBe('Поставка')
    expect(screen.value('user')).toBe(1)
  })

  it('keeps per-command errors apart from the other results', async () => {
    const denied = new GatewayError('access', 'ACCESS_DENIED', 'Access denied', 403)
    const gateway = createGateway(transportReplying({ results: { a: 1 }, errors: { b: denied } }))
    const screen = await gateway.loadScreen({ a: command('x.get', {}, Number), b: command('y.get', {}, Number) })
    expect(screen.value('a')).toBe(1)
    expect(screen.optional('b')).toBeUndefined()
    expect(screen.errors.b).toBe(denied)
    expect(() => screen.value('b')).toThrow(denied)
  })

  it('turns a result of the wrong shape into that command’s error', async () => {
    const gateway = createGateway(transportReplying({ results: { a: 'text' }, errors: {} }))
    const screen = await gateway.loadScreen({
      a: command('x.get', {}, (raw) => {
        if (!Array.isArray(raw)) throw new TypeError('not a list')
        return raw
      }),
    })
    expect(screen.errors.a).toMatchObject({ code: 'BAD_SHAPE' })
  })

  it('refuses more than 50 commands (one batch per screen)', async () => {
    const gateway = createGateway(transportReplying({ results: {}, errors: {} }))
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`c${i}`, command('x.get', {}, Number)]))
    await expect(gateway.loadScreen(many)).rejects.toThrow(RangeError)
  })

  it('retries a read-only screen after a network fault, not a writing one', async () => {
    let attempts = 0
    const flaky: RestTransport = {
      call: async () => undefined,
      batch: async () => {
        attempts++
        if (attempts === 1) throw { code: 'NETWORK_ERROR', status: 0 }
        return { results: { a: 1 }, errors: {} }
      },
    }
    const gateway = createGateway(flaky, { sleep: async () => undefined })
    await expect(gateway.loadScreen({ a: command('crm.deal.get', {}, Number) })).resolves.toBeDefined()
    expect(attempts).toBe(2)
    attempts = 0
    await expect(gateway.loadScreen({ a: command('crm.deal.add', {}, Number) })).rejects.toMatchObject({ kind: 'network' })
    expect(attempts).toBe(1)
  })
})
