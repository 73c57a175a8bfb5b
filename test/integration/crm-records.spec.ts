import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { DEMO_CATEGORIES, DEMO_COMPANIES, DEMO_DEALS } from '../../sandbox/demo/crm'
import { control, rest, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// CRM records through the unmodified SDK (B24Hook) against the sandbox portal.
// Shapes: b24restdocs api-reference/crm/deals/crm-deal-{add,get,update,list}.md (legacy: strings, 400 with error ""),
// api-reference/crm/universal/crm-item-{get,update}.md (camelCase, numbers, ACCESS_DENIED),
// settings/how-to-call-rest-api/batch.md ($result references).

const sandbox = useTestSandbox({ demo: true, limits: false })

/** The raw reply of a webhook call over plain http (to see the portal's exact error body). */
const raw = (userId: number, method: string, params: Record<string, unknown>) => webhookRaw(sandbox, userId, method, params)

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    const reply = (await promise) as { isSuccess?: boolean; getErrorMessages?: () => string[] }
    if (reply && reply.isSuccess === false) return `failed ${reply.getErrorMessages?.().join(' ')}`
    return 'succeeded'
  } catch (error: any) {
    return `${error.status} ${JSON.stringify(error.code ?? '')} ${error.description ?? error.message}`
  }
}

describe('a deal in both shapes', () => {
  it('adds through the legacy method, reads it as crm.item, moves it to another pipeline and deletes it', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    const added = await b24.actions.v2.call.make<number>({
      method: 'crm.deal.add',
      params: { fields: { TITLE: 'Интеграция: подшипники', OPPORTUNITY: 125000.5, CATEGORY_ID: DEMO_CATEGORIES.goods } },
    })
    const id = added.getData()!.result
    expect(typeof id).toBe('number')
    const legacy = (await b24.actions.v2.call.make<Record<string, unknown>>({ method: 'crm.deal.get', params: { id } })).getData()!.result
    expect(legacy).toMatchObject({
      ID: String(id),
      TITLE: 'Интеграция: подшипники',
      OPPORTUNITY: '125000.50',
      CATEGORY_ID: '1',
      STAGE_ID: 'C1:NEW',
      STAGE_SEMANTIC_ID: 'P',
      ASSIGNED_BY_ID: '3',
      CREATED_BY_ID: '3',
    })
    const item = (await b24.actions.v2.call.make<any>({ method: 'crm.item.get', params: { entityTypeId: 2, id } })).getData()!.result.item
    expect(item).toMatchObject({ id, title: 'Интеграция: подшипники', opportunity: 125000.5, categoryId: 1, stageId: 'C1:NEW', assignedById: 3 })

    const moved = await b24.actions.v2.call.make<any>({
      method: 'crm.item.update',
      params: { entityTypeId: 2, id, fields: { categoryId: DEMO_CATEGORIES.services, stageId: 'C2:WAIT_VISIT' } },
    })
    expect(moved.getData()!.result.item).toMatchObject({ categoryId: 2, stageId: 'C2:WAIT_VISIT', movedBy: 3 })
    // The legacy update cannot change the pipeline (CATEGORY_ID is immutable there) but moves stages.
    await b24.actions.v2.call.make({ method: 'crm.deal.update', params: { id, fields: { CATEGORY_ID: 0, STAGE_ID: 'C2:WON' } } })
    const won = (await b24.actions.v2.call.make<Record<string, string>>({ method: 'crm.deal.get', params: { id } })).getData()!.result
    expect(won).toMatchObject({ CATEGORY_ID: '2', STAGE_ID: 'C2:WON', STAGE_SEMANTIC_ID: 'S', CLOSED: 'Y' })

    expect((await b24.actions.v2.call.make({ method: 'crm.deal.delete', params: { id } })).getData()!.result).toBe(true)
    // Legacy errors carry an empty code, so the SDK reports only the HTTP status.
    expect(await failureOf(b24.actions.v2.call.make({ method: 'crm.deal.get', params: { id } }))).toMatch(/^400 /)
    expect(await raw(3, 'crm.deal.get', { id })).toMatchObject({ status: 400, body: { error: '', error_description: 'Not found' } })
  })

  it('creates a deal and reads it back in one batch with a $result reference', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const reply = await b24.actions.v2.batch.make<any>({
      calls: {
        add: { method: 'crm.deal.add', params: { fields: { TITLE: 'Пакетная сделка', ASSIGNED_BY_ID: 4 } } },
        get: { method: 'crm.deal.get', params: { id: '$result[add]' } },
        item: { method: 'crm.item.get', params: { entityTypeId: 2, id: '$result[add]' } },
      },
      options: { isHaltOnError: true },
    })
    expect(reply.isSuccess).toBe(true)
    const data = reply.getData() as any
    expect(data.get).toMatchObject({ ID: String(data.add), TITLE: 'Пакетная сделка', ASSIGNED_BY_ID: '4', CREATED_BY_ID: '1' })
    expect(data.item.item).toMatchObject({ id: data.add, assignedById: 4 })
  })
})

