import { describe, it } from 'vitest'
import { PERFORMED_ACTIONS_FIELD } from '@/domain/fields/next-steps'
import { dealAutomationOf } from '../../runner/handlers/deal-automation'
import { FAULT_KINDS } from '../e2e/helpers/fault-matrix'
import { count, runFaultCell, type FaultScenario } from './helpers/runner-fault-cell'
import { eventually, runnerQuiet, useRunnerHarness } from './helpers/runner-harness'
import { ADMIN, HEAD, HOUR, lemusWalk, MANAGER, MINUTE, OTHER_MANAGER, PRODUCT_MANAGER } from './helpers/lemus-walk'

/*
 * The fault matrix of «Writes that never lie» for the runner's deal writes: each write the
 * runner makes by itself on a deal (stage task, reassignment, reminder, client e-mail, renewal,
 * move, the record of performed keys) × the six faults (helpers/runner-fault-cell.ts). The
 * runner's counterpart of «Сохранено» is its report to «Следующий шаг» (GET /deals/<id>/next):
 * it must list the effect once the portal holds it, and never before. The lead notice and the
 * approvals have their rows in runner-fault-matrix-notices.spec.ts.
 */

const harness = useRunnerHarness()
const walk = lemusWalk(harness, 'Товары')
const { rest } = walk
const EXPRESS = 'Выполнить Экспресс-идентификацию'
const PAYMENT = 'Получить окончательный расчет'
const ASSEMBLE = 'Укомплектовать заказ по сделке'

const dealTasks = walk.tasks

const notices = walk.noticeRows
const stage = (name: string) => walk.stageId(name)

async function dealOn(stageName: string, title: string, fields: Record<string, unknown> = {}, owner = MANAGER): Promise<number> {
  return rest<number>(owner === MANAGER ? MANAGER : ADMIN, 'crm.deal.add', {
    fields: { TITLE: title, CATEGORY_ID: await walk.categoryId(), STAGE_ID: await stage(stageName), OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: owner, ...fields },
  })
}

async function pickingDeal(title: string, fields: Record<string, unknown>): Promise<number> {
  const contactId = await rest<number>(MANAGER, 'crm.contact.add', { fields: { NAME: 'Клиент', LAST_NAME: title, EMAIL: [{ VALUE: 'client@lemus.example', VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: MANAGER } })
  return dealOn('Комплектация', title, { CONTACT_ID: contactId, ...fields })
}

const runnerIdle = () => runnerQuiet(harness)

/** A deal write's row: told when the runner's report on «Следующий шаг» lists the effect. */
interface DealScenario extends Omit<FaultScenario<number>, 'told'> {
  /** The report line («Следующий шаг» «Автоматизация») of the write. */
  reported: RegExp
}

const scenarios: DealScenario[] = [
  {
    write: 'runner: stage task',
    method: 'tasks.task.add',
    byPerson: true,
    prepare: (tag) => dealOn('Не обработан', `Задача ${tag}`),
    trigger: async (dealId) => void (await rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: await stage('Экспресс-идентификация') } })),
    effects: (dealId) => [{ expected: 1, found: count(() => dealTasks(dealId, EXPRESS)) }],
    reported: new RegExp(`Задача «${EXPRESS}»`),
  },
  {
    write: 'runner: reassignment',
    method: 'crm.deal.update',
    byPerson: true,
    prepare: (tag) => dealOn('Не обработан', `Передача ${tag}`, {}, OTHER_MANAGER),
    trigger: async (dealId) => void (await rest(HEAD, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: await stage('Экспресс-идентификация') } })),
    effects: (dealId) => [
      { expected: 1, found: async () => Number(Number((await rest<{ ASSIGNED_BY_ID: string }>(ADMIN, 'crm.deal.get', { id: dealId })).ASSIGNED_BY_ID) === HEAD) },
      { expected: 1, found: count(() => dealTasks(dealId, EXPRESS)) },
    ],
    reported: new RegExp(`Ответственный: пользователь ${HEAD}`),
  },
  ...(['im.notify.system.add', 'crm.deal.update'] as const).map(
    (method): DealScenario => ({
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
        UF_CRM_LMS_DELIVERY_CONDITION: await walk.enumId(ADMIN, 'deliveryCondition', 'pickup'),
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
    trigger: async (dealId) => void (await rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { UF_CRM_LMS_CONTRACT_ANSWER: await walk.enumId(ADMIN, 'contractNeeded', 'N') } })),
    effects: (dealId) => [
      { expected: 1, found: async () => Number((await rest<{ STAGE_ID: string }>(ADMIN, 'crm.deal.get', { id: dealId })).STAGE_ID === await stage('Комплектация')) },
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

describe('the runner’s own deal writes under the six faults', () => {
  it('the admin names the product manager (a reminder goes to three people)', async () => {
    await walk.setPeople({ productManagerId: PRODUCT_MANAGER, roles: {} })
  })

  for (const scenario of scenarios) {
    const cell: FaultScenario<number> = {
      ...scenario,
      told: async (dealId) => dealAutomationOf(harness.runner.store, dealId).done.some((line) => scenario.reported.test(line.title.ru)),
      cleanup: async (dealId) => void (await rest(ADMIN, 'crm.deal.delete', { id: dealId })),
    }
    for (const kind of FAULT_KINDS) {
      it(`${scenario.write} × ${kind}: done once, nothing lost, reported only when stored`, () => runFaultCell(harness, cell, kind).then(() => undefined), 90_000)
    }
  }
})
