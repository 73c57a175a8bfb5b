import { B24Hook } from '@bitrix24/b24jssdk'
import { beforeAll, describe, expect, it } from 'vitest'
import { createGateway, frameTransport } from '@/b24/gateway'
import { loadDealScreens, MAX_DEALS } from '@/b24/deal-screen/deal-screens'
import { webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

/*
 * The runner's read of many deals at once (src/b24/deal-screen/deal-screens.ts) against the
 * sandbox through the unmodified SDK: every deal of the group and every one of its tasks, in
 * two requests while they fit, and never a task missed when they do not (a missed task would be
 * created again).
 */
const sandbox = useTestSandbox({ limits: false, demo: true })
const ADMIN = 1
const MANAGER = 3

async function rest<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const reply = await webhookRaw(sandbox, ADMIN, method, params)
  if (reply.status !== 200) throw new Error(`${method}: ${JSON.stringify(reply.body)}`)
  return reply.body.result as T
}

/** `count` deals of the manager, each with `tasks` tasks bound to it; made 50 commands a batch. */
async function dealsWithTasks(count: number, tasks: number, tag: string): Promise<number[]> {
  const ids: number[] = []
  for (let from = 0; from < count; from += 50) {
    const cmd = Object.fromEntries(Array.from({ length: Math.min(50, count - from) }, (_, i) => [`d${i}`, `crm.deal.add?${new URLSearchParams({ 'fields[TITLE]': `${tag} ${from + i}`, 'fields[ASSIGNED_BY_ID]': String(MANAGER) })}`]))
    const reply = await rest<{ result: Record<string, number> }>('batch', { halt: 1, cmd })
    ids.push(...Object.values(reply.result).map(Number))
  }
  const bindings = ids.flatMap((id) => Array.from({ length: tasks }, (_, n) => ({ id, n })))
  for (let from = 0; from < bindings.length; from += 50) {
    const cmd = Object.fromEntries(
      bindings.slice(from, from + 50).map(({ id, n }, i) => [`t${i}`, `tasks.task.add?${new URLSearchParams({ 'fields[TITLE]': `Задача ${n}`, 'fields[RESPONSIBLE_ID]': String(MANAGER), 'fields[UF_CRM_TASK][0]': `D_${id}` })}`]),
    )
    await rest('batch', { halt: 1, cmd })
  }
  return ids
}

/** Requests of the admin's webhook since the call counts were reset (a batch is one). */
const requests = () => sandbox.control.state().calls.requests[`hook:${ADMIN}`] ?? 0

let gateway: ReturnType<typeof createGateway>
beforeAll(() => {
  gateway = createGateway(frameTransport(B24Hook.fromWebhookUrl(sandbox.webhookUrl(ADMIN))))
})

describe('many deals read at once', () => {
  it(`${MAX_DEALS} deals with two tasks each: every deal and task, in two requests`, async () => {
    const ids = await dealsWithTasks(MAX_DEALS, 2, 'Группа')
    sandbox.control.resetCalls()
    const screens = await loadDealScreens(gateway, ids)
    expect(requests()).toBe(2)
    expect([...screens.keys()].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
    expect([...screens.values()].map((screen) => screen.tasks.length)).toEqual(ids.map(() => 2))
    expect(screens.get(ids[0]!)!.stages.length).toBeGreaterThan(0)
  })

  it('more tasks than two requests hold: the deals are read in halves, and no task is missed', async () => {
    // With 12 commands a batch the two requests hold 2 + 10 task pages (600 tasks); these three deals have 750.
    const ids = await dealsWithTasks(3, 250, 'Много задач')
    sandbox.control.resetCalls()
    const screens = await loadDealScreens(gateway, ids, 12)
    expect(requests()).toBeGreaterThan(2)
    expect(ids.map((id) => screens.get(id)?.tasks.length)).toEqual([250, 250, 250])
    expect(new Set([...screens.values()].flatMap((screen) => screen.tasks.map((task) => task.id))).size).toBe(750)
  })
})
