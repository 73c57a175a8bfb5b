import { describe, expect, it } from 'vitest'
import type { NotificationRow } from '../../sandbox/rest/methods/system/im'
import { PERFORMED_ACTIONS_FIELD } from '@/domain/fields/next-steps'
import { dealAutomationOf } from '../../runner/handlers/deal-automation'
import { FAULT_KINDS, faultRule, recordCell, type FaultKind } from '../e2e/helpers/fault-matrix'
import { eventually, runnerQuiet, useRunnerHarness } from './helpers/runner-harness'
import { appClient, callApp } from './helpers/app-client'
import { ADMIN, HEAD, HOUR, MANAGER, MINUTE, OTHER_MANAGER, PRODUCT_MANAGER } from './helpers/lemus-walk'
import { webhookRaw } from './helpers/sandbox'

/*
 * The fault matrix of «Writes that never lie» for the runner's own writes: each write the
 * runner makes by itself (stage task, reassignment, reminder, client e-mail, renewal, move,
 * the record of performed keys) × the six faults. A cell arms one fault on the write's REST
 * method, lets a person act through their own token (or the clock run), waits for the runner
 * to finish — moving the clock past its retry delay when it waits — and reads the portal
 * back. The runner's counterpart of «Сохранено» is its report to «Следующий шаг» (GET
 * /deals/<id>/next): it must list the effect once the portal holds it, and never before.
 */

const harness = useRunnerHarness()
const RETRY_SHIFT_MS = 61_000
const EXPRESS = 'Выполнить Экспресс-идентификацию'
const PAYMENT = 'Получить окончательный расчет'
const ASSEMBLE = 'Укомплектовать заказ по сделке'

async function rest<T>(userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const reply = await webhookRaw(harness.sandbox, userId, method, params)
  if (reply.status !== 200) throw new Error(`${method}: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply.body.result as T
}

const stageCache = new Map<string, { categoryId: number; statusId: string }>()
async function goodsStage(name: string): Promise<{ categoryId: number; statusId: string }> {
  const cached = stageCache.get(name)
  if (cached) return cached
  const categories = await rest<{ categories: { id: number; name: string }[] }>(ADMIN, 'crm.category.list', { entityTypeId: 2 })
  const categoryId = Number(categories.categories.find((c) => c.name === 'Товары')!.id)
  const stages = await rest<{ STATUS_ID: string; NAME: string }[]>(ADMIN, 'crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${categoryId}` } })
  const found = { categoryId, statusId: stages.find((s) => s.NAME === name)!.STATUS_ID }
  stageCache.set(name, found)
  return found
}

async function enumItemId(fieldName: string, code: string): Promise<number> {
  const [field] = await rest<{ LIST: { ID: string; XML_ID: string }[] }[]>(ADMIN, 'crm.deal.userfield.list', { filter: { FIELD_NAME: fieldName } })
  return Number(field!.LIST.find((item) => item.XML_ID === code)!.ID)
}

interface TaskRow {
  id: string
  title: string
  status: string
}

async function dealTasks(dealId: number, title: string): Promise<TaskRow[]> {
  const reply = await rest<{ tasks: TaskRow[] }>(ADMIN, 'tasks.task.list', { filter: { UF_CRM_TASK: `D_${dealId}` }, select: ['ID', 'TITLE', 'STATUS'] })
  return reply.tasks.filter((task) => task.title === title)
}

const notices = (fragment: string) =>
  [...harness.sandbox.store.table<NotificationRow>('notifications').rows()].filter((row) => row.MESSAGE.includes(fragment))

async function dealOn(stage: string, title: string, fields: Record<string, unknown> = {}, owner = MANAGER): Promise<number> {
  const { categoryId, statusId } = await goodsStage(stage)
  return rest<number>(owner === MANAGER ? MANAGER : ADMIN, 'crm.deal.add', {
    fields: { TITLE: title, CATEGORY_ID: categoryId, STAGE_ID: statusId, OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: owner, ...fields },
  })
}

