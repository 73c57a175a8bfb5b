import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { desiredState, runInstall } from '../../placements/install'
import { KOSINO_PIPELINE_STAGES } from '@/domain/install/kosino-pipeline'
import { createGateway, frameTransport } from '@/b24/gateway'
import { appClient, callApp } from './helpers/app-client'
import { startTestSandbox, type TestSandbox } from './helpers/sandbox'

// Issue 16: the admin's install creates the Kosino sale's pipeline on a portal that lacks it —
// a sandbox without demo data, through the real SDK — with the playbook's stages, and a second
// install changes nothing (found by name, never a second pipeline). Shapes: b24restdocs
// crm/universal/category/crm-category-list.md, crm-category-add.md, crm/status/crm-status-list.md.

let sandbox: TestSandbox

type Category = { id: number; name: string }
type Stage = { STATUS_ID: string; NAME: string; SEMANTICS: string | null; SORT: string }

beforeAll(async () => {
  sandbox = await startTestSandbox({ demo: false })
})

afterAll(async () => {
  await sandbox?.dispose()
})

async function install() {
  const { b24 } = await appClient(sandbox.origin, 1)
  const progress = await runInstall({ gateway: createGateway(frameTransport(b24)), desired: desiredState('https://widgets.example.com/') })
  return { b24, progress }
}

async function kosino(b24: Awaited<ReturnType<typeof appClient>>['b24']) {
  const { categories } = await callApp<{ categories: Category[] }>(b24, 'crm.category.list', { entityTypeId: 2 })
  const mine = categories.filter((category) => category.name === 'Продажи ППК Косино')
  const stages = mine[0] ? await callApp<Stage[]>(b24, 'crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${mine[0].id}` }, order: { SORT: 'ASC' } }) : []
  return { mine, stages }
}

describe('the install creates the Kosino pipeline', () => {
  it('on a portal without it: the pipeline with the playbook’s stages in order, won a success, the two lost ones failures', async () => {
    const { b24: before } = await appClient(sandbox.origin, 1)
    expect((await kosino(before)).mine).toEqual([])

    const { b24, progress } = await install()
    expect(progress.steps.filter((s) => s.status === 'failed').map((s) => [JSON.stringify(s.step).slice(0, 120), s.error?.description])).toEqual([])
    expect(progress.phase).toBe('done')
    expect(progress.steps.filter((s) => s.step.kind === 'pipeline').every((s) => s.status === 'done')).toBe(true)

    const { mine, stages } = await kosino(b24)
    expect(mine).toHaveLength(1)
    expect(stages.map((stage) => stage.NAME)).toEqual(KOSINO_PIPELINE_STAGES.map((spec) => spec.name))
    expect(stages.filter((stage) => stage.SEMANTICS === 'S').map((stage) => stage.NAME)).toEqual(['Сделка заключена'])
    expect(stages.filter((stage) => stage.SEMANTICS === 'F').map((stage) => stage.NAME)).toEqual(['Не согласовано', 'Не подписано'])
    expect(stages.every((stage) => stage.STATUS_ID.startsWith(`C${mine[0]!.id}:`))).toBe(true)

    // A deal made in it starts on the first stage the playbook knows.
    const dealId = await callApp<number>(b24, 'crm.deal.add', { fields: { TITLE: 'Аренда', CATEGORY_ID: mine[0]!.id } })
    const deal = await callApp<{ STAGE_ID: string }>(b24, 'crm.deal.get', { id: dealId })
    expect(stages.find((stage) => stage.STATUS_ID === deal.STAGE_ID)?.NAME).toBe('Согласование условий сотрудничества')
  })

  it('a second install changes nothing and makes no second pipeline', async () => {
    const { b24, progress } = await install()
    expect(progress.phase).toBe('done')
    expect(progress.steps.filter((s) => s.step.kind === 'pipeline')).toEqual([])
    const { mine, stages } = await kosino(b24)
    expect(mine).toHaveLength(1)
    expect(stages).toHaveLength(KOSINO_PIPELINE_STAGES.length)
  })
})
