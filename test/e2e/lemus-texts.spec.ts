import { mkdirSync } from 'node:fs'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APPROVAL_FIELDS } from '../../src/domain/fields/approvals'
import { PERFORMED_ACTIONS_FIELD } from '../../src/domain/fields/next-steps'
import { PLAYBOOK_FIELDS } from '../../src/domain/fields/playbook'
import { stepKey } from '../../src/domain/playbook/keys'
import { startAppSession, type AppSession } from './helpers/app-session'
import * as approvals from './helpers/approvals-screens'
import { loadsOf, openNextStepsTab, settled } from './helpers/next-steps-tab'
import { chooseOption, fillDate, optionLabel } from './helpers/kit-controls'

// Issue 16, «LEMUS and approvals»: the texts of «Следующий шаг» as a person reads them, in
// Russian and in English, on deals set up through REST in the sandbox portal (demo pipelines
// «Товары» = category 1). Each case would fail if its defect came back:
// (a) raw placeholders (`#{dealId}`, `{paid} из {amount} {currency}`), (b) an overdue step's
// lateness said twice, (c) ««Нужен ли договор» = нет» in two pairs of quotes, (d) a blocked step
// under «Что сделать сейчас», (e) a reminder sent late read back as «всё сделано вовремя»,
// (f) a refused save shown as «Request failed with status code 400», (g) «Нужен ли договор» left
// empty taken for «нет». Writes are read back through REST. Shapes: b24restdocs
// api-reference/crm/deals/crm-deal-{add,get,update}.md (crm.deal.update refused: HTTP 400,
// error "", error_description "Access denied"), api-reference/tasks/tasks-task-{list,complete}.md.

const ADMIN = 1
const MANAGER = 3
const SECOND_MANAGER = 4
const GOODS = 1
const DAY = 86_400_000
const LANGS = ['ru', 'en'] as const
type Lang = (typeof LANGS)[number]

let session: AppSession

/** Any `{word}` or `#{word}` left of a template. */
const PLACEHOLDER = /#?\{[A-Za-z:]+\}/

