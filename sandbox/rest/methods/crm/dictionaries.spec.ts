// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { addDealCategory } from './dictionaries'
import { caller, failure, peopleStore } from './testing'

// Shapes pinned here: b24restdocs api-reference/crm/status/crm-status-list.md (ID/SORT strings, SEMANTICS, EXTRA),
// api-reference/crm/universal/category/crm-category-{list,get,add}.md.

describe('statuses and pipelines', () => {
  it('lists the stages of a pipeline with their groups', async () => {
    const store = peopleStore()
    const id = addDealCategory(store, 'Товары', 100, [
      { code: 'NEW', name: 'Не обработан' },
      { code: 'WON', name: 'Сделка успешна', semantics: 'S' },
      { code: 'LOSE', name: 'Сделка провалена', semantics: 'F' },
    ])
    const { call } = caller(store, 3)
    const { result } = await call('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${id}` }, order: { SORT: 'ASC' } })
    expect(result).toEqual([
      expect.objectContaining({ ENTITY_ID: `DEAL_STAGE_${id}`, STATUS_ID: `C${id}:NEW`, NAME: 'Не обработан', SORT: '10', CATEGORY_ID: String(id), SEMANTICS: null, EXTRA: expect.objectContaining({ SEMANTICS: 'process' }) }),
      expect.objectContaining({ STATUS_ID: `C${id}:WON`, SEMANTICS: 'S', EXTRA: expect.objectContaining({ SEMANTICS: 'success' }) }),
      expect.objectContaining({ STATUS_ID: `C${id}:LOSE`, SEMANTICS: 'F', EXTRA: expect.objectContaining({ SEMANTICS: 'failure' }) }),
    ])
    const general = (await call('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' } })).result as Array<{ STATUS_ID: string; CATEGORY_ID: unknown }>
    expect(general.map((s) => s.STATUS_ID)).toContain('WON')
    expect(general[0]!.CATEGORY_ID).toBeNull()
  })

  it('lists, gets and adds pipelines', async () => {
    const store = peopleStore()
    addDealCategory(store, 'Товары', 100)
    const admin = caller(store, 1)
    const list = await admin.call('crm.category.list', { entityTypeId: 2 })
    expect(list.result).toEqual({
      categories: [
        { id: 1, name: 'Товары', sort: 100, entityTypeId: 2, isDefault: 'N', originId: '', originatorId: '' },
        { id: 0, name: 'Общая', sort: 300, entityTypeId: 2, isDefault: 'Y' },
      ],
    })
    expect(list.total).toBe(2)
    const added = (await admin.call('crm.category.add', { entityTypeId: 2, fields: { name: 'Услуги', sort: 150 } })).result as { category: { id: number } }
    expect(added.category).toMatchObject({ id: 2, name: 'Услуги' })
    expect(((await admin.call('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_2' } })).result as unknown[]).length).toBe(8)
    expect((await failure(admin.call('crm.category.get', { entityTypeId: 2, id: 9 }))).code).toBe('NOT_FOUND')
    expect((await failure(admin.call('crm.category.list', { entityTypeId: 3 }))).code).toBe('ENTITY_TYPE_NOT_SUPPORTED')
    expect((await failure(caller(store, 3).call('crm.category.add', { entityTypeId: 2, fields: { name: 'x' } }))).code).toBe('ACCESS_DENIED')
  })
})