async function pickingDeal(title: string, fields: Record<string, unknown>): Promise<number> {
  const contactId = await rest<number>(MANAGER, 'crm.contact.add', { fields: { NAME: 'Клиент', LAST_NAME: title, EMAIL: [{ VALUE: 'client@lemus.example', VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: MANAGER } })
  return dealOn('Комплектация', title, { CONTACT_ID: contactId, ...fields })
}

const runnerIdle = () => runnerQuiet(harness)

/** What one cell expects the portal to hold once the runner is done: `expected` records, found `found()`. */
interface Effect {
  expected: number
  found(): Promise<number>
}

interface Scenario {
  /** The write's name in the table. */
  write: string
  /** The REST method the fault is armed on (inside the runner's batch). */
  method: string
  /** Makes the deal and waits until the runner has done everything before the write; returns its id. */
  prepare(tag: string): Promise<number>
  /** What sets the runner going: a person's action or the clock. */
  trigger(dealId: number): Promise<void>
  /** People act while the runner is stopped (their own method may be the faulted one); the clock needs no stop. */
  byPerson: boolean
  effects(dealId: number): Effect[] | Promise<Effect[]>
  /** The report line («Следующий шаг» «Автоматизация») of the write. */
  reported: RegExp
}

const count = (read: () => Promise<unknown[]> | unknown[]) => async () => (await read()).length

const scenarios: Scenario[] = [
  {
    write: 'runner: stage task',
    method: 'tasks.task.add',
    byPerson: true,
    prepare: (tag) => dealOn('Не обработан', `Задача ${tag}`),
    trigger: async (dealId) => void (await rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: (await goodsStage('Экспресс-идентификация')).statusId } })),
    effects: (dealId) => [{ expected: 1, found: count(() => dealTasks(dealId, EXPRESS)) }],
    reported: new RegExp(`Задача «${EXPRESS}»`),
  },
  {
    write: 'runner: reassignment',
    method: 'crm.deal.update',
    byPerson: true,
    prepare: (tag) => dealOn('Не обработан', `Передача ${tag}`, {}, OTHER_MANAGER),
    trigger: async (dealId) => void (await rest(HEAD, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: (await goodsStage('Экспресс-идентификация')).statusId } })),
    effects: (dealId) => [
      { expected: 1, found: async () => Number(Number((await rest<{ ASSIGNED_BY_ID: string }>(ADMIN, 'crm.deal.get', { id: dealId })).ASSIGNED_BY_ID) === HEAD) },
      { expected: 1, found: count(() => dealTasks(dealId, EXPRESS)) },
    ],
    reported: new RegExp(`Ответственный: пользователь ${HEAD}`),
  },
  ...(['im.notify.system.add', 'crm.deal.update'] as const).map(
    (method): Scenario => ({
      write: method === 'crm.deal.update' ? 'runner: performed keys' : 'runner: reminder',
      method,
      byPerson: false,
      prepare: async (tag) => {
        const dealId = await dealOn('Экспресс-идентификация', `Напоминание ${tag}`)
        await eventually(() => dealTasks(dealId, EXPRESS), (found) => found.length > 0)
        await runnerIdle()
        return dealId
      },
      trigger: async () => harness.shiftClock(5 * HOUR + 5 * MINUTE),
      effects: async (dealId) => {
        const before = new Set(await performedKeys(dealId))
        return [
          { expected: 3, found: count(() => notices(`экспресс-идентификация по сделке #${dealId} не выполнена`)) },
          // The reminder's key recorded on the deal: without it a later turn would send it again.
          { expected: 1, found: async () => Math.min(1, (await performedKeys(dealId)).filter((key) => !before.has(key)).length) },
        ]
      },
      reported: /Уведомление по плейбуку/,
    }),
  ),
  {
    write: 'runner: client e-mail',
    method: 'crm.activity.add',
    byPerson: true,
    prepare: async (tag) => {
      const dealId = await pickingDeal(`Письмо ${tag}`, {
        UF_CRM_LMS_PAID_AMOUNT: '1000|RUB',
        UF_CRM_LMS_DELIVERY_CONDITION: await enumItemId('UF_CRM_LMS_DELIVERY_CONDITION', 'pickup'),
        UF_CRM_LMS_PRODUCT_RESERVED: 1,
      })
      await eventually(() => dealTasks(dealId, ASSEMBLE), (found) => found.length > 0)
      await runnerIdle()
      return dealId
    },
    trigger: async (dealId) => {
      const [assemble] = await dealTasks(dealId, ASSEMBLE)
      await rest(MANAGER, 'tasks.task.complete', { taskId: Number(assemble!.id) })
    },
    effects: (dealId) => [{ expected: 1, found: count(() => rest<unknown[]>(ADMIN, 'crm.activity.list', { filter: { OWNER_TYPE_ID: 2, OWNER_ID: dealId, TYPE_ID: 4 } })) }],
    reported: /Письмо клиенту/,
  },
  {
    write: 'runner: renewal',
    method: 'tasks.task.renew',
    byPerson: true,
    prepare: async (tag) => {
      const dealId = await pickingDeal(`Недоплата ${tag}`, { UF_CRM_LMS_PAID_AMOUNT: '400|RUB' })
      await eventually(() => dealTasks(dealId, PAYMENT), (found) => found.length > 0)
      await runnerIdle()
      return dealId
    },
    trigger: async (dealId) => {
      const [payment] = await dealTasks(dealId, PAYMENT)
      await rest(MANAGER, 'tasks.task.complete', { taskId: Number(payment!.id) })
    },
    effects: (dealId) => {
      // The notice names the task, not the deal: only those sent since this cell began count.
      const earlier = new Set(notices(`«${PAYMENT}» возобновлена`).map((row) => row.ID))
      return [
      { expected: 1, found: count(async () => (await dealTasks(dealId, PAYMENT)).filter((task) => task.status === '2')) },
      {
        expected: 1,
        found: count(async () =>
          (await rest<{ COMMENT: string }[]>(ADMIN, 'crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' } })).filter((c) => c.COMMENT.includes(`«${PAYMENT}» возобновлена`)),
        ),
      },
      { expected: 1, found: count(() => notices(`«${PAYMENT}» возобновлена`).filter((row) => !earlier.has(row.ID))) },
      ]
    },
    reported: new RegExp(`Задача «${PAYMENT}» возобновлена`),
  },
  {
    write: 'runner: automatic move',
    method: 'crm.deal.update',
    byPerson: true,
    prepare: async (tag) => {
      const dealId = await dealOn('Договор', `Договор ${tag}`)
      // The runner has looked at the deal (its report) and found nothing to do yet.
      await eventually(async () => dealAutomationOf(harness.runner.store, dealId).lastRunAt, (at) => at !== null)
      await runnerIdle()
      return dealId
    },
    trigger: async (dealId) => void (await rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { UF_CRM_LMS_CONTRACT_ANSWER: await enumItemId('UF_CRM_LMS_CONTRACT_ANSWER', 'N') } })),
    effects: (dealId) => [
      { expected: 1, found: async () => Number((await rest<{ STAGE_ID: string }>(ADMIN, 'crm.deal.get', { id: dealId })).STAGE_ID === (await goodsStage('Комплектация')).statusId) },
      { expected: 1, found: count(() => dealTasks(dealId, PAYMENT)) },
    ],
    reported: /Сделка переведена на «Комплектация»/,
  },
]

