import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { PEOPLE } from '../../sandbox/demo/people'
import { CLIENT_PROFILE_FIELDS as F } from '../../src/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS as L } from '../../src/domain/fields/lead-processing'
import { LEAD_RESULTS } from '../../src/domain/lead-processing'
import { SALE_FIELDS } from '../../src/domain/fields/sale'
import { completeInn } from '../../src/domain/inn'
import { readSaleItems, THREE_PL_SERVICES } from '../../src/domain/sale'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'
import { ACCOUNTANT, APPROVER, decisionFacts, listTasks, openMenuPage, tripRequestedByRest } from './helpers/approvals-screens'
import { focusedName, showsFocus, tabTo } from './helpers/keyboard'
import { chooseOption, dateShown, dateValue, userName } from './helpers/kit-controls'
import { openNextStepsTab } from './helpers/next-steps-tab'
import { portalLog } from './helpers/portal'
import { openReportPage, shotsAt1280 } from './helpers/report-page'

// Issue 14: a manager's daily flow in each widget done with the keyboard alone (Tab, Shift+Tab,
// Space, Enter, arrows, typing) in the sandbox portal; only the portal's own card tab is opened
// by the test. Results read back through REST: b24restdocs api-reference/crm/companies/crm-company-get.md,
// crm/deals/crm-deal-get.md, crm/deals/crm-deal-productrows-get.md, crm/leads/crm-lead-get.md,
// tasks/tasks-task-list.md, common/settings/app-option-get.md.

const MANAGER = 3

let session: AppSession

beforeAll(async () => {
  session = await startAppSession({ limits: false })
  await session.actAs(MANAGER)
})

afterAll(async () => {
  await session?.close()
})

const byId = (frame: Frame, testId: string) => frame.locator(`[data-testid="${testId}"]`)
const press = (frame: Frame, key: string) => frame.page().keyboard.press(key)

describe('client profile by keyboard', () => {
  it('ticks the INN block, types the INN, saves with Enter and moves the status on, the focus never lost', async () => {
    const companyId = await session.rest<number>('crm.company.add', { fields: { TITLE: 'ООО «Клавиатура»', ASSIGNED_BY_ID: MANAGER } })
    const frame = await session.openTab('company', companyId, 'Профиль клиента')
    await byId(frame, 'profile-fields').waitFor({ timeout: 30_000 })
    const inn = completeInn('770708389')

    await tabTo(frame, byId(frame, 'tick-inn'))
    await press(frame, 'Space')
    await tabTo(frame, byId(frame, 'field-inn'))
    await frame.page().keyboard.type(inn)
    await tabTo(frame, byId(frame, 'profile-save'))
    expect(await showsFocus(byId(frame, 'profile-save'))).toBe(true)
    await press(frame, 'Enter')
    await byId(frame, 'profile-saved').waitFor({ timeout: 30_000 })
    // Back on the button it pressed (the kit disables it while saving, which drops the focus to the body), its ring showing.
    await expect.poll(() => focusedName(frame)).toContain('[profile-save]')
    expect(await showsFocus(byId(frame, 'profile-save'))).toBe(true)
    // The kit's toast says it too, once the portal stored it; it takes no focus.
    await frame.locator('li', { hasText: 'Сохранено в карточке.' }).waitFor({ timeout: 10_000 })
    expect(await focusedName(frame)).toContain('[profile-save]')
    const saved = await session.rest<Record<string, unknown>>('crm.company.get', { id: companyId })
    expect(saved[F.inn.fieldName]).toBe(inn)
    expect(saved[F.showInn.fieldName]).toBe('1')

    await tabTo(frame, byId(frame, 'status-advance'))
    await press(frame, 'Enter')
    await frame.locator('[data-testid="status-current"]', { hasText: 'Согласование условий сотрудничества' }).waitFor({ timeout: 30_000 })
    await tabTo(frame, byId(frame, 'sub-TERMS_SENT'))
    await press(frame, 'Enter')
    await frame.locator('[data-testid="status-current"]', { hasText: 'Направлены условия' }).waitFor({ timeout: 30_000 })
    // The pressed sub-status is no longer offered: the focus stays in the status section.
    await expect.poll(() => focusedName(frame)).toContain('[status-section]')
    const moved = await session.rest<Record<string, unknown>>('crm.company.get', { id: companyId })
    expect(moved[F.status.fieldName]).toBe(await enumItemId(session, 'company', F.status.fieldName, 'TERMS'))
    expect(moved[F.subStatus.fieldName]).toBe(await enumItemId(session, 'company', F.subStatus.fieldName, 'TERMS_SENT'))
  })
})

