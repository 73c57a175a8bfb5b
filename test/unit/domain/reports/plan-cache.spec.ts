// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  dealsRead,
  isFresh,
  keysetRequests,
  metaCommands,
  overdueTasksRead,
  reportCacheKey,
  requestBudget,
  stagesByCategory,
  toPipelines,
  updatedAgo,
  wrapForCache,
  DEFAULT_REPORT_FIELDS,
} from '@/domain/reports'

// Keyset reading with start=-1: b24restdocs settings/performance/huge-data.md; batch of 50: settings/how-to-call-rest-api/batch.md
describe('read plan', () => {
  it('reads deals with only the report fields, ordered by the keyset', () => {
    const read = dealsRead()
    expect(read.method).toBe('crm.deal.list')
    expect(read.params.select).toEqual(expect.arrayContaining(['ID', 'STAGE_SEMANTIC_ID', 'OPPORTUNITY', 'CLOSEDATE', DEFAULT_REPORT_FIELDS.paid]))
    expect(read.params.select).not.toContain('*')
    expect(read.idKey).toBe('ID')
  })

  it('asks only for overdue open tasks (tasks.task.list, api-reference/tasks/tasks-task-list.md)', () => {
    const read = overdueTasksRead(new Date('2026-03-15T09:00:00Z'))
    expect(read.params.filter).toEqual({ '<DEADLINE': '2026-03-15T09:00:00.000Z', '!STATUS': 5 })
    expect(read).toMatchObject({ resultKey: 'tasks', rowIdKey: 'id' })
    expect(read.params.select).toContain('UF_CRM_TASK')
  })

  it('stages of every pipeline in the screen batch: the whole crm.status.list dictionary, split by ENTITY_ID (crm-status-list.md)', () => {
    expect(metaCommands().stages).toEqual({ method: 'crm.status.list', params: { order: { SORT: 'ASC' } } })
    const rows = [
      { STATUS_ID: 'NEW', ENTITY_ID: 'DEAL_STAGE' },
      { STATUS_ID: 'WEB', ENTITY_ID: 'SOURCE' },
      { STATUS_ID: 'C3:NEW', ENTITY_ID: 'DEAL_STAGE_3' },
      { STATUS_ID: 'WON', ENTITY_ID: 'DEAL_STAGE' },
      { STATUS_ID: 'C12:WON', ENTITY_ID: 'DEAL_STAGE_12' },
      { STATUS_ID: 'DT128_4:NEW', ENTITY_ID: 'DYNAMIC_128_STAGE_4' },
      { STATUS_ID: 'IN_PROCESS', ENTITY_ID: 'STATUS' },
      { STATUS_ID: 'X', ENTITY_ID: 'DEAL_STAGE_' },
    ]
    const grouped = stagesByCategory(rows)
    expect([...grouped.keys()]).toEqual([0, 3, 12])
    expect(grouped.get(0)!.map((row) => row.STATUS_ID)).toEqual(['NEW', 'WON'])
    expect(grouped.get(3)!.map((row) => row.STATUS_ID)).toEqual(['C3:NEW'])
    expect(grouped.get(12)!.map((row) => row.STATUS_ID)).toEqual(['C12:WON'])
  })

  it.each([
    [0, 1],
    [49, 1],
    [2499, 1],
    [2500, 2],
    [100_000, 41],
  ])('%i deals read in %i requests, within ⌈N/2500⌉ + a few', (rows, requests) => {
    expect(keysetRequests(rows)).toBe(requests)
    expect(keysetRequests(rows)).toBeLessThanOrEqual(requestBudget(rows, 1))
  })
})

describe('pipelines from crm.category.list and crm.status.list', () => {
  it('orders pipelines and stages and reads stage semantics', () => {
    const pipelines = toPipelines(
      [
        { id: 3, name: 'Услуги', sort: 200 },
        { id: 0, name: 'Товары', sort: 100 },
      ],
      new Map([
        [0, [{ STATUS_ID: 'WON', NAME: 'Сделка успешна', SORT: 60, EXTRA: { SEMANTICS: 'success' } }, { STATUS_ID: 'NEW', NAME: 'Новая', SORT: 10 }]],
        [3, [{ STATUS_ID: 'C3:LOSE', NAME: 'Провал', SORT: 70, SEMANTICS: 'F' }]],
      ]),
    )
    expect(pipelines.map((p) => p.name)).toEqual(['Товары', 'Услуги'])
    expect(pipelines[0]!.stages.map((s) => [s.id, s.semantic])).toEqual([
      ['NEW', 'P'],
      ['WON', 'S'],
    ])
    expect(pipelines[1]!.stages[0]!.semantic).toBe('F')
  })
})

describe('cache: «обновлено N минут назад»', () => {
  const key = reportCacheKey({ domain: 'portal.example', userId: 2, fields: DEFAULT_REPORT_FIELDS })

  it('is fresh within the TTL for the same portal, user and fields only', () => {
    const entry = wrapForCache(key, { deals: [] }, 1_000_000)
    expect(isFresh(entry, key, 1_000_000 + 14 * 60_000)).toBe(true)
    expect(isFresh(entry, key, 1_000_000 + 16 * 60_000)).toBe(false)
    expect(isFresh(entry, key, 1_000_000 - 1)).toBe(false)
    expect(isFresh(entry, reportCacheKey({ domain: 'portal.example', userId: 3, fields: DEFAULT_REPORT_FIELDS }), 1_000_000)).toBe(false)
    expect(isFresh(undefined, key, 0)).toBe(false)
  })

  it.each([
    [0, 'обновлено только что', 'updated just now'],
    [1, 'обновлено 1 минуту назад', 'updated 1 minute ago'],
    [3, 'обновлено 3 минуты назад', 'updated 3 minutes ago'],
    [11, 'обновлено 11 минут назад', 'updated 11 minutes ago'],
    [21, 'обновлено 21 минуту назад', 'updated 21 minutes ago'],
    [125, 'обновлено 2 часа назад', 'updated 2 hours ago'],
  ])('%i minutes', (minutes, ru, en) => {
    expect(updatedAgo(0, minutes * 60_000, 'ru')).toBe(ru)
    expect(updatedAgo(0, minutes * 60_000, 'en')).toBe(en)
  })
})
