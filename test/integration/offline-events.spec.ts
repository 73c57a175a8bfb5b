import qs from 'qs'
import { describe, expect, it } from 'vitest'
import { appClient, callApp } from './helpers/app-client'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// A runner's event loop through the unmodified SDK (B24OAuth, the admin's pair in the app's context):
// event.bind offline at install, writes by users through their webhooks and the web form, then
// event.offline.get with clear=0 and event.offline.clear by process_id. b24restdocs
// api-reference/events/event-bind.md, event-offline-get.md, event-offline-clear.md, offline-events.md;
// the payloads: crm/deals/events/on-crm-deal-{add,update}.md, crm/leads/events/on-crm-lead-add.md,
// tasks/events-tasks/on-task-{add,update}.md, crm/timeline/comments/events/on-Crm-Timeline-Comment-Add.md.
const sandbox = useTestSandbox({ limits: false, demo: true })

const BINDINGS = ['ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMLEADADD', 'ONCRMLEADUPDATE', 'ONTASKADD', 'ONTASKUPDATE', 'ONCRMTIMELINECOMMENTADD']

interface OfflineEvent {
  ID: string
  EVENT_NAME: string
  EVENT_DATA: Record<string, any>
  EVENT_ADDITIONAL: { user_id: string }
  MESSAGE_ID: string
  TIMESTAMP_X: string
}

async function admin() {
  await control(sandbox.origin, 'install', { installed: true })
  return (await appClient(sandbox.origin, 1)).b24
}

/** Reads the whole queue the way a runner does: pages of 50 reserved with clear=0, cleared after use. */
async function drain(b24: Awaited<ReturnType<typeof admin>>): Promise<{ events: OfflineEvent[]; pages: number[] }> {
  const events: OfflineEvent[] = []
  const pages: number[] = []
  for (;;) {
    const page = await callApp<{ process_id: string; events: OfflineEvent[] }>(b24, 'event.offline.get', { clear: 0, limit: 50 })
    if (page.events.length === 0) return { events, pages }
    pages.push(page.events.length)
    events.push(...page.events)
    expect(await callApp(b24, 'event.offline.clear', { process_id: page.process_id })).toBe(true)
  }
}

