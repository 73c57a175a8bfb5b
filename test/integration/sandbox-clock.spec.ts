import { describe, expect, it } from 'vitest'
import { appClient, callApp } from './helpers/app-client'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The control API's `clock` moves every date the sandbox writes, so a runner that takes "now" from
// server.time can be moved by a test. b24restdocs api-reference/common/system/server-time.md,
// crm/deals/crm-deal-fields.md (DATE_MODIFY, MOVED_TIME), tasks/fields.md (CREATED_DATE, CHANGED_DATE,
// CLOSED_DATE), events/event-offline-list.md (TIMESTAMP_X), crm-activity-get.md (CREATED).
const sandbox = useTestSandbox({ limits: false, demo: true })
const DAY = 86_400_000

const ms = (date: string) => Date.parse(String(date))

describe('the sandbox clock', () => {
  it('server.time, record dates, task dates, activity and event times all follow the clock offset', async () => {
    await control(sandbox.origin, 'install', { installed: true })
    const { b24 } = await appClient(sandbox.origin, 1)
    await callApp(b24, 'event.bind', { event: 'ONCRMDEALUPDATE', event_type: 'offline' })
    const deal = Number((await webhookRaw(sandbox, 1, 'crm.deal.add', { fields: { TITLE: 'Часы' } })).body.result)
    const task = Number((await webhookRaw(sandbox, 1, 'tasks.task.add', { fields: { TITLE: 'По часам', RESPONSIBLE_ID: 1 } })).body.result.task.id)

    const offset = 29 * DAY + 5 * 3600_000
    await control(sandbox.origin, 'clock', { offsetMs: offset })
    try {
      const expected = Date.now() + offset
      const near = (value: unknown) => expect(Math.abs(ms(String(value)) - expected)).toBeLessThan(60_000)

      near(await callApp<string>(b24, 'server.time'))
      const serverTime = await webhookRaw(sandbox, 1, 'server.time')
      near(serverTime.body.result)
      near(serverTime.body.time.date_start)

      const stages = (await webhookRaw(sandbox, 1, 'crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' } })).body.result as Array<{ STATUS_ID: string }>
      await webhookRaw(sandbox, 1, 'crm.deal.update', { id: deal, fields: { STAGE_ID: stages[1]!.STATUS_ID } })
      const moved = (await webhookRaw(sandbox, 1, 'crm.deal.get', { id: deal })).body.result
      near(moved.DATE_MODIFY)
      near(moved.MOVED_TIME)

      await webhookRaw(sandbox, 1, 'tasks.task.complete', { taskId: task })
      const done = (await webhookRaw(sandbox, 1, 'tasks.task.get', { taskId: task })).body.result.task
      near(done.changedDate)
      near(done.closedDate)
      expect(ms(done.createdDate)).toBeLessThan(expected - DAY)

      const activity = await callApp<number>(b24, 'crm.activity.todo.add', { ownerTypeId: 2, ownerId: deal, deadline: new Date(expected + 3600_000).toISOString(), title: 'Перезвонить' })
      expect(activity).toBeTruthy()
      const listed = (await callApp<Array<{ CREATED: string }>>(b24, 'crm.activity.list', { filter: { OWNER_TYPE_ID: 2, OWNER_ID: deal } }))[0]!
      near(listed.CREATED)

      const queued = await callApp<Array<{ TIMESTAMP_X: string }>>(b24, 'event.offline.list')
      expect(queued).toHaveLength(1)
      near(queued[0]!.TIMESTAMP_X)
    } finally {
      await control(sandbox.origin, 'clock', { offsetMs: 0 })
    }
  })
})
