import http from 'node:http'
import https from 'node:https'
import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// User fields of every type, files and product rows through the SDK.
// Shapes: b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-{add,list}.md,
// api-reference/crm/universal/object-fields.md (file values {id, url, urlMachine}, multiple as arrays),
// api-reference/crm/universal/index.md (UF camelCase names), api-reference/crm/deals/crm-deal-fields.md (items),
// api-reference/crm/deals/crm-deal-productrows-set.md, api-reference/crm/universal/product-rows/crm-item-productrow-set.md.

const sandbox = useTestSandbox({ demo: true, limits: false })

function download(url: string): Promise<{ status: number; type: string; body: string }> {
  const client = url.startsWith('https:') ? https : http
  return new Promise((resolve, reject) => {
    client
      .get(url, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') }))
      })
      .on('error', reject)
  })
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')

const FIELDS: Array<Record<string, unknown>> = [
  { FIELD_NAME: 'IT_STRING', USER_TYPE_ID: 'string', LABEL: 'Строка' },
  { FIELD_NAME: 'IT_INTEGER', USER_TYPE_ID: 'integer' },
  { FIELD_NAME: 'IT_DOUBLE', USER_TYPE_ID: 'double', SETTINGS: { PRECISION: 2 } },
  { FIELD_NAME: 'IT_BOOLEAN', USER_TYPE_ID: 'boolean' },
  { FIELD_NAME: 'IT_DATE', USER_TYPE_ID: 'date' },
  { FIELD_NAME: 'IT_DATETIME', USER_TYPE_ID: 'datetime' },
  { FIELD_NAME: 'IT_ENUM', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'LOI', XML_ID: 'loi', SORT: 10 }, { VALUE: 'Договор', XML_ID: 'contract', SORT: 20 }] },
  { FIELD_NAME: 'IT_FILE', USER_TYPE_ID: 'file' },
  { FIELD_NAME: 'IT_FILES', USER_TYPE_ID: 'file', MULTIPLE: 'Y' },
  { FIELD_NAME: 'IT_MONEY', USER_TYPE_ID: 'money' },
  { FIELD_NAME: 'IT_EMPLOYEE', USER_TYPE_ID: 'employee' },
  { FIELD_NAME: 'IT_CRM', USER_TYPE_ID: 'crm', SETTINGS: { DEAL: 'Y', COMPANY: 'Y' }, MULTIPLE: 'Y' },
]

