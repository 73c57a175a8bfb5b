// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { rowsTotalKopecks } from './product-row-store'
import { caller, failure, peopleStore } from './testing'

// Shapes pinned here: b24restdocs api-reference/crm/deals/crm-deal-productrows-{get,set}.md,
// api-reference/crm/universal/product-rows/crm-item-productrow-{set,list}.md,
// amount rule: api-reference/crm/deals/crm-deal-productrows-set.md (IS_MANUAL_OPPORTUNITY).

describe('product rows', () => {
  it('sums in kopecks without float drift', () => {
    expect(rowsTotalKopecks([{ PRICE: 0.1, QUANTITY: 3 }, { PRICE: 0.2, QUANTITY: 1 }])).toBe(50)
    expect(rowsTotalKopecks([{ PRICE: 19.99, QUANTITY: 3 }])).toBe(5997)
  })

  it('replaces all rows and recalculates OPPORTUNITY unless the amount is manual', async () => {
    const store = peopleStore()
    const { call } = caller(store, 3)
    const { result: id } = await call('crm.deal.add', { fields: { TITLE: 'Подшипники', OPPORTUNITY: 1 } })
    await call('crm.deal.productrows.set', {
      id,
      rows: [
        { PRODUCT_NAME: 'Подшипник 6205', PRICE: 0.1, QUANTITY: 3 },
        { PRODUCT_NAME: 'Вибродиагностика', PRICE: 19999.99, QUANTITY: 2 },
      ],
    })
    expect((await call('crm.deal.get', { id })).result).toMatchObject({ OPPORTUNITY: '40000.28' })
    const rows = (await call('crm.deal.productrows.get', { id })).result as Array<Record<string, unknown>>
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ ID: '1', OWNER_ID: String(id), OWNER_TYPE: 'D', PRODUCT_NAME: 'Подшипник 6205', PRICE: 0.1, QUANTITY: 3, PRICE_ACCOUNT: '0.10', MEASURE_CODE: 796 })
    // A sent amount does not beat the rows while the amount is automatic.
    await call('crm.deal.update', { id, fields: { OPPORTUNITY: 5 } })
    expect((await call('crm.deal.get', { id })).result).toMatchObject({ OPPORTUNITY: '40000.28' })
    await call('crm.deal.productrows.set', { id, rows: [{ PRODUCT_NAME: 'Одна', PRICE: 100, QUANTITY: 1 }] })
    expect((await call('crm.deal.productrows.get', { id })).result).toHaveLength(1)
    expect((await call('crm.deal.get', { id })).result).toMatchObject({ OPPORTUNITY: '100.00' })
    await call('crm.deal.update', { id, fields: { IS_MANUAL_OPPORTUNITY: 'Y', OPPORTUNITY: 777 } })
    await call('crm.deal.productrows.set', { id, rows: [{ PRODUCT_NAME: 'Две', PRICE: 1, QUANTITY: 2 }] })
    expect((await call('crm.deal.get', { id })).result).toMatchObject({ OPPORTUNITY: '777.00' })
  })

  it('works through crm.item.productrow.set/list in camelCase, with the owner rights', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    const { result: id } = await admin.call('crm.deal.add', { fields: { TITLE: 'X', ASSIGNED_BY_ID: 4, OPENED: 'N' } })
    const set = (await admin.call('crm.item.productrow.set', {
      ownerType: 'D',
      ownerId: id,
      productRows: [{ productName: 'Хранение', price: 1500.5, quantity: 4, discountTypeId: 1, discountSum: 0 }],
    })).result as { productRows: Array<Record<string, unknown>> }
    expect(set.productRows[0]).toMatchObject({ id: 1, ownerId: id, ownerType: 'D', productName: 'Хранение', price: 1500.5, quantity: 4 })
    expect((await admin.call('crm.item.get', { entityTypeId: 2, id })).result).toMatchObject({ item: { opportunity: 6002 } })
    const listed = await admin.call('crm.item.productrow.list', { filter: { '=ownerType': 'D', '=ownerId': id } })
    expect((listed.result as { productRows: unknown[] }).productRows).toHaveLength(1)
    const manager = caller(store, 3)
    const denied = await failure(manager.call('crm.item.productrow.set', { ownerType: 'D', ownerId: id, productRows: [] }))
    expect([denied.code]).toEqual(['ACCESS_DENIED'])
    const missing = await failure(admin.call('crm.item.productrow.set', { ownerType: 'D', ownerId: 999, productRows: [] }))
    expect(missing.code).toBe('OWNER_NOT_FOUND')
  })
})
