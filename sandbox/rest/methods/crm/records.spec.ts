// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { addDealCategory } from './dictionaries'
import { caller, failure, peopleStore } from './testing'

// Shapes pinned here:
// - legacy get: b24restdocs api-reference/crm/deals/crm-deal-get.md (scalars as strings, empty → null)
// - legacy add/update/list: api-reference/crm/deals/crm-deal-{add,update,list}.md
// - crm.item: api-reference/crm/universal/crm-item-{get,add,update,list,delete}.md (camelCase, numbers)
// - multi-fields: api-reference/crm/data-types.md (crm_multifield)
// - legacy errors: HTTP 400 with empty code, api-reference/crm/deals/crm-deal-get.md (error handling)

describe('legacy crm.deal.*', () => {
  it('adds a deal and reads it back with string scalars and the caller as author', async () => {
    const store = peopleStore()
    const { call } = caller(store, 3)
    const { result: id } = await call('crm.deal.add', { fields: { TITLE: 'Подшипники SKF', OPPORTUNITY: 1000000, ASSIGNED_BY_ID: 3, CREATED_BY_ID: 1 } })
    expect(id).toBe(1)
    const { result: deal } = (await call('crm.deal.get', { id })) as { result: Record<string, unknown> }
    expect(deal).toMatchObject({
      ID: '1',
      TITLE: 'Подшипники SKF',
      OPPORTUNITY: '1000000.00',
      CURRENCY_ID: 'RUB',
      CATEGORY_ID: '0',
      STAGE_ID: 'NEW',
      STAGE_SEMANTIC_ID: 'P',
      CLOSED: 'N',
      CREATED_BY_ID: '3',
      MODIFY_BY_ID: '3',
      ASSIGNED_BY_ID: '3',
      COMPANY_ID: null,
      LEAD_ID: null,
      OPENED: 'Y',
      DATE_CREATE: '2026-03-02T12:00:00+03:00',
      BEGINDATE: '2026-03-02T00:00:00+03:00',
      CLOSEDATE: '2026-03-09T00:00:00+03:00',
    })
    expect(deal).not.toHaveProperty('CONTACT_IDS')
  })

  it('keeps the default title, ignores read-only fields and refuses bad input the legacy way', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    const { result: id } = await call('crm.deal.add', { fields: { STAGE_SEMANTIC_ID: 'S' } })
    const { result: deal } = (await call('crm.deal.get', { id })) as { result: Record<string, unknown> }
    expect(deal.TITLE).toBe('Сделка #1')
    expect(deal.STAGE_SEMANTIC_ID).toBe('P')
    const noFields = await failure(call('crm.deal.add', {}))
    expect([noFields.status, noFields.code, noFields.description]).toEqual([400, '', "Parameter 'fields' must be array."])
    const missing = await failure(call('crm.deal.get', { id: 99 }))
    expect([missing.status, missing.code, missing.description]).toEqual([400, '', 'Not found'])
    const badId = await failure(call('crm.deal.get', { id: 'x' }))
    expect(badId.description).toBe('ID is not defined or invalid.')
    const badStage = await failure(call('crm.deal.add', { fields: { STAGE_ID: 'C7:NEW' } }))
    expect(badStage.code).toBe('')
  })

  it('updates only given fields, keeps CATEGORY_ID immutable, and maintains the stage group', async () => {
    const store = peopleStore()
    const goods = addDealCategory(store, 'Товары', 100)
    const { call } = caller(store, 1)
    const { result: id } = await call('crm.deal.add', { fields: { TITLE: 'A', CATEGORY_ID: goods, ASSIGNED_BY_ID: 3 } })
    let deal = (await call('crm.deal.get', { id })).result as Record<string, string>
    expect(deal.STAGE_ID).toBe(`C${goods}:NEW`)
    const later = caller(store, 2, new Date('2026-03-05T10:00:00Z'))
    await later.call('crm.deal.update', { id, fields: { STAGE_ID: `C${goods}:WON`, CATEGORY_ID: 0, BOGUS: 1 } })
    deal = (await call('crm.deal.get', { id })).result as Record<string, string>
    expect(deal).toMatchObject({
      TITLE: 'A',
      CATEGORY_ID: String(goods),
      STAGE_ID: `C${goods}:WON`,
      STAGE_SEMANTIC_ID: 'S',
      CLOSED: 'Y',
      MOVED_BY_ID: '2',
      MOVED_TIME: '2026-03-05T13:00:00+03:00',
      MODIFY_BY_ID: '2',
    })
  })

  it('lists with select, filter, order and pages of 50 (start=-1 without a count)', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    for (let i = 1; i <= 120; i++) await call('crm.deal.add', { fields: { TITLE: `Сделка ${i}`, OPPORTUNITY: i * 10, ASSIGNED_BY_ID: i % 2 ? 3 : 4 } })
    const first = await call('crm.deal.list', { select: ['ID', 'TITLE'], filter: { ASSIGNED_BY_ID: 3 }, order: { OPPORTUNITY: 'DESC' } })
    expect(first.total).toBe(60)
    expect(first.next).toBe(50)
    const rows = first.result as Array<Record<string, unknown>>
    expect(rows).toHaveLength(50)
    expect(rows[0]).toEqual({ ID: '119', TITLE: 'Сделка 119' })
    const second = await call('crm.deal.list', { select: ['ID'], filter: { ASSIGNED_BY_ID: 3 }, order: { OPPORTUNITY: 'DESC' }, start: 50 })
    expect((second.result as unknown[]).length).toBe(10)
    expect(second.next).toBeUndefined()
    const keyset = await call('crm.deal.list', { select: ['ID'], filter: { '>ID': 100 }, order: { ID: 'ASC' }, start: -1 })
    expect(keyset.total).toBe(0)
    expect(keyset.next).toBeUndefined()
    expect((keyset.result as Array<{ ID: string }>).map((r) => r.ID)).toEqual(Array.from({ length: 20 }, (_, i) => String(101 + i)))
    const like = await call('crm.deal.list', { select: ['ID'], filter: { '%TITLE': 'сделка 11', '>=OPPORTUNITY': 1150 } })
    expect((like.result as Array<{ ID: string }>).map((r) => r.ID)).toEqual(['115', '116', '117', '118', '119'])
    // LIKE does not apply to status fields: `%STAGE_ID` compares whole values.
    expect((await call('crm.deal.list', { select: ['ID'], filter: { '%STAGE_ID': 'NE' } })).total).toBe(0)
    expect((await call('crm.deal.list', { select: ['ID'], filter: { '%STAGE_ID': 'NEW' } })).total).toBe(120)
    const inList = await call('crm.deal.list', { select: ['ID'], filter: { '@ID': [5, 7], '!ID': 7 } })
    expect(inList.result).toEqual([{ ID: '5' }])
  })

  it('deletes', async () => {
    const { call } = caller(peopleStore(), 1)
    const { result: id } = await call('crm.deal.add', { fields: { TITLE: 'x' } })
    expect((await call('crm.deal.delete', { id })).result).toBe(true)
    expect((await failure(call('crm.deal.get', { id }))).description).toBe('Not found')
  })
})

