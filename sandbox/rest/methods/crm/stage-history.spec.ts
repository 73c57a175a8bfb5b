// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { seedCrm } from '../../../demo/crm'
import { generateDeals } from '../../../demo/generate'
import { addDealCategory } from './dictionaries'
import { caller, failure, peopleStore } from './testing'

// b24restdocs api-reference/crm/crm-stage-history-list.md: { items } pages of 50 with total/next;
// TYPE_ID 1 created, 2 intermediate stage, 3 final stage, 5 another pipeline.

type Item = Record<string, unknown>
const items = (r: { result: unknown }) => (r.result as { items: Item[] }).items

describe('crm.stagehistory.list', () => {
  it('records the creation and every stage change of a deal, in the portal shape', async () => {
    const store = peopleStore()
    const goods = addDealCategory(store, 'Товары', 100)
    const { call } = caller(store, 3)
    const { result: id } = await call('crm.deal.add', { fields: { TITLE: 'A', CATEGORY_ID: goods } })
    await call('crm.deal.update', { id, fields: { TITLE: 'renamed' } })
    await call('crm.deal.update', { id, fields: { STAGE_ID: `C${goods}:PREPARATION` } })
    await call('crm.deal.update', { id, fields: { STAGE_ID: `C${goods}:WON` } })
    const page = await call('crm.stagehistory.list', { entityTypeId: 2, filter: { OWNER_ID: id }, order: { ID: 'ASC' } })
    expect(page.total).toBe(3)
    expect(items(page)).toEqual([
      { ID: 1, TYPE_ID: 1, OWNER_ID: id, CREATED_TIME: '2026-03-02T12:00:00+03:00', CATEGORY_ID: goods, STAGE_SEMANTIC_ID: 'P', STAGE_ID: `C${goods}:NEW` },
      { ID: 2, TYPE_ID: 2, OWNER_ID: id, CREATED_TIME: '2026-03-02T12:00:00+03:00', CATEGORY_ID: goods, STAGE_SEMANTIC_ID: 'P', STAGE_ID: `C${goods}:PREPARATION` },
      { ID: 3, TYPE_ID: 3, OWNER_ID: id, CREATED_TIME: '2026-03-02T12:00:00+03:00', CATEGORY_ID: goods, STAGE_SEMANTIC_ID: 'S', STAGE_ID: `C${goods}:WON` },
    ])
    const other = addDealCategory(store, 'Услуги', 200)
    const admin = caller(store, 1).call
    const { result: second } = await admin('crm.item.add', { entityTypeId: 2, fields: { title: 'B' } })
    const item = (second as { item: { id: number } }).item
    await admin('crm.item.update', { entityTypeId: 2, id: item.id, fields: { categoryId: other } })
    const moved = items(await admin('crm.stagehistory.list', { entityTypeId: 2, filter: { OWNER_ID: item.id }, select: ['TYPE_ID', 'STAGE_ID'] }))
    expect(moved).toEqual([{ TYPE_ID: 1, STAGE_ID: 'NEW' }, { TYPE_ID: 5, STAGE_ID: `C${other}:NEW` }])
  })

  it('keeps lead statuses as STATUS_ID / STATUS_SEMANTIC_ID', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    const { result: id } = await call('crm.lead.add', { fields: { TITLE: 'L' } })
    await call('crm.lead.update', { id, fields: { STATUS_ID: 'JUNK' } })
    const rows = items(await call('crm.stagehistory.list', { entityTypeId: 1, select: ['TYPE_ID', 'STATUS_ID', 'STATUS_SEMANTIC_ID', 'STAGE_ID'] }))
    expect(rows).toEqual([
      { TYPE_ID: 1, STATUS_ID: 'NEW', STATUS_SEMANTIC_ID: 'P' },
      { TYPE_ID: 3, STATUS_ID: 'JUNK', STATUS_SEMANTIC_ID: 'F' },
    ])
    expect(items(await call('crm.stagehistory.list', { entityTypeId: 2 }))).toEqual([])
  })

  it('refuses unknown types, filter and order fields the portal way', async () => {
    const { call } = caller(peopleStore(), 1)
    expect((await failure(call('crm.stagehistory.list', { entityTypeId: 7 }))).code).toBe('ENTITY_TYPE_NOT_SUPPORTED')
    const badFilter = await failure(call('crm.stagehistory.list', { entityTypeId: 2, filter: { TITLE: 'x' } }))
    expect([badFilter.status, badFilter.code, badFilter.description]).toEqual([400, 'INVALID_ARG_VALUE', "Invalid filter: field 'TITLE' is not allowed in filter"])
    const badOrder = await failure(call('crm.stagehistory.list', { entityTypeId: 2, order: { ID: 'UP' } }))
    expect(badOrder.code).toBe('INVALID_ARG_VALUE')
  })

  it('shows only rows of deals the caller may read, and forgets a deleted deal', async () => {
    const store = peopleStore()
    const admin = caller(store, 1).call
    const { result: open } = await admin('crm.deal.add', { fields: { ASSIGNED_BY_ID: 4, OPENED: 'Y' } })
    const { result: closed } = await admin('crm.deal.add', { fields: { ASSIGNED_BY_ID: 4, OPENED: 'N' } })
    const { result: own } = await admin('crm.deal.add', { fields: { ASSIGNED_BY_ID: 3, OPENED: 'N' } })
    const owners = async (user: number) =>
      items(await caller(store, user).call('crm.stagehistory.list', { entityTypeId: 2, select: ['OWNER_ID'] })).map((r) => r.OWNER_ID)
    expect(await owners(1)).toEqual([open, closed, own])
    expect(await owners(3)).toEqual([open, own])
    await admin('crm.deal.delete', { id: open })
    expect(await owners(3)).toEqual([own])
  })

  it('pages 50 at a time with total/next, filters by time and pipeline, and gives seeded deals a history', async () => {
    const store = peopleStore()
    const now = new Date('2026-03-02T09:00:00Z')
    seedCrm(store, now)
    generateDeals(store, 300, { seed: 3, now })
    const { call } = caller(store, 1)
    const all = await call('crm.stagehistory.list', { entityTypeId: 2, filter: { CATEGORY_ID: 1 } })
    expect(all.total).toBeGreaterThan(300)
    expect(all.next).toBe(50)
    expect(items(all)).toHaveLength(50)
    const second = await call('crm.stagehistory.list', { entityTypeId: 2, filter: { CATEGORY_ID: 1 }, start: 50 })
    expect(items(second)[0]!.ID).toBeGreaterThan(items(all)[49]!.ID as number)
    const keyset = await call('crm.stagehistory.list', { entityTypeId: 2, filter: { '>ID': 100, '>=CREATED_TIME': '2026-01-01T00:00:00+03:00' }, start: -1 })
    expect(keyset.total).toBe(0)
    expect(items(keyset).every((r) => (r.ID as number) > 100 && Date.parse(String(r.CREATED_TIME)) >= Date.parse('2026-01-01T00:00:00+03:00'))).toBe(true)
    // Every deal has exactly one «created» row, in its pipeline's first stage, at its DATE_CREATE; its last row is its stage.
    const deals = [...store.table('deals').rows()]
    const history = [...store.table('stage_history').rows()]
    for (const deal of deals) {
      const rows = history.filter((h) => h.OWNER_ID === deal.ID)
      expect(rows.filter((r) => r.TYPE_ID === 1)).toHaveLength(1)
      expect(Date.parse(String(rows[0]!.CREATED_TIME))).toBe(Date.parse(String(deal.DATE_CREATE)))
      expect(rows.at(-1)!.STAGE_ID).toBe(deal.STAGE_ID)
      expect(rows.at(-1)!.STAGE_SEMANTIC_ID).toBe(deal.STAGE_SEMANTIC_ID)
      expect(Date.parse(String(rows.at(-1)!.CREATED_TIME))).toBeLessThanOrEqual(now.getTime())
      const times = rows.map((r) => Date.parse(String(r.CREATED_TIME)))
      expect([...times].sort((a, b) => a - b)).toEqual(times)
    }
  })
})
