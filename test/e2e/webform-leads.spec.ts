import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NotificationRow } from '../../sandbox/rest/methods/system/im'
import { LEAD_PROCESSING_FIELDS as L } from '../../src/domain/fields/lead-processing'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'
import { startRunnerBeside } from './helpers/runner-beside'

// A visitor's web form makes a lead nobody opens; the runner beside the portal tells the
// recipients and the head, once, within seconds. The app's pages and tabs never touch the event
// queue nor send the notice. Shapes: b24restdocs api-reference/events/event-get.md,
// event-offline-list.md (offline queue), crm/leads/crm-lead-get.md, crm/leads/crm-lead-list.md,
// common/settings/app-option-set.md, chats/notifications/im-notify-system-add.md.

const ADMIN = 1
const HEAD = 2
const MANAGER = 3

type Lead = Record<string, unknown> & { ID: string; STATUS_ID: string; SOURCE_ID: string }

let session: AppSession
let runner: { stop(): Promise<void> } | undefined
let leadId = 0

const noticesOf = (id: number) => [...session.sandbox.store.table<NotificationRow>('notifications').rows()].filter((n) => n.TAG.startsWith(`KOS_NEW_LEAD_${id}:`))
const notifications = () => noticesOf(leadId)
const queue = () => session.rest<Array<{ EVENT_NAME: string; EVENT_DATA: { FIELDS: { ID: number } } }>>('event.offline.list')
const markers = async (id: number) =>
  (await session.rest<Array<{ COMMENT: string }>>('crm.timeline.comment.list', { filter: { ENTITY_ID: id, ENTITY_TYPE: 'lead' } })).filter((c) =>
    c.COMMENT.includes('Уведомление о новом лиде отправлено'),
  )

async function openAppPage(): Promise<void> {
  const frame = await session.openAppPage()
  await frame.locator('[data-testid="settings-widget"]').waitFor({ timeout: 30_000 })
}

