import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CATEGORIES, DEMO_COMPANIES, KOSINO_PIPELINE_NAME } from '../../sandbox/demo/crm'
import { CLIENT_PROFILE_FIELDS } from '../../src/domain/fields/client-profile'
import { PLAYBOOK_FIELDS } from '../../src/domain/fields/playbook'
import { SALE_FIELDS } from '../../src/domain/fields/sale'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { loadsOf, openNextStepsTab, settled } from './helpers/next-steps-tab'

// Issue 16, Kosino: «Битрикс24 на каждом этапе прохождения Сделки подсказывает ответственному
// менеджеру, что он должен сделать». A Kosino deal walked in Chromium from its first stage to won
// on the demo portal's «Продажи ППК Косино» pipeline: on every stage the manager opens «Следующий
// шаг», does what it says — creates the stage's tasks there, closes them in the portal (REST), fills
// the «Продажа» tab and the deposit in the tab — and moves the deal to the stage the tab names next.
// Results are read back through REST (b24restdocs crm/deals/crm-deal-get.md, crm-deal-update.md,
// tasks/tasks-task-list.md, tasks/status/tasks-task-complete.md, crm/status/crm-status-list.md).
// KOSINO_SHOTS=<dir> also saves the first screen in ru and en, and the two blocked stages, there.

const ADMIN = 1
const HEAD = 2
const MANAGER = 3

let session: AppSession
const stageIds = new Map<string, string>()

/** The portal's REST as the admin (reading back) or the manager (doing his part). */
const asAdmin = <T>(method: string, params: Record<string, unknown>) => session.restAs<T>(ADMIN, method, params)
const asManager = <T>(method: string, params: Record<string, unknown>) => session.restAs<T>(MANAGER, method, params)

/** A task of the deal as tasks.task.list gives it. */
type RestTask = Record<'id' | 'title' | 'description' | 'status' | 'responsibleId', string> & { auditors: string[]; deadline: string | null }

async function tasksOf(dealId: number): Promise<RestTask[]> {
  const { tasks } = await asAdmin<{ tasks: RestTask[] }>('tasks.task.list', {
    filter: { UF_CRM_TASK: `D_${dealId}` },
    select: ['ID', 'TITLE', 'DESCRIPTION', 'STATUS', 'RESPONSIBLE_ID', 'AUDITORS', 'DEADLINE'],
    order: { ID: 'asc' },
  })
  return tasks
}

const dealOf = (dealId: number) => asAdmin<Record<string, unknown>>('crm.deal.get', { id: dealId })
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim()
const textOf = async (frame: Frame, testId: string) => squash(await frame.locator(`[data-testid=${testId}]`).first().textContent())
const stateOf = (frame: Frame, stepId: string) => frame.locator(`[data-testid=step-${stepId}]`).first().getAttribute('data-state')

/** The deal card's «Следующий шаг», read and idle. */
const nextStep = (dealId: number) => openNextStepsTab(session, dealId)

/** What the tab offers as the stage's tasks, created with its button; returns the titles made in the portal. */
async function createTasks(frame: Frame, dealId: number): Promise<RestTask[]> {
  const before = new Set((await tasksOf(dealId)).map((t) => t.id))
  const reads = await loadsOf(frame)
  await frame.locator('[data-testid=create-tasks]').click()
  await settled(frame, reads)
  return (await tasksOf(dealId)).filter((t) => !before.has(t.id))
}

/** The manager closes the deal's open tasks in the portal, then the tab is read again. */
async function closeTasks(frame: Frame, dealId: number): Promise<void> {
  for (const task of (await tasksOf(dealId)).filter((t) => t.status !== '5' && t.status !== '4')) {
    await asManager('tasks.task.complete', { taskId: task.id })
  }
  const reads = await loadsOf(frame)
  await frame.locator('[data-testid=refresh]').click()
  await settled(frame, reads)
}

/** Round after round: the tab offers exactly these tasks (each to the manager, the head in copy), the manager does them. */
async function doRounds(frame: Frame, dealId: number, rounds: string[][]): Promise<void> {
  for (const titles of rounds) {
    expect(squash(await frame.locator('[data-testid=do-now]').textContent())).toContain(titles[0]!)
    const made = await createTasks(frame, dealId)
    expect(made.map((t) => t.title)).toEqual(titles)
    for (const task of made) {
      expect(task.responsibleId).toBe(String(MANAGER))
      expect(task.auditors).toContain(String(HEAD))
      expect(task.deadline).toBeTruthy()
    }
    await closeTasks(frame, dealId)
  }
  expect(await frame.locator('[data-testid=create-tasks]').count()).toBe(0)
}

