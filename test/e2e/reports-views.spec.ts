import type { Frame, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE } from '../../sandbox/demo/people'
import { startAppSession, type AppSession } from './helpers/app-session'
import { focusedName, showsFocus, tabTo } from './helpers/keyboard'
import { chooseMenuItem, chooseOption } from './helpers/kit-controls'
import { appFrame } from './helpers/portal'
import { openReportPage, shotsAt1280 } from './helpers/report-page'

// Saved views of the report page (issue 15) in Chromium against the sandbox portal: the head saves
// the page's filters as a view, the portal keeps it in her user option (user.option.get as her:
// b24restdocs api-reference/common/settings/user-option-get.md), the page opens with it as the
// default, and the view's link (REST_APP_URI: /marketplace/view/<app>/?params[view]=…, b24restdocs
// api-reference/widgets/universal/app-url.md) opens the same filters for another user, whose figures
// are still only the deals his own rights let him read (recounted here from crm.deal.list as him).

const NAME = 'Продажи по менеджерам'
/** Saved, renamed and deleted with the keyboard alone. */
const BY_KEYS = 'Стадии отдела'
const RENAMED = 'Стадии за неделю'
let session: AppSession

const normalize = (text: string | null) => (text ?? '').replace(/\s/g, '')
const shown = async (frame: Frame, testId: string) => (await frame.getByTestId(testId).textContent())?.trim()
const totalCount = async (frame: Frame) => normalize(await frame.locator('[data-testid=group-table] tr[data-key="total"] [data-measure=count]').textContent())

/** The whole of the element inside the browser's window (the page is not scrolled in these tests). */
async function inWindow(element: Locator): Promise<boolean> {
  const box = await element.boundingBox()
  const size = session.page.viewportSize()
  return box !== null && size !== null && box.y >= 0 && box.y + box.height <= size.height
}

async function shot(name: string): Promise<void> {
  const dir = await shotsAt1280(session)
  if (!dir) return
  // A dialog or menu shot once it has grown in, not half-transparent in its opening animation.
  const frame = await appFrame(session.page, session.appOrigin)
  await frame.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))))
  await session.page.screenshot({ path: `${dir}/reports-views-${name}.png` })
}

/** The report page as `userId`, with its figures on screen. */
async function openAs(userId: number, lang: 'ru' | 'en'): Promise<Frame> {
  await session.context.addCookies([{ name: 'sandbox_user', value: String(userId), url: session.sandbox.origin }])
  const frame = await openReportPage(session, lang)
  await frame.getByTestId('group-table').waitFor({ timeout: 120_000 })
  return frame
}

/** Deals `userId` may read whose responsible works in the department (first of UF_DEPARTMENT), by this file's own count. */
async function dealsInDepartment(userId: number, departmentId: number): Promise<number> {
  const users = await session.rest<Array<{ ID: string; UF_DEPARTMENT?: number[] }>>('user.get', {})
  const members = new Set(users.filter((u) => u.UF_DEPARTMENT?.[0] === departmentId).map((u) => Number(u.ID)))
  let count = 0
  for (let after = 0; ; ) {
    const page = await session.rest<Array<{ ID: string; ASSIGNED_BY_ID: string }>>('crm.deal.list', { select: ['ID', 'ASSIGNED_BY_ID'], filter: { '>ID': after }, order: { ID: 'ASC' }, start: -1 }, userId)
    count += page.filter((deal) => members.has(Number(deal.ASSIGNED_BY_ID))).length
    if (page.length < 50) return count
    after = Number(page.at(-1)!.ID)
  }
}

beforeAll(async () => {
  session = await startAppSession({ limits: false })
  await session.page.setViewportSize({ width: 1280, height: 900 })
})

afterAll(async () => {
  await session?.close()
})

