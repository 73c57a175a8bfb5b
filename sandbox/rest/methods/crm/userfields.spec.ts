import { describe, expect, it } from 'vitest'
import { caller, failure, peopleStore } from './testing'
import { ufToCamel } from './names'

// Shapes pinned here:
// - userfield add/get/list/update/delete: b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-*.md
// - FIELD_NAME rules and errors: api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.md
// - value forms per type: api-reference/crm/universal/object-fields.md, api-reference/crm/universal/user-defined-fields/crm-userfield-types.md
// - UF names in crm.item: api-reference/crm/universal/index.md ("Field Naming Conventions")
// - crm.deal.fields with user fields: api-reference/crm/deals/crm-deal-fields.md

describe('ufToCamel', () => {
  it('follows the documented table', () => {
    expect(ufToCamel('UF_CRM_3_DIGIT')).toBe('ufCrm3Digit')
    expect(ufToCamel('UF_CRM_3_1747309727')).toBe('ufCrm3_1747309727')
    expect(ufToCamel('UF_CRM_10_5186744711')).toBe('ufCrm10_5186744711')
    expect(ufToCamel('UF_CRM_3_DIGIT10')).toBe('ufCrm_3_DIGIT10')
    expect(ufToCamel('UF_CRM_3_DIGIT_10')).toBe('ufCrm_3_DIGIT_10')
    expect(ufToCamel('UF_CRM_1747309879')).toBe('ufCrm_1747309879')
  })
})

const b64 = (s: string) => Buffer.from(s).toString('base64')

async function withFields() {
  const store = peopleStore()
  const admin = caller(store, 1)
  const add = (fields: Record<string, unknown>) => admin.call('crm.deal.userfield.add', { fields })
  await add({ FIELD_NAME: 'NOTE', USER_TYPE_ID: 'string', LABEL: 'Заметка' })
  await add({ FIELD_NAME: 'UF_CRM_QTY', USER_TYPE_ID: 'integer' })
  await add({ FIELD_NAME: 'RATE', USER_TYPE_ID: 'double' })
  await add({ FIELD_NAME: 'URGENT', USER_TYPE_ID: 'boolean', MULTIPLE: 'Y' })
  await add({ FIELD_NAME: 'READY_DATE', USER_TYPE_ID: 'date' })
  await add({ FIELD_NAME: 'READY_AT', USER_TYPE_ID: 'datetime' })
  await add({
    FIELD_NAME: 'COMPLEXITY',
    USER_TYPE_ID: 'enumeration',
    LIST: [
      { VALUE: 'простой', SORT: 10, XML_ID: 'simple' },
      { VALUE: 'сложный', SORT: 20, XML_ID: 'hard', DEF: 'Y' },
    ],
  })
  await add({ FIELD_NAME: 'TAGS', USER_TYPE_ID: 'enumeration', MULTIPLE: 'Y', LIST: [{ VALUE: 'a' }, { VALUE: 'b' }] })
  await add({ FIELD_NAME: 'CONTRACT', USER_TYPE_ID: 'file' })
  await add({ FIELD_NAME: 'SCANS', USER_TYPE_ID: 'file', MULTIPLE: 'Y' })
  await add({ FIELD_NAME: 'PAID', USER_TYPE_ID: 'money' })
  await add({ FIELD_NAME: 'APPROVER', USER_TYPE_ID: 'employee' })
  await add({ FIELD_NAME: 'LINKS', USER_TYPE_ID: 'crm', MULTIPLE: 'Y', SETTINGS: { DEAL: 'Y', COMPANY: 'Y' } })
  return { store, admin }
}

