import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createGateway } from '@/b24/gateway'
import type { PlacementContext } from '@/b24/placement-context'
import { SALE_FIELDS } from '@/domain/fields/sale'
import { readSaleItems, serializeSaleItems } from '@/domain/sale'
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
    const portal = portalWithDeals()
    const store = setUp(portal)
    await store.load()
    fillSale(store)
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
    const portal = portalWithDeals()
    const store = setUp(portal)
    await store.load()
    fillSale(store)
    portal.table.set(9, { ID: '9', STAGE_SEMANTIC_ID: 'S', [PLACES]: ['CUSTOMS/Z1/S1/P102'] })
    await store.save()
    expect(store.errors['items.0.place']).toBe('kosSale.placeTaken')
    expect(portal.methods).not.toContain('crm.deal.update')
    expect(portal.methods).not.toContain('crm.deal.productrows.set')
    expect(store.taken.get('CUSTOMS/Z1/S1/P102')).toBe(9)
  })

  it('keeps the draft across a reload until it is saved or discarded', async () => {
    const portal = portalWithDeals()
    const store = setUp(portal)
    await store.load()
    fillSale(store)
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
    const portal = portalWithDeals()
    const store = setUp(portal)
    await store.load()
    fillSale(store)
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
})
