import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NotificationRow } from '../../sandbox/rest/methods/system/im'
import { LEAD_PROCESSING_FIELDS as L } from '../../src/domain/fields/lead-processing'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'

// A visitor's web form makes a lead nobody opens; the admin opening the app page is enough for the
// recipients and the head to hear of it, once. Shapes: b24restdocs api-reference/events/event-get.md,
// event-offline-list.md (offline queue), crm/leads/crm-lead-get.md, crm/leads/crm-lead-list.md,
// common/settings/app-option-set.md, chats/notifications/im-notify-system-add.md.

const ADMIN = 1
const HEAD = 2
const MANAGER = 3

type Lead = Record<string, unknown> & { ID: string; STATUS_ID: string; SOURCE_ID: string }

let session: AppSession
let leadId = 0

const notifications = () => [...session.sandbox.store.table<NotificationRow>('notifications').rows()].filter((n) => n.TAG === `KOS_NEW_LEAD_${leadId}`)
const queue = () => session.rest<Array<{ EVENT_NAME: string; EVENT_DATA: { FIELDS: { ID: number } } }>>('event.offline.list')

async function openAppPage(): Promise<void> {
  const frame = await session.openAppPage()
  await frame.locator('[data-testid="settings-widget"]').waitFor({ timeout: 30_000 })
}

/** Waits until the admin's page has emptied the queue (the run is non-blocking by design). */
async function queueDrained(): Promise<void> {
  const deadline = Date.now() + 30_000
  while ((await queue()).length > 0) {
    if (Date.now() > deadline) throw new Error('the offline queue was not processed')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

beforeAll(async () => {
  session = await startAppSession(ADMIN)
})

afterAll(async () => {
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

  it('the admin sets the recipients of «Аптека», a visitor sends the form, the admin opens the app page: one notification each', async () => {
    const options = { version: 1, byObjectType: { PHARMACY: [MANAGER] } }
    await session.rest('app.option.set', { options: { leadRecipients: JSON.stringify(options) } })

    const page = session.page
    await page.goto(`${session.sandbox.origin}/crm/form/feedback/`)
    await page.locator('[data-testid="webform-name"]').fill('Светлана Аптекарева')
    await page.locator('[data-testid="webform-company"]').fill('ООО «Аптека у парка»')
    await page.locator('[data-testid="webform-phone"]').fill('+7 916 222-33-44')
    await page.locator('[data-testid="webform-email"]').fill('sveta@apteka-park.ru')
    const pharmacy = await enumItemId(session, 'lead', L.objectType.fieldName, 'PHARMACY')
    await page.locator('[data-testid="webform-objectType"]').selectOption(pharmacy)
    await page.locator('[data-testid="webform-comment"]').fill('Нужно помещение 40 м²')
    await page.locator('[data-testid="webform-submit"]').click()
    await page.locator('[data-testid="webform-thanks"]').waitFor()

    const leads = await session.rest<Lead[]>('crm.lead.list', { filter: { NAME: 'Светлана Аптекарева' }, select: ['*', 'UF_*', 'PHONE', 'EMAIL'] })
    expect(leads).toHaveLength(1)
    const lead = leads[0]!
    leadId = Number(lead.ID)
    expect(lead).toMatchObject({ SOURCE_ID: 'WEBFORM', STATUS_ID: 'UC_REQUEST', COMPANY_TITLE: 'ООО «Аптека у парка»', ASSIGNED_BY_ID: String(HEAD) })
    expect(lead[L.objectType.fieldName]).toBe(pharmacy)
    expect((lead.PHONE as Array<{ VALUE: string }>)[0]!.VALUE).toBe('+7 916 222-33-44')
    expect((lead.EMAIL as Array<{ VALUE: string }>)[0]!.VALUE).toBe('sveta@apteka-park.ru')
    expect((await queue()).map((row) => row.EVENT_DATA.FIELDS.ID)).toEqual([leadId])
    expect(notifications()).toEqual([])

    await session.actAs(ADMIN)
    await openAppPage()
    await queueDrained()
    const sent = notifications()
    expect(sent.map((n) => n.USER_ID).sort()).toEqual([HEAD, MANAGER])
    expect(sent.find((n) => n.USER_ID === MANAGER)!.MESSAGE).toContain('Компания – ООО «Аптека у парка»')
    expect(sent.find((n) => n.USER_ID === HEAD)!.MESSAGE.startsWith('(копия)')).toBe(true)
  })

  it('reopening the app page or the lead tab sends nothing more', async () => {
    const ids = () => notifications().map((n) => n.ID).sort()
    const first = ids()
    await openAppPage()
    const frame = await session.openTab('lead', leadId, 'Обработка лида')
    await frame.locator('[data-testid="lead-status"]').waitFor({ timeout: 30_000 })
    await session.actAs(MANAGER)
    const managerFrame = await session.openTab('lead', leadId, 'Обработка лида')
    await managerFrame.locator('[data-testid="lead-status"]').waitFor({ timeout: 30_000 })
    // the marker comment on the lead says it was sent
    const comments = await session.rest<Array<{ COMMENT: string }>>('crm.timeline.comment.list', { filter: { ENTITY_ID: leadId, ENTITY_TYPE: 'lead' } })
    expect(comments.filter((c) => c.COMMENT.includes('Уведомление о новом лиде отправлено'))).toHaveLength(1)
    expect(ids()).toEqual(first)
    expect(notifications()).toHaveLength(2)
  })
})
