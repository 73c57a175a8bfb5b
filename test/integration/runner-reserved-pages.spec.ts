import { describe, expect, it } from 'vitest'
import { appClient, callApp } from './helpers/app-client'
import { eventually, runnerQuiet, useRunnerHarness } from './helpers/runner-harness'
import { ADMIN, lemusWalk, MANAGER } from './helpers/lemus-walk'

// A runner stopped between reserving a page of the event queue (event.offline.get, clear=0) and
// clearing it: the portal keeps those entries reserved under a process id nobody knows any more
// (b24restdocs api-reference/events/event-offline-get.md, event-offline-list.md). The next start
// must take them back, or the moves in them never get their tasks.
const harness = useRunnerHarness()
const EXPRESS = 'Выполнить Экспресс-идентификацию'

const walk = lemusWalk(harness, 'Товары')
const expressTasks = (dealId: number) => walk.tasks(dealId, EXPRESS)

describe('pages a stopped runner left reserved', () => {
  it('are taken back at the next start: the move in them gets its task, once, and the queue empties', async () => {
    await runnerQuiet(harness)
    await harness.runner.stop()
    const dealId = await walk.rest<number>(MANAGER, 'crm.deal.add', {
      fields: { TITLE: 'Страница в резерве', CATEGORY_ID: await walk.categoryId(), STAGE_ID: await walk.stageId('Не обработан'), OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
    })
    await walk.rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: await walk.stageId('Экспресс-идентификация') } })

    // What the stopped runner did last: reserved the page, and never cleared it.
    const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
    const reserved = await callApp<{ process_id: string; events: { EVENT_NAME: string; EVENT_DATA: { FIELDS?: { ID?: unknown } } }[] }>(b24, 'event.offline.get', { clear: 0, limit: 50 })
    expect(reserved.events.some((event) => event.EVENT_NAME === 'ONCRMDEALUPDATE' && Number(event.EVENT_DATA.FIELDS?.ID) === dealId)).toBe(true)
    expect((await callApp<{ events: unknown[] }>(b24, 'event.offline.get', { clear: 0, limit: 50 })).events).toEqual([])

    await harness.restart()
    const tasks = await eventually(() => expressTasks(dealId), (found) => found.length > 0)
    expect(tasks).toHaveLength(1)
    expect(await runnerQuiet(harness)).toMatchObject({ queued: 0, due: [] })
    expect(await expressTasks(dealId)).toHaveLength(1)
  })
})