describe('contacts, companies, multi-fields and links', () => {
  it('writes PHONE/EMAIL, returns them only when selected, and links contacts to companies and deals', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    const { result: companyId } = await call('crm.company.add', {
      fields: { TITLE: 'ООО «Север»', PHONE: [{ VALUE: '+7 495 000-00-01', VALUE_TYPE: 'WORK' }] },
    })
    const { result: contactId } = await call('crm.contact.add', {
      fields: { NAME: 'Иван', LAST_NAME: 'Петров', COMPANY_ID: companyId, EMAIL: [{ VALUE: 'ivan@sever.ru', VALUE_TYPE: 'WORK' }] },
    })
    const contact = (await call('crm.contact.get', { id: contactId })).result as Record<string, unknown>
    expect(contact.EMAIL).toEqual([{ ID: '2', VALUE_TYPE: 'WORK', VALUE: 'ivan@sever.ru', TYPE_ID: 'EMAIL' }])
    expect(contact.COMPANY_ID).toBe(String(companyId))
    expect(contact.HAS_EMAIL).toBe('Y')
    const listed = (await call('crm.company.list', { filter: { ID: companyId } })).result as Array<Record<string, unknown>>
    expect(listed[0]).not.toHaveProperty('PHONE')
    const withPhone = (await call('crm.company.list', { select: ['ID', 'PHONE'], filter: { '%PHONE': '000-00-01' } })).result
    expect(withPhone).toEqual([{ ID: String(companyId), PHONE: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '+7 495 000-00-01', TYPE_ID: 'PHONE' }] }])
    await call('crm.contact.update', { id: contactId, fields: { EMAIL: [{ ID: 2, VALUE: '' }, { VALUE: 'petrov@sever.ru' }] } })
    const updated = (await call('crm.contact.get', { id: contactId })).result as Record<string, unknown>
    expect(updated.EMAIL).toEqual([{ ID: '3', VALUE_TYPE: 'WORK', VALUE: 'petrov@sever.ru', TYPE_ID: 'EMAIL' }])

    expect((await call('crm.company.contact.items.get', { id: companyId })).result).toEqual([
      { CONTACT_ID: contactId, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' },
    ])
    await call('crm.company.contact.items.set', { id: companyId, items: [] })
    expect((await call('crm.contact.get', { id: contactId })).result).toMatchObject({ COMPANY_ID: null })

    const { result: dealId } = await call('crm.deal.add', { fields: { TITLE: 'D', CONTACT_IDS: [contactId] } })
    expect((await call('crm.deal.get', { id: dealId })).result).toMatchObject({ CONTACT_ID: String(contactId) })
    await call('crm.deal.contact.items.set', { id: dealId, items: [] })
    expect((await call('crm.deal.contact.items.get', { id: dealId })).result).toEqual([])
  })

  // b24restdocs api-reference/crm/companies/crm-company-{add,update}.md, crm/contacts/crm-contact-{add,update}.md:
  // ERROR_CORE "The field … e-mail contains an invalid address"; leads write EMAIL through the same check.
  it('refuses an invalid e-mail in EMAIL on add and update of companies, contacts and leads, writing nothing', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    const bad = [{ VALUE: 'ivan.sever.ru', VALUE_TYPE: 'WORK' }]
    for (const kind of ['company', 'contact', 'lead']) {
      const e = await failure(call(`crm.${kind}.add`, { fields: { TITLE: 'T', NAME: 'N', EMAIL: bad } }))
      expect([kind, e.status, e.code, e.description]).toEqual([kind, 400, 'ERROR_CORE', 'The field "Work e-mail" contains an invalid address'])
      expect((await call(`crm.${kind}.list`, {})).result).toEqual([])
      const { result: id } = await call(`crm.${kind}.add`, { fields: { TITLE: 'T', NAME: 'N', EMAIL: [{ VALUE: ' ivan@sever.ru ', VALUE_TYPE: 'WORK' }] } })
      for (const value of ['ivan@', '@sever.ru', 'ivan@sever', 'ivan petrov@sever.ru', 'ivan@@sever.ru', '.ivan@sever.ru', 'ivan..p@sever.ru']) {
        const u = await failure(call(`crm.${kind}.update`, { id, fields: { EMAIL: [{ VALUE: value, VALUE_TYPE: 'HOME' }] } }))
        expect([kind, value, u.code, u.description]).toEqual([kind, value, 'ERROR_CORE', 'The field "Personal e-mail" contains an invalid address'])
      }
      const row = (await call(`crm.${kind}.get`, { id })).result as { EMAIL: Array<{ VALUE: string }> }
      expect(row.EMAIL.map((v) => v.VALUE)).toEqual(['ivan@sever.ru'])
      await call(`crm.${kind}.update`, { id, fields: { EMAIL: [{ VALUE: 'i.petrov+crm@sever-zavod.ru' }, { VALUE: 'otdel@завод.рф', VALUE_TYPE: 'OTHER' }] } })
    }
    const item = await failure(call('crm.item.add', { entityTypeId: 3, fields: { name: 'N', fm: [{ typeId: 'EMAIL', valueType: 'WORK', value: 'nope' }] } }))
    expect([item.status, item.code]).toEqual([400, 'ERROR_CORE'])
  })

  // b24restdocs api-reference/crm/deals/contacts/crm-deal-contact-items-set.md,
  // crm/companies/contacts/crm-company-contact-items-set.md, crm/contacts/company/crm-contact-company-items-set.md.
  it('refuses an items.set whose items is not an array, and keeps the links', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    const { result: companyId } = await call('crm.company.add', { fields: { TITLE: 'ООО «Юг»' } })
    const { result: otherCompany } = await call('crm.company.add', { fields: { TITLE: 'ООО «Запад»' } })
    const { result: contactId } = await call('crm.contact.add', { fields: { NAME: 'Анна', COMPANY_ID: companyId } })
    const { result: dealId } = await call('crm.deal.add', { fields: { TITLE: 'D', CONTACT_IDS: [contactId] } })
    const owners: Array<[string, number]> = [
      ['crm.deal.contact.items.set', dealId as number],
      ['crm.company.contact.items.set', companyId as number],
      ['crm.contact.company.items.set', contactId as number],
    ]
    for (const [method, id] of owners) {
      for (const items of [undefined, 'abc', 5, '']) {
        const e = await failure(call(method, items === undefined ? { id } : { id, items }))
        expect([method, e.status, e.code, e.description]).toEqual([method, 400, '', 'The parameter items must be array.'])
      }
    }
    expect((await call('crm.deal.contact.items.get', { id: dealId })).result).toEqual([{ CONTACT_ID: contactId, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' }])
    expect((await call('crm.company.contact.items.get', { id: companyId })).result).toEqual([{ CONTACT_ID: contactId, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' }])
    // A PHP-style indexed object is an array to the portal.
    expect((await call('crm.contact.company.items.set', { id: contactId, items: { 0: { COMPANY_ID: companyId }, 1: { COMPANY_ID: otherCompany, IS_PRIMARY: 'Y' } } })).result).toBe(true)
    expect((await call('crm.contact.company.items.get', { id: contactId })).result).toEqual([
      { COMPANY_ID: otherCompany, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' },
      { COMPANY_ID: companyId, SORT: 20, ROLE_ID: 0, IS_PRIMARY: 'N' },
    ])
    expect((await call('crm.contact.get', { id: contactId })).result).toMatchObject({ COMPANY_ID: String(otherCompany) })
    const manager = caller(store, 3)
    const denied = await failure(manager.call('crm.contact.company.items.set', { id: contactId, items: [] }))
    expect(denied.description).toBe('Access denied.')
  })
})

describe('crm.item.* over the same rows', () => {
  it('reads a legacy-made deal in camelCase with numbers, and updates it', async () => {
    const store = peopleStore()
    const services = addDealCategory(store, 'Услуги', 200)
    const { call } = caller(store, 1)
    const { result: companyId } = await call('crm.company.add', { fields: { TITLE: 'АО «Вектор»' } })
    const { result: id } = await call('crm.deal.add', { fields: { TITLE: 'Балансировка', OPPORTUNITY: '150000.5', COMPANY_ID: companyId } })
    const { result } = (await call('crm.item.get', { entityTypeId: 2, id })) as { result: { item: Record<string, unknown> } }
    expect(result.item).toMatchObject({
      id,
      title: 'Балансировка',
      opportunity: 150000.5,
      companyId,
      contactId: 0,
      contactIds: [],
      categoryId: 0,
      stageId: 'NEW',
      stageSemanticId: 'P',
      opened: 'Y',
      closed: 'N',
      isManualOpportunity: 'N',
      createdBy: 1,
      assignedById: 1,
      createdTime: '2026-03-02T12:00:00+03:00',
      begindate: '2026-03-02T00:00:00+03:00',
      entityTypeId: 2,
    })
    // crm.item.update may move the deal to another pipeline: its first stage unless one is named.
    const moved = (await call('crm.item.update', { entityTypeId: 2, id, fields: { categoryId: services, title: 'Балансировка ротора' } }))
      .result as { item: Record<string, unknown> }
    expect(moved.item).toMatchObject({ categoryId: services, stageId: `C${services}:NEW`, title: 'Балансировка ротора' })
    const legacy = (await call('crm.deal.get', { id })).result as Record<string, unknown>
    expect(legacy).toMatchObject({ CATEGORY_ID: String(services), STAGE_ID: `C${services}:NEW`, TITLE: 'Балансировка ротора' })
  })

  it('adds, lists with camel filters and select, and deletes', async () => {
    const store = peopleStore()
    const { call } = caller(store, 1)
    const added = (await call('crm.item.add', {
      entityTypeId: 3,
      fields: { name: 'Мария', lastName: 'Сидорова', fm: [{ typeId: 'PHONE', valueType: 'MOBILE', value: '+79990000000' }] },
    })).result as { item: Record<string, unknown> }
    expect(added.item).toMatchObject({ id: 1, name: 'Мария', lastName: 'Сидорова', phone: '+79990000000', hasPhone: 'Y' })
    expect(added.item.fm).toEqual([{ id: 1, valueType: 'MOBILE', value: '+79990000000', typeId: 'PHONE' }])
    await call('crm.item.add', { entityTypeId: 3, fields: { name: 'Пётр' } })
    const page = await call('crm.item.list', { entityTypeId: 3, select: ['id', 'name'], filter: { '%name': 'мар' } })
    expect(page.result).toEqual({ items: [{ id: 1, name: 'Мария', entityTypeId: 3 }] })
    expect(page.total).toBe(1)
    const bad = await failure(call('crm.item.list', { entityTypeId: 3, filter: { nope: 1 } }))
    expect([bad.status, bad.code]).toEqual([400, 'INVALID_ARG_VALUE'])
    expect((await call('crm.item.delete', { entityTypeId: 3, id: 2 })).result).toEqual([])
    const gone = await failure(call('crm.item.get', { entityTypeId: 3, id: 2 }))
    expect([gone.status, gone.code]).toEqual([400, 'NOT_FOUND'])
    const spa = await failure(call('crm.item.get', { entityTypeId: 128, id: 1 }))
    expect(spa.description).toBe('Smart process not found')
  })
})

describe('rights', () => {
  it('lets a manager work on his own deals only, the head on his department, and the admin on all', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    const { result: mine } = await admin.call('crm.deal.add', { fields: { TITLE: 'Павла', ASSIGNED_BY_ID: 3, OPENED: 'N' } })
    const { result: other } = await admin.call('crm.deal.add', { fields: { TITLE: 'Олега', ASSIGNED_BY_ID: 4, OPENED: 'N' } })
    const { result: open } = await admin.call('crm.deal.add', { fields: { TITLE: 'Открытая', ASSIGNED_BY_ID: 4, OPENED: 'Y' } })
    const { result: accounting } = await admin.call('crm.deal.add', { fields: { TITLE: 'Бухгалтерии', ASSIGNED_BY_ID: 7, OPENED: 'N' } })

    const manager = caller(store, 3)
    const seen = (await manager.call('crm.deal.list', { select: ['ID'] })).result as Array<{ ID: string }>
    expect(seen.map((r) => Number(r.ID))).toEqual([mine, open])
    expect((await failure(manager.call('crm.deal.get', { id: other }))).description).toBe('Access denied.')
    const denied = await failure(manager.call('crm.deal.update', { id: open, fields: { TITLE: 'x' } }))
    expect([denied.status, denied.code, denied.description]).toEqual([400, '', 'Access denied.'])
    const itemDenied = await failure(manager.call('crm.item.update', { entityTypeId: 2, id: other, fields: { title: 'x' } }))
    expect([itemDenied.status, itemDenied.code]).toEqual([400, 'ACCESS_DENIED'])
    await manager.call('crm.deal.update', { id: mine, fields: { TITLE: 'Павла (ред.)', MODIFY_BY_ID: 1 } })
    expect((await admin.call('crm.deal.get', { id: mine })).result).toMatchObject({ TITLE: 'Павла (ред.)', MODIFY_BY_ID: '3' })

    // The head of sales (department 2, with sub-department 3) edits both managers' deals, not accounting's.
    const head = caller(store, 2)
    expect((await head.call('crm.deal.update', { id: other, fields: { TITLE: 'Олега (ред.)' } })).result).toBe(true)
    expect((await head.call('crm.deal.update', { id: mine, fields: { TITLE: 'Павла (рук.)' } })).result).toBe(true)
    expect((await failure(head.call('crm.deal.get', { id: accounting }))).description).toBe('Access denied.')
  })
})

describe('write paths of a colleague’s open record', () => {
  // Manager 3 (own records, reads OPENED ones) against manager 4's open deal, company, contact and lead:
  // every write path refuses and nothing changes. b24restdocs crm/deals/crm-deal-update.md (Access denied),
  // crm/universal/crm-item-update.md (ACCESS_DENIED), crm/deals/crm-deal-productrows-set.md,
  // crm/universal/product-rows/crm-item-productrow-set.md, crm/deals/contacts/crm-deal-contact-items-set.md,
  // crm/companies/contacts/crm-company-contact-items-set.md, crm/contacts/company/crm-contact-company-items-set.md,
  // crm/timeline/activities/todo/crm-activity-todo-add.md, crm/timeline/logmessage/crm-timeline-logmessage-add.md.
  it('refuses every update path to manager 3 and leaves the records as they were', async () => {
    const store = peopleStore()
    const admin = caller(store, 1)
    const ids: Record<string, number> = {}
    for (const kind of ['deal', 'company', 'contact', 'lead']) {
      ids[kind] = (await admin.call(`crm.${kind}.add`, { fields: { TITLE: 'Олега', NAME: 'Олег', ASSIGNED_BY_ID: 4, OPENED: 'Y' } })).result as number
    }
    await admin.call('crm.deal.productrows.set', { id: ids.deal, rows: [{ PRODUCT_NAME: 'Ремень', PRICE: 100, QUANTITY: 1 }] })
    const snapshot = () => Object.fromEntries(Object.entries(ids).map(([kind, id]) => [kind, JSON.stringify(store.table(`${kind === 'company' ? 'companies' : `${kind}s`}`).get(id))]))
    const before = snapshot()
    const typeId: Record<string, number> = { lead: 1, deal: 2, contact: 3, company: 4 }
    const attempts: Array<[string, Record<string, unknown>]> = []
    for (const kind of Object.keys(ids)) {
      attempts.push([`crm.${kind}.update`, { id: ids[kind], fields: { TITLE: 'чужая', NAME: 'чужой', ASSIGNED_BY_ID: 3 } }])
      attempts.push([`crm.${kind}.delete`, { id: ids[kind] }])
      attempts.push(['crm.item.update', { entityTypeId: typeId[kind], id: ids[kind], fields: { title: 'чужая', assignedById: 3 } }])
      attempts.push(['crm.item.delete', { entityTypeId: typeId[kind], id: ids[kind] }])
      attempts.push(['crm.activity.todo.add', { ownerTypeId: typeId[kind], ownerId: ids[kind], deadline: '2026-03-05T10:00:00+03:00' }])
      attempts.push(['crm.timeline.logmessage.add', { fields: { entityTypeId: typeId[kind], entityId: ids[kind], title: 't', text: 't', iconCode: 'info' } }])
    }
    attempts.push(['crm.deal.productrows.set', { id: ids.deal, rows: [] }])
    attempts.push(['crm.lead.productrows.set', { id: ids.lead, rows: [] }])
    attempts.push(['crm.item.productrow.set', { ownerType: 'D', ownerId: ids.deal, productRows: [] }])
    attempts.push(['crm.item.productrow.set', { ownerType: 'L', ownerId: ids.lead, productRows: [] }])
    attempts.push(['crm.deal.contact.items.set', { id: ids.deal, items: [{ CONTACT_ID: ids.contact }] }])
    attempts.push(['crm.company.contact.items.set', { id: ids.company, items: [] }])
    attempts.push(['crm.contact.company.items.set', { id: ids.contact, items: [] }])
    for (const [method, params] of attempts) {
      const e = await failure(caller(store, 3).call(method, params))
      expect([method, e.status, /^(|ACCESS_DENIED)$/.test(e.code), /^Access denied\.?$/.test(e.description)]).toEqual([method, 400, true, true])
    }
    expect(snapshot()).toEqual(before)
    // …while the colleague's records stay readable to him.
    expect((await caller(store, 3).call('crm.deal.get', { id: ids.deal })).result).toMatchObject({ TITLE: 'Олега' })
  })
})

describe('leads', () => {
  it('start «Новый» (NEW) when the list has it, and get the status group and DATE_CLOSED on a final status', async () => {
    const store = peopleStore()
    const { call } = caller(store, 3)
    const { result: id } = await call('crm.lead.add', {
      fields: { TITLE: 'Заявка с формы', NAME: 'Артём', SOURCE_ID: 'WEBFORM', PROBABILITY: 0, PHONE: [{ VALUE: '+79030000001', VALUE_TYPE: 'MOBILE' }] },
    })
    let lead = (await call('crm.lead.get', { id })).result as Record<string, unknown>
    expect(lead).toMatchObject({ STATUS_ID: 'NEW', STATUS_SEMANTIC_ID: 'P', DATE_CLOSED: null, SOURCE_ID: 'WEBFORM', HAS_PHONE: 'Y', COMPANY_ID: null })
    await call('crm.lead.update', { id, fields: { STATUS_ID: 'CONVERTED' } })
    lead = (await call('crm.lead.get', { id })).result as Record<string, unknown>
    expect(lead).toMatchObject({ STATUS_ID: 'CONVERTED', STATUS_SEMANTIC_ID: 'S', DATE_CLOSED: '2026-03-02T12:00:00+03:00' })
    expect((await failure(call('crm.lead.update', { id, fields: { STATUS_ID: 'NOPE' } }))).code).toBe('')
    const item = (await call('crm.item.get', { entityTypeId: 1, id })).result as { item: Record<string, unknown> }
    expect(item.item).toMatchObject({ statusId: 'CONVERTED', companyId: 0, phone: '+79030000001', entityTypeId: 1 })
  })
})
