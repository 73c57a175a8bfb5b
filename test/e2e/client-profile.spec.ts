import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localIsoDate } from '../../src/domain/client-profile/history'
import { CLIENT_PROFILE_FIELDS as F } from '../../src/domain/fields/client-profile'
import { completeInn } from '../../src/domain/inn'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'

// A manager walks the «Профиль клиента» tab in Chromium against the sandbox portal; every
// result is read back from the portal's REST. Shapes: b24restdocs
// api-reference/crm/companies/crm-company-get.md, crm/contacts/crm-contact-list.md,
// crm/timeline/comments/crm-timeline-comment-list.md, crm/companies/userfields/crm-company-userfield-list.md.

const MANAGER = 3
const HEAD = 2
const TAB = 'Профиль клиента'

type Company = Record<string, unknown> & { PHONE?: { VALUE: string }[]; EMAIL?: { VALUE: string }[] }

let session: AppSession
let companyId: number
let frame: Frame

const company = () => session.rest<Company>('crm.company.get', { id: companyId })
const byId = (testId: string) => frame.locator(`[data-testid="${testId}"]`)

async function openProfile(): Promise<void> {
  frame = await session.openTab('company', companyId, TAB)
  await byId('profile-fields').waitFor({ timeout: 30_000 })
}

beforeAll(async () => {
  session = await startAppSession()
  companyId = await session.rest<number>('crm.company.add', { fields: { TITLE: 'ООО «Северный Хладокомбинат»', ASSIGNED_BY_ID: MANAGER } })
  await session.actAs(MANAGER)
})

afterAll(async () => {
  await session?.close()
})