describe('crm.deal.userfield.*', () => {
  it('creates fields with the portal rules and refuses bad names, types and duplicates', async () => {
    const { admin } = await withFields()
    const list = (await admin.call('crm.deal.userfield.list', {})).result as Array<Record<string, unknown>>
    expect(list.map((f) => f.FIELD_NAME)).toContain('UF_CRM_NOTE')
    const complexity = list.find((f) => f.FIELD_NAME === 'UF_CRM_COMPLEXITY')!
    expect(complexity).toMatchObject({ ENTITY_ID: 'CRM_DEAL', USER_TYPE_ID: 'enumeration', MULTIPLE: 'N' })
    expect(complexity.LIST).toEqual([
      { ID: '1', SORT: '10', VALUE: 'простой', DEF: 'N', XML_ID: 'simple' },
      { ID: '2', SORT: '20', VALUE: 'сложный', DEF: 'Y', XML_ID: 'hard' },
    ])
    const urgent = list.find((f) => f.FIELD_NAME === 'UF_CRM_URGENT')!
    expect(urgent.MULTIPLE).toBe('N') // boolean cannot be multiple
    const dup = await failure(admin.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'UF_CRM_NOTE', USER_TYPE_ID: 'string' } }))
    expect(dup.code).toBe('ERROR_CORE')
    const long = await failure(admin.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'X'.repeat(44), USER_TYPE_ID: 'string' } }))
    expect(long.description).toBe('Field name is too long (more than 50 characters).')
    const chars = await failure(admin.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'ПОЛЕ', USER_TYPE_ID: 'string' } }))
    expect(chars.code).toBe('ERROR_CORE')
    const noName = await failure(admin.call('crm.deal.userfield.add', { fields: { USER_TYPE_ID: 'string' } }))
    expect([noName.code, noName.description]).toEqual(['', "The 'FIELD_NAME' field is not found."])
    const badType = await failure(admin.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'Z', USER_TYPE_ID: 'nope' } }))
    expect(badType.description).toBe('Incorrect custom type specified.')
    const dupXml = await failure(
      admin.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'E2', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'a', XML_ID: 'x' }, { VALUE: 'b', XML_ID: 'x' }] } }),
    )
    expect(dupXml.description).toBe('List item with value XML_ID=x already exists.')
  })

  it('is admin-only for add, update and delete', async () => {
    const { store } = await withFields()
    const manager = caller(store, 3)
    expect((await failure(manager.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'X', USER_TYPE_ID: 'string' } }))).code).toBe('ACCESS_DENIED')
    expect((await failure(manager.call('crm.deal.userfield.delete', { id: 1 }))).code).toBe('ACCESS_DENIED')
    expect((await manager.call('crm.deal.userfield.get', { id: 1 })).result).toMatchObject({ FIELD_NAME: 'UF_CRM_NOTE' })
  })

  it('round-trips every type through the legacy methods', async () => {
    const { admin } = await withFields()
    const { result: id } = await admin.call('crm.deal.add', {
      fields: {
        TITLE: 'UF',
        UF_CRM_NOTE: 'Срочно',
        UF_CRM_QTY: '12',
        UF_CRM_RATE: '2,5',
        UF_CRM_URGENT: 'Y',
        UF_CRM_READY_DATE: '2026-04-01',
        UF_CRM_READY_AT: '2026-04-01T10:30:00+03:00',
        UF_CRM_COMPLEXITY: 2,
        UF_CRM_TAGS: [3, 4],
        UF_CRM_CONTRACT: { fileData: ['договор.txt', b64('текст договора')] },
        UF_CRM_SCANS: [{ fileData: ['a.pdf', b64('A')] }, { fileData: ['b.pdf', b64('B')] }],
        UF_CRM_PAID: '300|RUB',
        UF_CRM_APPROVER: 6,
        UF_CRM_LINKS: ['co_1', 'D_2'],
      },
    })
    const deal = (await admin.call('crm.deal.get', { id })).result as Record<string, unknown>
    expect(deal).toMatchObject({
      UF_CRM_NOTE: 'Срочно',
      UF_CRM_QTY: '12',
      UF_CRM_RATE: '2.5',
      UF_CRM_URGENT: '1',
      UF_CRM_READY_DATE: '2026-04-01T00:00:00+03:00',
      UF_CRM_READY_AT: '2026-04-01T10:30:00+03:00',
      UF_CRM_COMPLEXITY: '2',
      UF_CRM_TAGS: ['3', '4'],
      UF_CRM_PAID: '300|RUB',
      UF_CRM_APPROVER: '6',
      UF_CRM_LINKS: ['CO_1', 'D_2'],
    })
    expect(deal.UF_CRM_CONTRACT).toEqual({
      id: 1,
      showUrl: 'http://localhost:4000/sandbox-files/1/%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.txt',
      downloadUrl: 'http://localhost:4000/sandbox-files/1/%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.txt',
    })
    expect((deal.UF_CRM_SCANS as Array<{ id: number }>).map((f) => f.id)).toEqual([2, 3])

    const bad = await failure(admin.call('crm.deal.update', { id, fields: { UF_CRM_COMPLEXITY: 99 } }))
    expect(bad.code).toBe('')
    const filtered = await admin.call('crm.deal.list', { select: ['ID'], filter: { UF_CRM_URGENT: 1, UF_CRM_COMPLEXITY: 2 } })
    expect(filtered.result).toEqual([{ ID: String(id) }])
  })

  it('round-trips through crm.item with camel names, Y/N booleans, [name, b64] files and kept ids', async () => {
    const { admin } = await withFields()
    const created = (await admin.call('crm.item.add', {
      entityTypeId: 2,
      fields: {
        title: 'UF item',
        ufCrm_NOTE: 'hi',
        ufCrm_URGENT: 'N',
        ufCrm_COMPLEXITY: 1,
        ufCrm_CONTRACT: ['a.txt', b64('A')],
        ufCrm_SCANS: [['s1.pdf', b64('1')], ['s2.pdf', b64('2')]],
        ufCrm_PAID: '100.50|RUB',
      },
    })).result as { item: Record<string, unknown> }
    const item = created.item
    expect(item).toMatchObject({ ufCrm_NOTE: 'hi', ufCrm_URGENT: 'N', ufCrm_COMPLEXITY: 1, ufCrm_PAID: '100.50|RUB', ufCrm_QTY: null, ufCrm_TAGS: [] })
    expect(item.ufCrm_CONTRACT).toEqual({ id: 1, url: 'http://localhost:4000/sandbox-files/1/a.txt', urlMachine: 'http://localhost:4000/sandbox-files/1/a.txt' })
    // Passing back {id} keeps a file; ids not passed are dropped.
    const updated = (await admin.call('crm.item.update', { entityTypeId: 2, id: item.id, fields: { ufCrm_SCANS: [{ id: 3 }, ['s3.pdf', b64('3')]] } }))
      .result as { item: Record<string, unknown> }
    expect((updated.item.ufCrm_SCANS as Array<{ id: number }>).map((f) => f.id)).toEqual([3, 4])
    const original = (await admin.call('crm.item.get', { entityTypeId: 2, id: item.id, useOriginalUfNames: 'Y' })).result as { item: Record<string, unknown> }
    expect(original.item.UF_CRM_NOTE).toBe('hi')
    expect(original.item).not.toHaveProperty('ufCrm_NOTE')
    const notArray = await failure(admin.call('crm.item.update', { entityTypeId: 2, id: item.id, fields: { ufCrm_TAGS: 3 } }))
    expect(notArray.code).toBe('100')
    const invalid = await failure(admin.call('crm.item.update', { entityTypeId: 2, id: item.id, fields: { ufCrm_READY_DATE: 'вчера' } }))
    expect(invalid.code).toBe('CRM_FIELD_ERROR_VALUE_NOT_VALID')
  })

  // A list (enumeration) value is the item's ID (crm-deal-userfield-add.md: LIST items have ID, VALUE, XML_ID;
  // crm-item-update.md: CRM_FIELD_ERROR_VALUE_NOT_VALID). An XML_ID code, an item's text or an unknown ID is refused.
  it('takes only a list item ID for an enumeration field and refuses its XML_ID, its text or an unknown ID', async () => {
    const { admin } = await withFields()
    const { result: id } = await admin.call('crm.deal.add', { fields: { TITLE: 'E', UF_CRM_COMPLEXITY: '1', UF_CRM_TAGS: [3] } })
    for (const value of ['hard', 'сложный', 99, '2abc']) {
      const e = await failure(admin.call('crm.deal.update', { id, fields: { UF_CRM_COMPLEXITY: value } }))
      expect([e.status, e.code, e.description]).toEqual([400, '', `Field "UF_CRM_COMPLEXITY": the list has no item with ID "${value}"`])
    }
    const e = await failure(admin.call('crm.deal.add', { fields: { TITLE: 'E2', UF_CRM_TAGS: [3, 'b'] } }))
    expect([e.status, e.code, e.description]).toEqual([400, '', 'Field "UF_CRM_TAGS": the list has no item with ID "b"'])
    expect((await admin.call('crm.deal.get', { id })).result).toMatchObject({ UF_CRM_COMPLEXITY: '1', UF_CRM_TAGS: ['3'] })
    const item = await failure(admin.call('crm.item.update', { entityTypeId: 2, id, fields: { ufCrm_COMPLEXITY: 'simple' } }))
    expect([item.status, item.code]).toEqual([400, 'CRM_FIELD_ERROR_VALUE_NOT_VALID'])
    await admin.call('crm.deal.update', { id, fields: { UF_CRM_COMPLEXITY: 2, UF_CRM_TAGS: ['4'] } })
    expect((await admin.call('crm.deal.get', { id })).result).toMatchObject({ UF_CRM_COMPLEXITY: '2', UF_CRM_TAGS: ['4'] })
    await admin.call('crm.deal.update', { id, fields: { UF_CRM_COMPLEXITY: '' } })
    expect((await admin.call('crm.deal.get', { id })).result).toMatchObject({ UF_CRM_COMPLEXITY: null })
  })

  it('describes user fields in crm.deal.fields and crm.item.fields', async () => {
    const { admin } = await withFields()
    const fields = (await admin.call('crm.deal.fields')).result as Record<string, Record<string, unknown>>
    expect(fields.TITLE).toMatchObject({ type: 'string', isDynamic: false, isReadOnly: false })
    expect(fields.ID).toMatchObject({ type: 'integer', isReadOnly: true })
    expect(fields.UF_CRM_COMPLEXITY).toMatchObject({
      type: 'enumeration',
      isDynamic: true,
      isMultiple: false,
      title: 'UF_CRM_COMPLEXITY',
      items: [{ ID: '1', VALUE: 'простой' }, { ID: '2', VALUE: 'сложный' }],
    })
    expect(fields.UF_CRM_NOTE).toMatchObject({ listLabel: 'Заметка', formLabel: 'Заметка' })
    const item = (await admin.call('crm.item.fields', { entityTypeId: 2 })).result as { fields: Record<string, Record<string, unknown>> }
    expect(item.fields.ufCrm_COMPLEXITY).toMatchObject({ upperName: 'UF_CRM_COMPLEXITY', isDynamic: true })
    expect(item.fields.assignedById).toMatchObject({ upperName: 'ASSIGNED_BY_ID' })
  })

  it('updates list items and deletes a field with its values', async () => {
    const { admin } = await withFields()
    const { result: dealId } = await admin.call('crm.deal.add', { fields: { UF_CRM_NOTE: 'x' } })
    await admin.call('crm.deal.userfield.update', { id: 7, fields: { LIST: [{ ID: 1, DEL: 'Y' }, { ID: 2, VALUE: 'очень сложный' }, { VALUE: 'новый' }] } })
    const f = (await admin.call('crm.deal.userfield.get', { id: 7 })).result as { LIST: Array<{ VALUE: string }> }
    expect(f.LIST.map((i) => i.VALUE)).toEqual(['очень сложный', 'новый'])
    await admin.call('crm.deal.userfield.delete', { id: 1 })
    await admin.call('crm.deal.userfield.add', { fields: { FIELD_NAME: 'NOTE', USER_TYPE_ID: 'string' } })
    expect(((await admin.call('crm.deal.get', { id: dealId })).result as Record<string, unknown>).UF_CRM_NOTE).toBeNull()
  })
})
