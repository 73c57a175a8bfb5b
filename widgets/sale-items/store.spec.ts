import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createGateway, GatewayError } from '@/b24/gateway'
import type { PlacementContext } from '@/b24/placement-context'
import { SALE_FIELDS } from '@/domain/fields/sale'
import { readSaleItems, readSaleRecord, serializeSaleItems } from '@/domain/sale'
import type { SaleItem } from '@/domain/sale'
import { useAppContext } from '@/stores/app-context'
import { fakeSalePortal, KIND_ITEM_IDS } from './fake-sale-portal'
import { useSaleStore } from './store'

// REST shapes: b24restdocs api-reference/crm/deals/crm-deal-get.md, crm-deal-update.md,
// crm-deal-productrows-set.md (rows replace; OPPORTUNITY follows them), crm-deal-list.md,
// settings/how-to-call-rest-api/batch.md.

const DEAL = 40
const ITEMS = SALE_FIELDS.items.fieldName
const PLACES = SALE_FIELDS.places.fieldName
const KIND = SALE_FIELDS.kind.fieldName

const context: PlacementContext = { placement: 'CRM_DEAL_DETAIL_TAB', options: { ID: String(DEAL) }, entityId: DEAL, lang: 'ru', isAdmin: false, installMode: false, widgetParam: 'sale-items' }

