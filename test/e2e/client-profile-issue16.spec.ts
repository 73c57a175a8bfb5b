import { mkdirSync } from 'node:fs'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localIsoDate } from '../../src/domain/client-profile/history'
import { CLIENT_PROFILE_FIELDS as F } from '../../src/domain/fields/client-profile'
import { withoutIdempotencyTag } from '../../src/domain/write-plan'
import { formatDate } from '../../src/ui/format'
import { startAppSession, type AppSession } from './helpers/app-session'
import { fillDate } from './helpers/kit-controls'

// Issue 16 in Chromium against the sandbox portal, in Russian and English; every result is read
// back through REST (b24restdocs crm/contacts/crm-contact-get.md: POST is the contact's position;
// crm/timeline/comments/crm-timeline-comment-list.md).

const MANAGER = 3
/** The sales head: reads and writes the managers' companies, but is not the author of their events. */
const HEAD = 2
const TAB = { ru: 'Профиль клиента', en: 'Client profile' } as const

type Lang = keyof typeof TAB
type Comment = { ID: string; COMMENT: string; AUTHOR_ID: string | number; CREATED: string }
type Contact = { ID: string; NAME: string; LAST_NAME: string; POST: string | null }

let session: AppSession
let frame: Frame

const byId = (testId: string) => frame.locator(`[data-testid="${testId}"]`)
const contact = (id: number) => session.rest<Contact>('crm.contact.get', { id })
const contactsOf = (companyId: number) =>
  session.rest<Contact[]>('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'NAME', 'LAST_NAME', 'POST'], order: { ID: 'ASC' } })

async function useLang(lang: Lang): Promise<void> {
  await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
}

async function openProfile(companyId: number, lang: Lang): Promise<void> {
  await useLang(lang)
  frame = await session.openTab('company', companyId, TAB[lang])
  await byId('profile-fields').waitFor({ timeout: 30_000 })
}

const SHOTS = process.env.SHOTS_DIR
async function shot(name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await session.page.setViewportSize({ width: 1280, height: 900 })
  await session.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

beforeAll(async () => {
  session = await startAppSession({ limits: false })
  await session.actAs(MANAGER)
})

afterAll(async () => {
  await useLang('ru').catch(() => undefined)
  await session?.close()
})

describe('«Должность» belongs to each contact person (issue 16)', () => {
  it('ru: each person keeps a position of their own in the contact’s POST; the former company position moves to one person and is cleared on the company', async () => {
    const companyId = await session.rest<number>('crm.company.add', {
      fields: { TITLE: 'ООО «Косино Фуд»', ASSIGNED_BY_ID: MANAGER, [F.showContacts.fieldName]: 1, [F.showPosition.fieldName]: 1, [F.position.fieldName]: 'Коммерческий директор' },
    })
    const first = await session.rest<number>('crm.contact.add', { fields: { LAST_NAME: 'Петров', NAME: 'Пётр', COMPANY_ID: companyId, ASSIGNED_BY_ID: MANAGER } })
    const second = await session.rest<number>('crm.contact.add', { fields: { LAST_NAME: 'Сидорова', NAME: 'Анна', COMPANY_ID: companyId, ASSIGNED_BY_ID: MANAGER } })

    await openProfile(companyId, 'ru')
    expect(await byId('position-legacy').textContent()).toContain('Прежняя должность на уровне компании: Коммерческий директор')
    expect(await byId('position-move-0').textContent()).toBe('Перенести к: Петров Пётр')
    await byId('position-move-0').click()
    expect(await byId('person-0-position').inputValue()).toBe('Коммерческий директор')
    expect(await byId('position-legacy').count()).toBe(0)
    await byId('person-1-position').fill('Логист')
    expect(await frame.locator('label[for="person-1-position"]').textContent()).toBe('Должность: Сидорова Анна')
    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })

    expect((await contact(first)).POST).toBe('Коммерческий директор')
    expect((await contact(second)).POST).toBe('Логист')
    const company = await session.rest<Record<string, unknown>>('crm.company.get', { id: companyId })
    expect(company[F.position.fieldName] ?? '').toBe('')

    // One person's position changes, the other's stays.
    await byId('person-1-position').fill('Руководитель склада')
    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    expect((await contact(first)).POST).toBe('Коммерческий директор')
    expect((await contact(second)).POST).toBe('Руководитель склада')

    await openProfile(companyId, 'ru')
    expect(await byId('person-0-position').inputValue()).toBe('Коммерческий директор')
    expect(await byId('person-1-position').inputValue()).toBe('Руководитель склада')
    expect(await byId('position-legacy').count()).toBe(0)
  })

  it('en: a new person is created with their own position; the block explains itself in English', async () => {
    const companyId = await session.rest<number>('crm.company.add', { fields: { TITLE: 'Kosino Cold LLC', ASSIGNED_BY_ID: MANAGER } })
    await openProfile(companyId, 'en')
    await byId('tick-position').check()
    expect(await byId('position-no-persons').textContent()).toBe('Each contact person has a position of their own: tick «Full name» and add a person.')
    await byId('tick-contacts').check()
    await byId('person-0-lastName').fill('Smirnov')
    await byId('person-0-firstName').fill('Oleg')
    await byId('person-add').click()
    await byId('person-1-lastName').fill('Orlova')
    expect(await frame.locator('label[for="person-0-position"]').textContent()).toBe('Position: Smirnov Oleg')
    await byId('person-0-position').fill('Warehouse manager')
    await byId('person-1-position').fill('Accountant')
    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })

    const saved = await contactsOf(companyId)
    expect(saved.map((row) => [row.LAST_NAME, row.POST])).toEqual([
      ['Smirnov', 'Warehouse manager'],
      ['Orlova', 'Accountant'],
    ])
    for (const row of saved) expect((await contact(Number(row.ID))).POST).toBe(row.POST)
    expect((await session.rest<Record<string, unknown>>('crm.company.get', { id: companyId }))[F.showPosition.fieldName]).toBe('1')
  })
})

