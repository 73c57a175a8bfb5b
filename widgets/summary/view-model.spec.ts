// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { toSummaryView } from './view-model'
import type { SummaryData } from './data'

// Shapes: crm.company.get (b24restdocs api-reference/crm/companies/crm-company-get.md), crm.deal.list
// (api-reference/crm/deals/crm-deal-list.md), crm.status.list (api-reference/crm/status/crm-status-list.md),
// crm.timeline.comment.list (api-reference/crm/timeline/comments/crm-timeline-comment-list.md).
// The status-log field as the profile tab writes it (appendStatusLog: JSON, newest last, `at` in UTC).
const statusLog = JSON.stringify([
  { from: { level: 'NEW', subStatus: null, inactive: false }, to: { level: 'TERMS', subStatus: 'TERMS_SENT', inactive: false }, action: { type: 'choose-sub-status', subStatus: 'TERMS_SENT' }, by: 3, at: '2025-01-20T07:00:00.000Z' },
  { from: { level: 'TERMS', subStatus: 'TERMS_SENT', inactive: false }, to: { level: 'LOI_SIGNING', subStatus: null, inactive: false }, action: { type: 'choose-sub-status', subStatus: 'TERMS_AGREED' }, by: 4, at: '2025-02-03T21:30:00.000Z', remark: 'Условия приняты' },
])

const data: SummaryData = {
  // crm.company.get returns user fields; enumeration fields hold the portal's item IDs.
  company: { ID: '7', TITLE: 'АО «Косино-Логистик»', UF_CRM_KOS_STATUS: '55', UF_CRM_KOS_SUBSTATUS: '', UF_CRM_KOS_INACTIVE: '0', UF_CRM_KOS_STATUS_LOG: statusLog },
  deals: [
    { ID: '10', TITLE: 'Склад А', CATEGORY_ID: '0', STAGE_ID: 'WON', STAGE_SEMANTIC_ID: 'S', ASSIGNED_BY_ID: '3', COMPANY_ID: '7', OPPORTUNITY: '100000.00', CURRENCY_ID: 'RUB', DATE_CREATE: '2025-01-10T10:00:00+03:00', CLOSEDATE: '2025-02-01T10:00:00+03:00', UF_CRM_LMS_PAID_AMOUNT: '60000|RUB' },
    { ID: '11', TITLE: 'СВХ', CATEGORY_ID: '1', STAGE_ID: 'C1:NEW', STAGE_SEMANTIC_ID: 'P', ASSIGNED_BY_ID: '4', COMPANY_ID: '7', OPPORTUNITY: '5000.50', CURRENCY_ID: 'RUB', DATE_CREATE: '2025-03-10T10:00:00+03:00', CLOSEDATE: '2025-04-01T10:00:00+03:00', UF_CRM_LMS_PAID_AMOUNT: null },
    { ID: '12', TITLE: '3PL', CATEGORY_ID: '0', STAGE_ID: 'LOSE', STAGE_SEMANTIC_ID: 'F', ASSIGNED_BY_ID: '9', COMPANY_ID: '7', OPPORTUNITY: '900.00', CURRENCY_ID: 'RUB', DATE_CREATE: '2024-12-01T10:00:00+03:00', CLOSEDATE: '2024-12-20T10:00:00+03:00' },
  ],
  categories: [{ id: 0, name: 'Инфраструктура', sort: 1 }, { id: 1, name: 'ВЭД', sort: 2 }],
  stages: [
    { ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'WON', NAME: 'Договор подписан', SORT: 60, SEMANTICS: 'S' },
    { ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'LOSE', NAME: 'Отказ', SORT: 70, SEMANTICS: 'F' },
    { ENTITY_ID: 'DEAL_STAGE_1', STATUS_ID: 'C1:NEW', NAME: 'Запрос', SORT: 10 },
  ],
  users: [{ ID: '3', NAME: 'Дмитрий', LAST_NAME: 'Кузнецов' }, { ID: '4', NAME: 'Ольга', LAST_NAME: 'Васильева' }],
  comments: [
    { ID: '1', CREATED: '2025-01-05T10:00:00+03:00', COMMENT: 'Позвонили клиенту\n[b24app:77-note]' },
    // Written by the tab as a write plan: the idempotency tag ends the text (src/domain/write-plan).
    { ID: '2', CREATED: '2025-02-02T10:00:00+03:00', COMMENT: '[Подписание соглашения/договора] 2025-02-01\nПодписан договор аренды\n[b24app:3f2a-history]' },
    { ID: '3', CREATED: '2025-02-04T00:30:00+03:00', COMMENT: 'Статус клиента: Согласование условий сотрудничества: Направлены условия сотрудничества → Подписание LOI\nЗамечания: Условия приняты' },
  ],
  // crm.company.userfield.list LIST items: ID → XML_ID (the ladder's codes)
  statusCodes: { status: new Map([['54', 'TERMS'], ['55', 'LOI_SIGNING']]), subStatus: new Map([['60', 'TERMS_SENT']]) },
}