const soldPlace: SaleItem = { id: 'x', kind: 'object', objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P101', volume: '', termYears: 3, priceMinor: 100 }

function setUp(portal: ReturnType<typeof fakeSalePortal>) {
  setActivePinia(createPinia())
  useAppContext().ready({ frame: null, context, gateway: createGateway(portal.transport, { sleep: async () => {} }), locale: 'ru' })
  return useSaleStore()
}

function portalWithDeals() {
  return fakeSalePortal([
    { ID: String(DEAL), TITLE: 'Экор: склад и услуги' },
    // Active deal holding customs place 101; a lost deal holding 102 frees it.
    { ID: '7', [PLACES]: ['CUSTOMS/Z1/S1/P101'], [ITEMS]: serializeSaleItems([soldPlace]) },
    { ID: '8', STAGE_SEMANTIC_ID: 'F', [PLACES]: ['CUSTOMS/Z1/S1/P102'] },
  ])
}

/** Fills a complete sale of all three kinds with odd prices. */
function fillSale(store: ReturnType<typeof useSaleStore>) {
  store.setKind('CONTRACT')
  const place = store.addItem('object')
  for (const [level, code] of [['objectType', 'CUSTOMS'], ['zone', 'Z1'], ['sector', 'S1'], ['place', 'P102']] as const) store.choosePlace(place, level, code)
  store.updateItem(place, { termYears: 3, priceMinor: 100_000_007 })
  const ved = store.addItem('ved')
  store.updateItem(ved, { service: 'PHYTOSANITARY', volume: '20 партий в месяц', termYears: 1, priceMinor: 10 })
  const tpl = store.addItem('3pl')
  store.updateItem(tpl, { service: 'PICKING', volume: '5 000 коробов', termYears: 2, priceMinor: 20 })
}

/** The tab opened on the portal with a complete sale typed in. */
async function typedSale(portal = portalWithDeals()) {
  const store = setUp(portal)
  await store.load()
  fillSale(store)
  return { portal, store }
}

beforeEach(() => localStorage.clear())

describe('sale tab store against an in-memory portal', () => {
  it('opens with ONE request and knows which places other active deals hold', async () => {
    const portal = portalWithDeals()
    const store = setUp(portal)
    await store.load()
    expect(portal.requests).toBe(1)
    expect(store.status).toBe('ready')
    expect([...store.taken]).toEqual([['CUSTOMS/Z1/S1/P101', 7]])
  })

  it('saves items of all three kinds: rows sum = OPPORTUNITY = total, items read back exactly', async () => {
    const { portal, store } = await typedSale()
    const typed = structuredClone(store.values.items)
    await store.save()
    expect(store.saveError).toBeNull()
    expect(store.notice).toBe('saved')
    const deal = portal.table.get(DEAL)!
    // 1 000 000,07 + 0,10 + 0,20 = 1 000 000,37 exactly.
    expect(deal.OPPORTUNITY).toBe('1000000.37')
    expect(portal.rows.get(DEAL)!.map((row) => row.PRICE)).toEqual([1000000.07, 0.1, 0.2])
    expect(deal[KIND]).toBe(KIND_ITEM_IDS.CONTRACT)
    expect(deal[PLACES]).toEqual(['CUSTOMS/Z1/S1/P102'])
    expect(readSaleItems(deal[ITEMS] as string)).toEqual({ ok: true, items: typed })
    expect(localStorage.length).toBe(0)

    // A fresh tab reads the same sale back.
    const reopened = setUp(portal)
    await reopened.load()
    expect(reopened.values).toEqual({ kind: 'CONTRACT', items: typed })
  })

  it('sends nothing while the sale does not validate', async () => {
    const portal = portalWithDeals()
    const store = setUp(portal)
    await store.load()
    store.updateItem(store.addItem('ved'), { termYears: 2 })
    await store.save()
    expect(portal.requests).toBe(1)
    expect(store.errors).toMatchObject({ kind: 'kosSale.kindRequired', 'items.0.service': 'kosSale.required', 'items.0.priceMinor': 'kosSale.priceRequired' })
  })

  it('refuses a place that another deal sold after the tab opened, writing nothing', async () => {
    const { portal, store } = await typedSale()
    portal.table.set(9, { ID: '9', STAGE_SEMANTIC_ID: 'S', [PLACES]: ['CUSTOMS/Z1/S1/P102'] })
    await store.save()
    expect(store.errors['items.0.place']).toBe('kosSale.placeTaken')
    expect(portal.methods).not.toContain('crm.deal.update')
    expect(portal.methods).not.toContain('crm.deal.productrows.set')
    expect(store.taken.get('CUSTOMS/Z1/S1/P102')).toBe(9)
  })

  it('keeps the draft across a reload until it is saved or discarded', async () => {
    const { portal, store } = await typedSale()
    const typed = structuredClone(store.values)
    const reloaded = setUp(portal)
    await reloaded.load()
    expect(reloaded.values).toEqual(typed)
    expect(reloaded.dirty).toBe(true)
    reloaded.discard()
    const again = setUp(portal)
    await again.load()
    expect(again.values).toEqual({ kind: null, items: [] })
  })

  it('stops a save that would overwrite another user’s change, then saves the version chosen', async () => {
    const { portal, store } = await typedSale()
    // Meanwhile a colleague saved one 3PL item and the LOI kind.
    const theirs: SaleItem = { id: 't1', kind: '3pl', service: 'PACKING', volume: '1 паллета', termYears: 1, priceMinor: 500 }
    portal.change(DEAL, { [ITEMS]: serializeSaleItems([theirs]), [KIND]: KIND_ITEM_IDS.LOI })
    await store.save()
    expect(store.conflict?.comparison.conflicts.map((conflict) => conflict.field).sort()).toEqual(['items', 'kind'])
    expect(portal.methods).not.toContain('crm.deal.update')
    expect(readSaleItems(portal.table.get(DEAL)![ITEMS] as string)).toEqual({ ok: true, items: [theirs] })

    const mine = structuredClone(store.values.items)
    await store.resolveConflict({ kind: 'theirs', items: 'mine' })
    expect(store.conflict).toBeNull()
    expect(store.notice).toBe('saved')
    const deal = portal.table.get(DEAL)!
    expect(deal[KIND]).toBe(KIND_ITEM_IDS.LOI)
    expect(readSaleItems(deal[ITEMS] as string)).toEqual({ ok: true, items: mine })
    expect(deal.OPPORTUNITY).toBe('1000000.37')
  })

  it('writes as a plan: version check, then the fields, then the rows, in ONE halting batch', async () => {
    const { portal, store } = await typedSale()
    const before = portal.methods.length
    await store.save()
    expect(store.notice).toBe('saved')
    // fresh read (deal, rows, taken places), then the plan's batch
    expect(portal.methods.slice(before).filter((method) => !method.endsWith('.get') && method !== 'crm.deal.list').concat()).toEqual(['crm.deal.update', 'crm.deal.productrows.set'])
    expect(portal.requests).toBe(3)
    const record = readSaleRecord(portal.table.get(DEAL)![ITEMS] as string)
    expect(record.ok && record.marker?.save).toBeTruthy()
    expect(store.plans.unfinished.value).toEqual([])
  })

  it('a refused write (no right to edit the deal) is never «saved»: the plan stays unfinished and the draft is kept', async () => {
    const { portal, store } = await typedSale()
    portal.fail({ method: 'crm.deal.update', error: new GatewayError('access', '', 'Access denied.', 400) })
    await store.save()
    expect(store.notice).toBeNull()
    expect(store.dirty).toBe(true)
    expect(store.plans.unfinished.value).toHaveLength(1)
    expect(portal.methods).not.toContain('crm.deal.productrows.set')
    expect(portal.table.get(DEAL)![ITEMS]).toBeUndefined()
  })

  it('keeps rows the items do not describe: nothing is sent until the manager takes them in or replaces them', async () => {
    const portal = portalWithDeals()
    portal.rows.set(DEAL, [{ PRODUCT_NAME: 'Ответственное хранение (1 год)', PRICE: 960000, QUANTITY: 1 }, { PRODUCT_NAME: 'Склад', PRICE: 1600000, QUANTITY: 3 }])
    portal.table.get(DEAL)!.OPPORTUNITY = '5760000.00'
    const store = setUp(portal)
    await store.load()
    expect(store.foreignRows.map((row) => row.name)).toEqual(['Ответственное хранение (1 год)', 'Склад'])
    fillSale(store)
    await store.save()
    expect(store.notice).toBe('rows-undecided')
    expect(portal.requests).toBe(1)

    store.takeRows([{ kind: '3pl', service: 'CUSTODY' }, { kind: 'object', service: '' }])
    expect(store.foreignRows).toEqual([])
    const [, , , custody, place] = store.values.items
    expect(custody).toMatchObject({ kind: '3pl', service: 'CUSTODY', termYears: 1, priceMinor: 96_000_000 })
    expect(place).toMatchObject({ kind: 'object', priceMinor: 480_000_000, volume: 'Склад' })
    await store.save()
    expect(store.errors['items.4.objectType']).toBe('kosSale.required')
    for (const [level, code] of [['objectType', 'CUSTOMS'], ['zone', 'Z1'], ['sector', 'S2'], ['place', 'P201']] as const) store.choosePlace(place!.id, level, code)
    store.updateItem(place!.id, { termYears: 3 })
    await store.save()
    expect(store.notice).toBe('saved')
    // 1 000 000,37 typed + 960 000 + 4 800 000 taken in: nothing dropped.
    expect(portal.table.get(DEAL)!.OPPORTUNITY).toBe('6760000.37')
    expect(portal.rows.get(DEAL)).toHaveLength(5)
  })

  it('replaces foreign rows only when the manager chose so, and asks again when the rows changed meanwhile', async () => {
    const portal = portalWithDeals()
    portal.rows.set(DEAL, [{ PRODUCT_NAME: 'Склад', PRICE: 1600000, QUANTITY: 3 }])
    const store = setUp(portal)
    await store.load()
    fillSale(store)
    store.replaceRows()
    expect(store.foreignRows).toEqual([])
    portal.rows.set(DEAL, [{ PRODUCT_NAME: 'Склад', PRICE: 1600000, QUANTITY: 4 }])
    await store.save()
    expect(store.notice).toBe('rows-undecided')
    expect(store.foreignRows.map((row) => row.quantity)).toEqual([4])
    expect(portal.methods).not.toContain('crm.deal.update')
    store.replaceRows()
    await store.save()
    expect(store.notice).toBe('saved')
    expect(portal.rows.get(DEAL)!.map((row) => row.PRICE)).toEqual([1000000.07, 0.1, 0.2])
  })

  it('a save cut after its first write reads as unfinished on the next open and finishes on «Повторить» without double rows', async () => {
    const { portal, store } = await typedSale()
    portal.fail({ method: 'crm.deal.productrows.set', error: new GatewayError('access', '', 'Access denied.', 400) })
    await store.save()
    expect(store.notice).toBeNull()
    expect(readSaleItems(portal.table.get(DEAL)![ITEMS] as string)).toMatchObject({ ok: true })
    expect(portal.rows.get(DEAL)).toBeUndefined()

    const reopened = setUp(portal)
    await reopened.load()
    expect(reopened.screen?.card).toMatchObject({ kind: 'unfinished' })
    expect(reopened.plans.unfinished.value).toHaveLength(1)
    expect(reopened.cardUnfinished).toBe(false)
    await reopened.resume(reopened.plans.unfinished.value[0]!.id)
    expect(reopened.notice).toBe('saved')
    expect(portal.methods.filter((method) => method === 'crm.deal.update')).toHaveLength(1)
    expect(portal.rows.get(DEAL)).toHaveLength(3)
    expect(portal.table.get(DEAL)!.OPPORTUNITY).toBe('1000000.37')
    expect(reopened.dirty).toBe(false)
    expect(reopened.plans.unfinished.value).toEqual([])

    // Another browser (no journal) sees the same half-saved card and can finish it from the card itself.
    portal.rows.set(DEAL, [])
    localStorage.clear()
    const elsewhere = setUp(portal)
    await elsewhere.load()
    expect(elsewhere.cardUnfinished).toBe(true)
    await elsewhere.save()
    expect(elsewhere.notice).toBe('saved')
    expect(portal.rows.get(DEAL)).toHaveLength(3)
  })

  it('a new save while an older one is unfinished finishes the sale and drops the overtaken plan', async () => {
    const { portal, store } = await typedSale()
    portal.fail({ method: 'crm.deal.update', error: new GatewayError('access', '', 'Access denied.', 400) })
    await store.save()
    expect(store.plans.unfinished.value).toHaveLength(1)
    await store.save()
    expect(store.notice).toBe('saved')
    expect(store.plans.unfinished.value).toEqual([])
    expect(portal.rows.get(DEAL)).toHaveLength(3)
  })

  it('a lost reply after the fields were written is not taken for a colleague’s change: the plan goes on, the update is not resent', async () => {
    const { portal, store } = await typedSale()
    portal.fail({ method: 'crm.deal.update', error: new GatewayError('unknown', 'INTERNAL_SERVER_ERROR', 'Internal server error', 500), after: true })
    await store.save()
    expect(store.conflict).toBeNull()
    expect(store.notice).toBe('saved')
    expect(store.plans.unfinished.value).toEqual([])
    expect(portal.rows.get(DEAL)).toHaveLength(3)
  })

  it('a deal changed between the read and the write stops the write at the version check; the save compares again', async () => {
    const { portal, store } = await typedSale()
    // The title changes after the fresh read, right before the plan's batch.
    portal.before('crm.deal.update', () => undefined)
    let reads = 0
    portal.before('crm.deal.productrows.get', () => {
      reads += 1
      portal.change(DEAL, { TITLE: 'Экор: переименована' })
    })
    await store.save()
    expect(reads).toBe(1)
    expect(store.notice).toBe('saved')
    expect(portal.table.get(DEAL)!.TITLE).toBe('Экор: переименована')
    expect(portal.rows.get(DEAL)).toHaveLength(3)
  })
})
