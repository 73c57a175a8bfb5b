import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createGateway, frameTransport } from '@/b24/gateway'
import { RUNNER_EVENTS } from '../../runner/events/offline-queue'
import { scheduleQueuedEvents } from '../../runner/events/schedule-events'
import { RunnerStore } from '../../runner/store/runner-store'
import { appClient, callApp } from './helpers/app-client'
import { control, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// The runner's first half against the sandbox through B24OAuth: the queue's events become
// durable jobs, one per subject, and the queue is cleared only after they are stored.
const sandbox = useTestSandbox({ limits: false, demo: true })
const dir = mkdtempSync(path.join(tmpdir(), 'runner-events-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('runner: events to jobs', () => {
  it('schedules each moved deal and each touched task once, and empties the queue', async () => {
    await control(sandbox.origin, 'install', { installed: true })
    const { b24 } = await appClient(sandbox.origin, 1)
    for (const event of RUNNER_EVENTS) await callApp(b24, 'event.bind', { event, event_type: 'offline' })
    const gateway = createGateway(frameTransport(b24))
    const store = RunnerStore.open(dir)
    await scheduleQueuedEvents(gateway, store, new Date()) // whatever came before

    const deal = Number((await webhookRaw(sandbox, 3, 'crm.deal.add', { fields: { TITLE: 'Для раннера', ASSIGNED_BY_ID: 3 } })).body.result)
    for (let round = 0; round < 3; round++) await webhookRaw(sandbox, 3, 'crm.deal.update', { id: deal, fields: { COMMENTS: `правка ${round}` } })
    const task = (await webhookRaw(sandbox, 3, 'tasks.task.add', { fields: { TITLE: 'Задача', RESPONSIBLE_ID: 3, UF_CRM_TASK: [`D_${deal}`] } })).body.result as { task: { id: string } }

    const now = new Date()
    const report = await scheduleQueuedEvents(gateway, store, now, { pageSize: 2 })
    // Repeated updates of one deal share a MESSAGE_ID and are queued once (event-offline-get.md).
    expect(report.events).toBeGreaterThanOrEqual(3)
    const due = store.dueJobs(now).map((job) => job.id)
    expect(due).toContain(`deal:${deal}`)
    expect(due).toContain(`task:${task.task.id}`)
    expect(due.filter((id) => id === `deal:${deal}`)).toHaveLength(1)
    const left = await callApp<{ events: unknown[] }>(b24, 'event.offline.get', { clear: 0, limit: 50 })
    expect(left.events).toEqual([])
    await store.close()
  })

  it('a busy queue is read 20 pages a request, each page cleared once its jobs are stored', async () => {
    const { b24 } = await appClient(sandbox.origin, 1)
    const gateway = createGateway(frameTransport(b24))
    const store = RunnerStore.open(path.join(dir, 'busy'))
    await scheduleQueuedEvents(gateway, store, new Date())
    // 45 new deals: 45 queued events, 23 pages of 2.
    const cmd = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`d${i}`, `crm.deal.add?fields[TITLE]=Очередь ${i}&fields[ASSIGNED_BY_ID]=3`]))
    const added = Object.values(((await webhookRaw(sandbox, 3, 'batch', { halt: 1, cmd })).body.result as { result: Record<string, number> }).result).map(Number)

    sandbox.control.resetCalls()
    const now = new Date()
    const report = await scheduleQueuedEvents(gateway, store, now, { pageSize: 2 })
    const calls = sandbox.control.state().calls
    const appRequests = Object.entries(calls.requests).filter(([source]) => source.startsWith('app:')).reduce((sum, [, count]) => sum + count, 0)
    expect(report.events).toBe(45)
    expect(store.dueJobs(now, 1_000).map((job) => job.id)).toEqual(expect.arrayContaining(added.map((id) => `deal:${id}`)))
    // The first page alone, then 20 pages with its clear, then the last 3 events with the 20 before them cleared, then their clear: 4 requests, not 23.
    expect(appRequests).toBe(4)
    const left = await callApp<{ events: unknown[] }>(b24, 'event.offline.get', { clear: 0, limit: 50 })
    expect(left.events).toEqual([])
    await store.close()
  })
})
