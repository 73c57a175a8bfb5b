import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE } from '../../sandbox/demo/people'
import { startAppSession, type AppSession } from './helpers/app-session'
import { addRecipients } from './helpers/portal-dialogs'

// Issue 16: the recipients of new-lead notices are picked with the portal's own user dialog
// (BX24.selectUsers → the portal's selectUser, multiple), per object type found by a search; each
// type shows the head who gets the copy (the first recipient's department head, department.get).
// Saved as the app option, read back with app.option.get (b24restdocs
// api-reference/common/settings/app-option-get.md; the dialog: sdk/bx24-js-sdk/system-dialogues/bx24-select-users).

let session: AppSession

const stored = async () =>
  (JSON.parse((await session.rest<string | null>('app.option.get', { option: 'leadRecipients' })) ?? 'null') as { byObjectType?: Record<string, number[]> } | null)?.byObjectType ?? {}

async function openSettings(lang: 'ru' | 'en'): Promise<Frame> {
  await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
  const frame = await session.openAppPage()
  await frame.locator('[data-testid="recipients-add-PHARMACY"]').waitFor({ timeout: 30_000 })
  return frame
}

const byId = (frame: Frame, id: string) => frame.locator(`[data-testid="${id}"]`)
/** The kit's input puts the test id on the input or its wrapper. */
const search = (frame: Frame) => frame.locator('input[data-testid="recipients-search"], [data-testid="recipients-search"] input')

/** SHOTS_DIR=<dir>: the section as the admin sees it. */
async function shot(frame: Frame, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  await byId(frame, 'settings-lead-recipients').screenshot({ path: join(dir, name) })
}

beforeAll(async () => {
  session = await startAppSession({ limits: false })
})

afterAll(async () => {
  await session?.close()
})

describe('new-lead recipients picked with the portal’s user dialog', () => {
  it('ru: finds «Аптека», adds a manager in the portal’s dialog, shows the head in copy, saves', async () => {
    const frame = await openSettings('ru')
    expect(await byId(frame, 'recipients-none-PHARMACY').textContent()).toContain('Никто не выбран')
    await search(frame).fill('аптек')
    await expect.poll(() => byId(frame, 'recipients-CUSTOMS').count()).toBe(0)
    expect(await byId(frame, 'recipients-PHARMACY').count()).toBe(1)

    await addRecipients(session.page, frame, 'PHARMACY', [PEOPLE.manager])
    expect(await byId(frame, `recipient-PHARMACY-${PEOPLE.manager}`).textContent()).toContain('Дмитрий Кузнецов')
    expect(await byId(frame, 'recipients-copy-PHARMACY').textContent()).toContain('В копии: Елена Морозова (руководитель подразделения)')

    await shot(frame, 'recipients-search-ru.png')
    await search(frame).fill('нет такого')
    await byId(frame, 'recipients-no-match').waitFor()
    await search(frame).fill('')
    await byId(frame, 'lead-recipients-save').click()
    await byId(frame, 'lead-recipients-saved').waitFor({ timeout: 30_000 })
    expect(await stored()).toEqual({ PHARMACY: [PEOPLE.manager] })
  })

  it('en: the stored recipient is there; adds two people one by one, removes the first, the copy follows the first recipient', async () => {
    const frame = await openSettings('en')
    expect(await byId(frame, `recipient-PHARMACY-${PEOPLE.manager}`).textContent()).toContain('Дмитрий Кузнецов')
    expect(await byId(frame, 'recipients-copy-PHARMACY').textContent()).toContain('In copy: Елена Морозова (head of department)')

    await search(frame).fill('customs')
    await expect.poll(() => byId(frame, 'recipients-PHARMACY').count()).toBe(0)
    await addRecipients(session.page, frame, 'CUSTOMS', [PEOPLE.productManager])
    // The product manager heads his own department: the head above him gets the copy.
    expect(await byId(frame, 'recipients-copy-CUSTOMS').textContent()).toContain('In copy: Андрей Соколов (head of department)')
    await addRecipients(session.page, frame, 'CUSTOMS', [PEOPLE.secondManager])
    expect(await byId(frame, 'recipients-copy-CUSTOMS').textContent()).toContain('In copy: Андрей Соколов (head of department)')
    await byId(frame, `recipient-remove-CUSTOMS-${PEOPLE.productManager}`).click()
    await expect.poll(() => byId(frame, `recipient-CUSTOMS-${PEOPLE.productManager}`).count()).toBe(0)
    expect(await byId(frame, 'recipients-copy-CUSTOMS').textContent()).toContain('In copy: Елена Морозова (head of department)')

    await search(frame).fill('')
    await byId(frame, 'lead-recipients-save').click()
    await byId(frame, 'lead-recipients-saved').waitFor({ timeout: 30_000 })
    await shot(frame, 'recipients-en.png')
    expect(await stored()).toEqual({ PHARMACY: [PEOPLE.manager], CUSTOMS: [PEOPLE.secondManager] })
  })

  it('ru: with the head among the recipients there is no copy; removing the last recipient says nobody hears', async () => {
    const frame = await openSettings('ru')
    await addRecipients(session.page, frame, 'PHARMACY', [PEOPLE.headOfSales])
    // The first recipient (the manager) still decides the head, and the head is a recipient now.
    expect(await byId(frame, 'recipients-copy-PHARMACY').textContent()).toContain('Копии нет')
    await byId(frame, `recipient-remove-CUSTOMS-${PEOPLE.secondManager}`).click()
    await byId(frame, 'recipients-none-CUSTOMS').waitFor()
    await byId(frame, 'lead-recipients-save').click()
    await byId(frame, 'lead-recipients-saved').waitFor({ timeout: 30_000 })
    await shot(frame, 'recipients-ru.png')
    expect(await stored()).toEqual({ PHARMACY: [PEOPLE.manager, PEOPLE.headOfSales] })
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
