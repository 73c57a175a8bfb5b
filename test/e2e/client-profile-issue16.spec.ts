import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_PROFILE_FIELDS as F } from '../../src/domain/fields/client-profile'
import { startAppSession, type AppSession } from './helpers/app-session'

// Issue 16 in Chromium against the sandbox portal, in Russian and English; every result is read
// back through REST (b24restdocs crm/contacts/crm-contact-get.md: POST is the contact's position;
// crm/timeline/comments/crm-timeline-comment-list.md).

const MANAGER = 3
const TAB = { ru: 'Профиль клиента', en: 'Client profile' } as const

type Lang = keyof typeof TAB
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
