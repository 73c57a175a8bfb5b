import { describe, expect, it } from 'vitest'
import type { NotificationRow } from '../../sandbox/rest/methods/system/im'
import { appClient, callApp } from './helpers/app-client'
import { eventually, runnerQuiet, useRunnerHarness } from './helpers/runner-harness'
import { webhookRaw } from './helpers/sandbox'

// The LEMUS playbook carried out by the runner alone: no browser, no tab. People act through
// their own tokens (webhooks), the runner reads the portal's offline events and its clock.
const harness = useRunnerHarness()

const ADMIN = 1
const HEAD = 2
const MANAGER = 3
const OTHER_MANAGER = 4
const PRODUCT_MANAGER = 5
const HOUR = 3_600_000
const DAY = 24 * HOUR

async function rest<T>(userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const reply = await webhookRaw(harness.sandbox, userId, method, params)
  if (reply.status !== 200) throw new Error(`${method}: ${reply.status} ${JSON.stringify(reply.body)}`)
  return reply.body.result as T
}

async function goodsStage(name: string): Promise<{ categoryId: number; statusId: string }> {
  const categories = await rest<{ categories: { id: number; name: string }[] }>(ADMIN, 'crm.category.list', { entityTypeId: 2 })
  const categoryId = Number(categories.categories.find((c) => c.name === 'Товары')!.id)
  const stages = await rest<{ STATUS_ID: string; NAME: string }[]>(ADMIN, 'crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${categoryId}` } })
  return { categoryId, statusId: stages.find((s) => s.NAME === name)!.STATUS_ID }
}

interface TaskRow {
  id: string
  title: string
  status: string
  responsibleId: string
  auditors?: string[]
  deadline: string | null
}

async function dealTasks(dealId: number, title?: string): Promise<TaskRow[]> {
  const reply = await rest<{ tasks: TaskRow[] }>(ADMIN, 'tasks.task.list', { filter: { UF_CRM_TASK: `D_${dealId}` }, select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID', 'AUDITORS', 'DEADLINE'] })
  return reply.tasks.filter((task) => !title || task.title === title)
}

const notices = (fragment: string) =>
  [...harness.sandbox.store.table<NotificationRow>('notifications').rows()].filter((row) => row.MESSAGE.includes(fragment))

const runnerIdle = () => runnerQuiet(harness)

async function portalNow(): Promise<Date> {
  return new Date(await rest<string>(ADMIN, 'server.time'))
}

describe('the runner carries out the «Товары» playbook with nobody looking', () => {
  let dealId: number
  const EXPRESS = 'Выполнить Экспресс-идентификацию'

  it('the admin names the product manager in settings (app option playbookPeople)', async () => {
    const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
    await callApp(b24, 'app.option.set', { options: { playbookPeople: JSON.stringify({ productManagerId: PRODUCT_MANAGER }) } })
    expect(JSON.parse(await callApp<string>(b24, 'app.option.get', { option: 'playbookPeople' }))).toEqual({ productManagerId: PRODUCT_MANAGER })
  })

  it('§5: whoever takes the deal out of «Не обработан» becomes responsible (the head takes a colleague’s deal)', async () => {
    const start = await goodsStage('Не обработан')
    const taken = await rest<number>(ADMIN, 'crm.deal.add', {
      fields: { TITLE: 'Сделка коллеги', CATEGORY_ID: start.categoryId, STAGE_ID: start.statusId, OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: OTHER_MANAGER },
    })
    await rest(HEAD, 'crm.deal.update', { id: taken, fields: { STAGE_ID: (await goodsStage('Экспресс-идентификация')).statusId } })
    const deal = await eventually(() => rest<{ ASSIGNED_BY_ID: string }>(ADMIN, 'crm.deal.get', { id: taken }), (d) => Number(d.ASSIGNED_BY_ID) === HEAD)
    expect(Number(deal.ASSIGNED_BY_ID)).toBe(HEAD)
    const tasks = await eventually(() => dealTasks(taken, EXPRESS), (found) => found.length > 0)
    expect(tasks.map((task) => Number(task.responsibleId))).toEqual([HEAD])
  })

  it('§5: the manager moves his deal through his own token and gets exactly one express task, the head as auditor', async () => {
    const start = await goodsStage('Не обработан')
    dealId = await rest<number>(MANAGER, 'crm.deal.add', {
      fields: { TITLE: 'Подшипники для раннера', CATEGORY_ID: start.categoryId, STAGE_ID: start.statusId, OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
    })
    const entered = (await portalNow()).getTime()
    await rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { STAGE_ID: (await goodsStage('Экспресс-идентификация')).statusId } })

    const tasks = await eventually(() => dealTasks(dealId, EXPRESS), (found) => found.length > 0)
    await runnerIdle()
    const deal = await rest<{ ASSIGNED_BY_ID: string }>(ADMIN, 'crm.deal.get', { id: dealId })
    expect(Number(deal.ASSIGNED_BY_ID)).toBe(MANAGER)
    const after = await dealTasks(dealId, EXPRESS)
    expect(after).toHaveLength(1)
    expect(Number(after[0]!.responsibleId)).toBe(MANAGER)
    expect((after[0]!.auditors ?? []).map(Number)).toContain(HEAD)
    // The deadline counts from the moment the deal entered the stage: 5 hours.
    const deadline = Date.parse(tasks[0]!.deadline!)
    expect(deadline).toBeGreaterThanOrEqual(entered + 5 * HOUR - 60_000)
    expect(deadline).toBeLessThanOrEqual(entered + 5 * HOUR + 60_000)
    expect(notices(`экспресс-идентификация по сделке #${dealId}`)).toEqual([])
  })

  it('§5: past 5 hours the reminder goes to the responsible, the head and the product manager, once', async () => {
    await harness.shiftClock(5 * HOUR + 5 * 60_000)
    const fragment = `экспресс-идентификация по сделке #${dealId} не выполнена`
    const sent = await eventually(async () => notices(fragment), (rows) => rows.length >= 3)
    expect(sent.map((row) => row.USER_ID).sort()).toEqual([HEAD, MANAGER, PRODUCT_MANAGER])
    const ids = sent.map((row) => row.ID).sort()
    // Later turns and another hour do not send it again (a repeat would replace the rows).
    await harness.shiftClock(HOUR)
    await runnerIdle()
    expect(notices(fragment).map((row) => row.ID).sort()).toEqual(ids)
    expect(harness.runner.status().connection.state).toBe('connected')
  })
})

/** A list field's item ID by its code: the portal takes IDs, not codes (crm.deal.userfield.list). */
async function enumItemId(fieldName: string, code: string): Promise<number> {
  const [field] = await rest<{ LIST: { ID: string; XML_ID: string }[] }[]>(ADMIN, 'crm.deal.userfield.list', { filter: { FIELD_NAME: fieldName } })
  return Number(field!.LIST.find((item) => item.XML_ID === code)!.ID)
}

/** A manager's «Товары» deal placed on «Комплектация» with the client as its contact. */
async function pickingDeal(title: string, fields: Record<string, unknown>): Promise<number> {
  const contactId = await rest<number>(MANAGER, 'crm.contact.add', { fields: { NAME: 'Клиент', LAST_NAME: title, EMAIL: [{ VALUE: 'client@lemus.example', VALUE_TYPE: 'WORK' }], ASSIGNED_BY_ID: MANAGER } })
  const picking = await goodsStage('Комплектация')
  return rest<number>(MANAGER, 'crm.deal.add', {
    fields: { TITLE: title, CATEGORY_ID: picking.categoryId, STAGE_ID: picking.statusId, OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER, CONTACT_ID: contactId, ...fields },
  })
}

describe('§7 «Договор»: the runner moves on only when «Нужен ли договор» is answered «нет»', () => {
  it('an untouched answer is not «нет»: the deal stays; «нет» moves it to «Комплектация» once', async () => {
    const contract = await goodsStage('Договор')
    const dealId = await rest<number>(MANAGER, 'crm.deal.add', {
      fields: { TITLE: 'Договор не ясен', CATEGORY_ID: contract.categoryId, STAGE_ID: contract.statusId, OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
    })
    await eventually(async () => harness.runner.store.dueAtOf(`deal:${dealId}`), (due) => due !== null)
    await runnerIdle()
    const untouched = await rest<{ STAGE_ID: string; UF_CRM_LMS_CONTRACT_ANSWER: unknown }>(ADMIN, 'crm.deal.get', { id: dealId })
    expect(untouched.STAGE_ID).toBe(contract.statusId)
    expect(untouched.UF_CRM_LMS_CONTRACT_ANSWER).toBeNull()

    await rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { UF_CRM_LMS_CONTRACT_ANSWER: await enumItemId('UF_CRM_LMS_CONTRACT_ANSWER', 'N') } })
    const picking = (await goodsStage('Комплектация')).statusId
    const moved = await eventually(() => rest<{ STAGE_ID: string }>(ADMIN, 'crm.deal.get', { id: dealId }), (deal) => deal.STAGE_ID === picking)
    expect(moved.STAGE_ID).toBe(picking)
  })
})

describe('closing rules and repeats, with nobody looking', () => {
  const PAYMENT = 'Получить окончательный расчет'
  const ASSEMBLE = 'Укомплектовать заказ по сделке'

  it('a payment task closed while 400 of 1 000 ₽ is paid is renewed, the reason on the deal, the manager told', async () => {
    const dealId = await pickingDeal('Недоплата', { UF_CRM_LMS_PAID_AMOUNT: '400|RUB' })
    const [payment] = await eventually(() => dealTasks(dealId, PAYMENT), (found) => found.length > 0)
    await runnerIdle()
    await rest(MANAGER, 'tasks.task.complete', { taskId: Number(payment!.id) })

    const renewed = await eventually(() => dealTasks(dealId, PAYMENT), (found) => found[0]?.status === '2')
    expect(renewed).toHaveLength(1)
    expect(renewed[0]!.status).toBe('2')
    const comments = await rest<{ COMMENT: string }[]>(ADMIN, 'crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' } })
    const reasons = comments.filter((c) => c.COMMENT.includes(`«${PAYMENT}» возобновлена`))
    expect(reasons).toHaveLength(1)
    expect(reasons[0]!.COMMENT).toMatch(/Оплачено 400 из 1\s000/)
    expect(notices(`«${PAYMENT}» возобновлена`).map((row) => row.USER_ID)).toEqual([MANAGER])
  })

  it('pickup: the «готов к отгрузке» e-mail goes to the client as an e-mail activity, repeats every 14 days — twice over 28 days, and only twice', async () => {
    const dealId = await pickingDeal('Самовывоз', { UF_CRM_LMS_PAID_AMOUNT: '1000|RUB', UF_CRM_LMS_DELIVERY_CONDITION: await enumItemId('UF_CRM_LMS_DELIVERY_CONDITION', 'pickup'), UF_CRM_LMS_PRODUCT_RESERVED: 1 })
    const [assemble] = await eventually(() => dealTasks(dealId, ASSEMBLE), (found) => found.length > 0)
    await rest(MANAGER, 'tasks.task.complete', { taskId: Number(assemble!.id) })
    const emails = () => rest<{ ID: string; SUBJECT: string; DIRECTION: string }[]>(ADMIN, 'crm.activity.list', { filter: { OWNER_TYPE_ID: 2, OWNER_ID: dealId, TYPE_ID: 4 } })

    const first = await eventually(emails, (rows) => rows.length >= 1)
    expect(first).toHaveLength(1)
    expect(first[0]!.DIRECTION).toBe('2')
    expect(first[0]!.SUBJECT).toContain('готов к отгрузке')
    await harness.shiftClock(13 * DAY)
    await runnerIdle()
    expect(await emails()).toHaveLength(1)
    await harness.shiftClock(DAY + 10 * 60_000)
    expect(await eventually(emails, (rows) => rows.length >= 2)).toHaveLength(2)
    await harness.shiftClock(14 * DAY)
    expect(await eventually(emails, (rows) => rows.length >= 3)).toHaveLength(3)
    await harness.shiftClock(HOUR)
    await runnerIdle()
    expect(await emails()).toHaveLength(3)
  })
})