describe('«Продажа» by keyboard', () => {
  it('picks the kind, adds a 3PL service, fills it in and saves; the deal holds the item and its product row', async () => {
    const dealId = await session.rest<number>('crm.deal.add', { fields: { TITLE: '3PL — Клавиатура', ASSIGNED_BY_ID: MANAGER } })
    const frame = await session.openTab('deal', dealId, 'Продажа')
    await byId(frame, 'sale-save').waitFor({ timeout: 30_000 })

    // The radio group is one stop in the tab order; the arrows move the choice within it.
    await tabTo(frame, byId(frame, 'sale-kind'))
    await press(frame, 'Space')
    // The kit's radio group (reka-ui) checks the item the arrow moved to a tick after it takes the focus,
    // and only while the arrow is still down: held as long as a person holds a key, not released at once.
    await frame.page().keyboard.press('ArrowRight', { delay: 100 })
    await expect.poll(() => byId(frame, 'sale-kind').getByRole('radio', { name: 'Договор', exact: true }).isChecked()).toBe(true)

    await tabTo(frame, byId(frame, 'add-3pl'))
    await press(frame, 'Enter')
    // The new item takes the focus: its service list first.
    const item = frame.locator('[data-testid=sale-item-3pl]').last()
    await expect.poll(() => focusedName(frame)).toContain('select')
    // The kit's select: Enter opens its list, the arrows walk it, Enter picks.
    const serviceSelect = item.locator('[data-testid=select-service]')
    await tabTo(frame, serviceSelect)
    await press(frame, 'Enter')
    await frame.getByRole('listbox').waitFor()
    await press(frame, 'ArrowDown')
    await press(frame, 'Enter')
    await frame.getByRole('listbox').waitFor({ state: 'detached' })
    const shown = (await serviceSelect.textContent())?.trim()
    const service = THREE_PL_SERVICES.find((entry) => entry.label.ru === shown)?.code
    expect(service).toBeDefined()
    await tabTo(frame, item.locator('[data-testid=input-volume]'))
    await frame.page().keyboard.type('1 200 паллетомест')
    await tabTo(frame, item.locator('[data-testid=input-term]'))
    await frame.page().keyboard.type('2')
    await tabTo(frame, item.locator('[data-testid=input-price]'))
    await frame.page().keyboard.type('1 500,25')
    await tabTo(frame, byId(frame, 'sale-save'))
    expect(await showsFocus(byId(frame, 'sale-save'))).toBe(true)
    await press(frame, 'Enter')
    await byId(frame, 'sale-notice-saved').waitFor({ timeout: 30_000 })
    await expect.poll(() => focusedName(frame)).toContain('[sale-save]')

    const deal = await session.rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(deal.OPPORTUNITY).toBe('1500.25')
    const items = readSaleItems(deal[SALE_FIELDS.items.fieldName] as string)
    if (!items.ok) throw new Error(`items do not read: ${items.reason}`)
    expect(items.items).toEqual([expect.objectContaining({ kind: '3pl', service, volume: '1 200 паллетомест', termYears: 2, priceMinor: 150_025 })])
    const kinds = await session.rest<{ LIST: { ID: string; XML_ID: string }[] }[]>('crm.deal.userfield.list', { filter: { FIELD_NAME: SALE_FIELDS.kind.fieldName } })
    expect(String(deal[SALE_FIELDS.kind.fieldName])).toBe(kinds[0]!.LIST.find((entry) => entry.XML_ID === 'CONTRACT')!.ID)
    const rows = await session.rest<{ PRICE: string | number; QUANTITY: string | number }[]>('crm.deal.productrows.get', { id: dealId })
    expect(rows.map((row) => [Number(row.PRICE), Number(row.QUANTITY)])).toEqual([[1500.25, 1]])
  })
})