describe('saved views of the report page (Chromium)', () => {
  let link = ''

  it('the head saves the page’s filters as her default view, and the portal keeps it in her user option', async () => {
    const frame = await openAs(PEOPLE.headOfSales, 'ru')
    await chooseOption(frame, frame.getByTestId('filter-department'), 'Отдел продаж')
    await chooseOption(frame, frame.getByTestId('group-by'), 'ответственным')
    await frame.getByTestId('views-menu').click()
    await shot('menu-ru')
    await frame.getByRole('menuitem', { name: 'Сохранить вид…' }).click()
    const dialog = frame.getByRole('dialog')
    // An empty name is refused before anything is sent, and the dialog stays.
    await dialog.getByTestId('view-save').click()
    expect(await dialog.getByTestId('view-problem').textContent()).toBe('Введите название')
    await dialog.getByTestId('view-name').fill(NAME)
    await dialog.getByTestId('view-default').click()
    // A refused save says why, keeps the dialog and what was typed, and claims nothing.
    session.sandbox.control.faults({ method: 'user.option.set', count: 1, status: 403, code: 'ACCESS_DENIED', description: 'Access denied.' })
    await dialog.getByTestId('view-save').click()
    await dialog.getByTestId('view-save-error').waitFor({ timeout: 30_000 })
    expect(await dialog.getByTestId('view-name').inputValue()).toBe(NAME)
    expect(await frame.getByTestId('views-notice').count()).toBe(0)
    expect(await session.rest('user.option.get', { option: 'reportViews' }, PEOPLE.headOfSales)).toBeNull()
    await dialog.getByTestId('view-save').click()
    await frame.getByTestId('views-notice').waitFor()
    expect(await shown(frame, 'views-notice')).toBe(`Вид «${NAME}» сохранён`)
    expect(await shown(frame, 'views-menu')).toBe(NAME)

    const stored = await session.rest<string>('user.option.get', { option: 'reportViews' }, PEOPLE.headOfSales)
    const option = JSON.parse(stored) as { d: string; l: Array<{ i: string; n: string; q: string }> }
    expect(option.l.map((view) => view.n)).toEqual([NAME])
    expect(option.d).toBe(option.l[0]!.i)
    expect(JSON.parse(Buffer.from(option.l[0]!.q, 'base64url').toString())).toEqual({ v: 1, o: 2, g: 'manager' })
    // Her option only: another user has none.
    expect(await session.rest('user.option.get', { option: 'reportViews' }, PEOPLE.manager)).toBeNull()
  }, 240_000)

  it('opens with the default view again, and shares its link', async () => {
    const frame = await openAs(PEOPLE.headOfSales, 'ru')
    await expect.poll(() => shown(frame, 'views-menu')).toBe(NAME)
    expect(await shown(frame, 'filter-department')).toBe('Отдел продаж')
    expect(await shown(frame, 'group-by')).toBe('ответственным')
    expect(await totalCount(frame)).toBe(String(await dealsInDepartment(PEOPLE.headOfSales, 2)))

    await frame.getByTestId('views-share').click()
    const dialog = frame.getByRole('dialog')
    await dialog.getByTestId('view-link-status').waitFor()
    link = await dialog.getByTestId('view-link').inputValue()
    expect(link).toMatch(new RegExp(`^${session.sandbox.origin}/marketplace/view/[^/]+/\\?params%5Bview%5D=[A-Za-z0-9_-]+$`))
    // Copied, or (no clipboard permission) the field to copy by hand, said so.
    expect(await dialog.getByTestId('view-link-status').textContent()).toMatch(/^(Ссылка скопирована|Скопировать не удалось)/)
    await shot('share-ru')
    await dialog.getByRole('button', { name: 'Закрыть' }).first().click()
  }, 240_000)

  it('with the keyboard alone: saves a view with Enter, opens another from the menu, renames and deletes one; the focus never lost', async () => {
    const frame = await appFrame(session.page, session.appOrigin)
    const keyboard = session.page.keyboard
    const menu = frame.getByTestId('views-menu')
    const storedNames = async () => {
      const stored = await session.rest<string | null>('user.option.get', { option: 'reportViews' }, PEOPLE.headOfSales)
      return stored ? (JSON.parse(stored) as { l: Array<{ n: string }> }).l.map((view) => view.n) : []
    }
    // Another grouping, chosen with the keyboard: the page shows no saved view then.
    await tabTo(frame, frame.getByTestId('group-by'), { max: 40 })
    await chooseOption(frame, frame.getByTestId('group-by'), 'стадиям', { keyboard: true })
    await expect.poll(() => shown(frame, 'views-menu')).toBe('Виды')

    // «Виды» → «Сохранить вид…» with Enter: the dialog takes the typed name, Enter saves it.
    await tabTo(frame, menu, { backwards: true, max: 40 })
    expect(await showsFocus(menu)).toBe(true)
    await chooseMenuItem(frame, menu, 'Сохранить вид…', { reached: () => shot('menu-keyboard-ru') })
    const dialog = frame.getByRole('dialog')
    await dialog.waitFor()
    await expect.poll(() => focusedName(frame)).toContain('[view-name]')
    // In the window, though the page by stages is much taller than it (the portal's frame grows with the page).
    await expect.poll(() => inWindow(dialog)).toBe(true)
    await keyboard.type(BY_KEYS)
    expect(await dialog.getByTestId('view-name').inputValue()).toBe(BY_KEYS)
    await shot('save-keyboard-ru')
    await keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached', timeout: 30_000 })
    expect(await shown(frame, 'views-notice')).toBe(`Вид «${BY_KEYS}» сохранён`)
    // Back on «Виды», not lost to the page's body.
    await expect.poll(() => focusedName(frame)).toContain('[views-menu]')
    expect(await shown(frame, 'views-menu')).toBe(BY_KEYS)
    expect(await storedNames()).toEqual([NAME, BY_KEYS])

    // The first view opened again from the menu with the keyboard: its grouping is back.
    await chooseMenuItem(frame, menu, NAME)
    await expect.poll(() => shown(frame, 'group-by')).toBe('ответственным')
    expect(await shown(frame, 'views-menu')).toBe(NAME)
    await expect.poll(() => focusedName(frame)).toContain('[views-menu]')

    // «Управлять видами…»: rename the new one, then delete it, each with Tab and Enter.
    await chooseMenuItem(frame, menu, 'Управлять видами…')
    await dialog.waitFor()
    await expect.poll(() => inWindow(dialog)).toBe(true)
    await tabTo(frame, dialog.getByRole('button', { name: `Переименовать: ${BY_KEYS}` }))
    await keyboard.press('Enter')
    await expect.poll(() => focusedName(frame)).toContain('[view-rename-input]')
    await keyboard.press('Control+A')
    await keyboard.type(RENAMED)
    await keyboard.press('Enter')
    await expect.poll(storedNames, { timeout: 30_000 }).toEqual([NAME, RENAMED])
    // Renamed: the focus is back on the row's «Переименовать»; deleted: on the dialog's «Закрыть».
    await expect.poll(() => focusedName(frame)).toBe(`button[view-row-${RENAMED}] «Переименовать»`)
    await tabTo(frame, dialog.getByRole('button', { name: `Удалить: ${RENAMED}` }))
    await keyboard.press('Enter')
    await expect.poll(storedNames, { timeout: 30_000 }).toEqual([NAME])
    await expect.poll(() => focusedName(frame)).toBe('button «Закрыть»')
    // Escape closes it and gives the focus back to «Виды».
    await keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => focusedName(frame)).toContain('[views-menu]')

    // «Поделиться» with the keyboard: the link's field has the focus (selected, to copy), Escape gives it back.
    await tabTo(frame, frame.getByTestId('views-share'))
    await keyboard.press('Enter')
    await dialog.waitFor()
    await expect.poll(() => focusedName(frame)).toContain('[view-link]')
    expect(await dialog.getByTestId('view-link').evaluate((input: HTMLInputElement) => input.selectionEnd! - input.selectionStart! === input.value.length && input.value.length > 0)).toBe(true)
    await keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => focusedName(frame)).toContain('[views-share]')
  }, 240_000)

  it('opens the link for another user with the same filters, his figures under his own rights', async () => {
    // His colleague's deals closed to him (OPENED = N): a manager reads his own and the opened ones.
    const deals = session.sandbox.store.table<{ ID: number; ASSIGNED_BY_ID: number }>('deals')
    const closed = [...deals.rows()].filter((deal) => Number(deal.ASSIGNED_BY_ID) === PEOPLE.secondManager).slice(0, 3)
    for (const deal of closed) deals.update(deal.ID, { OPENED: 'N' } as never)
    await session.sandbox.store.commit()
    await session.context.addCookies([
      { name: 'sandbox_user', value: String(PEOPLE.manager), url: session.sandbox.origin },
      { name: 'lang', value: 'en', url: session.sandbox.origin },
    ])
    await session.page.goto(link)
    const frame = await appFrame(session.page, session.appOrigin)
    await frame.getByTestId('group-table').waitFor({ timeout: 120_000 })
    expect(await shown(frame, 'filter-department')).toBe('Отдел продаж')
    expect(await shown(frame, 'group-by')).toBe('responsible')
    // Not his saved view: the menu offers his own (none).
    expect(await shown(frame, 'views-menu')).toBe('Views')
    const his = await dealsInDepartment(PEOPLE.manager, 2)
    expect(await totalCount(frame)).toBe(String(his))
    expect(his).toBeLessThan(await dealsInDepartment(PEOPLE.headOfSales, 2))
    // «Views» → «Save view…» with the keyboard: the name field has the focus, Escape gives it back to «Views».
    const menu = frame.getByTestId('views-menu')
    await tabTo(frame, menu, { max: 40 })
    await chooseMenuItem(frame, menu, 'Save view…', { reached: () => shot('menu-keyboard-en') })
    await expect.poll(() => focusedName(frame)).toContain('[view-name]')
    await session.page.keyboard.type('Week')
    await shot('save-keyboard-en')
    await session.page.keyboard.press('Escape')
    await frame.getByRole('dialog').waitFor({ state: 'detached' })
    await expect.poll(() => focusedName(frame)).toContain('[views-menu]')
    await frame.getByTestId('views-menu').click()
    await frame.getByRole('menuitem', { name: 'Save view…' }).waitFor()
    await shot('menu-en')
    await session.page.keyboard.press('Escape')
    await frame.getByTestId('views-share').click()
    await frame.getByRole('dialog').getByTestId('view-link-status').waitFor()
    await shot('share-en')
  }, 240_000)

  it('drops what a hand-made link names that the portal does not have, and says so', async () => {
    const view = Buffer.from(JSON.stringify({ v: 1, c: 999, g: 'planet' })).toString('base64url')
    await session.page.goto(link.replace(/view%5D=.*$/, `view%5D=${view}`))
    const frame = await appFrame(session.page, session.appOrigin)
    await frame.getByTestId('views-dropped').waitFor({ timeout: 120_000 })
    expect(await frame.getByTestId('views-dropped').textContent()).toContain('grouping, pipeline')
    expect(await shown(frame, 'filter-pipeline')).toBe('All')
  }, 240_000)
})
