// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readSaleItems } from '../../src/domain/sale/items-json'
import { defaultObjectsDirectory } from '../../src/domain/sale/default-objects'
import { findPlace } from '../../src/domain/sale/objects-directory'
import { MemoryStore } from '../store/memory-store'
import { caller } from '../rest/methods/crm/testing'
import { seedCrm } from './crm'
import { generateDeals } from './generate'
import { seedPeople } from './people'

// Keyset read as b24restdocs settings/performance/huge-data.md advises: order ID ASC, filter >ID, start=-1.

const NOW = new Date('2026-03-02T09:00:00Z')

function store() {
  const s = new MemoryStore()
  seedPeople(s)
  seedCrm(s, NOW)
  return s
}

describe('generateDeals', () => {
  it('is deterministic for a seed and spreads deals over pipelines, stages, managers and three years', () => {
    const a = store()
    const b = store()
    const range = generateDeals(a, 3000, { seed: 7, now: NOW })
    generateDeals(b, 3000, { seed: 7, now: NOW })
    expect(range.lastId - range.firstId).toBe(2999)
    const rowsA = [...a.table('deals').rowsAfter(range.firstId - 1)]
    const rowsB = [...b.table('deals').rowsAfter(range.firstId - 1)]
    expect(rowsA).toEqual(rowsB)
    const stages = new Set(rowsA.map((r) => r.STAGE_ID))
    for (const code of ['C1:EXPRESS_ID', 'C1:WON', 'C1:LOSE', 'C2:WAIT_VISIT', 'C2:WON', 'NEW']) expect(stages.has(code), code).toBe(true)
    expect(new Set(rowsA.map((r) => r.ASSIGNED_BY_ID))).toEqual(new Set([3, 4]))
    const years = new Set(rowsA.map((r) => String(r.DATE_CREATE).slice(0, 4)))
    expect([...years].sort()).toEqual(['2023', '2024', '2025', '2026'])
    const won = rowsA.filter((r) => r.STAGE_SEMANTIC_ID === 'S')
    expect(won.every((r) => r.CLOSED === 'Y' && String(r.STAGE_ID).endsWith('WON'))).toBe(true)
    expect(rowsA.every((r) => typeof r.OPPORTUNITY === 'number' && (r.OPPORTUNITY as number) >= 10_000)).toBe(true)
    const c = store()
    generateDeals(c, 3000, { seed: 8, now: NOW })
    expect([...c.table('deals').rowsAfter(range.firstId - 1)].map((r) => r.STAGE_ID)).not.toEqual(rowsA.map((r) => r.STAGE_ID))
  })

  it('fills the paid amount only when the field exists', async () => {
    const s = store()
    generateDeals(s, 200, { seed: 1, now: NOW })
    expect([...s.table('deals').rows()].some((r) => 'UF_CRM_LMS_PAID_AMOUNT' in r)).toBe(false)
    await caller(s, 1).call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'LMS_PAID_AMOUNT', USER_TYPE_ID: 'money' } })
    const { firstId } = generateDeals(s, 200, { seed: 1, now: NOW })
    const paid = [...s.table('deals').rowsAfter(firstId - 1)].filter((r) => r.UF_CRM_LMS_PAID_AMOUNT)
    expect(paid.length).toBeGreaterThan(20)
    expect(paid.every((r) => /^\d+\.\d{2}\|RUB$/.test(String(r.UF_CRM_LMS_PAID_AMOUNT)))).toBe(true)
    const wonPaid = paid.filter((r) => r.STAGE_SEMANTIC_ID === 'S')
    expect(wonPaid.every((r) => String(r.UF_CRM_LMS_PAID_AMOUNT) === `${(r.OPPORTUNITY as number).toFixed(2)}|RUB`)).toBe(true)
  })

  it('gives part of the Kosino pipeline\'s deals sale items the app reads, with places of its default directory, once the field exists', async () => {
    const s = store()
    const before = generateDeals(s, 2000, { seed: 5, now: NOW })
    const plain = [...s.table('deals').rowsAfter(before.firstId - 1)]
    expect(plain.some((r) => 'UF_CRM_KOS_SALE_ITEMS' in r)).toBe(false)
    const t = store()
    await caller(t, 1).call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'KOS_SALE_ITEMS', USER_TYPE_ID: 'string' } })
    const range = generateDeals(t, 2000, { seed: 5, now: NOW })
    const rows = [...t.table('deals').rowsAfter(range.firstId - 1)]
    // The items take nothing from the deals' own sequence: the same deals with or without them.
    expect(rows.map(({ UF_CRM_KOS_SALE_ITEMS: _, ...rest }) => rest)).toEqual(plain)
    const held = rows.filter((r) => r.UF_CRM_KOS_SALE_ITEMS)
    expect(held.every((r) => r.CATEGORY_ID === 3)).toBe(true)
    const kosino = rows.filter((r) => r.CATEGORY_ID === 3)
    expect(held.length / kosino.length).toBeGreaterThan(0.3)
    expect(held.length / kosino.length).toBeLessThan(0.9)
    expect(kosino.filter((r) => r.STAGE_SEMANTIC_ID === 'S').every((r) => r.UF_CRM_KOS_SALE_ITEMS)).toBe(true)
    expect(held.some((r) => r.STAGE_SEMANTIC_ID === 'F')).toBe(true)
    const directory = defaultObjectsDirectory()
    const types = new Set<string>()
    for (const r of held) {
      const read = readSaleItems(String(r.UF_CRM_KOS_SALE_ITEMS))
      if (!read.ok) throw new Error(`deal ${r.ID}: ${read.reason}`)
      expect(read.items.reduce((sum, item) => sum + (item.priceMinor ?? 0), 0)).toBe(Math.round((r.OPPORTUNITY as number) * 100))
      for (const item of read.items) {
        if (item.kind !== 'object') continue
        expect(findPlace(directory, item), JSON.stringify(item)).toBeDefined()
        types.add(item.objectType)
      }
    }
    expect(types.size).toBeGreaterThan(8)
  })

  it('makes 100,000 deals that a keyset read pages through 50 at a time', async () => {
    const s = store()
    const { lastId } = generateDeals(s, 100_000, { seed: 42, now: NOW })
    expect(s.table('deals').size).toBe(100_040)
    const { call } = caller(s, 1)
    const page = await call('crm.deal.list', { select: ['ID'], filter: { '>ID': lastId - 60 }, order: { ID: 'ASC' }, start: -1 })
    expect(page.total).toBe(0)
    expect((page.result as Array<{ ID: string }>).map((r) => Number(r.ID))).toEqual(Array.from({ length: 50 }, (_, i) => lastId - 59 + i))
    const counted = await call('crm.deal.list', { select: ['ID'], filter: { CATEGORY_ID: 1 } })
    expect(counted.total).toBeGreaterThan(20_000)
    expect(counted.next).toBe(50)
  }, 60_000)
})