describe('user fields of every type', () => {
  it('are created by the admin only, then round-trip through crm.item and the legacy methods', async () => {
    const admin = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const manager = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    let refused = ''
    try {
      await manager.actions.v2.call.make({ method: 'crm.deal.userfield.add', params: { fields: FIELDS[0] } })
    } catch (error: any) {
      refused = `${error.status} ${error.code}`
    }
    expect(refused).toBe('403 ACCESS_DENIED')
    const created = await admin.actions.v2.batch.make<any>({
      calls: Object.fromEntries(FIELDS.map((f, i) => [`f${i}`, { method: 'crm.deal.userfield.add', params: { fields: f } }])),
      options: { isHaltOnError: true },
    })
    expect(created.isSuccess).toBe(true)
    const list = (await admin.actions.v2.call.make<any[]>({ method: 'crm.deal.userfield.list', params: { filter: { '%FIELD_NAME': 'IT_' } } })).getData()!.result
    expect(list.map((f) => f.FIELD_NAME).sort()).toEqual(FIELDS.map((f) => `UF_CRM_${f.FIELD_NAME}`).sort())
    const enumField = list.find((f) => f.FIELD_NAME === 'UF_CRM_IT_ENUM')
    const contractItem = enumField.LIST.find((i: any) => i.XML_ID === 'contract')
    expect(contractItem).toMatchObject({ VALUE: 'Договор', DEF: 'N' })

    const fields = (await manager.actions.v2.call.make<Record<string, any>>({ method: 'crm.deal.fields' })).getData()!.result
    expect(fields.UF_CRM_IT_ENUM).toMatchObject({ type: 'enumeration', isDynamic: true, items: [{ ID: expect.any(String), VALUE: 'LOI' }, { ID: contractItem.ID, VALUE: 'Договор' }] })

    // crm.item: camelCase names (simplified form for these names), native values.
    const dealId = DEMO_DEALS.goodsNew
    const updated = await manager.actions.v2.call.make<any>({
      method: 'crm.item.update',
      params: {
        entityTypeId: 2,
        id: dealId,
        fields: {
          ufCrm_IT_STRING: 'Экстренный случай',
          ufCrm_IT_INTEGER: 7,
          ufCrm_IT_DOUBLE: 12.75,
          ufCrm_IT_BOOLEAN: 'Y',
          ufCrm_IT_DATE: '2026-04-10',
          ufCrm_IT_DATETIME: '2026-04-10T15:30:00+03:00',
          ufCrm_IT_ENUM: Number(contractItem.ID),
          ufCrm_IT_FILE: ['проект договора.txt', b64('Проект договора, версия 1')],
          ufCrm_IT_FILES: [['scan1.txt', b64('скан 1')], ['scan2.txt', b64('скан 2')]],
          ufCrm_IT_MONEY: '25000.50|RUB',
          ufCrm_IT_EMPLOYEE: 6,
          ufCrm_IT_CRM: ['CO_13', 'D_2'],
        },
      },
    })
    const item = updated.getData()!.result.item
    expect(item).toMatchObject({
      ufCrm_IT_STRING: 'Экстренный случай',
      ufCrm_IT_INTEGER: 7,
      ufCrm_IT_DOUBLE: 12.75,
      ufCrm_IT_BOOLEAN: 'Y',
      ufCrm_IT_DATE: '2026-04-10T00:00:00+03:00',
      ufCrm_IT_DATETIME: '2026-04-10T15:30:00+03:00',
      ufCrm_IT_ENUM: Number(contractItem.ID),
      ufCrm_IT_MONEY: '25000.50|RUB',
      ufCrm_IT_EMPLOYEE: 6,
      ufCrm_IT_CRM: ['CO_13', 'D_2'],
    })
    expect(item.ufCrm_IT_FILE).toEqual({ id: expect.any(Number), url: expect.any(String), urlMachine: expect.any(String) })
    expect(item.ufCrm_IT_FILES).toHaveLength(2)
    const file = await download(item.ufCrm_IT_FILE.urlMachine)
    expect(file).toMatchObject({ status: 200, body: 'Проект договора, версия 1' })
    expect(file.type).toMatch(/^text\/plain/)

    // The same values through the legacy method: strings, boolean as 1, files as {id, showUrl, downloadUrl}.
    const legacy = (await manager.actions.v2.call.make<Record<string, any>>({ method: 'crm.deal.get', params: { id: dealId } })).getData()!.result
    expect(legacy).toMatchObject({
      UF_CRM_IT_STRING: 'Экстренный случай',
      UF_CRM_IT_INTEGER: '7',
      UF_CRM_IT_DOUBLE: '12.75',
      UF_CRM_IT_BOOLEAN: '1',
      UF_CRM_IT_ENUM: contractItem.ID,
      UF_CRM_IT_MONEY: '25000.50|RUB',
      UF_CRM_IT_EMPLOYEE: '6',
      UF_CRM_IT_CRM: ['CO_13', 'D_2'],
    })
    expect(legacy.UF_CRM_IT_FILE).toEqual({ id: item.ufCrm_IT_FILE.id, showUrl: expect.any(String), downloadUrl: expect.any(String) })

    // A legacy file write ({fileData}) and keeping one multiple file by id while adding another.
    await manager.actions.v2.call.make({
      method: 'crm.deal.update',
      params: { id: dealId, fields: { UF_CRM_IT_FILE: { fileData: ['v2.txt', b64('версия 2')] }, UF_CRM_IT_BOOLEAN: 'N' } },
    })
    const kept = item.ufCrm_IT_FILES[1].id
    const again = (await manager.actions.v2.call.make<any>({
      method: 'crm.item.update',
      params: { entityTypeId: 2, id: dealId, fields: { ufCrm_IT_FILES: [{ id: kept }, ['scan3.txt', b64('скан 3')]] } },
    })).getData()!.result.item
    expect(again.ufCrm_IT_BOOLEAN).toBe('N')
    expect((await download(again.ufCrm_IT_FILE.url)).body).toBe('версия 2')
    expect(again.ufCrm_IT_FILES.map((f: any) => f.id)[0]).toBe(kept)
    expect(again.ufCrm_IT_FILES).toHaveLength(2)

    // Original names on request, and filters on user fields.
    const original = (await manager.actions.v2.call.make<any>({ method: 'crm.item.get', params: { entityTypeId: 2, id: dealId, useOriginalUfNames: 'Y' } })).getData()!.result.item
    expect(original.UF_CRM_IT_MONEY).toBe('25000.50|RUB')
    const found = (await manager.actions.v2.call.make<any[]>({ method: 'crm.deal.list', params: { filter: { UF_CRM_IT_ENUM: contractItem.ID }, select: ['ID'] } })).getData()!.result
    expect(found).toEqual([{ ID: String(dealId) }])

    // A list value is the item's ID: its XML_ID code or its text is refused and the value stays.
    for (const value of ['loi', 'LOI']) {
      const refusedEnum = await webhookRaw(sandbox, 3, 'crm.deal.update', { id: dealId, fields: { UF_CRM_IT_ENUM: value } })
      expect(refusedEnum).toMatchObject({ status: 400, body: { error: '', error_description: `Field "UF_CRM_IT_ENUM": the list has no item with ID "${value}"` } })
    }
    const refusedItem = await webhookRaw(sandbox, 3, 'crm.item.update', { entityTypeId: 2, id: dealId, fields: { ufCrm_IT_ENUM: 'loi' } })
    expect(refusedItem).toMatchObject({ status: 400, body: { error: 'CRM_FIELD_ERROR_VALUE_NOT_VALID' } })
    const still = (await manager.actions.v2.call.make<Record<string, any>>({ method: 'crm.deal.get', params: { id: dealId } })).getData()!.result
    expect(still.UF_CRM_IT_ENUM).toBe(contractItem.ID)
  })
})

