import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NotificationRow } from '../../sandbox/rest/methods/system/im'
import { localIsoDate } from '../../src/domain/client-profile/history'
import { CLIENT_PROFILE_FIELDS as C } from '../../src/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS as L } from '../../src/domain/fields/lead-processing'
import { LEAD_RESULTS } from '../../src/domain/lead-processing'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption, dateValue, fillDate } from './helpers/kit-controls'
import { addRecipients } from './helpers/portal-dialogs'
import { startRunnerBeside } from './helpers/runner-beside'

// The admin sets who hears of new web-form leads; a manager walks a lead through every
// status of the «Обработка лида» tab and converts it; the new-lead notice is the runner's
// (started beside the portal), the tab only shows it went out. Results are read back from the
// sandbox's REST (and its notification table). Shapes: b24restdocs
// api-reference/crm/leads/crm-lead-get.md, crm/companies/crm-company-list.md,
// crm/contacts/crm-contact-list.md, common/settings/app-option-get.md,
// chats/notifications/im-notify-system-add.md.

const ADMIN = 1
const HEAD = 2
const MANAGER = 3

type Lead = Record<string, unknown> & { STATUS_ID: string; COMPANY_ID?: string | null }

let session: AppSession
let runner: { stop(): Promise<void> } | undefined
let leadId: number
let frame: Frame

const lead = () => session.rest<Lead>('crm.lead.get', { id: leadId })
const byId = (testId: string) => frame.locator(`[data-testid="${testId}"]`)
const notifications = () => [...session.sandbox.store.table<NotificationRow>('notifications').rows()].filter((n) => n.TAG.startsWith(`KOS_NEW_LEAD_${leadId}:`))

/** The runner works on its own time: polls the notice table until `ok` holds (30 s at most). */
async function noticesWhen(ok: (sent: NotificationRow[]) => boolean): Promise<NotificationRow[]> {
  const deadline = Date.now() + 30_000
  while (!ok(notifications()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200))
  return notifications()
}

async function openLead(): Promise<void> {
  frame = await session.openTab('lead', leadId, 'Обработка лида')
  await byId('lead-status').waitFor({ timeout: 30_000 })
}

beforeAll(async () => {
  // No rate limits: the runner polls the queue as the admin, and would share the test's own bucket.
  session = await startAppSession({ adminId: ADMIN, limits: false })
  runner = await startRunnerBeside(session.sandbox.origin)
  leadId = await session.rest<number>('crm.lead.add', {
    fields: {
      TITLE: 'Аренда помещения под аптеку',
      NAME: 'Марина',
      LAST_NAME: 'Кравец',
      COMPANY_TITLE: 'ООО «Фарма Косино»',
      STATUS_ID: 'UC_REQUEST',
      SOURCE_ID: 'WEBFORM',
      COMMENTS: 'Нужно помещение 60 м² у входа',
      ASSIGNED_BY_ID: MANAGER,
      PHONE: [{ VALUE: '+7 903 111-22-33', VALUE_TYPE: 'WORK' }],
      EMAIL: [{ VALUE: 'kravets@pharma-kosino.ru', VALUE_TYPE: 'WORK' }],
      [L.objectType.fieldName]: await enumItemId(session, 'lead', L.objectType.fieldName, 'PHARMACY'),
    },
  })
})

afterAll(async () => {
  await runner?.stop()
  await session?.close()
})

