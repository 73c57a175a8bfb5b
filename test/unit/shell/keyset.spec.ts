// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createGateway } from '@/b24/gateway'
import { buildKeysetBatch, collectKeysetPages, lastRowReference } from '@/b24/gateway/keyset'
import { fakeListPortal } from './fake-portal'

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i * 3)

// b24restdocs settings/performance/huge-data.md: order ID ASC, filter >ID, start -1;
// settings/how-to-call-rest-api/batch.md: $result[cmd][0][ID] references.
describe('buildKeysetBatch', () => {
  it('chains 50 pages: the first after the cursor, each next after the previous page’s 50th row', () => {
    const batch = buildKeysetBatch('crm.deal.list', { filter: { CATEGORY_ID: 1 }, select: ['TITLE'] }, 1200)
    expect(Object.keys(batch)).toHaveLength(50)
    expect(batch.p0).toEqual(['crm.deal.list', {
      filter: { CATEGORY_ID: 1, '>ID': 1200 },
      select: ['TITLE', 'ID'],
      order: { ID: 'ASC' },
      start: -1,
    }])
    expect((batch.p1![1].filter as Record<string, unknown>)['>ID']).toBe('$result[p0][49][ID]')
    expect((batch.p49![1].filter as Record<string, unknown>)['>ID']).toBe('$result[p48][49][ID]')
  })

  it('references items inside result for crm.item.list', () => {
    const batch = buildKeysetBatch('crm.item.list', { entityTypeId: 2 }, 0, { idKey: 'id', itemsKey: 'items', pagesPerBatch: 3 })
    expect((batch.p2![1].filter as Record<string, unknown>)['>id']).toBe('$result[p1][items][49][id]')
    expect(batch.p0![1].order).toEqual({ id: 'ASC' })
    expect(lastRowReference(4, 'id', 'items')).toBe('$result[p4][items][49][id]')
  })

  it('filters by one key and reads IDs from another (tasks.task.list)', () => {
    const batch = buildKeysetBatch('tasks.task.list', {}, 0, { idKey: 'id', cursorKey: 'ID', itemsKey: 'tasks', pagesPerBatch: 2 })
    expect(batch.p1![1].filter).toEqual({ '>ID': '$result[p0][tasks][49][id]' })
  })
})

describe('collectKeysetPages', () => {
  it('stops at the first short page and ignores the pages after it', () => {
    const full = range(1, 50).map((ID) => ({ ID }))
    const short = [{ ID: 500 }, { ID: 501 }]
    const garbage = [{ ID: 1 }] // what an unresolved reference may return
    const chunk = collectKeysetPages({ results: { p0: full, p1: short, p2: garbage }, errors: {} }, 0, 3)
    expect(chunk.rows).toHaveLength(52)
    expect(chunk).toMatchObject({ lastId: 501, done: true })
  })
})

describe('gateway.readAll', () => {
  it.each([0, 1, 49, 50, 51, 2500, 2501, 6000])('reads all %i rows in ⌊n/2500⌋+1 requests', async (count) => {
    const portal = fakeListPortal(range(10, count))
    const progress: number[] = []
    const rows = await createGateway(portal.transport).readAll<{ ID: number }>('test.list', {}, { onProgress: (n) => progress.push(n) })
    expect(rows.map((r) => r.ID)).toEqual(range(10, count))
    expect(portal.requests).toBe(Math.floor(count / 2500) + 1)
    expect(progress.at(-1)).toBe(count)
  })

  it('reads crm.item.list shapes (items, id)', async () => {
    const portal = fakeListPortal(range(1, 120), { itemsKey: 'items', idKey: 'id' })
    const rows = await createGateway(portal.transport).readAll<{ id: number }>('test.list', {}, { idKey: 'id', itemsKey: 'items', pagesPerBatch: 2 })
    expect(rows).toHaveLength(120)
    expect(portal.requests).toBe(2) // 100 rows in the first request, 20 in the second
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const portal = fakeListPortal(range(1, 10))
    await expect(createGateway(portal.transport).readAll('test.list', {}, { signal: controller.signal })).rejects.toThrow()
    expect(portal.requests).toBe(0)
  })
})
