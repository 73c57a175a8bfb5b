import { mkdirSync } from 'node:fs'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findCompanyProfile, findSector, PRODUCT_CATEGORIES } from '../../src/domain/client-profile'
import { localIsoDate } from '../../src/domain/client-profile/history'
import { CLIENT_PROFILE_FIELDS as F } from '../../src/domain/fields/client-profile'
import { completeInn } from '../../src/domain/inn'
import { withoutIdempotencyTag } from '../../src/domain/write-plan'
import { formatDate } from '../../src/ui/format'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption, dateValue, fillDate } from './helpers/kit-controls'
import { englishKitTexts, kitTexts, seenInPortal } from './helpers/kit-texts'
import { appFrame } from './helpers/portal'

// A manager walks the «Профиль клиента» tab in Chromium against the sandbox portal; every
// result is read back from the portal's REST. Shapes: b24restdocs
// api-reference/crm/companies/crm-company-get.md, crm/contacts/crm-contact-list.md,
// crm/timeline/comments/crm-timeline-comment-list.md, crm/companies/userfields/crm-company-userfield-list.md.

const MANAGER = 3
const SECOND_MANAGER = 4
const HEAD = 2
/** Demo company 1 («Экор»): the first manager's, open to everyone for reading. */
const OTHER_MANAGERS_COMPANY = 1
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
  // Limits off: the tests read every result back through REST, beside the app's own requests.
  session = await startAppSession({ limits: false })
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
    await chooseOption(frame, byId('sector'), findSector('SECTOR_3')!.label.ru)
    expect(await byId('sector-description').textContent()).toContain('Ритейл')
    // The searchable menu narrows the long list of profiles by what is typed in its search box.
    await chooseOption(frame, byId('company-profile'), findCompanyProfile('COLD_STORAGE')!.label.ru, { search: 'хладо' })
    await chooseOption(frame, byId('category'), PRODUCT_CATEGORIES.find((category) => category.code === 'FISH')!.label.ru)
    await byId('tick-turnover').check()
    await byId('turnover-value').fill('1 250,5')
    await chooseOption(frame, byId('turnover-unit'), 'Тыс. тонн')
    await chooseOption(frame, byId('turnover-year'), String(new Date().getFullYear() - 1))
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
    // The toast says so where the person is: the frame is far taller than the portal's window, and
    // a toast at the frame's own top or bottom edge would be out of sight.
    const toast = frame.locator('[data-slot="viewport"] > *', { hasText: 'Сохранено в карточке.' })
    await toast.waitFor({ timeout: 10_000 })
    await expect.poll(() => seenInPortal(frame, toast), { timeout: 5_000 }).toBe(true)
    await shot('profile-saved-toast-ru')

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

  it('says nothing in the kit\'s English: the toasts\' region, the date field\'s parts, the lists (issue 14)', async () => {
    // The searchable list open, searched for what it does not hold: its search box and what stays of its list.
    await byId('company-profile').click()
    const options = frame.getByRole('listbox').getByRole('option')
    await options.first().waitFor()
    const all = await options.count()
    await frame.page().keyboard.type('qqqq')
    await expect.poll(() => options.count(), { timeout: 5_000 }).toBeLessThan(all)
    const texts = await kitTexts(frame)
    await frame.page().keyboard.press('Escape')
    await frame.getByRole('listbox').waitFor({ state: 'detached' })
    expect(englishKitTexts(texts)).toEqual([])
    expect(texts.map((entry) => entry.text)).toEqual(expect.arrayContaining(['Уведомления (F8)', 'день', 'месяц', 'год']))
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

    await byId('conflict-address').getByRole('radio', { name: 'Сохранить моё' }).check()
    await byId('conflict-apply').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    expect((await company())[F.address.fieldName]).toBe('Москва, Косинское ш., 10')
  })

  it('climbs the status ladder, records who and when, and deactivates', async () => {
    expect(await byId('status-current').textContent()).toBe('Новый')
    // «Новый» has no details: its step leads to the terms, whose details come next.
    await byId('status-advance').click()
    await frame.locator('[data-testid="status-current"]', { hasText: 'Согласование условий сотрудничества' }).waitFor({ timeout: 30_000 })
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
    expect(log.map((entry) => entry.to.level)).toEqual(['TERMS', 'TERMS', 'LOI_SIGNING'])
    expect(log.every((entry) => entry.by === MANAGER && !Number.isNaN(Date.parse(entry.at)))).toBe(true)

    await byId('status-deactivate').click()
    await frame.locator('[data-testid="status-current"]', { hasText: 'Не активен' }).waitFor({ timeout: 30_000 })
    saved = await company()
    expect(saved[F.inactive.fieldName]).toBe('1')
    expect(saved[F.status.fieldName]).toBe(await enumItemId(session, 'company', F.status.fieldName, 'LOI_SIGNING'))

    const comments = await session.rest<{ AUTHOR_ID: string | number; COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' } })
    const statusComments = comments.filter((c) => c.COMMENT.startsWith('Статус клиента:'))
    expect(statusComments).toHaveLength(4)
    expect(statusComments.every((c) => Number(c.AUTHOR_ID) === MANAGER)).toBe(true)
  })

  it('adds a history event with a file, dated today by default, newest first', async () => {
    expect(await dateValue(byId('history-date'))).toBe(localIsoDate(new Date()))
    await byId('history-add').click()
    await byId('error-history-comment-error').waitFor()
    await chooseOption(frame, byId('history-type'), 'Подписание соглашения/договора')
    await byId('history-comment').fill('Отправлен проект LOI на склад 1200 м²')
    // Files are chosen with the kit's button (by keyboard too), named in the user's language, never the browser's «Choose Files».
    expect(await byId('history-files-chosen').textContent()).toBe('Файлы не выбраны')
    const chooser = session.page.waitForEvent('filechooser')
    await byId('history-files-choose').focus()
    await session.page.keyboard.press('Enter')
    await (await chooser).setFiles({ name: 'loi.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 LOI draft') })
    expect(await byId('history-files-chosen').textContent()).toBe('loi.pdf')
    await byId('history-add').click()
    await frame.locator('[data-testid="history-item-comment"]', { hasText: 'Отправлен проект LOI' }).waitFor({ timeout: 30_000 })

    const comments = await session.rest<{ AUTHOR_ID: string | number; COMMENT: string; FILES: Record<string, { name: string }> }[]>('crm.timeline.comment.list', {
      filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' },
      select: ['ID', 'COMMENT', 'AUTHOR_ID', 'FILES'],
    })
    const event = comments.find((c) => c.COMMENT.startsWith('[Подписание соглашения/договора]'))
    // The comment carries the write's idempotency tag at its end; the tab never shows it.
    expect(event?.COMMENT).toMatch(/\n\[b24app:[^\]]+\]$/)
    expect(withoutIdempotencyTag(event?.COMMENT ?? '')).toBe(`[Подписание соглашения/договора] ${localIsoDate(new Date())}\nОтправлен проект LOI на склад 1200 м²`)
    expect(await byId('history-item-comment').allTextContents()).not.toContain(expect.stringContaining('[b24app:'))
    expect(Object.values(event?.FILES ?? {}).map((f) => f.name)).toEqual(['loi.pdf'])
    expect(Number(event?.AUTHOR_ID)).toBe(MANAGER)

    // An older event goes below the newer one.
    await fillDate(byId('history-date'), '2020-01-15')
    await byId('history-comment').fill('Первый контакт')
    await byId('history-add').click()
    await frame.locator('[data-testid="history-item-comment"]', { hasText: 'Первый контакт' }).waitFor({ timeout: 30_000 })
    // Dates read as Russian writes them.
    expect(await byId('history-item-date').allTextContents()).toEqual([formatDate(localIsoDate(new Date()), 'ru'), '15.01.2020'])
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})