describe('«Сводка» view model (R2)', () => {
  const view = toSummaryView(data, Date.parse('2025-06-01T00:00:00+03:00'), 180)

  it('totals with debt = amount − paid; a lost deal owes nothing', () => {
    expect(view.title).toBe('АО «Косино-Логистик»')
    expect(view.counts).toEqual({ count: 3, open: 1, won: 1, lost: 1 })
    expect(view.byCurrency).toHaveLength(1)
    expect(view.byCurrency[0]).toMatchObject({ currency: 'RUB', count: 3, amount: 10_590_050, wonAmount: 10_000_000, paid: 6_000_000 })
    expect(view.byCurrency[0]!.debt).toBe(4_000_000 + 500_050)
    expect(view.byCurrency[0]!.buckets.d90plus).toBe(4_000_000) // closed 1 Feb, 120 days before
  })

  it('a newer USD deal adds a dollar sum beside the roubles instead of replacing them (issue 15)', () => {
    const usd = { ID: '13', TITLE: 'Импорт', CATEGORY_ID: '1', STAGE_ID: 'C1:NEW', STAGE_SEMANTIC_ID: 'P', ASSIGNED_BY_ID: '4', COMPANY_ID: '7', OPPORTUNITY: '17000.00', CURRENCY_ID: 'USD', DATE_CREATE: '2025-05-10T10:00:00+03:00', CLOSEDATE: '2025-07-01T10:00:00+03:00' }
    const mixed = toSummaryView({ ...data, deals: [usd, ...data.deals] }, Date.parse('2025-06-01T00:00:00+03:00'), 180)
    expect(mixed.counts.count).toBe(4)
    expect(mixed.byCurrency.map(({ currency, count, amount, debt }) => ({ currency, count, amount, debt }))).toEqual([
      { currency: 'RUB', count: 3, amount: 10_590_050, debt: 4_500_050 },
      { currency: 'USD', count: 1, amount: 1_700_000, debt: 1_700_000 },
    ])
  })

  it('deals newest first with pipeline, stage and responsible names', () => {
    expect(view.deals.map((d) => [d.id, d.pipeline, d.stage, d.responsible])).toEqual([
      [11, 'ВЭД', 'Запрос', 'Ольга Васильева'],
      [10, 'Инфраструктура', 'Договор подписан', 'Дмитрий Кузнецов'],
      [12, 'Инфраструктура', 'Отказ', '#9'],
    ])
    // deals in two pipelines: each chip names its pipeline; the portal's order of pipelines and stages
    expect(view.byStage).toEqual([
      { key: '0:WON', pipeline: 'Инфраструктура', stage: 'Договор подписан', semantic: 'S', count: 1 },
      { key: '0:LOSE', pipeline: 'Инфраструктура', stage: 'Отказ', semantic: 'F', count: 1 },
      { key: '1:C1:NEW', pipeline: 'ВЭД', stage: 'Запрос', semantic: 'P', count: 1 },
    ])
    expect([view.firstDeal, view.lastDeal]).toEqual(['2024-12-01', '2025-03-10'])
  })

  it('client status now from the company’s fields, its history from the status log, newest first, in both languages', () => {
    expect(view.status).toEqual({ ru: 'Подписание LOI', en: 'Signing the LOI' })
    expect(view.statusLogUnreadable).toBe(false)
    expect(view.statusHistory).toEqual([
      { at: '2025-02-04 00:30', by: 'Ольга Васильева', from: { ru: 'Согласование условий сотрудничества: Направлены условия сотрудничества', en: 'Agreeing the terms of cooperation: Terms sent' }, to: { ru: 'Подписание LOI', en: 'Signing the LOI' }, remark: 'Условия приняты' },
      { at: '2025-01-20 10:00', by: 'Дмитрий Кузнецов', from: { ru: 'Новый', en: 'New' }, to: { ru: 'Согласование условий сотрудничества: Направлены условия сотрудничества', en: 'Agreeing the terms of cooperation: Terms sent' }, remark: '' },
    ])
  })

  it('a damaged status log is said so; the status changes then stay visible as timeline notes', () => {
    const damaged = toSummaryView({ ...data, company: { ...data.company, UF_CRM_KOS_STATUS_LOG: '[{"from"' } }, Date.now(), 180)
    expect(damaged.statusLogUnreadable).toBe(true)
    expect(damaged.statusHistory).toEqual([])
    expect(damaged.status).toEqual({ ru: 'Подписание LOI', en: 'Signing the LOI' })
    expect(damaged.history.map((row) => row.id)).toContain(3)
  })

  it('history: the tab’s own events typed, other comments as plain notes, newest first; status changes only in the status history', () => {
    expect(view.history).toEqual([
      { id: 2, date: '2025-02-01', type: 'SIGNING', typeLabel: { ru: 'Подписание соглашения/договора', en: 'Agreement / contract signing' }, text: 'Подписан договор аренды' },
      { id: 1, date: '2025-01-05', type: null, typeLabel: null, text: 'Позвонили клиенту' },
    ])
  })
})