/** The tab names the next stage; the manager moves the deal there (as in the card) and opens the tab again. */
async function moveOn(frame: Frame, dealId: number, next: string): Promise<Frame> {
  expect(await textOf(frame, 'next-stage')).toContain(`Следующая стадия: ${next}`)
  await asManager('crm.deal.update', { id: dealId, fields: { STAGE_ID: stageIds.get(next) } })
  const opened = await nextStep(dealId)
  expect(await textOf(opened, 'deal-stage')).toBe(next)
  return opened
}

/**
 * The client's status block of the tab: the statuses to set on this stage (the last one named),
 * how the client's status now stands against the stage, and what the «Продажа» tab must hold.
 */
async function expectStatusHint(frame: Frame, hint: { last: string; fit: string; current?: string; sale?: 'LOI' | 'Договор' | null }): Promise<void> {
  const target = await textOf(frame, 'kosino-status-target')
  const [level, detail] = hint.last.split(' — ')
  expect(target.startsWith(`Поставьте клиенту статус: «${level}»: `)).toBe(true)
  expect(target.endsWith(`«${detail}».`)).toBe(true)
  // The company is read after the deal: its status shows a moment later.
  await expect.poll(() => frame.locator('[data-testid=kosino-status-fit]').getAttribute('data-fit'), { timeout: 15_000 }).toBe(hint.fit)
  if (hint.current) await expect.poll(() => textOf(frame, 'kosino-status-current'), { timeout: 15_000 }).toBe(`Сейчас у клиента: «${hint.current}».`)
  expect(await textOf(frame, 'kosino-company-link')).toBe('ООО «Фрешмаркет Логистик»')
  const sale = frame.locator('[data-testid=kosino-sale-hint]')
  if (hint.sale) expect(await textOf(frame, 'kosino-sale-hint')).toContain(`продажа вида «${hint.sale}»`)
  else expect(await sale.count()).toBe(0)
}

/** The manager sets the client's status as the hint says (the profile tab writes these two fields), then the tab is read again. */
async function setClientStatus(frame: Frame, level: string, subStatus: string): Promise<void> {
  const F = CLIENT_PROFILE_FIELDS
  await asManager('crm.company.update', {
    id: DEMO_COMPANIES.freshmarket,
    fields: {
      [F.status.fieldName]: await enumItemId(session, 'company', F.status.fieldName, level),
      [F.subStatus.fieldName]: await enumItemId(session, 'company', F.subStatus.fieldName, subStatus),
    },
  })
  const reads = await loadsOf(frame)
  await frame.locator('[data-testid=refresh]').click()
  await settled(frame, reads)
}

/** The «Продажа» tab as the manager fills it: the sale kind, a 3PL service when there is none, save. */
async function fillSaleTab(dealId: number, kind: 'LOI' | 'CONTRACT', addService: boolean): Promise<void> {
  const frame = await session.openTab('deal', dealId, 'Продажа')
  await frame.locator('[data-testid=sale-save]').waitFor({ timeout: 30_000 })
  await frame.locator('[data-testid=sale-kind]').getByRole('radio', { name: kind === 'LOI' ? 'LOI' : 'Договор', exact: true }).check()
  if (addService) {
    await frame.locator('[data-testid=add-3pl]').click()
    const item = frame.locator('[data-testid=sale-item-3pl]').last()
    await chooseOption(frame, item.locator('[data-testid=select-service]'), 'Подборка заказа')
    await item.locator('[data-testid=input-volume]').fill('Подборка заказов, 2 000 коробов в месяц')
    await item.locator('[data-testid=input-term]').fill('3')
    await item.locator('[data-testid=input-price]').fill('1 200 000')
  }
  await frame.locator('[data-testid=sale-save]').click()
  await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })
}

async function saleKindOf(dealId: number): Promise<string | undefined> {
  const [field] = await asAdmin<{ LIST: { ID: string; XML_ID: string }[] }[]>('crm.deal.userfield.list', { filter: { FIELD_NAME: SALE_FIELDS.kind.fieldName } })
  const value = String((await dealOf(dealId))[SALE_FIELDS.kind.fieldName] ?? '')
  return field?.LIST.find((item) => item.ID === value)?.XML_ID
}