describe('lead processing tab (L1–L4) in the sandbox portal', () => {
  it('lets the admin set the recipients of new-lead notifications per object type', async () => {
    const settings = await session.openAppPage()
    await addRecipients(session.page, settings, 'PHARMACY', [MANAGER])
    expect(await settings.locator('[data-testid="recipients-copy-PHARMACY"]').textContent()).toContain('Елена Морозова')
    await settings.locator('[data-testid="lead-recipients-save"]').click()
    await settings.locator('[data-testid="lead-recipients-saved"]').waitFor({ timeout: 30_000 })
    const option = await session.rest<string>('app.option.get', { option: 'leadRecipients' })
    expect(JSON.parse(option)).toEqual({ version: 1, byObjectType: { PHARMACY: [MANAGER] } })
  })

  it('sends the web-form lead into work («Новый»); the runner then notifies the recipients with the head in copy', async () => {
    await session.actAs(MANAGER)
    await openLead()
    expect(await byId('lead-status').textContent()).toBe('Формирование запроса')
    expect(await byId('lead-object-type').textContent()).toBe('Аптека')
    // The lead came before anyone was set for «Аптека»: not sent yet, and opening the tab sends nothing.
    expect(notifications()).toEqual([])
    await byId('lead-notice-pending').waitFor()
    await byId('transition-submit').click()
    await frame.locator('[data-testid="lead-status"]', { hasText: 'Новый' }).waitFor({ timeout: 30_000 })

    const saved = await lead()
    expect(saved.STATUS_ID).toBe('NEW')
    expect(saved[L.stage.fieldName]).toBe(await enumItemId(session, 'lead', L.stage.fieldName, 'NEW'))
    // The lead's change reaches the runner (ONCRMLEADUPDATE), which sends the notice.
    const sent = await noticesWhen((rows) => rows.length >= 2)
    expect(sent.map((n) => n.USER_ID).sort()).toEqual([HEAD, MANAGER])
    const toManager = sent.find((n) => n.USER_ID === MANAGER)!
    expect(toManager.MESSAGE).toContain('Сформирован новый «лид»')
    expect(toManager.MESSAGE).toContain('Компания – ООО «Фарма Косино»')
    expect(toManager.MESSAGE).toContain('Тип объекта – Аптека')
    expect(sent.find((n) => n.USER_ID === HEAD)!.MESSAGE.startsWith('(копия)')).toBe(true)

    // Opened again, the tab shows the notice went out (the marker on the lead), and nothing more is sent.
    const ids = sent.map((n) => n.ID).sort()
    await openLead()
    await byId('lead-notified').waitFor({ timeout: 30_000 })
    expect(notifications().map((n) => n.ID).sort()).toEqual(ids)
  })

  it('refuses «Выяснение потребности» without the result of first processing, then moves with it', async () => {
    expect(await dateValue(byId('first-date'))).toBe(localIsoDate(new Date()))
    await byId('transition-submit').click()
    await byId('error-firstResult-error').waitFor()
    expect((await lead()).STATUS_ID).toBe('NEW')

    await byId('first-result').fill('Нужна аптека у входа, площадь 60 м²')
    // What was typed survives a reload of the tab.
    await openLead()
    expect(await byId('first-result').inputValue()).toBe('Нужна аптека у входа, площадь 60 м²')
    await byId('transition-submit').click()
    await frame.locator('[data-testid="lead-status"]', { hasText: 'Выяснение потребности' }).waitFor({ timeout: 30_000 })
    const saved = await lead()
    expect(saved.STATUS_ID).toBe('IN_PROCESS')
    expect(saved[L.firstResult.fieldName]).toBe('Нужна аптека у входа, площадь 60 м²')
    expect(String(saved[L.firstDate.fieldName])).toContain(localIsoDate(new Date()))
  })

  it('refuses «Обработан» without the outcome and the result, then moves with them', async () => {
    await byId('outcome').fill('Клиент готов подписать LOI')
    await byId('transition-submit').click()
    await byId('error-result-error').waitFor()
    expect((await lead()).STATUS_ID).toBe('IN_PROCESS')
    await chooseOption(frame, byId('lead-result'), LEAD_RESULTS.find((result) => result.code === 'CONVERT')!.label.ru)
    await byId('transition-submit').click()
    await frame.locator('[data-testid="lead-status"]', { hasText: 'Обработан' }).waitFor({ timeout: 30_000 })
    const saved = await lead()
    expect(saved[L.outcome.fieldName]).toBe('Клиент готов подписать LOI')
    expect(saved[L.result.fieldName]).toBe(await enumItemId(session, 'lead', L.result.fieldName, 'CONVERT'))
    expect(saved[L.stage.fieldName]).toBe(await enumItemId(session, 'lead', L.stage.fieldName, 'PROCESSED'))
  })

  it('converts the lead into a client: company with status «Новый» and the source, its contact, once', async () => {
    await byId('lead-convert').click()
    await byId('lead-converted').waitFor({ timeout: 30_000 })
    const companies = await session.rest<Record<string, unknown>[]>('crm.company.list', {
      filter: { [C.lead.fieldName]: String(leadId) },
      select: ['ID', 'TITLE', 'SOURCE_ID', 'UF_*'],
    })
    expect(companies).toHaveLength(1)
    const company = companies[0]!
    expect(company.TITLE).toBe('ООО «Фарма Косино»')
    expect(company[C.status.fieldName]).toBe(await enumItemId(session, 'company', C.status.fieldName, 'NEW'))
    expect(company[C.sourceKind.fieldName]).toBe(await enumItemId(session, 'company', C.sourceKind.fieldName, 'WEB_FORM'))
    expect(String(company[C.dateAdded.fieldName])).toContain(localIsoDate(new Date()))
    const companyId = Number(company.ID)

    const contacts = await session.rest<{ NAME: string; LAST_NAME: string }[]>('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'NAME', 'LAST_NAME'] })
    expect(contacts.map((c) => `${c.LAST_NAME} ${c.NAME}`)).toEqual(['Кравец Марина'])
    const saved = await lead()
    expect(saved.STATUS_ID).toBe('CONVERTED')
    expect(String(saved[L.company.fieldName])).toMatch(new RegExp(`${companyId}$`))

    // The card's history starts with the lead processing.
    const history = await session.rest<{ COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' } })
    expect(history.some((c) => c.COMMENT.startsWith('[Обработка «лида»/создание карточки клиента]'))).toBe(true)

    // Reopened: nothing more to convert, still one company.
    await openLead()
    expect(await byId('lead-convert').count()).toBe(0)
    expect(await byId('lead-converted').textContent()).toContain(String(companyId))
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})

describe('lead writes that never lie (issue 12)', () => {
  type Row = Record<string, unknown> & { ID: string }
  const leadOf = (id: number) => session.rest<Lead>('crm.lead.get', { id })
  const companiesFrom = (id: number) => session.rest<Row[]>('crm.company.list', { filter: { [C.lead.fieldName]: String(id) }, select: ['ID'] })
  const leadComments = async (id: number) =>
    (await session.rest<{ COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: id, ENTITY_TYPE: 'lead' } })).filter((c) => c.COMMENT.startsWith('Статус обработки'))

  async function leadAt(stage: 'NEW' | 'PROCESSED', title: string): Promise<number> {
    const processed = stage === 'PROCESSED'
    return session.rest<number>('crm.lead.add', {
      fields: {
        TITLE: title,
        NAME: 'Олег',
        LAST_NAME: 'Пахомов',
        COMPANY_TITLE: title,
        STATUS_ID: processed ? 'CONVERTED' : 'NEW',
        SOURCE_ID: 'CALL',
        ASSIGNED_BY_ID: MANAGER,
        PHONE: [{ VALUE: '+7 903 555-44-33', VALUE_TYPE: 'WORK' }],
        [L.stage.fieldName]: await enumItemId(session, 'lead', L.stage.fieldName, stage),
        ...(processed
          ? {
              [L.result.fieldName]: await enumItemId(session, 'lead', L.result.fieldName, 'CONVERT'),
              [L.firstResult.fieldName]: 'Нужен склад',
              [L.outcome.fieldName]: 'Подписали LOI',
            }
          : {}),
      },
    })
  }

  async function open(id: number): Promise<void> {
    leadId = id
    await openLead()
  }

  /** The write stopped: the unfinished-write panel (or, in the old tab, its error). */
  const stopped = () => frame.locator('[data-testid="plan-incomplete"], [data-testid="lead-error"]').first().waitFor({ timeout: 30_000 })

  // These tests read the portal back often; the portal's rate limit is not what they are about.
  beforeAll(() => {
    session.sandbox.control.limits({ enabled: false })
  })

  it('a refused company create leaves the lead unconverted, and «Повторить» finishes the conversion with one company', async () => {
    await session.actAs(MANAGER)
    const id = await leadAt('PROCESSED', 'ООО «Северный склад»')
    await open(id)
    session.sandbox.control.faults({ method: 'crm.company.add', count: 1, status: 403, code: 'ACCESS_DENIED', description: 'Access denied.' })
    await byId('lead-convert').click()
    await stopped()
    // Nothing half-done: no company, the lead points to none, and a second conversion is not offered.
    expect(await companiesFrom(id)).toHaveLength(0)
    expect((await leadOf(id))[L.company.fieldName] ?? '').toBeFalsy()
    expect(await byId('plan-incomplete').count()).toBe(1)
    expect(await byId('lead-convert').count()).toBe(0)
    expect(await byId('lead-converted').count()).toBe(0)

    await byId('plan-repeat').click()
    await byId('lead-converted').waitFor({ timeout: 30_000 })
    const companies = await companiesFrom(id)
    expect(companies).toHaveLength(1)
    const companyId = Number(companies[0]!.ID)
    expect(String((await leadOf(id))[L.company.fieldName])).toMatch(new RegExp(`${companyId}$`))
    expect(await session.rest<Row[]>('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: ['ID'] })).toHaveLength(1)
    const history = await session.rest<{ COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' } })
    expect(history.filter((c) => c.COMMENT.includes('преобразован в клиента'))).toHaveLength(1)
    expect(await byId('plan-incomplete').count()).toBe(0)
  })

  it('a refused status update writes no comment about it, keeps what was typed, and «Повторить» finishes the step', async () => {
    const id = await leadAt('NEW', 'Склад под аптечный товар')
    await open(id)
    await byId('first-result').fill('Нужен склад 300 м², класс B')
    session.sandbox.control.faults({ method: 'crm.lead.update', count: 1, status: 403, code: 'ACCESS_DENIED', description: 'Access denied.' })
    await byId('transition-submit').click()
    await stopped()
    expect((await leadOf(id)).STATUS_ID).toBe('NEW')
    expect(await leadComments(id)).toEqual([])
    expect(await byId('plan-incomplete').count()).toBe(1)
    expect(await byId('first-result').inputValue()).toBe('Нужен склад 300 м², класс B')
    expect(await byId('lead-step-done').count()).toBe(0)

    await byId('plan-repeat').click()
    await frame.locator('[data-testid="lead-status"]', { hasText: 'Выяснение потребности' }).waitFor({ timeout: 30_000 })
    const saved = await leadOf(id)
    expect(saved.STATUS_ID).toBe('IN_PROCESS')
    expect(saved[L.firstResult.fieldName]).toBe('Нужен склад 300 м², класс B')
    expect(await leadComments(id)).toHaveLength(1)
  })

  it('refuses a 4 001-character result and a processing date in 2999 with a message; nothing reaches the lead', async () => {
    const id = await leadAt('NEW', 'Проверка ввода')
    await open(id)
    const before = await leadOf(id)
    await byId('first-result').fill('ж'.repeat(4_001))
    await fillDate(byId('first-date'), '2999-01-01')
    await byId('transition-submit').click()
    expect(await byId('error-firstResult-error').textContent()).toContain('Не длиннее 4 000 символов')
    expect(await byId('error-firstDate-error').textContent()).toContain('не может быть позже сегодняшнего дня')
    const after = await leadOf(id)
    expect(after.STATUS_ID).toBe('NEW')
    expect(after[L.firstResult.fieldName] ?? '').toBe(before[L.firstResult.fieldName] ?? '')
    expect(await leadComments(id)).toEqual([])
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})

