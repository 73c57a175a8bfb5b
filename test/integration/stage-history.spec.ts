import { B24Hook } from '@bitrix24/b24jssdk'
import { describe, expect, it } from 'vitest'
import { useTestSandbox } from './helpers/suite-sandbox'

// crm.stagehistory.list through the SDK against the demo portal (b24restdocs api-reference/crm/crm-stage-history-list.md).

const sandbox = useTestSandbox({ demo: true, limits: false })

type Row = { ID: number; TYPE_ID: number; OWNER_ID: number; CREATED_TIME: string; CATEGORY_ID: number; STAGE_SEMANTIC_ID: string; STAGE_ID: string }

describe('crm.stagehistory.list on the demo portal', () => {
  it('pages the demo deals’ history by keyset with the SDK and agrees with each deal’s stage', async () => {
    const b24 = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const counted = await b24.actions.v2.call.make<{ items: Row[] }>({ method: 'crm.stagehistory.list', params: { entityTypeId: 2, filter: { CATEGORY_ID: 1 } } })
    expect(counted.getTotal()).toBeGreaterThan(50)
    expect(counted.isMore()).toBe(true)
    expect(Object.keys(counted.getData()!.result.items[0]!).sort()).toEqual(['CATEGORY_ID', 'CREATED_TIME', 'ID', 'OWNER_ID', 'STAGE_ID', 'STAGE_SEMANTIC_ID', 'TYPE_ID'])
    const all = await b24.actions.v2.callList.make<Row>({
      method: 'crm.stagehistory.list',
      params: { entityTypeId: 2, filter: { CATEGORY_ID: 1 } },
      idKey: 'ID',
      customKeyForResult: 'items',
    })
    const rows = all.getData() as Row[]
    expect(rows.length).toBe(counted.getTotal())
    const deals = await b24.actions.v2.callList.make<{ ID: string; STAGE_ID: string }>({
      method: 'crm.deal.list',
      params: { filter: { CATEGORY_ID: 1 }, select: ['ID', 'STAGE_ID'] },
      idKey: 'ID',
    })
    for (const deal of deals.getData() as Array<{ ID: string; STAGE_ID: string }>) {
      const own = rows.filter((r) => r.OWNER_ID === Number(deal.ID))
      expect(own[0]!.TYPE_ID).toBe(1)
      expect(own.at(-1)!.STAGE_ID).toBe(deal.STAGE_ID)
    }
  })

  it('a stage move through crm.deal.update adds a row; a manager sees only deals he may read', async () => {
    const admin = B24Hook.fromWebhookUrl(sandbox.adminWebhookUrl)
    const add = await admin.actions.v2.call.make<number>({ method: 'crm.deal.add', params: { fields: { TITLE: 'История', CATEGORY_ID: 1, ASSIGNED_BY_ID: 4, OPENED: 'N' } } })
    const id = Number(add.getData()!.result)
    await admin.actions.v2.call.make({ method: 'crm.deal.update', params: { id, fields: { STAGE_ID: 'C1:EXPRESS_ID' } } })
    const list = async (hook: B24Hook) =>
      (await hook.actions.v2.call.make<{ items: Row[] }>({ method: 'crm.stagehistory.list', params: { entityTypeId: 2, filter: { OWNER_ID: id }, order: { ID: 'ASC' } } })).getData()!.result.items
    const rows = await list(admin)
    expect(rows.map((r) => [r.TYPE_ID, r.STAGE_ID])).toEqual([[1, 'C1:NEW'], [2, 'C1:EXPRESS_ID']])
    expect(await list(B24Hook.fromWebhookUrl(sandbox.webhookUrl(3)))).toEqual([])
    expect((await list(B24Hook.fromWebhookUrl(sandbox.webhookUrl(2)))).length).toBe(2)
  })
})