describe('client profile tab (P1–P7) in the sandbox portal', () => {
  const validInn = completeInn('770708389')

  it('refuses a wrong INN before sending anything', async () => {
    await openProfile()
    expect(await byId('block-body-inn').count()).toBe(0)
    await byId('tick-inn').check()
    await byId('field-inn').fill('7707083894')
    await byId('profile-save').click()
    await byId('error-inn-error').waitFor()
    expect(await byId('error-inn-error').textContent()).toContain('контрольные цифры')
    const saved = await company()
    expect(saved[F.inn.fieldName] ?? '').toBe('')
    expect(saved[F.showInn.fieldName]).toBe('0')
  })

  it('saves ticked blocks to the company fields and contacts, and shows them after a reload', async () => {
    await byId('field-inn').fill(validInn)
    await byId('sector').selectOption('SECTOR_3')
    expect(await byId('sector-description').textContent()).toContain('Ритейл')
    await byId('profile-search').fill('хладо')
    await byId('company-profile').selectOption('COLD_STORAGE')
    await byId('category').selectOption('FISH')
    await byId('tick-turnover').check()
    await byId('turnover-value').fill('1 250,5')
    await byId('turnover-unit').selectOption('THOUSAND_TONNES')
    await byId('turnover-year').selectOption(String(new Date().getFullYear() - 1))
    await byId('tick-contacts').check()
    await byId('person-0-lastName').fill('Петров')
    await byId('person-0-firstName').fill('Пётр')
    await byId('person-add').click()
    await byId('person-1-lastName').fill('Сидорова')
    await byId('person-1-firstName').fill('Анна')
    await byId('tick-address').check()
    await byId('field-address').fill('Москва, ул. Косинская, 1')
    await byId('field-phone').fill('+7 (495) 123-45-67')
    await byId('field-email').fill('info@hladokombinat.ru')
    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })

    const saved = await company()
    expect(saved[F.inn.fieldName]).toBe(validInn)
    expect(saved[F.showInn.fieldName]).toBe('1')
    expect(saved[F.sector.fieldName]).toBe(await enumItemId(session, 'company', F.sector.fieldName, 'SECTOR_3'))
    expect(saved[F.profile.fieldName]).toBe(await enumItemId(session, 'company', F.profile.fieldName, 'COLD_STORAGE'))
    expect(saved[F.category.fieldName]).toBe(await enumItemId(session, 'company', F.category.fieldName, 'FISH'))
    expect(Number(saved[F.turnover.fieldName])).toBe(1250.5)
    expect(saved[F.turnoverUnit.fieldName]).toBe(await enumItemId(session, 'company', F.turnoverUnit.fieldName, 'THOUSAND_TONNES'))
    expect(Number(saved[F.turnoverYear.fieldName])).toBe(new Date().getFullYear() - 1)
    expect(saved[F.address.fieldName]).toBe('Москва, ул. Косинская, 1')
    expect(saved.PHONE?.[0]?.VALUE).toBe('+7 (495) 123-45-67')
    expect(saved.EMAIL?.[0]?.VALUE).toBe('info@hladokombinat.ru')
    const contacts = await session.rest<{ LAST_NAME: string; NAME: string }[]>('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'NAME', 'LAST_NAME'] })
    expect(contacts.map((c) => `${c.LAST_NAME} ${c.NAME}`).sort()).toEqual(['Петров Пётр', 'Сидорова Анна'])

    await openProfile()
    expect(await byId('field-inn').inputValue()).toBe(validInn)
    expect(await byId('turnover-value').inputValue()).toBe('1250.5')
    expect(await byId('person-1-lastName').inputValue()).toBe('Сидорова')
    expect(await byId('draft-note').count()).toBe(0)
    // Opening the tab cost one batch request.
    expect(await frame.evaluate(() => window.__b24Requests?.byScreen['client-profile'])).toBe(1)
  })

  it('hides an unticked block without erasing it in the portal', async () => {
    await byId('tick-address').uncheck()
    expect(await byId('kept-address').count()).toBe(1)
    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    const saved = await company()
    expect(saved[F.showAddress.fieldName]).toBe('0')
    expect(saved[F.address.fieldName]).toBe('Москва, ул. Косинская, 1')
    await byId('tick-address').check()
    expect(await byId('field-address').inputValue()).toBe('Москва, ул. Косинская, 1')
  })

  it('keeps a draft over a reload, then stops a save that would overwrite a change made meanwhile', async () => {
    await byId('field-address').fill('Москва, Косинское ш., 10')
    await openProfile()
    expect(await byId('field-address').inputValue()).toBe('Москва, Косинское ш., 10')
    expect(await byId('draft-note').count()).toBe(1)
    expect((await company())[F.address.fieldName]).toBe('Москва, ул. Косинская, 1')

    // The head changes the same field meanwhile.
    await session.rest('crm.company.update', { id: companyId, fields: { [F.address.fieldName]: 'Москва, ул. Главная, 5' } }, HEAD)
    await byId('profile-save').click()
    await byId('conflict').waitFor({ timeout: 30_000 })
    expect(await byId('conflict-address').textContent()).toContain('Москва, ул. Главная, 5')
    expect(await byId('conflict-address').textContent()).toContain('Москва, Косинское ш., 10')
    expect((await company())[F.address.fieldName]).toBe('Москва, ул. Главная, 5')

    await byId('conflict-address-mine').check()
    await byId('conflict-apply').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    expect((await company())[F.address.fieldName]).toBe('Москва, Косинское ш., 10')
  })

  it('climbs the status ladder, records who and when, and deactivates', async () => {
    expect(await byId('status-current').textContent()).toBe('Новый')
    await byId('sub-TERMS_SENT').click()
    await frame.locator('[data-testid="status-current"]', { hasText: 'Направлены условия' }).waitFor({ timeout: 30_000 })
    let saved = await company()
    expect(saved[F.status.fieldName]).toBe(await enumItemId(session, 'company', F.status.fieldName, 'TERMS'))
    expect(saved[F.subStatus.fieldName]).toBe(await enumItemId(session, 'company', F.subStatus.fieldName, 'TERMS_SENT'))

    // «Согласовано» completes the level: the client moves up by itself.
    await byId('sub-TERMS_AGREED').click()
    await frame.locator('[data-testid="status-current"]', { hasText: 'Подписание LOI' }).waitFor({ timeout: 30_000 })
    saved = await company()
    expect(saved[F.status.fieldName]).toBe(await enumItemId(session, 'company', F.status.fieldName, 'LOI_SIGNING'))
    expect(saved[F.subStatus.fieldName] ?? '').toBe('')
    const log = JSON.parse(String(saved[F.statusLog.fieldName])) as { by: number; at: string; to: { level: string } }[]
    expect(log.map((entry) => entry.to.level)).toEqual(['TERMS', 'LOI_SIGNING'])
    expect(log.every((entry) => entry.by === MANAGER && !Number.isNaN(Date.parse(entry.at)))).toBe(true)

    await byId('status-deactivate').click()
    await frame.locator('[data-testid="status-current"]', { hasText: 'Не активен' }).waitFor({ timeout: 30_000 })
    saved = await company()
    expect(saved[F.inactive.fieldName]).toBe('1')
    expect(saved[F.status.fieldName]).toBe(await enumItemId(session, 'company', F.status.fieldName, 'LOI_SIGNING'))

    const comments = await session.rest<{ AUTHOR_ID: string | number; COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' } })
    const statusComments = comments.filter((c) => c.COMMENT.startsWith('Статус клиента:'))
    expect(statusComments).toHaveLength(3)
    expect(statusComments.every((c) => Number(c.AUTHOR_ID) === MANAGER)).toBe(true)
  })

  it('adds a history event with a file, dated today by default, newest first', async () => {
    expect(await byId('history-date').inputValue()).toBe(localIsoDate(new Date()))
    await byId('history-add').click()
    await byId('error-history-comment-error').waitFor()
    await byId('history-type').selectOption('SIGNING')
    await byId('history-comment').fill('Отправлен проект LOI на склад 1200 м²')
    await byId('history-files').setInputFiles({ name: 'loi.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 LOI draft') })
    await byId('history-add').click()
    await frame.locator('[data-testid="history-item-comment"]', { hasText: 'Отправлен проект LOI' }).waitFor({ timeout: 30_000 })

    const comments = await session.rest<{ AUTHOR_ID: string | number; COMMENT: string; FILES: Record<string, { name: string }> }[]>('crm.timeline.comment.list', {
      filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' },
      select: ['ID', 'COMMENT', 'AUTHOR_ID', 'FILES'],
    })
    const event = comments.find((c) => c.COMMENT.startsWith('[Подписание соглашения/договора]'))
    expect(event?.COMMENT).toBe(`[Подписание соглашения/договора] ${localIsoDate(new Date())}\nОтправлен проект LOI на склад 1200 м²`)
    expect(Object.values(event?.FILES ?? {}).map((f) => f.name)).toEqual(['loi.pdf'])
    expect(Number(event?.AUTHOR_ID)).toBe(MANAGER)

    // An older event goes below the newer one.
    await byId('history-date').fill('2020-01-15')
    await byId('history-comment').fill('Первый контакт')
    await byId('history-add').click()
    await frame.locator('[data-testid="history-item-comment"]', { hasText: 'Первый контакт' }).waitFor({ timeout: 30_000 })
    expect(await byId('history-item-date').allTextContents()).toEqual([localIsoDate(new Date()), '2020-01-15'])
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
