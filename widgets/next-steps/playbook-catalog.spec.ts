// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createGateway } from '@/b24/gateway'
import type { BatchReply, Params, RestTransport } from '@/b24/gateway'
import { loadPlaybookCatalog } from './playbook-catalog'

/** A portal with `people` active employees and the default pipeline only, answering batches as REST does. */
function portal(people: number): RestTransport {
  const users = Array.from({ length: people }, (_, index) => ({ ID: String(index + 1), NAME: `Имя${index + 1}`, LAST_NAME: 'Фамилия' }))
  const answer = (method: string, params: Params): unknown => {
    if (method === 'user.get') return users.slice(Number(params.start ?? 0), Number(params.start ?? 0) + 50)
    if (method === 'crm.category.list') return { categories: [{ id: 0, name: 'Общая' }] }
    if (method === 'crm.status.list') return [{ STATUS_ID: 'NEW', NAME: 'Новая', SORT: 10 }]
    if (method === 'crm.deal.fields') return { TITLE: {}, STAGE_ID: {} }
    throw new Error(`unexpected ${method}`)
  }
  return {
    call: async (method, params) => answer(method, params),
    batch: async (commands): Promise<BatchReply> => ({
      results: Object.fromEntries(Object.entries(commands).map(([name, [method, params]]) => [name, answer(method, params)])),
      errors: {},
    }),
  }
}

describe('the playbook editor’s catalog', () => {
  it('offers every active employee of a portal with more than one page of them', async () => {
    const catalog = await loadPlaybookCatalog(createGateway(portal(180)))
    expect(catalog.users).toHaveLength(180)
    expect(catalog.users.at(-1)?.ID).toBe('180')
  })
})
