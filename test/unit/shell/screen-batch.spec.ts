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

/** A transport whose first batch fails as a network fault does; `attempts()` counts the batches sent. */
function failingOnce(reply: BatchReply): { transport: RestTransport; attempts: () => number; reset: () => void } {
  let attempts = 0
  const transport: RestTransport = {
    call: async () => undefined,
    batch: async () => {
      attempts++
      if (attempts === 1) throw { code: 'NETWORK_ERROR', status: 0 }
      return reply
    },
  }
  return { transport, attempts: () => attempts, reset: () => (attempts = 0) }
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
    const flaky = failingOnce({ results: { a: 1 }, errors: {} })
    const gateway = createGateway(flaky.transport, { sleep: async () => undefined })
    await expect(gateway.loadScreen({ a: command('crm.deal.get', {}, Number) })).resolves.toBeDefined()
    expect(flaky.attempts()).toBe(2)
    flaky.reset()
    await expect(gateway.loadScreen({ a: command('crm.deal.add', {}, Number) })).rejects.toMatchObject({ kind: 'network' })
    expect(flaky.attempts()).toBe(1)
  })
})

describe('gateway.prime', () => {
  const opening = () => ({ deal: command('crm.deal.get', { id: 7 }, (raw) => (raw as { TITLE: string }).TITLE) })

  it('sends the batch at once, and the screen that asks for the same commands takes its reply without sending another', async () => {
    const seen: Record<string, [string, Record<string, unknown>]>[] = []
    const gateway = createGateway(transportReplying({ results: { deal: { TITLE: 'Поставка' } }, errors: {} }, seen))
    gateway.prime(opening())
    expect(seen).toHaveLength(1)
    const screen = await gateway.loadScreen(opening())
    expect(screen.value('deal')).toBe('Поставка')
    expect(seen).toHaveLength(1)
  })

  it('hands its reply out once: the next read of the same commands goes to the portal', async () => {
    const seen: Record<string, [string, Record<string, unknown>]>[] = []
    const gateway = createGateway(transportReplying({ results: { deal: { TITLE: 'Поставка' } }, errors: {} }, seen))
    gateway.prime(opening())
    await gateway.loadScreen(opening())
    await gateway.loadScreen(opening())
    expect(seen).toHaveLength(2)
  })

  it('is not taken by a screen whose commands differ', async () => {
    const seen: Record<string, [string, Record<string, unknown>]>[] = []
    const gateway = createGateway(transportReplying({ results: { deal: { TITLE: 'Поставка' } }, errors: {} }, seen))
    gateway.prime(opening())
    await gateway.loadScreen({ deal: command('crm.deal.get', { id: 8 }, String) })
    expect(seen.map((batch) => batch.deal![1])).toEqual([{ id: 7 }, { id: 8 }])
  })

  it('a failed early reply is retried by its screen as its own would be', async () => {
    const flaky = failingOnce({ results: { deal: { TITLE: 'Поставка' } }, errors: {} })
    const gateway = createGateway(flaky.transport, { sleep: async () => undefined })
    gateway.prime(opening())
    const screen = await gateway.loadScreen(opening())
    expect(screen.value('deal')).toBe('Поставка')
    expect(flaky.attempts()).toBe(2)
  })

  it('sends only reads ahead', () => {
    const gateway = createGateway(transportReplying({ results: {}, errors: {} }))
    expect(() => gateway.prime({ deal: command('crm.deal.update', { id: 7 }, Number) })).toThrow(/Only reads/)
  })
})