describe('offline events for a runner', () => {
  it('binds what the runner uses; every write path queues the documented payloads', async () => {
    const b24 = await admin()
    for (const event of BINDINGS) await callApp(b24, 'event.bind', { event, event_type: 'offline' })
    expect((await callApp<Array<{ event: string; offline: number }>>(b24, 'event.get')).map((row) => row.event).sort()).toEqual([...BINDINGS].sort())
    await drain(b24)

    // A manager moves his deal (legacy), the head edits it (crm.item), a batch adds a deal and a comment.
    const deal = Number((await webhookRaw(sandbox, 3, 'crm.deal.add', { fields: { TITLE: 'Событийная', ASSIGNED_BY_ID: 3 } })).body.result)
    await webhookRaw(sandbox, 3, 'crm.deal.update', { id: deal, fields: { COMMENTS: 'двинул' } })
    await webhookRaw(sandbox, 2, 'crm.item.update', { entityTypeId: 2, id: deal, fields: { title: 'Событийная 2' } })
    const batch = await webhookRaw(sandbox, 3, 'batch', {
      halt: 1,
      cmd: {
        deal: `crm.deal.add?${qs.stringify({ fields: { TITLE: 'Из пакета' } })}`,
        comment: `crm.timeline.comment.add?${qs.stringify({ fields: { ENTITY_TYPE: 'deal', ENTITY_ID: deal, COMMENT: 'Комментарий' } })}`,
      },
    })
    const batchDeal = Number(batch.body.result.result.deal)
    const comment = Number(batch.body.result.result.comment)
    // A task made and completed by its responsible.
    const task = Number((await webhookRaw(sandbox, 1, 'tasks.task.add', { fields: { TITLE: 'Проверить', RESPONSIBLE_ID: 3, UF_CRM_TASK: [`D_${deal}`] } })).body.result.task.id)
    await webhookRaw(sandbox, 3, 'tasks.task.complete', { taskId: task })
    // The portal's own web form makes a lead.
    const form = await fetch(`${sandbox.origin}/crm/form/feedback/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Ирина', phone: '+7 900 100-20-30', company: 'ООО «Вектор»' }),
      redirect: 'manual',
    })
    expect(form.status).toBe(303)
    const lead = Number((await webhookRaw(sandbox, 1, 'crm.lead.list', { order: { ID: 'DESC' }, select: ['ID'] })).body.result[0].ID)

    const { events } = await drain(b24)
    expect(events.map((event) => [event.EVENT_NAME, event.EVENT_DATA, event.EVENT_ADDITIONAL.user_id])).toEqual([
      ['ONCRMDEALADD', { FIELDS: { ID: deal } }, '3'],
      // one entry per object: the manager's and the head's updates are one entry, the head's the last
      ['ONCRMDEALUPDATE', { FIELDS: { ID: deal } }, '2'],
      ['ONCRMDEALADD', { FIELDS: { ID: batchDeal } }, '3'],
      ['ONCRMTIMELINECOMMENTADD', { ID: comment }, '3'],
      ['ONTASKADD', { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: task }, IS_ACCESSIBLE_BEFORE: 'N', IS_ACCESSIBLE_AFTER: 'undefined' }, '1'],
      ['ONTASKUPDATE', { FIELDS_BEFORE: { ID: task }, FIELDS_AFTER: { ID: task }, IS_ACCESSIBLE_BEFORE: 'undefined', IS_ACCESSIBLE_AFTER: 'undefined' }, '3'],
      ['ONCRMLEADADD', { FIELDS: { ID: lead } }, '2'],
    ])
    for (const event of events) {
      expect(event.MESSAGE_ID).toMatch(/^[0-9a-f]{32}$/)
      expect(event.TIMESTAMP_X).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/)
    }
  })

  it('1,000 deals queue 1,000 events; pages of 50 hand each out once, and the queue ends empty', async () => {
    const b24 = await admin()
    await drain(b24)
    const ids: number[] = []
    for (let request = 0; request < 20; request++) {
      const cmd = Object.fromEntries(
        Array.from({ length: 50 }, (_, i) => [`d${i}`, `crm.deal.add?${qs.stringify({ fields: { TITLE: `Пачка ${request}-${i}` } })}`]),
      )
      const reply = await webhookRaw(sandbox, 1, 'batch', { halt: 1, cmd })
      ids.push(...Object.values(reply.body.result.result as Record<string, number>).map(Number))
    }
    const list = await callApp<unknown[]>(b24, 'event.offline.list')
    expect(list).toHaveLength(50)
    const { events, pages } = await drain(b24)
    expect(pages).toEqual(Array.from({ length: 20 }, () => 50))
    expect(events.map((event) => event.EVENT_DATA.FIELDS.ID)).toEqual(ids)
    expect(await callApp(b24, 'event.offline.list')).toEqual([])
  })

  it('a page reserved with clear=0 is hidden from a parallel reader and read again by its process_id', async () => {
    const b24 = await admin()
    await drain(b24)
    for (let i = 0; i < 3; i++) await webhookRaw(sandbox, 1, 'crm.deal.add', { fields: { TITLE: `Параллель ${i}` } })
    const first = await callApp<{ process_id: string; events: OfflineEvent[] }>(b24, 'event.offline.get', { clear: 0, limit: 2 })
    const second = await callApp<{ process_id: string; events: OfflineEvent[] }>(b24, 'event.offline.get', { clear: 0, limit: 2 })
    expect(first.events).toHaveLength(2)
    expect(second.events).toHaveLength(1)
    expect(second.process_id).not.toBe(first.process_id)
    const again = await callApp<{ events: OfflineEvent[] }>(b24, 'event.offline.get', { clear: 0, process_id: first.process_id })
    expect(again.events.map((event) => event.ID)).toEqual(first.events.map((event) => event.ID))
    await callApp(b24, 'event.offline.clear', { process_id: first.process_id })
    await callApp(b24, 'event.offline.clear', { process_id: second.process_id })
    expect(await callApp(b24, 'event.offline.list')).toEqual([])
  })
})