describe('history events: only the author edits or deletes, and every change is recorded (issue 16)', () => {
  const commentsOf = (companyId: number) =>
    session.rest<Comment[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' }, select: ['ID', 'COMMENT', 'AUTHOR_ID', 'CREATED'] })
  const texts = {
    ru: { edited: 'изменено: ', deleteTitle: 'Удалить событие?', was: 'Было: ', deleted: 'удалено: ', changed: 'Событие изменено.', removed: 'Событие удалено.' },
    en: { edited: 'edited: ', deleteTitle: 'Delete the event?', was: 'Before: ', deleted: 'was deleted: ', changed: 'The event was changed.', removed: 'The event was deleted.' },
  } as const

  async function addEvent(comment: string): Promise<void> {
    await byId('history-comment').fill(comment)
    await byId('history-add').click()
    await frame.locator('[data-testid="history-item-comment"]', { hasText: comment }).waitFor({ timeout: 30_000 })
  }

  for (const lang of ['ru', 'en'] as const) {
    it(`${lang}: the author edits an event, the record keeps who, when and what it was; then deletes it after confirming`, async () => {
      const companyId = await session.rest<number>('crm.company.add', { fields: { TITLE: `ООО «История ${lang}»`, ASSIGNED_BY_ID: MANAGER } })
      await session.actAs(MANAGER)
      await openProfile(companyId, lang)
      await addEvent('Встреча на складе')
      const [event] = (await commentsOf(companyId)).filter((c) => c.COMMENT.includes('Встреча на складе'))
      const eventId = Number(event!.ID)

      await byId('history-item-edit').click()
      await byId('history-edit-comment').fill('Встреча на складе: согласовали 1200 м²')
      await fillDate(byId('history-edit-date'), '2026-01-15')
      await byId('history-edit-save').click()
      await byId('history-changed').waitFor({ timeout: 30_000 })
      expect(await byId('history-changed').textContent()).toBe(texts[lang].changed)

      let comments = await commentsOf(companyId)
      const edited = comments.find((c) => Number(c.ID) === eventId)
      // The same comment, new text, its tag kept; the author unchanged.
      expect(withoutIdempotencyTag(edited!.COMMENT)).toBe('[Обработка «лида»/создание карточки клиента] 2026-01-15\nВстреча на складе: согласовали 1200 м²')
      expect(Number(edited!.AUTHOR_ID)).toBe(MANAGER)
      const record = comments.find((c) => c.COMMENT.startsWith(`[Событие истории изменено] #${eventId}`))
      expect(record, 'the edit is recorded').toBeDefined()
      expect(Number(record!.AUTHOR_ID)).toBe(MANAGER)
      expect(withoutIdempotencyTag(record!.COMMENT)).toBe(`[Событие истории изменено] #${eventId}\n[Обработка «лида»/создание карточки клиента] ${localIsoDate(new Date())}\nВстреча на складе`)
      const shownEdit = await byId('history-item-edit-record').textContent()
      expect(shownEdit).toContain(texts[lang].edited)
      expect(shownEdit).toContain(`${texts[lang].was}${formatDate(localIsoDate(new Date()), lang)}`)
      expect(shownEdit).toContain('Встреча на складе')
      expect(await byId('history-item-date').textContent()).toBe(formatDate('2026-01-15', lang))

      // Delete asks first; «Отмена» deletes nothing.
      await byId('history-item-delete').click()
      await frame.getByRole('dialog', { name: texts[lang].deleteTitle }).waitFor()
      await byId('history-delete-cancel').click()
      await frame.getByRole('dialog').waitFor({ state: 'detached' })
      expect((await commentsOf(companyId)).some((c) => Number(c.ID) === eventId)).toBe(true)

      await byId('history-item-delete').click()
      await byId('history-delete-confirm').click()
      await byId('history-removed').waitFor({ timeout: 30_000 })
      expect(await byId('history-removed').textContent()).toBe(texts[lang].removed)
      comments = await commentsOf(companyId)
      expect(comments.some((c) => Number(c.ID) === eventId)).toBe(false)
      const deletion = comments.find((c) => c.COMMENT.startsWith(`[Событие истории удалено] #${eventId}`))
      expect(deletion, 'the delete is recorded').toBeDefined()
      expect(Number(deletion!.AUTHOR_ID)).toBe(MANAGER)
      expect(withoutIdempotencyTag(deletion!.COMMENT)).toContain('Встреча на складе: согласовали 1200 м²')
      expect(await byId('history-item').count()).toBe(0)
      expect(await byId('history-deleted-record').textContent()).toContain(texts[lang].deleted)
    })
  }

  it('another user is not offered edit or delete, and the portal refuses the edit when it reaches it', async () => {
    const companyId = await session.rest<number>('crm.company.add', { fields: { TITLE: 'ООО «Чужое событие»', ASSIGNED_BY_ID: MANAGER } })
    await session.actAs(MANAGER)
    await openProfile(companyId, 'ru')
    await addEvent('Звонок клиенту')
    expect(await byId('history-item-edit').count()).toBe(1)

    for (const lang of ['ru', 'en'] as const) {
      await session.actAs(HEAD)
      await openProfile(companyId, lang)
      await byId('history-item').first().waitFor()
      expect(await byId('history-item-edit').count()).toBe(0)
      expect(await byId('history-item-delete').count()).toBe(0)
    }

    // Sent anyway, with the head's own rights: refused, nothing changed.
    const [event] = (await commentsOf(companyId)).filter((c) => c.COMMENT.includes('Звонок клиенту'))
    await expect(session.rest('crm.timeline.comment.update', { id: Number(event!.ID), fields: { COMMENT: 'Подменено' } }, HEAD)).rejects.toThrow(/ACCESS_DENIED|Access denied/)
    await expect(session.rest('crm.timeline.comment.delete', { id: Number(event!.ID) }, HEAD)).rejects.toThrow(/ACCESS_DENIED|Access denied/)
    const after = (await commentsOf(companyId)).find((c) => c.ID === event!.ID)
    expect(after?.COMMENT).toBe(event!.COMMENT)
    await session.actAs(MANAGER)
  })
})

describe('the profile with every block ticked and the history with edit and delete (screens, ru and en)', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`${lang}: every block open, positions per person, the author's edit and delete on each event`, async () => {
      const companyId = await session.rest<number>('crm.company.add', {
        fields: { TITLE: `ООО «Косино Экран ${lang}»`, ASSIGNED_BY_ID: MANAGER, [F.showContacts.fieldName]: 1, [F.showPosition.fieldName]: 1, [F.position.fieldName]: 'Коммерческий директор' },
      })
      await session.rest<number>('crm.contact.add', { fields: { LAST_NAME: 'Петров', NAME: 'Пётр', POST: 'Логист', COMPANY_ID: companyId, ASSIGNED_BY_ID: MANAGER } })
      await session.actAs(MANAGER)
      await openProfile(companyId, lang)
      for (const key of ['turnover', 'inn', 'companyInfo', 'address'] as const) await byId(`tick-${key}`).check()
      for (const key of ['turnover', 'inn', 'companyInfo', 'address', 'contacts', 'position'] as const) await byId(`block-body-${key}`).waitFor()
      expect(await byId('person-0-position').inputValue()).toBe('Логист')
      await byId('history-comment').fill(lang === 'ru' ? 'Встреча на складе' : 'Warehouse meeting')
      await byId('history-add').click()
      await byId('history-item-edit').waitFor({ timeout: 30_000 })
      await shot(`profile-all-blocks-${lang}`)
      await byId('history-item-edit').click()
      await byId('history-edit-form').waitFor()
      await shot(`history-edit-${lang}`)
      await byId('history-edit-cancel').click()
      await byId('history-item-delete').click()
      await byId('history-delete-confirm').waitFor()
      await shot(`history-delete-confirm-${lang}`)
      await byId('history-delete-cancel').click()
      await byId('profile-discard').click()
    })
  }
})
