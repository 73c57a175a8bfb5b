// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { isValidInn } from '@/domain/inn'
import { MemoryStore } from '../store/memory-store'
import { caller } from '../rest/methods/crm/testing'
import {
  DEMO_CATEGORIES,
  DEMO_COMPANIES,
  DEMO_COMPANY_INNS,
  DEMO_COMPANY_TITLES,
  DEMO_DEALS,
  DEMO_DEAL_TITLES,
  GOODS_STAGES,
  KOSINO_PIPELINE_NAME,
  SERVICES_STAGES,
  seedCrm,
} from './crm'
import { seedPeople } from './people'

// Read back through the REST handlers: crm.status.list (b24restdocs api-reference/crm/status/crm-status-list.md),
// crm.category.list (api-reference/crm/universal/category/crm-category-list.md), crm.deal.list/get,
// crm.deal.productrows.get, tasks.task.list (api-reference/tasks/tasks-task-list.md).

function seeded() {
  const store = new MemoryStore()
  seedPeople(store)
  seedCrm(store, new Date('2026-03-02T09:00:00Z'))
  return { store, admin: caller(store, 1) }
}

describe('seedCrm', () => {
  it('creates the LEMUS pipelines with the story’s stages', async () => {
    const { admin } = seeded()
    const cats = (await admin.call('crm.category.list', { entityTypeId: 2 })).result as { categories: Array<{ id: number; name: string }> }
    expect(cats.categories.map((c) => [c.id, c.name])).toEqual([
      [DEMO_CATEGORIES.goods, 'Товары'],
      [DEMO_CATEGORIES.services, 'Услуги'],
      [DEMO_CATEGORIES.kosino, KOSINO_PIPELINE_NAME],
      [0, 'Общая'],
    ])
    const goods = (await admin.call('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_1' }, order: { SORT: 'ASC' } })).result as Array<{ NAME: string; STATUS_ID: string }>
    expect(goods.map((s) => s.NAME)).toEqual([
      'Не обработан', 'Экспресс-идентификация', 'Счет/КП', 'Договор', 'Комплектация', 'Отгрузка', 'Подведение итогов', 'Сделка успешна', 'Сделка провалена',
    ])
    const services = (await admin.call('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE_2' }, order: { SORT: 'ASC' } })).result as Array<{ NAME: string }>
    expect(services.map((s) => s.NAME)).toContain('Ожидание выезда на объект')
    expect(services.map((s) => s.NAME)).toContain('Первичная идентификация')
    const leadStatuses = (await admin.call('crm.status.list', { filter: { ENTITY_ID: 'STATUS' }, order: { SORT: 'ASC' } })).result as Array<{ NAME: string }>
    expect(leadStatuses.map((s) => s.NAME).slice(0, 4)).toEqual(['Формирование запроса', 'Новый', 'Выяснение потребности', 'Обработан'])
    const webform = (await admin.call('crm.status.list', { filter: { ENTITY_ID: 'SOURCE', STATUS_ID: 'WEBFORM' } })).result as Array<{ NAME: string }>
    expect(webform[0]!.NAME).toBe('Форма обратной связи')
  })

  it('creates the Kosino sale pipeline from the story’s life cycle and puts the Kosino deals in it', async () => {
    const { admin } = seeded()
    const kosino = (await admin.call('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${DEMO_CATEGORIES.kosino}` }, order: { SORT: 'ASC' } })).result as Array<{ NAME: string; STATUS_ID: string; SEMANTICS: string | null }>
    expect(kosino.map((s) => s.NAME)).toEqual([
      'Согласование условий сотрудничества', 'Подписание LOI', 'Согласование договора', 'Подписание договора',
      'Обеспечительный платёж', 'Акт приёма-передачи', 'Сделка заключена', 'Не согласовано', 'Не подписано',
    ])
    expect(kosino.filter((s) => s.SEMANTICS === 'F').map((s) => s.NAME)).toEqual(['Не согласовано', 'Не подписано'])
    const deals = (await admin.call('crm.deal.list', { filter: { CATEGORY_ID: DEMO_CATEGORIES.kosino }, select: ['ID', 'STAGE_ID', 'COMPANY_ID'], order: { ID: 'ASC' } })).result as Array<{ ID: string; STAGE_ID: string; COMPANY_ID: string }>
    expect(deals.map((d) => [Number(d.ID), d.STAGE_ID])).toEqual([
      [DEMO_DEALS.kosinoRent, 'C3:CONTRACT_APPROVAL'],
      [DEMO_DEALS.kosinoLoi, 'C3:LOI'],
      [DEMO_DEALS.kosinoTerms, 'C3:TERMS'],
      [40, 'C3:WON'],
    ])
    expect(deals.every((d) => Number(d.COMPANY_ID) <= DEMO_COMPANIES.vedConsult), 'Kosino clients only').toBe(true)
    const general = await admin.call('crm.deal.list', { filter: { CATEGORY_ID: DEMO_CATEGORIES.general }, select: ['ID'] })
    expect(general.total).toBe(0)
  })

  it('puts deals of managers 3 and 4 on every stage of both pipelines', async () => {
    const { admin } = seeded()
    for (const [category, stages] of [[1, GOODS_STAGES], [2, SERVICES_STAGES]] as const) {
      for (const stage of stages) {
        const page = await admin.call('crm.deal.list', { filter: { CATEGORY_ID: category, STAGE_ID: `C${category}:${stage.code}` }, select: ['ID', 'ASSIGNED_BY_ID'] })
        expect(page.total, `${category} ${stage.code}`).toBeGreaterThan(0)
      }
    }
    const all = (await admin.call('crm.deal.list', { select: ['ASSIGNED_BY_ID'], start: -1 })).result as Array<{ ASSIGNED_BY_ID: string }>
    expect(new Set(all.map((d) => d.ASSIGNED_BY_ID))).toEqual(new Set(['3', '4']))
  })

  it('keeps the exported IDs and titles in step with the rows', async () => {
    const { admin } = seeded()
    const deal = (await admin.call('crm.deal.get', { id: DEMO_DEALS.goodsContract })).result as Record<string, string>
    expect(deal.TITLE).toBe(DEMO_DEAL_TITLES[DEMO_DEALS.goodsContract - 1])
    expect(deal.STAGE_ID).toBe('C1:CONTRACT')
    const company = (await admin.call('crm.company.get', { id: DEMO_COMPANIES.technoPromMash })).result as Record<string, string>
    expect(company.TITLE).toBe(DEMO_COMPANY_TITLES[DEMO_COMPANIES.technoPromMash - 1])
    const contacts = (await admin.call('crm.company.contact.items.get', { id: DEMO_COMPANIES.technoPromMash })).result as unknown[]
    expect(contacts.length).toBe(2)
  })

  it('uses valid INNs only', () => {
    expect(DEMO_COMPANY_INNS.length).toBeGreaterThanOrEqual(12)
    for (const inn of DEMO_COMPANY_INNS) expect(isValidInn(inn), inn).toBe(true)
  })

  it('keeps amounts equal to product rows, and binds tasks and comments to deals', async () => {
    const { admin } = seeded()
    const deal = (await admin.call('crm.deal.get', { id: DEMO_DEALS.goodsContract })).result as Record<string, string>
    const rows = (await admin.call('crm.deal.productrows.get', { id: DEMO_DEALS.goodsContract })).result as Array<{ PRICE: number; QUANTITY: number }>
    expect(rows.length).toBe(3)
    const kopecks = rows.reduce((s, r) => s + Math.round(r.PRICE * 100) * r.QUANTITY, 0)
    expect(deal.OPPORTUNITY).toBe((kopecks / 100).toFixed(2))
    const tasks = await admin.call('tasks.task.list', { filter: { UF_CRM_TASK: `D_${DEMO_DEALS.servicesWaitVisit}` }, select: ['ID', 'TITLE'] })
    expect((tasks.result as { tasks: Array<{ title: string }> }).tasks.map((t) => t.title)).toEqual(['Получить подтверждение готовности'])
    const comments = await admin.call('crm.timeline.comment.list', { filter: { ENTITY_ID: DEMO_DEALS.goodsContract, ENTITY_TYPE: 'deal' } })
    expect(comments.total).toBe(2)
  })

  it('refuses to run twice', () => {
    const { store } = seeded()
    expect(() => seedCrm(store, new Date())).toThrow(/empty/)
  })
})