describe('«Обработка лида» by keyboard', () => {
  it('types the first result and moves the lead on with Enter, then the outcome and the result, and it is processed', async () => {
    const leadId = await session.rest<number>('crm.lead.add', { fields: { TITLE: 'Аренда склада — клавиатура', STATUS_ID: 'NEW', ASSIGNED_BY_ID: MANAGER } })
    const lead = () => session.rest<Record<string, unknown>>('crm.lead.get', { id: leadId })
    const frame = await session.openTab('lead', leadId, 'Обработка лида')
    await byId(frame, 'lead-status').waitFor({ timeout: 30_000 })

    await tabTo(frame, byId(frame, 'first-result'))
    await frame.page().keyboard.type('Нужен склад 300 м²')
    await tabTo(frame, byId(frame, 'transition-submit'))
    expect(await showsFocus(byId(frame, 'transition-submit'))).toBe(true)
    await press(frame, 'Enter')
    await frame.locator('[data-testid="lead-status"]', { hasText: 'Выяснение потребности' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => focusedName(frame)).toContain('[transition-submit]')
    let saved = await lead()
    expect(saved.STATUS_ID).toBe('IN_PROCESS')
    expect(saved[L.firstResult.fieldName]).toBe('Нужен склад 300 м²')

    await tabTo(frame, byId(frame, 'outcome'), { backwards: true })
    await frame.page().keyboard.type('Готов подписать LOI')
    await tabTo(frame, byId(frame, 'lead-result'))
    await chooseOption(frame, byId(frame, 'lead-result'), LEAD_RESULTS.find((result) => result.code === 'CONVERT')!.label.ru, { keyboard: true })
    await tabTo(frame, byId(frame, 'transition-submit'))
    await press(frame, 'Enter')
    await frame.locator('[data-testid="lead-status"]', { hasText: 'Обработан' }).waitFor({ timeout: 30_000 })
    // The form is done with: the focus stays in the tab (on its section), not on the page's body.
    await expect.poll(() => focusedName(frame)).toMatch(/^div\[lead-processing\]|\[lead-convert\]|\[transition-submit\]/)
    saved = await lead()
    expect(saved[L.outcome.fieldName]).toBe('Готов подписать LOI')
    expect(saved[L.result.fieldName]).toBe(await enumItemId(session, 'lead', L.result.fieldName, 'CONVERT'))
  })
})

describe('«Командировка» by keyboard', () => {
  it('fills the trip request and sends it with Enter: a task for the trip approver holds it', async () => {
    await session.rest('app.option.set', { options: { approvals: JSON.stringify({ contractApprovers: {}, tripApprover: APPROVER, accountant: ACCOUNTANT }) } })
    const frame = await openMenuPage(session, 'approvals-trip', '[data-testid=trip-form]')
    const before = (await listTasks(session, { CREATED_BY: MANAGER, RESPONSIBLE_ID: APPROVER })).length

    await tabTo(frame, byId(frame, 'trip-destination'))
    await frame.page().keyboard.type('Казань')
    // The kit's date field: day, month and year typed in the order Russian writes them, each part moving on by itself.
    await tabTo(frame, byId(frame, 'trip-date-from'))
    await frame.page().keyboard.type('14122026')
    await tabTo(frame, byId(frame, 'trip-date-to'))
    await frame.page().keyboard.type('16122026')
    expect([await dateShown(byId(frame, 'trip-date-from')), await dateShown(byId(frame, 'trip-date-to'))]).toEqual(['14.12.2026', '16.12.2026'])
    expect([await dateValue(byId(frame, 'trip-date-from')), await dateValue(byId(frame, 'trip-date-to'))]).toEqual(['2026-12-14', '2026-12-16'])
    await tabTo(frame, byId(frame, 'trip-purpose'))
    await frame.page().keyboard.type('Приёмка склада у клиента')
    await tabTo(frame, byId(frame, 'trip-budget-input'))
    await frame.page().keyboard.type('30000')
    await tabTo(frame, byId(frame, 'trip-send'))
    expect(await showsFocus(byId(frame, 'trip-send'))).toBe(true)
    await press(frame, 'Enter')
    await expect.poll(() => listTasks(session, { CREATED_BY: MANAGER, RESPONSIBLE_ID: APPROVER }).then((tasks) => tasks.length), { timeout: 30_000 }).toBe(before + 1)
    const [task] = (await listTasks(session, { CREATED_BY: MANAGER, RESPONSIBLE_ID: APPROVER })).slice(-1)
    expect(task!.description).toContain('Казань')
    // The form gives way to «Мои запросы»: the focus is on that tab, not on the page's body.
    await expect.poll(() => focusedName(frame)).toBe('button[inbox-tabs] «Мои заявки»')
  })
})

describe('settings by keyboard (the admin)', () => {
  it('picks the product manager in the kit\'s select and saves with Enter: the option holds him', async () => {
    await session.actAs(session.adminId)
    const frame = await session.openAppPage()
    const picker = byId(frame, 'people-product-manager')
    await picker.waitFor({ timeout: 30_000 })
    await tabTo(frame, picker, { max: 120 })
    await chooseOption(frame, picker, await userName(session, 4), { keyboard: true })
    await tabTo(frame, byId(frame, 'people-save'))
    expect(await showsFocus(byId(frame, 'people-save'))).toBe(true)
    await press(frame, 'Enter')
    await byId(frame, 'people-saved').waitFor({ timeout: 30_000 })
    await expect.poll(() => focusedName(frame)).toContain('[people-save]')
    const people = JSON.parse((await session.rest<string | null>('app.option.get', { option: 'playbookPeople' })) ?? '{}') as { productManagerId?: number }
    expect(people.productManagerId).toBe(4)
  })
})

describe('«Согласования» by keyboard (the approver)', () => {
  it('types the approved amount and approves with Enter: the request is closed with one decision of that amount', async () => {
    const requestId = await tripRequestedByRest(session, 'Тверь')
    await session.actAs(APPROVER)
    const frame = await openMenuPage(session, 'approvals', '[data-testid=inbox-waiting]')
    const item = frame.locator(`[data-testid=inbox-item][data-item-id="trip:${requestId}"]`)
    await item.waitFor({ timeout: 30_000 })

    // The amount comes filled with the budget: selected and typed over.
    await tabTo(frame, item.locator('[data-testid=trip-amount]'), { max: 120 })
    await press(frame, 'Control+A')
    await frame.page().keyboard.type('25000')
    await tabTo(frame, item.locator('[data-testid=trip-approve]'))
    expect(await showsFocus(item.locator('[data-testid=trip-approve]'))).toBe(true)
    await press(frame, 'Enter')
    await item.waitFor({ state: 'detached', timeout: 30_000 })
    // The decided item is gone: the focus stays in the list it was in.
    await expect.poll(() => focusedName(frame)).toContain('[inbox-waiting]')
    expect(await decisionFacts(session, requestId)).toMatchObject({ decisions: 1, requestOpen: false, amount: 25_000 })
  })
})

describe('«Следующий шаг» by keyboard', () => {
  it('creates the stage\'s tasks with Enter: the deal has the step\'s task', async () => {
    await session.actAs(MANAGER)
    const dealId = DEMO_DEALS.kosinoRent
    const dealTasks = () => listTasks(session, { UF_CRM_TASK: [`D_${dealId}`] })
    const before = (await dealTasks()).length
    const frame = await openNextStepsTab(session, dealId)

    await tabTo(frame, byId(frame, 'create-tasks'))
    expect(await showsFocus(byId(frame, 'create-tasks'))).toBe(true)
    await press(frame, 'Enter')
    await byId(frame, 'create-result').waitFor({ timeout: 30_000 })
    await expect.poll(async () => (await dealTasks()).length).toBeGreaterThan(before)
    // The button goes once nothing is left to create: the focus stays in the tab.
    await expect.poll(() => focusedName(frame)).toMatch(/^div\[next-steps\]|\[create-tasks\]/)
  })
})

describe('the report page by keyboard (the head)', () => {
  it('moves along the tabs with the arrows, filters, opens a figure\'s deals and a deal: the focus goes with it and comes back', async () => {
    await session.actAs(PEOPLE.headOfSales)
    const frame = await openReportPage(session, 'ru')
    await byId(frame, 'group-table').waitFor({ timeout: 120_000 })
    const active = (selector: string) => frame.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)

    // The tabs: Tab reaches the chosen one, the arrows move along them.
    await tabTo(frame, frame.getByRole('tab', { name: 'Сделки' }), { max: 40 })
    await press(frame, 'ArrowRight')
    await byId(frame, 'meeting-table').waitFor({ timeout: 30_000 })
    await press(frame, 'ArrowLeft')
    await byId(frame, 'group-table').waitFor({ timeout: 30_000 })

    // The filters, each a kit select opened with Enter.
    await tabTo(frame, byId(frame, 'filter-manager'))
    await chooseOption(frame, byId(frame, 'filter-manager'), await userName(session, MANAGER), { keyboard: true })
    await tabTo(frame, byId(frame, 'group-by'))
    await chooseOption(frame, byId(frame, 'group-by'), 'ответственным', { keyboard: true })
    const figure = frame.locator(`[data-testid=group-table] tr[data-key="${MANAGER}"] [data-measure=count]`)
    await figure.waitFor({ timeout: 30_000 })

    // A figure opens its deals: the focus goes to the list (below the table), not left on the figure.
    await tabTo(frame, figure)
    expect(await showsFocus(figure)).toBe(true)
    await press(frame, 'Enter')
    const list = byId(frame, 'drill-down')
    await list.waitFor()
    await expect.poll(() => focusedName(frame)).toContain('[drill-down]')
    expect(await list.locator('tr[data-deal-id]').count()).toBe(Number((await figure.textContent())?.replace(/\s/g, '')))
    const shots = await shotsAt1280(session)
    if (shots) await session.page.screenshot({ path: `${shots}/reports-drill-keyboard-ru.png` })
    // Its export with Enter, then «Закрыть»: the focus is back on the figure, not on the page's body.
    await tabTo(frame, byId(frame, 'export-deals-csv'))
    const [csv] = await Promise.all([session.page.waitForEvent('download'), press(frame, 'Enter')])
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    await tabTo(frame, list.getByRole('button', { name: 'Закрыть' }))
    await press(frame, 'Enter')
    await list.waitFor({ state: 'detached' })
    await expect.poll(() => active(`tr[data-key="${MANAGER}"] [data-measure=count]`)).toBe(true)

    // Again, and a deal of the list opened in the portal's slider with Enter.
    await press(frame, 'Enter')
    await list.waitFor()
    const first = list.locator('tr[data-deal-id]').first()
    const dealId = await first.getAttribute('data-deal-id')
    await tabTo(frame, first.getByRole('button'))
    await press(frame, 'Enter')
    await expect.poll(async () => (await portalLog(session.page)).some((e) => e.command === 'openPath' && JSON.stringify(e.data).includes(`/crm/deal/details/${dealId}/`))).toBe(true)
  })
})