const SHOTS = process.env.SHOTS_DIR
async function shot(name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await session.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim()

async function setLang(lang: Lang): Promise<void> {
  await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
}

async function dealOf(dealId: number): Promise<Record<string, unknown>> {
  return session.rest('crm.deal.get', { id: dealId })
}

/** A list item's ID by its code, as the portal numbers it (crm.deal.userfield.list). */
async function enumItem(fieldName: string, code: string): Promise<string> {
  const [field] = await session.rest<{ LIST: { ID: string; XML_ID: string }[] }[]>('crm.deal.userfield.list', { filter: { FIELD_NAME: fieldName } })
  const item = field?.LIST.find((entry) => entry.XML_ID === code)
  if (!item) throw new Error(`${fieldName} has no item ${code}`)
  return item.ID
}

/**
 * A «Товары» deal of `owner` on the stage named `stage`, entered `daysAgo` days ago: the portal's
 * clock is set back while the deal is made, so its MOVED_TIME lies in the past.
 */
async function goodsDeal(title: string, stage: string, fields: Record<string, unknown> = {}, options: { owner?: number; daysAgo?: number } = {}): Promise<number> {
  const stages = await session.rest<{ STATUS_ID: string; NAME: string }[]>('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${GOODS}` } })
  const stageId = stages.find((s) => s.NAME === stage)?.STATUS_ID
  if (!stageId) throw new Error(`no stage ${stage}`)
  const owner = options.owner ?? MANAGER
  session.sandbox.control.clock(-(options.daysAgo ?? 0) * DAY)
  try {
    return Number(
      await session.restAs(owner, 'crm.deal.add', {
        fields: { TITLE: title, CATEGORY_ID: GOODS, STAGE_ID: stageId, OPPORTUNITY: 100000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: owner, OPENED: 'Y', ...fields },
      }),
    )
  } finally {
    session.sandbox.control.clock(0)
  }
}

/** «Следующий шаг» of the deal as `userId`, in `lang`, once the playbook's verdict is on screen. */
async function openTab(dealId: number, lang: Lang, userId = MANAGER): Promise<Frame> {
  await session.actAs(userId)
  await setLang(lang)
  return openNextStepsTab(session, dealId)
}

/** The step as «Шаги стадии» lists it: state, title and the lines under it. */
async function step(frame: Frame, id: string) {
  const item = frame.locator(`[data-testid=all-steps] [data-testid=step-${id}]`)
  await item.waitFor({ timeout: 10_000 })
  return {
    state: await item.getAttribute('data-state'),
    title: squash(await item.locator('[data-testid=step-title]').textContent()),
    text: squash(await item.textContent()),
  }
}

/**
 * The unfinished write inside `scope` says, in the user's language, that this deal may not be
 * changed by him and who can; nothing there is the SDK's «Request failed with status code 400».
 */
async function expectDealEditRefusal(frame: Frame, scope: string, lang: Lang): Promise<void> {
  const refusal = frame.locator(`${scope} [data-testid=plan-incomplete]`)
  await refusal.waitFor({ timeout: 30_000 })
  expect(squash(await refusal.textContent())).toContain(
    lang === 'ru'
      ? 'Недостаточно прав на изменение этой сделки. Изменить её может ответственный или руководитель отдела.'
      : 'You do not have the rights to change this deal. Its responsible or the head of the department can change it.',
  )
  const all = squash(await frame.locator(scope).textContent())
  expect(all).not.toMatch(/status code|Request failed|Ошибка портала|Portal error/i)
  expect(all).not.toMatch(PLACEHOLDER)
}

const tabText = async (frame: Frame) => squash(await frame.locator('[data-testid=next-steps]').textContent())

beforeAll(async () => {
  session = await startAppSession({ adminId: ADMIN, limits: false })
})

afterAll(async () => {
  await setLang('ru').catch(() => {})
  await session?.close()
})

describe('«Следующий шаг» and approvals texts of issue 16, in ru and en', () => {
  it('(a)(b) an overdue «Счет/КП»: the reminder names the deal by its number, the lateness is said once on the whole tab, no placeholder anywhere', async () => {
    const dealId = await goodsDeal('Тексты: просроченное КП', 'Счет/КП', { [PLAYBOOK_FIELDS.complexity.fieldName]: await enumItem(PLAYBOOK_FIELDS.complexity.fieldName, 'simple') }, { daysAgo: 4 })
    for (const lang of LANGS) {
      const frame = await openTab(dealId, lang)
      const reminder = await step(frame, 'send-kp-reminder')
      expect(reminder.title).toBe(`Истёк срок по задаче «Сформировать и отправить КП» (сделка #${dealId})`)
      // The next stage's preview is rendered too.
      expect(await tabText(frame)).not.toMatch(PLACEHOLDER)

      // «Сформировать и отправить КП» was due a day after the deal came (simple), 3 days ago.
      const overdue = await step(frame, 'send-kp')
      expect(overdue.state).toBe('overdue')
      // Its lateness is said once on the whole tab: under «Что сделать сейчас», not again under
      // «Просрочено» or «Шаги стадии» (where its badge says «Просрочено»).
      const lateness = lang === 'ru' ? /просрочено на 3 д/gi : /overdue by 3 d/gi
      const all = await tabText(frame)
      expect(all.match(lateness), all).toHaveLength(1)
      expect(squash(await frame.locator('[data-testid=do-now] [data-testid=step-send-kp] [data-testid=step-timing]').textContent())).toMatch(lateness)
      expect(await frame.locator('[data-testid=overdue]').count()).toBe(0)
      await shot(`next-steps-overdue-${lang}`)
    }
  })

  it('(e) a reminder that went out late reads «Отправлено» once its task is done, not «всё сделано вовремя»', async () => {
    const dealId = await goodsDeal('Тексты: напоминание ушло', 'Счет/КП', { [PLAYBOOK_FIELDS.complexity.fieldName]: await enumItem(PLAYBOOK_FIELDS.complexity.fieldName, 'simple') }, { daysAgo: 2 })
    // The runner sent «Истёк срок…» (its key kept on the deal, as the runner keeps it) …
    const sent = stepKey({ dealId, pipelineKey: 'goods', stageKey: 'quote', stepId: 'send-kp-reminder', index: 0 })
    await session.restAs(MANAGER, 'crm.deal.update', { id: dealId, fields: { [PERFORMED_ACTIONS_FIELD]: [sent] } })
    // … then the manager made the task from the tab and closed it, late.
    const frame = await openTab(dealId, 'ru')
    const before = await loadsOf(frame)
    await frame.locator('[data-testid=create-tasks]').click()
    await settled(frame, before)
    const tasks = await session.rest<{ tasks: { id: string; title: string }[] }>('tasks.task.list', { filter: { UF_CRM_TASK: `D_${dealId}` }, select: ['ID', 'TITLE'] })
    expect(tasks.tasks.map((t) => t.title)).toEqual(['Сформировать и отправить КП'])
    await session.restAs(MANAGER, 'tasks.task.complete', { taskId: tasks.tasks[0]!.id })
    expect((await dealOf(dealId))[PERFORMED_ACTIONS_FIELD]).toEqual([sent])

    for (const lang of LANGS) {
      const tab = await openTab(dealId, lang)
      const reminder = await step(tab, 'send-kp-reminder')
      expect(reminder.state).toBe('done')
      expect(reminder.text).toContain(lang === 'ru' ? 'Отправлено' : 'Sent')
      expect(reminder.text).not.toMatch(lang === 'ru' ? /вовремя/ : /in time/)
      // The next reminder waits, named with the deal's number.
      const next = await step(tab, 'kp-feedback-reminder')
      expect(next.state).toBe('waiting')
      expect(next.title).toBe(`Прошло 3 дня: получите обратную связь по КП (сделка #${dealId})`)
      expect(await tabText(tab)).not.toMatch(PLACEHOLDER)
      await shot(`next-steps-reminder-sent-${lang}`)
    }
  })

  it('(a)(d) unpaid «Комплектация»: the payment step is under «Что блокирует» with the sums, not under «Что сделать сейчас»', async () => {
    const dealId = await goodsDeal('Тексты: не оплачено', 'Комплектация', { [PLAYBOOK_FIELDS.paidAmount.fieldName]: '25000|RUB' })
    for (const lang of LANGS) {
      const frame = await openTab(dealId, lang)
      expect((await step(frame, 'final-payment')).state).toBe('blocked')
      expect(await frame.locator('[data-testid=do-now] [data-testid=step-final-payment]').count()).toBe(0)
      expect(await frame.locator('[data-testid=do-now]').textContent()).not.toMatch(/Заблокировано|Blocked/)
      const blocker = squash(await frame.locator('[data-testid=blocker-final-payment]').textContent())
      expect(blocker).toBe(
        lang === 'ru'
          ? 'Получить окончательный расчет: Оплачено 25 000 из 100 000 ₽ — нужен окончательный расчет'
          : 'Получить окончательный расчет: Paid 25,000 of 100,000 ₽ — final payment needed',
      )
      expect(await tabText(frame)).not.toMatch(PLACEHOLDER)
      await shot(`next-steps-blocked-${lang}`)
    }
  })

  it('(c) «Нужен ли договор» = «Нет»: the skipped steps quote the field once', async () => {
    const dealId = await goodsDeal('Тексты: договор не нужен', 'Договор', { [PLAYBOOK_FIELDS.contractNeeded.fieldName]: await enumItem(PLAYBOOK_FIELDS.contractNeeded.fieldName, 'N') })
    for (const lang of LANGS) {
      const frame = await openTab(dealId, lang)
      const skipped = await step(frame, 'send-contract')
      expect(skipped.state).toBe('skipped')
      expect(skipped.text).toContain(lang === 'ru' ? 'Не нужно: не выполнено условие «Нужен ли договор» = да' : 'Not needed: «Contract needed» = yes does not hold')
      expect(await tabText(frame)).not.toMatch(/««|»»/)
      await shot(`next-steps-contract-no-${lang}`)
    }
  })

  it('(g) «Нужен ли договор» left empty is asked for: nothing skipped, no automatic move, the field shows «не выбрано», saving another field leaves it unset', async () => {
    const dealId = await goodsDeal('Тексты: договор не отвечен', 'Договор')
    expect((await dealOf(dealId))[PLAYBOOK_FIELDS.contractNeeded.fieldName] ?? '').toBeFalsy()
    for (const lang of LANGS) {
      const frame = await openTab(dealId, lang)
      const ask = lang === 'ru' ? 'Заполните поле «Нужен ли договор»' : 'Fill in «Contract needed»'
      for (const id of ['skip-contract', 'send-contract']) {
        const shown = await step(frame, id)
        expect(shown.state, id).toBe('waiting')
        expect(shown.text, id).toContain(ask)
      }
      expect(squash(await frame.locator('[data-testid=blockers]').textContent())).toContain(ask)
      // «Что сделать сейчас» asks for the answer instead of «nothing to do».
      expect(squash(await frame.locator('[data-testid=do-now] [data-testid=fill-contractNeeded]').textContent())).toBe(
        lang === 'ru' ? 'Заполните поле «Нужен ли договор» в «Полях стадии» ниже' : 'Fill in «Contract needed» under «Stage fields» below',
      )
      expect(await frame.locator('[data-testid=nothing-now]').count()).toBe(0)
      expect(squash(await frame.locator('[data-testid=field-contractNeeded]').textContent())).toBe(lang === 'ru' ? '— не выбрано —' : '— not set —')
      await shot(`next-steps-contract-empty-${lang}`)
    }
    // Saving the other stage field writes that field alone: the answer stays unset, still asked for.
    const frame = await openTab(dealId, 'ru')
    const feedback = new Date(Date.now() + 3 * DAY)
    const local = new Date(feedback.getTime() - feedback.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    await fillDate(frame.locator('[data-testid=field-contractFeedbackDate]'), local)
    await frame.locator('[data-testid=save-fields]').click()
    await frame.locator('[data-testid=fields-saved]').waitFor({ timeout: 30_000 })
    const deal = await dealOf(dealId)
    expect(deal[PLAYBOOK_FIELDS.contractFeedbackDate.fieldName]).toBeTruthy()
    expect(deal[PLAYBOOK_FIELDS.contractNeeded.fieldName] ?? '').toBeFalsy()
    for (const lang of LANGS) expect((await step(await openTab(dealId, lang), 'skip-contract')).text).toContain(lang === 'ru' ? 'Заполните поле «Нужен ли договор»' : 'Fill in «Contract needed»')
    const stages = await session.rest<{ STATUS_ID: string; NAME: string }[]>('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${GOODS}` } })
    expect(stages.find((s) => s.STATUS_ID === deal.STAGE_ID)?.NAME).toBe('Договор')
  })

  it('(f) a manager saving a colleague’s deal is told what he may not do and who can, and may leave the save unfinished; the deal is unchanged', async () => {
    const complexity = PLAYBOOK_FIELDS.complexity
    const dealId = await goodsDeal('Тексты: чужая сделка', 'Счет/КП', {}, { owner: SECOND_MANAGER })
    for (const lang of LANGS) {
      const frame = await openTab(dealId, lang, MANAGER)
      const label = lang === 'ru' ? optionLabel(complexity.options, 'simple') : complexity.options.find((o) => o.code === 'simple')!.en
      await chooseOption(frame, frame.locator('[data-testid=field-complexity]'), label)
      await frame.locator('[data-testid=save-fields]').click()
      await expectDealEditRefusal(frame, '[data-testid=key-fields]', lang)
      await shot(`next-steps-denied-${lang}`)
      expect((await dealOf(dealId))[complexity.fieldName] ?? '').toBeFalsy()
      // He leaves the refused save unfinished: the panel goes, and a reload does not offer it again.
      await frame.locator('[data-testid=key-fields] [data-testid=plan-discard]').click()
      await frame.locator('[data-testid=key-fields] [data-testid=plan-incomplete]').waitFor({ state: 'detached' })
      const reopened = await openTab(dealId, lang, MANAGER)
      await reopened.locator('[data-testid=key-fields]').waitFor()
      expect(await reopened.locator('[data-testid=plan-incomplete]').count()).toBe(0)
      expect((await dealOf(dealId))[complexity.fieldName] ?? '').toBeFalsy()
    }
  })

  it('(f) on «Согласование» too: a manager starting the contract approval of a colleague’s deal is told who may change it; the deal is unchanged', async () => {
    await session.restAs(ADMIN, 'app.option.set', { options: { approvals: JSON.stringify({ contractApprovers: { [GOODS]: approvals.APPROVER } }) } })
    for (const lang of LANGS) {
      const dealId = await goodsDeal(`Тексты: чужой договор (${lang})`, 'Договор', {}, { owner: SECOND_MANAGER })
      await session.actAs(MANAGER)
      await setLang(lang)
      const frame = await approvals.openDealTab(session, dealId)
      await frame.locator('[data-testid=contract-start]').click()
      await expectDealEditRefusal(frame, '[data-testid=approvals-deal]', lang)
      await shot(`approvals-denied-${lang}`)
      const deal = await dealOf(dealId)
      expect(deal[APPROVAL_FIELDS.state] ?? '').toBeFalsy()
      expect(Number(deal.ASSIGNED_BY_ID)).toBe(SECOND_MANAGER)
    }
  })

  it('(a) the approvals pages show no raw placeholder, in ru and en', async () => {
    for (const lang of LANGS) {
      for (const [userId, widget, ready] of [
        [approvals.APPROVER, 'approvals', '[data-testid=inbox-waiting]'],
        [MANAGER, 'approvals', '[data-testid=inbox-waiting]'],
        [MANAGER, 'approvals-trip', 'form'],
      ] as const) {
        await session.actAs(userId)
        await setLang(lang)
        const frame = await approvals.openMenuPage(session, widget, ready)
        expect(squash(await frame.locator('body').textContent()), `${widget} as ${userId}`).not.toMatch(PLACEHOLDER)
      }
    }
  })

  it('logged no errors in the page or its frames', () => {
    // The refused save is the portal's 400 on purpose; nothing else may fail.
    expect(session.errors.filter((e) => !/status of 400/.test(e))).toEqual([])
  })
})