describe('product rows', () => {
  it('replace all rows and make OPPORTUNITY their exact total', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    const id = (await b24.actions.v2.call.make<number>({ method: 'crm.deal.add', params: { fields: { TITLE: 'Строки товаров', OPPORTUNITY: 1 } } })).getData()!.result
    await b24.actions.v2.call.make({
      method: 'crm.deal.productrows.set',
      params: { id, rows: [{ PRODUCT_NAME: 'Манжета 50×70×10', PRICE: 189.9, QUANTITY: 3 }, { PRODUCT_NAME: 'Ремень SPB 2000', PRICE: 980.55, QUANTITY: 7 }] },
    })
    const deal = (await b24.actions.v2.call.make<Record<string, string>>({ method: 'crm.deal.get', params: { id } })).getData()!.result
    expect(deal.OPPORTUNITY).toBe('7433.55')
    const rows = (await b24.actions.v2.call.make<any[]>({ method: 'crm.deal.productrows.get', params: { id } })).getData()!.result
    expect(rows.map((r) => [r.PRODUCT_NAME, r.PRICE, r.QUANTITY])).toEqual([
      ['Манжета 50×70×10', 189.9, 3],
      ['Ремень SPB 2000', 980.55, 7],
    ])
    const set = await b24.actions.v2.call.make<any>({
      method: 'crm.item.productrow.set',
      params: { ownerType: 'D', ownerId: id, productRows: [{ productName: 'Вибродиагностика', price: 18000, quantity: 2 }] },
    })
    expect(set.getData()!.result.productRows).toEqual([expect.objectContaining({ ownerId: id, ownerType: 'D', productName: 'Вибродиагностика', price: 18000, quantity: 2 })])
    const item = (await b24.actions.v2.call.make<any>({ method: 'crm.item.get', params: { entityTypeId: 2, id } })).getData()!.result.item
    expect(item.opportunity).toBe(36000)
  })
})
