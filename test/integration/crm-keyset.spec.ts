import { B24Hook } from '@bitrix24/b24jssdk'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDeals } from '../../sandbox/demo/generate'
import { useTestSandbox } from './helpers/suite-sandbox'

// Large reads as b24restdocs settings/performance/huge-data.md advises: order ID ASC, filter >ID, start=-1
// (total 0, no next), in batches of keyset pages (settings/how-to-call-rest-api/batch.md).

const sandbox = useTestSandbox({ demo: true, limits: false })
let range: { firstId: number; lastId: number }
const GENERATED = 5000

beforeAll(async () => {
  range = generateDeals(sandbox.store, GENERATED, { seed: 11, now: new Date('2026-03-01T00:00:00Z') })
  await sandbox.store.commit()
})

describe('keyset reads over generated deals', () => {
  it('start=-1 pages carry no total and no next', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const page = await b24.actions.v2.call.make<any[]>({
      method: 'crm.deal.list',
      params: { order: { ID: 'ASC' }, filter: { '>ID': range.firstId + 99 }, select: ['ID', 'STAGE_ID'], start: -1 },
    })
    expect(page.getTotal()).toBe(0)
    expect(page.isMore()).toBe(false)
    expect(page.getData()!.result.map((d) => Number(d.ID))).toEqual(Array.from({ length: 50 }, (_, i) => range.firstId + 100 + i))
  })

  it('callList walks every deal of a pipeline by ID keyset, matching the counted total', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const counted = await b24.actions.v2.call.make<any[]>({ method: 'crm.deal.list', params: { filter: { CATEGORY_ID: 2 }, select: ['ID'] } })
    const total = counted.getTotal()
    expect(total).toBeGreaterThan(1000)
    expect(counted.isMore()).toBe(true)
    const all = await b24.actions.v2.callList.make<any>({ method: 'crm.deal.list', params: { filter: { CATEGORY_ID: 2 }, select: ['ID', 'CATEGORY_ID'] }, idKey: 'ID' })
    expect(all.isSuccess).toBe(true)
    const rows = all.getData() as Array<{ ID: string; CATEGORY_ID: string }>
    expect(rows.length).toBe(total)
    expect(new Set(rows.map((r) => r.ID)).size).toBe(total)
    expect(rows.every((r) => r.CATEGORY_ID === '2')).toBe(true)
  })

  it('crm.item.list reads the same rows in camelCase by keyset', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    const mine = await b24.actions.v2.callList.make<any>({
      method: 'crm.item.list',
      params: { entityTypeId: 2, filter: { assignedById: 3, '>opportunity': 1_000_000 }, select: ['id', 'opportunity', 'assignedById'] },
      idKey: 'id',
      customKeyForResult: 'items',
    })
    expect(mine.isSuccess).toBe(true)
    const items = mine.getData() as Array<{ id: number; opportunity: number; assignedById: number }>
    expect(items.length).toBeGreaterThan(50)
    expect(items.every((i) => i.assignedById === 3 && i.opportunity > 1_000_000)).toBe(true)
    const ids = items.map((i) => i.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
  })

  it('a batch of keyset pages reads 500 deals in one request', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const calls = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `p${i}`,
        { method: 'crm.deal.list', params: { order: { ID: 'ASC' }, filter: { '>ID': range.firstId - 1 + i * 50 }, select: ['ID'], start: -1 } },
      ]),
    )
    const reply = await b24.actions.v2.batch.make<any>({ calls, options: { isHaltOnError: true } })
    expect(reply.isSuccess).toBe(true)
    const ids = Object.values(reply.getData() as Record<string, Array<{ ID: string }>>).flat().map((r) => Number(r.ID))
    expect(ids.length).toBe(500)
    expect(new Set(ids).size).toBe(500)
    expect(Math.min(...ids)).toBe(range.firstId)
  })
})
