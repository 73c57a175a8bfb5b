import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE } from '../../sandbox/demo/people'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { appFrame } from './helpers/portal'
import { openReportPage, shotsAt1280 } from './helpers/report-page'

// Saved views of the report page (issue 15) in Chromium against the sandbox portal: the head saves
// the page's filters as a view, the portal keeps it in her user option (user.option.get as her:
// b24restdocs api-reference/common/settings/user-option-get.md), the page opens with it as the
// default, and the view's link (REST_APP_URI: /marketplace/view/<app>/?params[view]=…, b24restdocs
// api-reference/widgets/universal/app-url.md) opens the same filters for another user, whose figures
// are still only the deals his own rights let him read (recounted here from crm.deal.list as him).

const NAME = 'Продажи по менеджерам'
let session: AppSession

const normalize = (text: string | null) => (text ?? '').replace(/\s/g, '')
const shown = async (frame: Frame, testId: string) => (await frame.getByTestId(testId).textContent())?.trim()
const totalCount = async (frame: Frame) => normalize(await frame.locator('[data-testid=group-table] tr[data-key="total"] [data-measure=count]').textContent())

async function shot(name: string): Promise<void> {
  const dir = await shotsAt1280(session)
  if (dir) await session.page.screenshot({ path: `${dir}/reports-views-${name}.png` })
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