async function performedKeys(dealId: number): Promise<string[]> {
  const deal = await rest<Record<string, unknown>>(ADMIN, 'crm.deal.get', { id: dealId })
  const value = deal[PERFORMED_ACTIONS_FIELD]
  return Array.isArray(value) ? value.map(String) : []
}

/** The expired token hits the runner's next request, whatever it carries (the portal refuses requests, not commands). */
const arm = (kind: FaultKind, method: string) => harness.sandbox.control.faults(faultRule(kind, method))

const tally = async (effects: Effect[]) => Promise.all(effects.map(async (effect) => ({ expected: effect.expected, found: await effect.found() })))
const complete = (counts: { expected: number; found: number }[]) => counts.every((c) => c.found >= c.expected)

describe('the runner’s own writes under the six faults', () => {
  it('the admin names the product manager (a reminder goes to three people)', async () => {
    const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
    await callApp(b24, 'app.option.set', { options: { playbookPeople: JSON.stringify({ productManagerId: PRODUCT_MANAGER }) } })
  })

  for (const scenario of scenarios) {
    for (const kind of FAULT_KINDS) {
      it(`${scenario.write} × ${kind}: done once, nothing lost, reported only when stored`, async () => {
        const started = Date.now()
        const dealId = await scenario.prepare(`${scenario.write} ${kind}`)
        const effects = await scenario.effects(dealId)
        if (scenario.byPerson) {
          await harness.runner.stop()
          await scenario.trigger(dealId)
          arm(kind, scenario.method)
          await harness.restart()
        } else {
          arm(kind, scenario.method)
          await scenario.trigger(dealId)
        }
        // The runner retries a refused turn after a minute of portal time: the clock moves on while it waits.
        let counts = await tally(effects)
        for (let round = 0; round < 4 && !complete(counts); round++) {
          counts = await eventually(() => tally(effects), complete, 6_000)
          if (complete(counts)) break
          const reportedEarly = dealAutomationOf(harness.runner.store, dealId).done.some((line) => scenario.reported.test(line.title.ru))
          expect(reportedEarly, 'reported as done while the portal lacks it').toBe(false)
          await harness.shiftClock(RETRY_SHIFT_MS)
        }
        // Once more past the retry delay: a late repeat must not double anything.
        await runnerIdle()
        await harness.shiftClock(RETRY_SHIFT_MS)
        await runnerIdle()
        counts = await tally(effects)
        const report = dealAutomationOf(harness.runner.store, dealId)
        const told = report.done.some((line) => scenario.reported.test(line.title.ru))
        const lost = counts.reduce((sum, c) => sum + Math.max(0, c.expected - c.found), 0)
        const doubled = counts.reduce((sum, c) => sum + Math.max(0, c.found - c.expected), 0)
        // Half a write on the card (a renewal's comment without the task reopened, a move without the stage's tasks).
        const inconsistent = counts.some((c) => c.found >= c.expected) && counts.some((c) => c.found < c.expected)
        const cell = { write: scenario.write, fault: kind, lost, doubled, falseSaved: told && lost > 0, inconsistent, told, seconds: (Date.now() - started) / 1000 }
        recordCell(cell)
        // The fault was met: a rule still armed would mean the cell tested nothing.
        const unmet = harness.sandbox.control.state().faults
        harness.sandbox.control.clearFaults()
        await rest(ADMIN, 'crm.deal.delete', { id: dealId })
        expect(unmet).toEqual([])
        expect({ lost, doubled, inconsistent, told }).toEqual({ lost: 0, doubled: 0, inconsistent: false, told: true })
        expect(harness.runner.status().connection.state).toBe('connected')
      }, 90_000)
    }
  }
})