// ---------- Issue 12 «Writes that never lie»: the profile's three writes under refusals, races, faults and bad input ----------

type CommentRow = { ID: string; COMMENT: string }

const SHOTS = process.env.SHOTS_DIR
async function shot(name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await session.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('the profile tab never claims a write the portal does not hold (issue 12)', () => {
  let clientId: number
  const client = () => session.rest<Company>('crm.company.get', { id: clientId })
  const commentsOf = (id: number) =>
    session.rest<CommentRow[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: id, ENTITY_TYPE: 'company' }, select: ['ID', 'COMMENT'] })
  const contactsOf = (id: number) =>
    session.rest<{ ID: string; NAME: string; LAST_NAME: string; ORIGIN_ID?: string }[]>('crm.contact.list', { filter: { COMPANY_ID: id }, select: ['ID', 'NAME', 'LAST_NAME', 'ORIGIN_ID'] })
  const requests = () => frame.evaluate(() => window.__b24Requests?.total ?? 0)

  async function openClient(title = TAB): Promise<void> {
    frame = await session.openTab('company', clientId, title)
    await byId('profile-fields').waitFor({ timeout: 30_000 })
  }

  /** The same card in a second browser (its own cookies): another user at the same time. */
  async function openAs(userId: number): Promise<{ frame: Frame; close(): Promise<void> }> {
    const context = await session.context.browser()!.newContext()
    await context.addCookies([{ name: 'sandbox_user', value: String(userId), url: session.sandbox.origin }])
    const page = await context.newPage()
    await page.goto(`${session.sandbox.origin}/crm/company/details/${clientId}/`)
    await page.locator('[data-placement-id]', { hasText: TAB }).click()
    const other = await appFrame(page, session.appOrigin)
    await other.locator('[data-testid="profile-fields"]').waitFor({ timeout: 30_000 })
    return { frame: other, close: () => context.close() }
  }

  beforeAll(async () => {
    clientId = await session.rest<number>('crm.company.add', { fields: { TITLE: 'ООО «Косинский Терминал»', ASSIGNED_BY_ID: MANAGER } })
    await session.actAs(MANAGER)
  })

  it('refuses visibly a save on a company the user may not edit, keeps the draft and says nothing was saved (user 4, company 1)', async () => {
    await session.actAs(SECOND_MANAGER)
    const before = (await session.rest<Company>('crm.company.get', { id: OTHER_MANAGERS_COMPANY }))[F.source.fieldName] ?? ''
    frame = await session.openTab('company', OTHER_MANAGERS_COMPANY, TAB)
    await byId('profile-fields').waitFor({ timeout: 30_000 })
    await byId('card-source-text').fill('Выставка «ПродЭкспо-2026»')
    await byId('profile-save').click()
    await byId('profile-refused').waitFor({ timeout: 30_000 })
    expect(await byId('profile-refused').textContent()).toContain('Недостаточно прав')
    expect(await byId('profile-refused').textContent()).toContain('Ничего не сохранено')
    await shot('refused-access-ru')
    expect(await byId('profile-saved').count()).toBe(0)
    expect((await session.rest<Company>('crm.company.get', { id: OTHER_MANAGERS_COMPANY }))[F.source.fieldName] ?? '').toBe(before)
    // What was typed survives the refusal and a reload.
    frame = await session.openTab('company', OTHER_MANAGERS_COMPANY, TAB)
    await byId('profile-fields').waitFor({ timeout: 30_000 })
    expect(await byId('card-source-text').inputValue()).toBe('Выставка «ПродЭкспо-2026»')
    expect(await byId('draft-note').count()).toBe(1)
    await byId('profile-discard').click()
    await session.actAs(MANAGER)
  })

  it('writes no comment about a status change the portal refused, leaves the status as it was and says so', async () => {
    await openClient()
    const shownBefore = await byId('status-current').textContent()
    const saved = await client()
    const commentsBefore = (await commentsOf(clientId)).length
    session.sandbox.control.faults({ method: 'crm.company.update', count: 1, status: 400, code: 'ACCESS_DENIED', description: 'Access denied' })
    await byId('status-deactivate').click()
    await byId('status-error').waitFor({ timeout: 30_000 })
    session.sandbox.control.clearFaults()
    expect(await byId('status-error').textContent()).toContain('Недостаточно прав')
    const after = await client()
    expect(after[F.inactive.fieldName]).toBe(saved[F.inactive.fieldName])
    expect(after[F.statusLog.fieldName] ?? '').toBe(saved[F.statusLog.fieldName] ?? '')
    expect((await commentsOf(clientId)).length).toBe(commentsBefore)
    expect(await byId('status-current').textContent()).toBe(shownBefore)
    expect(await byId('status-changed').count()).toBe(0)
  })

  it('two users save the same field: the second gets the merge view, not an overwrite (the first save lands before the second one reads)', async () => {
    await openClient()
    const head = await openAs(HEAD)
    try {
      await byId('card-source-text').fill('Звонок директора')
      await head.frame.locator('[data-testid="card-source-text"]').fill('Рекомендация партнёра')
      const sent = await requests()
      await byId('profile-save').click()
      await byId('profile-saved').waitFor({ timeout: 30_000 })
      expect((await client())[F.source.fieldName]).toBe('Звонок директора')
      // Read the company, the plan in one batch, read it again for the screen.
      expect((await requests()) - sent).toBe(3)

      await head.frame.locator('[data-testid="profile-save"]').click()
      await head.frame.locator('[data-testid="conflict-source"]').waitFor({ timeout: 30_000 })
      expect(await head.frame.locator('[data-testid="profile-saved"]').count()).toBe(0)
      expect(await head.frame.locator('[data-testid="conflict-source"]').textContent()).toContain('Звонок директора')
      expect((await client())[F.source.fieldName]).toBe('Звонок директора')

      await head.frame.locator('[data-testid="conflict-source"]').getByRole('radio', { name: 'Сохранить моё' }).check()
      await head.frame.locator('[data-testid="conflict-apply"]').click()
      await head.frame.locator('[data-testid="profile-saved"]').waitFor({ timeout: 30_000 })
      expect((await client())[F.source.fieldName]).toBe('Рекомендация партнёра')
    } finally {
      await head.close()
    }
  })

  it('two users save the same field: the second gets the merge view, not an overwrite (the other write lands between my read and my write)', async () => {
    await openClient()
    await byId('card-source-text').fill('Сайт компании')
    // My save reads the company, then its contacts: the portal holds that read 2.5 s, and the head writes meanwhile.
    session.sandbox.control.faults({ method: 'crm.contact.list', count: 1, delayMs: 2_500 })
    await byId('profile-save').click()
    await frame.waitForTimeout(1_200)
    await session.rest('crm.company.update', { id: clientId, fields: { [F.source.fieldName]: 'Холодный звонок' } }, HEAD)
    await byId('conflict-source').waitFor({ timeout: 30_000 })
    session.sandbox.control.clearFaults()
    await shot('conflict-after-check-ru')
    expect(await byId('profile-saved').count()).toBe(0)
    expect((await client())[F.source.fieldName]).toBe('Холодный звонок')
    expect(await byId('conflict-source').textContent()).toContain('Сайт компании')
    await byId('conflict-cancel').click()
    await byId('profile-discard').click()
  })

  it('a save whose company update fails writes no contact, and «Повторить» finishes it later without a false conflict', async () => {
    await openClient()
    const source = (await client())[F.source.fieldName]
    await byId('card-source-text').fill('Входящая заявка')
    await byId('tick-contacts').check()
    await byId('person-0-lastName').fill('Кузнецов')
    await byId('person-0-firstName').fill('Игорь')
    session.sandbox.control.faults({ method: 'crm.company.update', count: 10, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error' })
    await byId('profile-save').click()
    await frame.locator('[data-testid="profile-plans"] [data-testid="plan-incomplete"]').waitFor({ timeout: 30_000 })
    session.sandbox.control.clearFaults()
    await shot('save-unfinished-ru')
    expect(await byId('profile-saved').count()).toBe(0)
    expect(await contactsOf(clientId)).toEqual([])
    expect((await client())[F.source.fieldName]).toBe(source)

    // A reload lists the unfinished save and writes nothing by itself.
    await openClient()
    await frame.locator('[data-testid="profile-plans"] [data-testid="plan-incomplete"]').waitFor({ timeout: 30_000 })
    expect(await byId('profile-pending').count()).toBe(1)
    expect(await contactsOf(clientId)).toEqual([])
    expect((await client())[F.source.fieldName]).toBe(source)

    await frame.locator('[data-testid="profile-plans"] [data-testid="plan-repeat"]').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    expect(await byId('conflict').count()).toBe(0)
    expect((await client())[F.source.fieldName]).toBe('Входящая заявка')
    const contacts = await contactsOf(clientId)
    expect(contacts.map((c) => `${c.LAST_NAME} ${c.NAME}`)).toEqual(['Кузнецов Игорь'])
    expect(await byId('plan-incomplete').count()).toBe(0)
    expect(await byId('draft-note').count()).toBe(0)
  })

  it('a save whose update reached the portal but whose reply was lost ends saved, with no conflict with itself and no second contact', async () => {
    await openClient()
    await byId('card-source-text').fill('Повторное обращение')
    await byId('person-add').click()
    await byId('person-1-lastName').fill('Орлова')
    await byId('person-1-firstName').fill('Мария')
    session.sandbox.control.faults({ method: 'crm.company.update', count: 3, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error', after: true })
    await byId('profile-save').click()
    const repeat = frame.locator('[data-testid="profile-plans"] [data-testid="plan-repeat"]')
    await Promise.race([byId('profile-saved').waitFor({ timeout: 30_000 }), repeat.waitFor({ timeout: 30_000 })])
    session.sandbox.control.clearFaults()
    if (await repeat.count()) {
      await repeat.click()
      await byId('profile-saved').waitFor({ timeout: 30_000 })
    }
    expect(await byId('conflict').count()).toBe(0)
    expect(await byId('profile-refused').count()).toBe(0)
    expect((await client())[F.source.fieldName]).toBe('Повторное обращение')
    expect((await contactsOf(clientId)).map((c) => `${c.LAST_NAME} ${c.NAME}`).sort()).toEqual(['Кузнецов Игорь', 'Орлова Мария'])
  })

  it('a history event whose reply is lost is found again, not written twice, and shown without its tag', async () => {
    await openClient()
    await byId('history-comment').fill('Звонок: уточнили объём хранения')
    session.sandbox.control.faults({ method: 'crm.timeline.comment.add', count: 1, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal server error', after: true })
    const sent = await requests()
    await byId('history-add').click()
    await byId('history-added').waitFor({ timeout: 30_000 })
    session.sandbox.control.clearFaults()
    // The plan's batch, the lookup of the comment by its tag, the batch it finished in, the screen's reload.
    expect((await requests()) - sent).toBeLessThanOrEqual(4)
    const written = (await commentsOf(clientId)).filter((c) => c.COMMENT.includes('Звонок: уточнили объём хранения'))
    expect(written).toHaveLength(1)
    const shown = await byId('history-item-comment').allTextContents()
    expect(shown).toContain('Звонок: уточнили объём хранения')
    expect(shown.join('\n')).not.toContain('[b24app:')
    expect(await byId('history-comment').inputValue()).toBe('')
  })

  it('refuses a contact name of only spaces with a message instead of «Сохранено»', async () => {
    await openClient()
    const before = await contactsOf(clientId)
    await byId('person-add').click()
    const index = before.length
    await byId(`person-${index}-lastName`).fill('   ')
    await byId(`person-${index}-firstName`).fill('  ')
    await byId('profile-save').click()
    await byId(`error-person-${index}-firstName-error`).waitFor({ timeout: 30_000 })
    expect(await byId(`error-person-${index}-firstName-error`).textContent()).toContain('фамилию или имя')
    expect(await byId('profile-saved').count()).toBe(0)
    expect(await contactsOf(clientId)).toHaveLength(before.length)
    await byId('profile-discard').click()
  })

  it('lets no bad input reach the portal and says why in Russian and English', async () => {
    await openClient()
    const commentsBefore = (await commentsOf(clientId)).length
    const saved = await client()

    // History: a date in 2999 or 1900, a 100,000-character comment, an .exe and an empty file.
    await byId('history-comment').fill('Встреча на складе')
    await fillDate(byId('history-date'), '2999-01-01')
    await byId('history-add').click()
    await byId('error-history-date-error').waitFor()
    expect(await byId('error-history-date-error').textContent()).toContain('не может быть позже сегодняшнего дня')
    await fillDate(byId('history-date'), '1900-01-01')
    await byId('history-add').click()
    await frame.locator('[data-testid="error-history-date-error"]', { hasText: 'не раньше 2000-01-01' }).waitFor()
    await fillDate(byId('history-date'), localIsoDate(new Date()))
    await byId('history-comment').fill('ы'.repeat(100_000))
    await byId('history-add').click()
    await frame.locator('[data-testid="error-history-comment-error"]', { hasText: 'не больше 10000 символов' }).waitFor()
    await byId('history-comment').fill('Встреча на складе')
    await byId('history-files').setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00binary') })
    await byId('history-add').click()
    await frame.locator('[data-testid="error-history-files-error"]', { hasText: 'программы и скрипты' }).waitFor()
    await byId('history-files').setInputFiles({ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) })
    await byId('history-add').click()
    await frame.locator('[data-testid="error-history-files-error"]', { hasText: 'пустой' }).waitFor()
    await shot('bad-history-ru')
    await byId('history-files').setInputFiles([])

    // Profile: a 100,000-character address, and every other text field one character over its limit.
    await byId('tick-address').check()
    await byId('field-address').fill('ж'.repeat(100_000))
    await byId('tick-companyInfo').check()
    await byId('field-companyInfo').fill('и'.repeat(5_001))
    await byId('tick-position').check()
    await byId('person-0-position').fill('д'.repeat(256))
    await byId('card-source-text').fill('и'.repeat(256))
    await byId('person-0-middleName').fill('о'.repeat(51))
    await byId('field-email').fill(`${'a'.repeat(250)}@mail.ru`)
    await byId('tick-remarks').check()
    await byId('status-remarks').fill('з'.repeat(1_001))
    await byId('profile-save').click()
    await byId('error-address-error').waitFor()
    expect(await byId('error-address-error').textContent()).toContain('не больше 255 символов (сейчас 100000)')
    expect(await byId('error-companyInfo-error').textContent()).toContain('не больше 5000')
    expect(await byId('error-person-0-position-error').textContent()).toContain('не больше 255')
    expect(await byId('error-card-source-error').textContent()).toContain('не больше 255')
    expect(await byId('error-person-0-middleName-error').textContent()).toContain('не больше 50')
    expect(await byId('error-field-email-error').textContent()).toContain('не больше 250')
    expect(await byId('error-status-remarks-error').textContent()).toContain('не больше 1000')
    expect(await byId('profile-saved').count()).toBe(0)
    await shot('bad-profile-ru')

    // The same refusals in English (the portal's language reaches the app as LANG).
    await session.context.addCookies([{ name: 'lang', value: 'en', url: session.sandbox.origin }])
    try {
      await openClient('Client profile')
      await byId('profile-save').click()
      await frame.locator('[data-testid="error-address-error"]', { hasText: 'Too long: at most 255 characters (now 100000)' }).waitFor()
      await byId('history-comment').fill('Meeting at the warehouse')
      await fillDate(byId('history-date'), '2999-01-01')
      await byId('history-add').click()
      await frame.locator('[data-testid="error-history-date-error"]', { hasText: 'cannot be after today' }).waitFor()
      await byId('history-files').setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') })
      await fillDate(byId('history-date'), localIsoDate(new Date()))
      await byId('history-add').click()
      await frame.locator('[data-testid="error-history-files-error"]', { hasText: 'programs and scripts cannot be attached' }).waitFor()
      await shot('bad-input-en')
    } finally {
      await session.context.addCookies([{ name: 'lang', value: 'ru', url: session.sandbox.origin }])
    }

    // Nothing of it reached the portal.
    expect((await commentsOf(clientId)).length).toBe(commentsBefore)
    const after = await client()
    for (const field of [F.address, F.info, F.position, F.source, F.remarks]) expect(after[field.fieldName] ?? '', field.fieldName).toBe(saved[field.fieldName] ?? '')
    expect(after.EMAIL ?? []).toEqual(saved.EMAIL ?? [])
    await openClient()
    await byId('profile-discard').click()
  })
})