describe('rights', () => {
  it('manager 3 cannot update manager 4’s deal; the head of sales can; the author is always the caller', async () => {
    const foreign = DEMO_DEALS.goodsPickingSecond
    const manager = B24Hook.fromWebhookUrl(sandbox.webhookUrl(3))
    expect(await failureOf(manager.actions.v2.call.make({ method: 'crm.deal.update', params: { id: foreign, fields: { TITLE: 'чужая' } } }))).toMatch(/^400 /)
    expect(await raw(3, 'crm.deal.update', { id: foreign, fields: { TITLE: 'чужая' } })).toMatchObject({
      status: 400,
      body: { error: '', error_description: 'Access denied.' },
    })
    expect(await failureOf(manager.actions.v2.call.make({ method: 'crm.item.update', params: { entityTypeId: 2, id: foreign, fields: { title: 'чужая' } } }))).toMatch(
      /^400 "ACCESS_DENIED"/,
    )
    const head = B24Hook.fromWebhookUrl(sandbox.webhookUrl(2))
    const ok = await head.actions.v2.call.make<boolean>({ method: 'crm.deal.update', params: { id: foreign, fields: { COMMENTS: 'Проверено', MODIFY_BY_ID: 4 } } })
    expect(ok.getData()!.result).toBe(true)
    const deal = (await head.actions.v2.call.make<Record<string, string>>({ method: 'crm.deal.get', params: { id: foreign } })).getData()!.result
    expect(deal).toMatchObject({ COMMENTS: 'Проверено', MODIFY_BY_ID: '2', ASSIGNED_BY_ID: '4' })
    // The demo deals are open (OPENED = Y): a manager reads a colleague's deal but cannot change it.
    const readable = await manager.actions.v2.call.make<Record<string, string>>({ method: 'crm.deal.get', params: { id: foreign } })
    expect(readable.getData()!.result.TITLE).toBeTruthy()
    const title = (await manager.actions.v2.call.make<Record<string, string>>({ method: 'crm.deal.get', params: { id: foreign } })).getData()!.result.TITLE
    expect(title).not.toBe('чужая')
  })

  it('manager 3 in the app context (token) cannot change manager 4’s open deal by any path, alone or in a batch', async () => {
    const foreign = DEMO_DEALS.goodsPickingSecond
    const before = (await raw(1, 'crm.deal.get', { id: foreign })).body.result
    expect(before).toMatchObject({ ASSIGNED_BY_ID: '4', OPENED: 'Y' })
    const rowsBefore = (await raw(1, 'crm.deal.productrows.get', { id: foreign })).body.result
    const contactsBefore = (await raw(1, 'crm.deal.contact.items.get', { id: foreign })).body.result
    const auth = (await control(sandbox.origin, 'tokens', { userId: 3 })).AUTH_ID
    const calls: Array<[string, Record<string, unknown>]> = [
      ['crm.deal.update', { id: foreign, fields: { TITLE: 'чужая', ASSIGNED_BY_ID: 3 } }],
      ['crm.item.update', { entityTypeId: 2, id: foreign, fields: { title: 'чужая', assignedById: 3 } }],
      ['crm.deal.productrows.set', { id: foreign, rows: [] }],
      ['crm.item.productrow.set', { ownerType: 'D', ownerId: foreign, productRows: [] }],
      ['crm.deal.contact.items.set', { id: foreign, items: [] }],
      ['crm.deal.delete', { id: foreign }],
    ]
    for (const [method, params] of calls) {
      const reply = await rest(sandbox.origin, method, { auth, ...params })
      expect([method, reply.status, reply.body.error_description]).toEqual([method, 400, expect.stringMatching(/^Access denied\.?$/)])
    }
    const batch = await rest(sandbox.origin, 'batch', { auth, cmd: { a: `crm.deal.update?id=${foreign}&fields[TITLE]=batch`, b: `crm.item.update?entityTypeId=2&id=${foreign}&fields[title]=batch` } })
    expect(Object.keys(batch.body.result.result_error).sort()).toEqual(['a', 'b'])
    expect((await raw(1, 'crm.deal.get', { id: foreign })).body.result).toEqual(before)
    expect((await raw(1, 'crm.deal.productrows.get', { id: foreign })).body.result).toEqual(rowsBefore)
    expect((await raw(1, 'crm.deal.contact.items.get', { id: foreign })).body.result).toEqual(contactsBefore)
  })
})

describe('links', () => {
  // b24restdocs api-reference/crm/companies/contacts/crm-company-contact-items-set.md (and the deal/contact pages).
  it('an items.set with a non-array items fails with the legacy error and changes nothing', async () => {
    const company = DEMO_COMPANIES.technoPromMash
    const before = (await raw(1, 'crm.company.contact.items.get', { id: company })).body.result
    expect(before.length).toBeGreaterThan(0)
    for (const items of ['none', 7, null]) {
      expect(await raw(1, 'crm.company.contact.items.set', { id: company, items })).toMatchObject({
        status: 400,
        body: { error: '', error_description: 'The parameter items must be array.' },
      })
    }
    expect((await raw(1, 'crm.company.contact.items.get', { id: company })).body.result).toEqual(before)
  })
})

describe('multi-fields', () => {
  // b24restdocs api-reference/crm/contacts/crm-contact-add.md, crm/companies/crm-company-update.md: ERROR_CORE for an invalid e-mail.
  it('an invalid e-mail in EMAIL is refused with ERROR_CORE on contact add and company update', async () => {
    const added = await raw(3, 'crm.contact.add', { fields: { NAME: 'Пётр', EMAIL: [{ VALUE: 'petr(at)zavod.ru', VALUE_TYPE: 'WORK' }] } })
    expect(added).toMatchObject({ status: 400, body: { error: 'ERROR_CORE', error_description: 'The field "Work e-mail" contains an invalid address' } })
    const company = DEMO_COMPANIES.technoPromMash
    const before = (await raw(1, 'crm.company.get', { id: company })).body.result.EMAIL
    const updated = await raw(1, 'crm.company.update', { id: company, fields: { EMAIL: [{ VALUE: 'info@tpmash', VALUE_TYPE: 'WORK' }] } })
    expect(updated).toMatchObject({ status: 400, body: { error: 'ERROR_CORE' } })
    expect((await raw(1, 'crm.company.get', { id: company })).body.result.EMAIL).toEqual(before)
  })
})
