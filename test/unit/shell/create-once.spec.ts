// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createGateway, idempotencyTag } from '@/b24/gateway'
import type { RestTransport } from '@/b24/gateway'

/** A task store whose first create succeeds on the server but loses its reply. */
function flakyTasks() {
  const tasks: { id: number; title: string }[] = []
  let dropNextReply = true
  return {
    tasks,
    find: async (key: string) => tasks.find((t) => t.title.includes(idempotencyTag(key))) ?? null,
    create: async (key: string) => {
      const task = { id: tasks.length + 1, title: `Позвонить клиенту ${idempotencyTag(key)}` }
      tasks.push(task)
      if (dropNextReply) {
        dropNextReply = false
        throw { code: 'NETWORK_ERROR', status: 0, message: 'Network Error' }
      }
      return task
    },
  }
}

const unusedTransport: RestTransport = { call: async () => undefined, batch: async () => ({ results: {}, errors: {} }) }

describe('gateway.createOnce', () => {
  it('a create retried after a lost reply finds the record instead of making a second one', async () => {
    const store = flakyTasks()
    const gateway = createGateway(unusedTransport, { sleep: async () => undefined })
    const result = await gateway.createOnce('deal-7:call', store.create, store.find)
    expect(store.tasks).toHaveLength(1)
    expect(result).toEqual({ record: store.tasks[0], created: false })
  })

  it('a repeated click reuses the record', async () => {
    const store = flakyTasks()
    const gateway = createGateway(unusedTransport, { sleep: async () => undefined })
    await gateway.createOnce('k', store.create, store.find)
    const second = await gateway.createOnce('k', store.create, store.find)
    expect(second.created).toBe(false)
    expect(store.tasks).toHaveLength(1)
  })

  it('creates when nothing carries the key', async () => {
    const made: string[] = []
    const gateway = createGateway(unusedTransport)
    const result = await gateway.createOnce('fresh', async (key) => (made.push(key), key), async () => null)
    expect(result).toEqual({ record: 'fresh', created: true })
    expect(made).toEqual(['fresh'])
  })

  it('does not retry an access error', async () => {
    let creates = 0
    const gateway = createGateway(unusedTransport, { sleep: async () => undefined })
    await expect(gateway.createOnce('k', async () => {
      creates++
      throw { code: 'ACCESS_DENIED', status: 403 }
    }, async () => null)).rejects.toMatchObject({ kind: 'access' })
    expect(creates).toBe(1)
  })
})