async function shot(frame: Frame, name: string): Promise<void> {
  const dir = process.env.KOSINO_SHOTS
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  await frame.locator('[data-testid=next-steps]').waitFor()
  // From the top: the portal's sticky header would otherwise be drawn over the middle of a full-page shot.
  await session.page.evaluate(() => window.scrollTo(0, 0))
  await session.page.screenshot({ path: join(dir, name), fullPage: true })
}

beforeAll(async () => {
  session = await startAppSession({ adminId: ADMIN, limits: false })
  const { categories } = await asAdmin<{ categories: { id: number; name: string }[] }>('crm.category.list', { entityTypeId: 2 })
  const kosino = categories.find((c) => c.name === KOSINO_PIPELINE_NAME)
  expect(kosino?.id).toBe(DEMO_CATEGORIES.kosino)
  const stages = await asAdmin<{ STATUS_ID: string; NAME: string }[]>('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${kosino!.id}` }, order: { SORT: 'ASC' } })
  for (const stage of stages) stageIds.set(stage.NAME, stage.STATUS_ID)
  await session.actAs(MANAGER)
})

afterAll(async () => {
  await session?.close()
})

describe('«Следующий шаг» guides a Kosino sale from the terms to «Сделка заключена» (issue 16)', () => {
  let dealId: number
  let frame: Frame

  it('the first screen, in Russian: the Kosino pipeline has its playbook, the first task and the next stage are named', async () => {
    dealId = await asManager<number>('crm.deal.add', {
      fields: {
        TITLE: 'Аренда и 3PL — Фрешмаркет Логистик',
        CATEGORY_ID: DEMO_CATEGORIES.kosino,
        STAGE_ID: stageIds.get('Согласование условий сотрудничества'),
        COMPANY_ID: DEMO_COMPANIES.freshmarket,
        OPPORTUNITY: 0,
        CURRENCY_ID: 'RUB',
        ASSIGNED_BY_ID: MANAGER,
      },
    })
    frame = await nextStep(dealId)
    expect(await frame.locator('[data-testid=no-playbook]').count()).toBe(0)
    expect(await textOf(frame, 'deal-pipeline')).toContain(KOSINO_PIPELINE_NAME)
    expect(await textOf(frame, 'deal-stage')).toBe('Согласование условий сотрудничества')
    expect(await textOf(frame, 'do-now')).toContain('Что сделать сейчас')
    expect(await textOf(frame, 'do-now')).toContain('Направить клиенту условия сотрудничества')
    expect(await stateOf(frame, 'terms-answer')).toBe('waiting')
    expect(await textOf(frame, 'create-tasks')).toBe('Поставить задачи стадии (1)')
    expect(await textOf(frame, 'next-stage')).toContain('Следующая стадия: Подписание LOI')
    // The client's status for the stage, from the seed's life cycle; the demo client has none yet.
    expect(await textOf(frame, 'kosino-status-target')).toBe(
      'Поставьте клиенту статус: «Согласование условий сотрудничества»: «Направлены условия сотрудничества» → «Рассмотрение встречных условий» → «Согласовано».',
    )
    expect(await frame.locator('[data-testid=kosino-status-current]').count()).toBe(0)
    expect(await textOf(frame, 'kosino-status-fit')).toBe('Статус клиента не указан: поставьте его.')
    await expectStatusHint(frame, { last: 'Согласование условий сотрудничества — Согласовано', fit: 'unset', sale: null })
    expect(await frame.locator('[data-testid=kosino-company-link]').getAttribute('href')).toMatch(new RegExp(`/crm/company/details/${DEMO_COMPANIES.freshmarket}/$`))
    await shot(frame, 'kosino-next-step-ru.png')
  })

  it('the first screen, in English: the same guidance with the app’s words in English', async () => {
    await session.context.addCookies([{ name: 'lang', value: 'en', url: session.sandbox.origin }])
    try {
      const english = await nextStep(dealId)
      expect(await english.locator('[data-testid=no-playbook]').count()).toBe(0)
      expect(await textOf(english, 'do-now')).toContain('What to do now')
      // Task titles are the portal's (Russian), the words around them English.
      expect(await textOf(english, 'do-now')).toContain('Направить клиенту условия сотрудничества')
      expect(await textOf(english, 'create-tasks')).toBe('Create the stage tasks (1)')
      expect(await textOf(english, 'next-stage')).toContain('Next stage: Подписание LOI')
      expect(await textOf(english, 'kosino-status')).toContain('The client’s status on this stage')
      expect(await textOf(english, 'kosino-status-target')).toBe(
        'Give the client the status: «Agreeing the terms of cooperation»: «Terms sent» → «Reviewing counter-terms» → «Agreed».',
      )
      expect(await textOf(english, 'kosino-status-fit')).toBe('The client’s status is not set: set it.')
      await shot(english, 'kosino-next-step-en.png')
    } finally {
      await session.context.addCookies([{ name: 'lang', value: 'ru', url: session.sandbox.origin }])
    }
    frame = await nextStep(dealId)
  })

  it('«Согласование условий сотрудничества»: the terms are sent, then the client’s answer', async () => {
    await setClientStatus(frame, 'TERMS', 'TERMS_SENT')
    await expectStatusHint(frame, { last: 'Согласование условий сотрудничества — Согласовано', fit: 'on-stage', current: 'Согласование условий сотрудничества — Направлены условия сотрудничества' })
    await doRounds(frame, dealId, [['Направить клиенту условия сотрудничества'], ['Получить ответ клиента по условиям сотрудничества']])
    await setClientStatus(frame, 'TERMS', 'TERMS_AGREED')
    frame = await moveOn(frame, dealId, 'Подписание LOI')
  })

  it('«Подписание LOI»: the LOI task stays blocked until the «Продажа» tab has items; then the LOI is sent and signed', async () => {
    // The client is still on the terms: behind the stage; the «Продажа» tab must hold an LOI.
    await expectStatusHint(frame, { last: 'Подписание LOI — Подписано', fit: 'behind', current: 'Согласование условий сотрудничества — Согласовано', sale: 'LOI' })
    expect(await textOf(frame, 'kosino-status-fit')).toBe('Статус клиента отстаёт от стадии сделки: обновите его.')
    await setClientStatus(frame, 'LOI_SIGNING', 'LOI_DOCS')
    await expectStatusHint(frame, { last: 'Подписание LOI — Подписано', fit: 'on-stage', current: 'Подписание LOI — Подготовка документов', sale: 'LOI' })
    const [loi] = await createTasks(frame, dealId)
    expect(loi?.title).toBe('Оформить LOI во вкладке «Продажа» (места, услуги, итог)')
    // The manager closes it without filling the tab: the tab says what is missing and offers nothing further.
    await closeTasks(frame, dealId)
    expect(await stateOf(frame, 'loi-sale')).toBe('blocked')
    expect(await textOf(frame, 'blocker-loi-sale')).toContain('Во вкладке «Продажа» нет позиций: выберите вид продажи «LOI»')
    expect(await stateOf(frame, 'send-loi')).toBe('waiting')
    expect(await frame.locator('[data-testid=create-tasks]').count()).toBe(0)
    await shot(frame, 'kosino-loi-blocked-ru.png')

    await fillSaleTab(dealId, 'LOI', true)
    expect(Number((await dealOf(dealId)).OPPORTUNITY)).toBe(1_200_000)
    expect(await saleKindOf(dealId)).toBe('LOI')

    frame = await nextStep(dealId)
    expect(await stateOf(frame, 'loi-sale')).toBe('done')
    expect(await frame.locator('[data-testid=blockers]').count()).toBe(0)
    await doRounds(frame, dealId, [['Направить клиенту LOI на подписание'], ['Получить подписанный клиентом LOI']])
    await setClientStatus(frame, 'LOI_SIGNING', 'LOI_SIGNED')
    frame = await moveOn(frame, dealId, 'Согласование договора')
  })

  it('«Согласование договора»: the sale becomes a «Договор» in the «Продажа» tab, then the draft and its approval', async () => {
    expect(await textOf(frame, 'do-now')).toContain('Переоформить продажу во вкладке «Продажа» на вид «Договор» и сверить итог')
    await expectStatusHint(frame, { last: 'Согласование договора — Согласовано', fit: 'behind', current: 'Подписание LOI — Подписано', sale: 'Договор' })
    await setClientStatus(frame, 'CONTRACT_APPROVAL', 'CA_DOCS')
    await expectStatusHint(frame, { last: 'Согласование договора — Согласовано', fit: 'on-stage', current: 'Согласование договора — Подготовка документов', sale: 'Договор' })
    const [contract] = await createTasks(frame, dealId)
    expect(contract?.description).toContain('выберите вид продажи «Договор»')
    await fillSaleTab(dealId, 'CONTRACT', false)
    expect(await saleKindOf(dealId)).toBe('CONTRACT')
    expect(Number((await dealOf(dealId)).OPPORTUNITY)).toBe(1_200_000)
    frame = await nextStep(dealId)
    await closeTasks(frame, dealId)
    expect(await stateOf(frame, 'contract-sale')).toBe('done')
    await doRounds(frame, dealId, [['Направить клиенту проект договора'], ['Получить согласование договора клиентом']])
    await setClientStatus(frame, 'CONTRACT_APPROVAL', 'CA_AGREED')
    frame = await moveOn(frame, dealId, 'Подписание договора')
  })

  it('«Подписание договора»: the signing', async () => {
    await expectStatusHint(frame, { last: 'Подписание договора — Подписан', fit: 'behind', current: 'Согласование договора — Согласовано' })
    await doRounds(frame, dealId, [['Подписать договор с клиентом']])
    await setClientStatus(frame, 'CONTRACT_SIGNING', 'CS_SIGNED')
    await expectStatusHint(frame, { last: 'Подписание договора — Подписан', fit: 'on-stage', current: 'Подписание договора — Подписан' })
    frame = await moveOn(frame, dealId, 'Обеспечительный платёж')
  })

  it('«Обеспечительный платёж»: «Не оплачено» blocks the deal until the deposit is entered in the tab', async () => {
    expect(await frame.locator('[data-testid=field-paidAmount]').count()).toBe(1)
    await expectStatusHint(frame, { last: 'Оплата обеспечительного платежа — Оплачено', fit: 'behind', current: 'Подписание договора — Подписан' })
    await setClientStatus(frame, 'DEPOSIT', 'DEPOSIT_UNPAID')
    await expectStatusHint(frame, { last: 'Оплата обеспечительного платежа — Оплачено', fit: 'on-stage', current: 'Оплата обеспечительного платежа — Не оплачено' })
    const [deposit] = await createTasks(frame, dealId)
    expect(deposit?.title).toBe('Получить обеспечительный платёж')
    await closeTasks(frame, dealId)
    expect(await stateOf(frame, 'get-deposit')).toBe('blocked')
    expect(await textOf(frame, 'blocker-get-deposit')).toContain('Обеспечительный платёж не оплачен: внесите полученную сумму в «Сумма оплаты»')
    await shot(frame, 'kosino-deposit-blocked-ru.png')

    await frame.locator('[data-testid=field-paidAmount]').fill('300 000')
    await frame.locator('[data-testid=save-fields]').click()
    await frame.locator('[data-testid=fields-saved]').waitFor({ timeout: 30_000 })
    expect((await dealOf(dealId))[PLAYBOOK_FIELDS.paidAmount.fieldName]).toBe('300000.00|RUB')
    frame = await nextStep(dealId)
    expect(await stateOf(frame, 'get-deposit')).toBe('done')
    expect(await frame.locator('[data-testid=blockers]').count()).toBe(0)
    await setClientStatus(frame, 'DEPOSIT', 'DEPOSIT_PAID')
    frame = await moveOn(frame, dealId, 'Акт приёма-передачи')
  })

  it('«Акт приёма-передачи»: the act is signed', async () => {
    await expectStatusHint(frame, { last: 'Подписание акта приёма-передачи — Подписан', fit: 'behind', current: 'Оплата обеспечительного платежа — Оплачено' })
    await doRounds(frame, dealId, [['Подписать с клиентом акт приёма-передачи']])
    await setClientStatus(frame, 'ACCEPTANCE', 'ACT_SIGNED')
    await expectStatusHint(frame, { last: 'Подписание акта приёма-передачи — Подписан', fit: 'on-stage', current: 'Подписание акта приёма-передачи — Подписан' })
    frame = await moveOn(frame, dealId, 'Сделка заключена')
  })

  it('«Сделка заключена»: the deal is won; the sale goes into the client’s history, and this is the last stage', async () => {
    const deal = await dealOf(dealId)
    expect(deal.STAGE_ID).toBe(stageIds.get('Сделка заключена'))
    expect(deal.STAGE_SEMANTIC_ID).toBe('S')
    expect(await textOf(frame, 'next-stage')).toBe('Это последняя стадия.')
    await expectStatusHint(frame, { last: 'Подписание акта приёма-передачи — Подписан', fit: 'on-stage', current: 'Подписание акта приёма-передачи — Подписан' })
    await doRounds(frame, dealId, [['Записать продажу в «Историю» клиента']])
    const tasks = await tasksOf(dealId)
    expect(tasks).toHaveLength(12)
    expect(tasks.every((t) => t.status === '5')).toBe(true)
    expect(new Set(tasks.map((t) => t.title)).size).toBe(tasks.length)
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