/** Polls until `ok` holds or 30 s pass; returns the last value (the test asserts on it). */
async function when<T>(read: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** The feedback form as a visitor fills it in; returns the new lead's ID. */
async function sendForm(name: string, company: string): Promise<number> {
  const page = session.page
  await page.goto(`${session.sandbox.origin}/crm/form/feedback/`)
  await page.locator('[data-testid="webform-name"]').fill(name)
  await page.locator('[data-testid="webform-company"]').fill(company)
  await page.locator('[data-testid="webform-phone"]').fill('+7 916 222-33-44')
  await page.locator('[data-testid="webform-email"]').fill('sveta@apteka-park.ru')
  await page.locator('[data-testid="webform-objectType"]').selectOption(await enumItemId(session, 'lead', L.objectType.fieldName, 'PHARMACY'))
  await page.locator('[data-testid="webform-comment"]').fill('Нужно помещение 40 м²')
  await page.locator('[data-testid="webform-submit"]').click()
  await page.locator('[data-testid="webform-thanks"]').waitFor()
  const leads = await session.rest<Lead[]>('crm.lead.list', { filter: { NAME: name }, select: ['ID'] })
  expect(leads).toHaveLength(1)
  return Number(leads[0]!.ID)
}

beforeAll(async () => {
  // No rate limits: the runner polls the queue as the admin, and would share the test's own bucket.
  session = await startAppSession({ adminId: ADMIN, limits: false })
  runner = await startRunnerBeside(session.sandbox.origin)
})

afterAll(async () => {
  await runner?.stop()
  await session?.close()
})

describe('web form leads reach their recipients without anyone opening them (L3)', () => {
  it('the install bound ONCRMLEADADD as an offline event', async () => {
    const events = await session.rest<Array<{ event: string; offline: number }>>('event.get')
    expect(events).toContainEqual(expect.objectContaining({ event: 'ONCRMLEADADD', offline: 1 }))
  })

  it('the web form refuses a request with no name and no contact, and creates nothing', async () => {
    const before = session.sandbox.store.table('leads').size
    const page = session.page
    await page.goto(`${session.sandbox.origin}/`)
    await page.locator('[data-testid="webform-link"]').click()
    await page.locator('[data-testid="webform"]').waitFor()
    await page.locator('[data-testid="webform-company"]').fill('<b>ООО «Пусто»</b>')
    await page.locator('[data-testid="webform-submit"]').click()
    const errors = page.locator('[data-testid="webform-errors"]')
    await errors.waitFor()
    expect(await errors.textContent()).toContain('Укажите имя')
    expect(await errors.textContent()).toContain('Укажите телефон или e-mail')
    // what was typed comes back escaped, as text
    expect(await page.locator('[data-testid="webform-company"]').inputValue()).toBe('<b>ООО «Пусто»</b>')
    expect(session.sandbox.store.table('leads').size).toBe(before)
  })

  it('the admin sets the recipients of «Аптека», a visitor sends the form: within seconds one notification each, nobody opening the app', async () => {
    const options = { version: 1, byObjectType: { PHARMACY: [MANAGER] } }
    await session.rest('app.option.set', { options: { leadRecipients: JSON.stringify(options) } })

    leadId = await sendForm('Светлана Аптекарева', 'ООО «Аптека у парка»')
    const leads = await session.rest<Lead[]>('crm.lead.list', { filter: { ID: leadId }, select: ['*', 'UF_*', 'PHONE', 'EMAIL'] })
    const lead = leads[0]!
    expect(lead).toMatchObject({ SOURCE_ID: 'WEBFORM', STATUS_ID: 'NEW', COMPANY_TITLE: 'ООО «Аптека у парка»' })
    expect(lead[L.objectType.fieldName]).toBe(await enumItemId(session, 'lead', L.objectType.fieldName, 'PHARMACY'))
    expect((lead.PHONE as Array<{ VALUE: string }>)[0]!.VALUE).toBe('+7 916 222-33-44')
    expect((lead.EMAIL as Array<{ VALUE: string }>)[0]!.VALUE).toBe('sveta@apteka-park.ru')

    const sent = await when(notifications, (rows) => rows.length >= 2)
    expect(sent.map((n) => n.USER_ID).sort()).toEqual([HEAD, MANAGER])
    expect(sent.find((n) => n.USER_ID === MANAGER)!.MESSAGE).toContain('Компания – ООО «Аптека у парка»')
    expect(sent.find((n) => n.USER_ID === HEAD)!.MESSAGE.startsWith('(копия)')).toBe(true)
    // The runner took the queue; the marker on the lead says the notice went out.
    expect(await when(queue, (rows) => rows.length === 0)).toEqual([])
    expect(await when(() => markers(leadId), (rows) => rows.length > 0)).toHaveLength(1)
    // The form's responsible is the head; the runner handed the lead to the object type's manager.
    const owner = async () => (await session.rest<Lead[]>('crm.lead.list', { filter: { ID: leadId }, select: ['ASSIGNED_BY_ID'] }))[0]!.ASSIGNED_BY_ID
    expect(await when(owner, (id) => id === String(MANAGER))).toBe(String(MANAGER))
  })

  it('reopening the app page or the lead tab sends nothing more, and the tab shows it was sent', async () => {
    const ids = () => notifications().map((n) => n.ID).sort()
    const first = ids()
    await openAppPage()
    const frame = await session.openTab('lead', leadId, 'Обработка лида')
    await frame.locator('[data-testid="lead-notified"]').waitFor({ timeout: 30_000 })
    await session.actAs(MANAGER)
    const managerFrame = await session.openTab('lead', leadId, 'Обработка лида')
    await managerFrame.locator('[data-testid="lead-notified"]').waitFor({ timeout: 30_000 })
    expect(await markers(leadId)).toHaveLength(1)
    expect(ids()).toEqual(first)
    expect(notifications()).toHaveLength(2)
  })

  it('with the runner stopped, the app page and the lead tab neither take the queue nor send the notice', async () => {
    await runner?.stop()
    runner = undefined
    const waiting = await sendForm('Ольга Фармацевтова', 'ООО «Аптека на углу»')
    await session.actAs(ADMIN)
    await openAppPage()
    const frame = await session.openTab('lead', waiting, 'Обработка лида')
    await frame.locator('[data-testid="lead-notice-pending"]').waitFor({ timeout: 30_000 })
    expect((await queue()).map((row) => row.EVENT_DATA.FIELDS.ID)).toContain(waiting)
    expect(noticesOf(waiting)).toEqual([])

    // Back on, the runner finds the lead in the queue and tells them.
    runner = await startRunnerBeside(session.sandbox.origin)
    expect((await when(() => noticesOf(waiting), (rows) => rows.length >= 2)).map((n) => n.USER_ID).sort()).toEqual([HEAD, MANAGER])
  })
})
