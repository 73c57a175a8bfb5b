import { B24Hook } from '@bitrix24/b24jssdk'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { SALE_FIELDS } from '../../src/domain/fields/sale'
import { parseObjectsDirectory, readSaleItems, serializeSaleItems } from '../../src/domain/sale'
import type { SaleItem } from '../../src/domain/sale'
import { DIRECTORY_OPTION } from '../../widgets/sale-items/directory-option'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { pasteInto } from './helpers/paste'
import { appFrame } from './helpers/portal'

// The «Продажа» deal tab of the built app in the sandbox portal (Chromium), walked as issue 5's
// «Done when» says; every result is read back from the sandbox's REST through the SDK's B24Hook.
// Shapes: b24restdocs api-reference/crm/deals/crm-deal-get.md, crm-deal-update.md,
// crm-deal-productrows-get.md, crm-deal-productrows-set.md, common/settings/app-option-get.md,
// app-option-set.md, settings/how-to-call-rest-api/batch.md.

const ADMIN = 1
const MANAGER = 3
/** The other manager of «Отдел продаж»: may read manager 3's open deals, not change them. */
const SECOND_MANAGER = 4
const ITEMS = SALE_FIELDS.items.fieldName
const PLACES = SALE_FIELDS.places.fieldName
const KIND = SALE_FIELDS.kind.fieldName

let session: AppSession
let hook: B24Hook

async function rest<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const reply = await hook.actions.v2.call.make<T>({ method, params })
  if (!reply.isSuccess) throw new Error(`${method}: ${reply.getErrorMessages().join('; ')}`)
  return reply.getData()!.result
}

/** App options are read in the app's context only (not by webhook), as the frame calls it. */
const appOption = (option: string) => session.rest<unknown>('app.option.get', { option })

/** Opens the deal card and its «Продажа» tab; resolves when the tab's form is shown. */
async function openSaleTab(dealId: number, title = 'Продажа'): Promise<Frame> {
  const frame = await session.openTab('deal', dealId, title)
  await frame.locator('[data-testid=sale-save]').waitFor({ timeout: 30_000 })
  return frame
}

const lastItem = (frame: Frame, kind: string) => frame.locator(`[data-testid=sale-item-${kind}]`).last()

/** Picks the object item's place level by level, by the names the manager reads (a place with its area: by its start); '' leaves a level as it is. */
async function pickPlace(frame: Frame, path: [string, string, string, string | RegExp]): Promise<void> {
  const item = lastItem(frame, 'object')
  const levels = ['objectType', 'zone', 'sector', 'place'] as const
  for (const [index, name] of path.entries()) {
    if (name !== '') await chooseOption(frame, item.locator(`[data-testid=select-${levels[index]}]`), name)
  }
}

const CUSTOMS_S1 = ['Таможня', 'Зона СВХ', 'Сектор 1'] as const
const CUSTOMS_S2 = ['Таможня', 'Зона СВХ', 'Сектор 2'] as const
/** A place as its list names it: «Склад 102 (1 000 м²)», perhaps with «— занято, сделка № …». */
const place = (name: string) => new RegExp(`^${name.replace(/[()]/g, '\\$&')} \\(`)

/** «Вид продажи» as the manager picks it: the radio named LOI or Договор. */
const saleKind = (frame: Frame, name: 'LOI' | 'Договор') => frame.locator('[data-testid=sale-kind]').getByRole('radio', { name, exact: true })

/** The place list's option named `name`, read with the list open (then closed again with Escape). */
async function placeOption(frame: Frame, name: string): Promise<{ disabled: boolean; text: string }> {
  const select = lastItem(frame, 'object').locator('[data-testid=select-place]')
  await select.click()
  const option = frame.getByRole('listbox').getByRole('option', { name: place(name) })
  await option.waitFor()
  const read = { disabled: (await option.getAttribute('aria-disabled')) === 'true' || (await option.getAttribute('data-disabled')) !== null, text: (await option.textContent()) ?? '' }
  await frame.page().keyboard.press('Escape')
  await frame.getByRole('listbox').waitFor({ state: 'detached' })
  return read
}

const squash = (text: string | null) => (text ?? '').replace(/\s/g, '')

beforeAll(async () => {
  // Installing is the first test's step.
  session = await startAppSession({ adminId: ADMIN, install: false })
  hook = B24Hook.fromWebhookUrl(session.sandbox.adminWebhookUrl)
})

afterAll(async () => {
  await session?.close()
})

describe('«Продажа» tab in the sandbox portal (Chromium)', () => {
  const dealId: number = DEMO_DEALS.kosinoRent
  let otherDealId: number

  it('installs as admin; the admin edits the objects directory, a broken one is refused', async () => {
    await session.install()
    const home = await session.openAppPage()
    // The power users' way: the directory as JSON, judged by the same schema (the tree editor: objects-directory.spec.ts).
    await home.locator('[data-testid=directory-json-open]').click()
    const json = home.locator('[data-testid=directory-json]')
    const original = await json.inputValue()

    // Pasted as the power user brings a JSON in (fill() would type its 1,000 lines one by one).
    await pasteInto(json, original.replace('"code": "P101"', '"code": "P 101"'))
    await home.locator('[data-testid=directory-json-apply]').click()
    await home.locator('[data-testid=directory-errors]').waitFor()
    expect(await home.locator('[data-testid=directory-errors]').textContent()).toContain('латинские буквы')
    expect(await home.locator('[data-testid=directory-dirty]').count()).toBe(0)

    await pasteInto(json, original.replace('"ru": "Склад 101"', '"ru": "Склад 101 (у рампы)"'))
    expect(await json.inputValue()).toContain('Склад 101 (у рампы)')
    await home.locator('[data-testid=directory-json-apply]').click()
    await home.locator('[data-testid=directory-dirty]').waitFor()
    expect(await appOption(DIRECTORY_OPTION)).toBeNull()
    await home.locator('[data-testid=directory-save]').click()
    await home.locator('[data-testid=directory-saved]').waitFor()
    const stored = parseObjectsDirectory(await appOption(DIRECTORY_OPTION))
    expect(stored.ok).toBe(true)
    expect(JSON.stringify(stored)).toContain('Склад 101 (у рампы)')
  })

  it('opens the tab for a manager with ONE REST request and shows a place sold elsewhere as taken', async () => {
    // Another active deal already holds customs place 101.
    const held: SaleItem = { id: 'h1', kind: 'object', objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P101', volume: '', termYears: 2, priceMinor: 50_000_000 }
    otherDealId = await rest<number>('crm.deal.add', { fields: { TITLE: 'СВХ — Соседний импортёр', ASSIGNED_BY_ID: MANAGER } })
    await rest('crm.deal.update', { id: otherDealId, fields: { [ITEMS]: serializeSaleItems([held]), [PLACES]: ['CUSTOMS/Z1/S1/P101'] } })

    await session.actAs(MANAGER)
    const frame = await openSaleTab(dealId)
    expect(await frame.evaluate(() => window.__b24Requests?.byScreen['sale-items'])).toBe(1)

    await frame.locator('[data-testid=add-object]').click()
    await pickPlace(frame, [...CUSTOMS_S1, ''])
    const taken = await placeOption(frame, 'Склад 101 (у рампы)')
    expect(taken.disabled).toBe(true)
    expect(taken.text).toContain(`занято, сделка № ${otherDealId}`)
  })

  it('adds items of all three kinds; the draft survives a reload', async () => {
    let frame = await appFrame(session.page, session.appOrigin)
    await saleKind(frame, 'Договор').check()
    await pickPlace(frame, [...CUSTOMS_S1, place('Склад 102')])
    await lastItem(frame, 'object').locator('[data-testid=input-volume]').fill('Склад под замороженную рыбу')
    await lastItem(frame, 'object').locator('[data-testid=input-term]').fill('3')
    await lastItem(frame, 'object').locator('[data-testid=input-price]').fill('1 000 000,07')

    await frame.locator('[data-testid=add-ved]').click()
    await chooseOption(frame, lastItem(frame, 'ved').locator('[data-testid=select-service]'), 'Фитосанитарный контроль')
    await lastItem(frame, 'ved').locator('[data-testid=input-volume]').fill('20 партий в месяц')
    await lastItem(frame, 'ved').locator('[data-testid=input-term]').fill('1')
    await lastItem(frame, 'ved').locator('[data-testid=input-price]').fill('0,10')

    await frame.locator('[data-testid=add-3pl]').click()
    await chooseOption(frame, lastItem(frame, '3pl').locator('[data-testid=select-service]'), 'Подборка заказа')
    await lastItem(frame, '3pl').locator('[data-testid=input-volume]').fill('5 000 коробов')
    await lastItem(frame, '3pl').locator('[data-testid=input-term]').fill('2')
    await lastItem(frame, '3pl').locator('[data-testid=input-price]').fill('0,20')
    expect(squash(await frame.locator('[data-testid=sale-total]').textContent())).toContain('1000000,37₽')

    frame = await openSaleTab(dealId)
    expect(await frame.locator('[data-testid=sale-draft]').isVisible()).toBe(true)
    expect(await saleKind(frame, 'Договор').isChecked()).toBe(true)
    expect(await frame.locator('li[data-item-id]').count()).toBe(3)
    expect(await lastItem(frame, 'object').locator('[data-testid=select-place]').textContent()).toMatch(place('Склад 102'))
    expect(squash(await frame.locator('[data-testid=sale-total]').textContent())).toContain('1000000,37₽')
    // Nothing reached the portal yet.
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(deal[ITEMS] ?? '').toBe('')
  })

  it('keeps deal 37’s existing 4 800 000 product row: shown as not in the sale, a save without a decision sends nothing', async () => {
    const frame = await appFrame(session.page, session.appOrigin)
    const panel = frame.locator('[data-testid=sale-foreign-rows]')
    expect(await panel.textContent()).toContain('Товары сделки, не учтённые в продаже')
    expect(await panel.locator('[data-testid=sale-foreign-row]').count()).toBe(1)
    expect(squash(await panel.locator('[data-testid=sale-foreign-amount]').textContent())).toBe('1600000,00₽×3=4800000,00₽')

    const before = await frame.evaluate(() => window.__b24Requests?.total ?? 0)
    await frame.locator('[data-testid=sale-save]').click()
    await frame.locator('[data-testid=sale-notice-rows-undecided]').waitFor()
    expect(await frame.evaluate(() => window.__b24Requests?.total ?? 0)).toBe(before)
    expect(await frame.locator('[data-testid=sale-notice-saved]').count()).toBe(0)
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(deal.OPPORTUNITY).toBe('4800000.00')
    expect(deal[ITEMS] ?? '').toBe('')
    const rows = await rest<{ PRICE: string | number; QUANTITY: string | number }[]>('crm.deal.productrows.get', { id: dealId })
    expect(rows.map((row) => [Number(row.PRICE), Number(row.QUANTITY)])).toEqual([[1600000, 3]])

    // The manager replaces the row knowingly: the panel says what goes, with a way back.
    await panel.locator('[data-testid=sale-rows-replace]').click()
    expect(squash(await panel.textContent())).toContain('4800000,00₽):присохранении')
    await panel.locator('[data-testid=sale-rows-undo]').waitFor()
  })

  it('saves: product rows and OPPORTUNITY equal the total, the items read back exactly', async () => {
    const frame = await appFrame(session.page, session.appOrigin)
    await frame.locator('[data-testid=sale-save]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })

    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(deal.OPPORTUNITY).toBe('1000000.37')
    const items = readSaleItems(deal[ITEMS] as string)
    if (!items.ok) throw new Error(`items do not read: ${items.reason}`)
    expect(items.items.map((item) => [item.kind, item.termYears, item.priceMinor])).toEqual([
      ['object', 3, 100_000_007],
      ['ved', 1, 10],
      ['3pl', 2, 20],
    ])
    expect(items.items[0]).toMatchObject({ objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P102', volume: 'Склад под замороженную рыбу' })
    expect(items.items[1]).toMatchObject({ service: 'PHYTOSANITARY', volume: '20 партий в месяц' })
    expect(deal[PLACES]).toEqual(['CUSTOMS/Z1/S1/P102'])
    const kindField = await rest<{ LIST: { ID: string; XML_ID: string }[] }[]>('crm.deal.userfield.list', { filter: { FIELD_NAME: KIND } })
    expect(String(deal[KIND])).toBe(kindField[0]!.LIST.find((item) => item.XML_ID === 'CONTRACT')!.ID)

    const rows = await rest<{ PRICE: string | number; QUANTITY: string | number; PRODUCT_NAME: string }[]>('crm.deal.productrows.get', { id: dealId })
    expect(rows.map((row) => Number(row.PRICE))).toEqual([1000000.07, 0.1, 0.2])
    expect(rows.every((row) => Number(row.QUANTITY) === 1)).toBe(true)
    expect(rows[0]!.PRODUCT_NAME).toContain('Склад 102')
    const rowsKopecks = rows.reduce((sum, row) => sum + Math.round(Number(row.PRICE) * 100) * Number(row.QUANTITY), 0)
    expect(rowsKopecks).toBe(100_000_037)
  })

  it('after a reload the tab shows what was saved, without a draft', async () => {
    const frame = await openSaleTab(dealId)
    expect(await frame.locator('[data-testid=sale-draft]').count()).toBe(0)
    expect(await frame.locator('li[data-item-id]').count()).toBe(3)
    expect(await saleKind(frame, 'Договор').isChecked()).toBe(true)
    expect(await lastItem(frame, 'object').locator('[data-testid=input-price]').inputValue()).toBe('1000000,07')
    expect(squash(await frame.locator('[data-testid=sale-total]').textContent())).toContain('1000000,37₽')
  })

  it('takes a deal’s existing rows in as items: price, name and term kept, the amount unchanged', async () => {
    // Deal 38 of the demo: «3PL: ответственное хранение и маркировка — Фрешмаркет», rows 960 000 + 600 000.
    const freshmarket = dealId + 1
    const frame = await openSaleTab(freshmarket)
    const panel = frame.locator('[data-testid=sale-foreign-rows]')
    expect(await panel.locator('[data-testid=sale-foreign-row]').count()).toBe(2)
    expect((await panel.locator('[data-testid=sale-foreign-kind]').allTextContents()).map((text) => text.trim())).toEqual(['Услуги 3PL', 'Услуги 3PL'])
    await panel.locator('[data-testid=sale-rows-take]').click()
    await frame.locator('[data-testid=sale-rows-taken]').waitFor()
    expect(await frame.locator('[data-testid=sale-foreign-rows]').count()).toBe(0)
    expect(await frame.locator('li[data-item-id]').count()).toBe(2)
    expect((await lastItem(frame, '3pl').locator('[data-testid=select-service]').textContent())?.trim()).toBe('Маркировка')
    expect(await lastItem(frame, '3pl').locator('[data-testid=input-price]').inputValue()).toBe('600000,00')
    await saleKind(frame, 'LOI').check()
    await frame.locator('[data-testid=sale-save]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })

    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: freshmarket })
    expect(deal.OPPORTUNITY).toBe('1560000.00')
    const items = readSaleItems(deal[ITEMS] as string)
    expect(items.ok && items.items.map((item) => [item.kind, item.kind === 'object' ? '' : item.service, item.termYears, item.priceMinor, item.volume])).toEqual([
      ['3pl', 'CUSTODY', 1, 96_000_000, 'Ответственное хранение (1 год)'],
      ['3pl', 'LABELLING', 1, 60_000_000, 'Маркировка (1 год)'],
    ])
    const rows = await rest<{ PRICE: string | number; QUANTITY: string | number }[]>('crm.deal.productrows.get', { id: freshmarket })
    expect(rows.map((row) => [Number(row.PRICE), Number(row.QUANTITY)])).toEqual([[960000, 1], [600000, 1]])
  })

  it('stops a save over a colleague’s change made meanwhile and saves the version the manager picks', async () => {
    const frame = await openSaleTab(dealId)
    await lastItem(frame, '3pl').locator('[data-testid=input-price]').fill('0,30')
    // Meanwhile someone else keeps only the object item of the deal.
    const saved = readSaleItems((await rest<Record<string, unknown>>('crm.deal.get', { id: dealId }))[ITEMS] as string)
    if (!saved.ok) throw new Error('saved items do not read')
    await rest('crm.deal.update', { id: dealId, fields: { [ITEMS]: serializeSaleItems(saved.items.slice(0, 1)) } })
    await rest('crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_NAME: 'Склад 102', PRICE: 1000000.07, QUANTITY: 1 }] })

    await frame.locator('[data-testid=sale-save]').click()
    const conflict = frame.locator('[data-testid=conflict-items]')
    await conflict.waitFor()
    expect(await conflict.locator('[data-testid=theirs-line]').count()).toBe(1)
    expect(await conflict.locator('[data-testid=mine-line]').count()).toBe(3)
    // Nothing was written over the colleague's version.
    const during = readSaleItems((await rest<Record<string, unknown>>('crm.deal.get', { id: dealId }))[ITEMS] as string)
    expect(during.ok && during.items.length).toBe(1)

    await conflict.getByRole('radio', { name: /^Оставить мою/ }).check()
    await frame.locator('[data-testid=conflict-apply]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    const after = readSaleItems(deal[ITEMS] as string)
    expect(after.ok && after.items.map((item) => item.priceMinor)).toEqual([100_000_007, 10, 30])
    expect(deal.OPPORTUNITY).toBe('1000000.47')
  })

  it('a colleague’s save landing between the save’s read and its write is caught by the version check: the conflict screen, nothing overwritten', async () => {
    const frame = await openSaleTab(dealId)
    await lastItem(frame, 'ved').locator('[data-testid=input-price]').fill('0,40')
    // The save's read hangs after it read the deal; meanwhile a colleague saves one item.
    session.sandbox.control.faults({ method: 'crm.deal.productrows.get', count: 1, delayMs: 2_000 })
    await frame.locator('[data-testid=sale-save]').click()
    // The save has read the deal once its rows read (the hanging one) has arrived: the fault rule is used up.
    await expect.poll(() => session.sandbox.control.state().faults.length, { timeout: 10_000 }).toBe(0)
    const saved = readSaleItems((await rest<Record<string, unknown>>('crm.deal.get', { id: dealId }))[ITEMS] as string)
    if (!saved.ok) throw new Error('saved items do not read')
    await rest('crm.deal.update', { id: dealId, fields: { [ITEMS]: serializeSaleItems(saved.items.slice(0, 1)) } })
    await rest('crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_NAME: 'Склад 102', PRICE: 1000000.07, QUANTITY: 1 }] })

    const conflict = frame.locator('[data-testid=conflict-items]')
    await conflict.waitFor({ timeout: 30_000 })
    expect(await frame.locator('[data-testid=sale-notice-saved]').count()).toBe(0)
    const during = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(readSaleItems(during[ITEMS] as string)).toMatchObject({ ok: true, items: [{ priceMinor: 100_000_007 }] })
    expect(during.OPPORTUNITY).toBe('1000000.07')

    await conflict.getByRole('radio', { name: /^Оставить мою/ }).check()
    await frame.locator('[data-testid=conflict-apply]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(readSaleItems(deal[ITEMS] as string)).toMatchObject({ ok: true, items: [{ priceMinor: 100_000_007 }, { priceMinor: 40 }, { priceMinor: 30 }] })
    expect(deal.OPPORTUNITY).toBe('1000000.77')
  })

  it('a manager sees the objects directory on the settings page but cannot edit it', async () => {
    const home = await session.openAppPage()
    await home.locator('[data-testid=settings-sale-directory] [data-testid=directory-tree]').waitFor({ timeout: 30_000 })
    expect(await home.locator('[data-testid=directory-type]').count()).toBe(15)
    expect(await home.locator('[data-testid=directory-save]').count()).toBe(0)
    expect(await home.locator('[data-testid=directory-node-actions]').count()).toBe(0)
  })

  it('refuses a place sold on another deal while the manager was editing; nothing is written', async () => {
    const target = await rest<number>('crm.deal.add', { fields: { TITLE: 'СВХ — Новый клиент', ASSIGNED_BY_ID: MANAGER, OPPORTUNITY: 10 } })
    const frame = await openSaleTab(target)
    // The place saved above is taken for this deal now.
    await frame.locator('[data-testid=add-object]').click()
    await pickPlace(frame, [...CUSTOMS_S1, ''])
    expect((await placeOption(frame, 'Склад 102')).disabled).toBe(true)

    await saleKind(frame, 'LOI').check()
    await pickPlace(frame, [...CUSTOMS_S2, place('Склад 201')])
    await lastItem(frame, 'object').locator('[data-testid=input-term]').fill('1')
    await lastItem(frame, 'object').locator('[data-testid=input-price]').fill('250 000')
    // Meanwhile a colleague sells P201 on the other deal.
    await rest('crm.deal.update', { id: otherDealId, fields: { [PLACES]: ['CUSTOMS/Z1/S1/P101', 'CUSTOMS/Z1/S2/P201'] } })

    await frame.locator('[data-testid=sale-save]').click()
    const alert = lastItem(frame, 'object').locator('[role=alert]')
    await alert.waitFor()
    expect(await alert.textContent()).toBe('Место уже продано в другой активной сделке')
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: target })
    expect(deal[ITEMS] ?? '').toBe('')
    expect(deal.OPPORTUNITY).toBe('10.00')
    expect(await rest<unknown[]>('crm.deal.productrows.get', { id: target })).toEqual([])
  })

  it('a save cut after its first write is «не завершено» (here, after a reload, and for another user) and finishes on «Повторить» without double rows', async () => {
    let frame = await appFrame(session.page, session.appOrigin)
    const target = Number(new URL(session.page.url()).pathname.match(/details\/(\d+)/)![1])
    await pickPlace(frame, ['', '', '', place('Склад 202')])
    // The rows write fails (three times: the plan's own retries) after the deal's fields were written.
    session.sandbox.control.faults({ method: 'crm.deal.productrows.set', count: 3, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal error' })
    await frame.locator('[data-testid=sale-save]').click()
    const incomplete = frame.locator('[data-testid=plan-incomplete]')
    await incomplete.waitFor({ timeout: 30_000 })
    expect(await incomplete.textContent()).toContain('Не завершено')
    expect(await incomplete.textContent()).toContain('✓ Позиции, вид и итог продажи')
    expect(await incomplete.textContent()).toContain('○ Товары сделки и её сумма')
    expect(await frame.locator('[data-testid=sale-notice-saved]').count()).toBe(0)
    expect(await frame.locator('[data-testid=sale-draft]').isVisible()).toBe(true)
    const half = await rest<Record<string, unknown>>('crm.deal.get', { id: target })
    expect(readSaleItems(half[ITEMS] as string)).toMatchObject({ ok: true, items: [{ place: 'P202' }] })
    expect(await rest<unknown[]>('crm.deal.productrows.get', { id: target })).toEqual([])

    // Another user's browser has no journal of it: the card itself reads as unfinished.
    await session.actAs(ADMIN)
    frame = await openSaleTab(target)
    await frame.locator('[data-testid=sale-card-unfinished]').waitFor()
    expect(await frame.locator('[data-testid=sale-save]').textContent()).toContain('Завершить сохранение')

    await session.actAs(MANAGER)
    frame = await openSaleTab(target)
    await frame.locator('[data-testid=plan-incomplete]').waitFor()
    expect(await frame.locator('[data-testid=sale-card-unfinished]').count()).toBe(0)
    session.sandbox.control.clearFaults()
    await frame.locator('[data-testid=plan-repeat]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })
    expect(await frame.locator('[data-testid=plan-incomplete]').count()).toBe(0)
    expect(await frame.locator('[data-testid=sale-draft]').count()).toBe(0)
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: target })
    expect(deal.OPPORTUNITY).toBe('250000.00')
    expect(deal[PLACES]).toEqual(['CUSTOMS/Z1/S2/P202'])
    const rows = await rest<{ PRICE: string | number; QUANTITY: string | number }[]>('crm.deal.productrows.get', { id: target })
    expect(rows.map((row) => [Number(row.PRICE), Number(row.QUANTITY)])).toEqual([[250000, 1]])
  })

  it('a manager saving on a colleague’s deal is refused visibly: no «Сохранено», the typed price kept, the deal unchanged', async () => {
    const before = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    await session.actAs(SECOND_MANAGER)
    const frame = await openSaleTab(dealId)
    await lastItem(frame, 'object').locator('[data-testid=input-price]').fill('999 999')
    await frame.locator('[data-testid=sale-save]').click()
    const incomplete = frame.locator('[data-testid=plan-incomplete]')
    await incomplete.waitFor({ timeout: 30_000 })
    expect(await incomplete.textContent()).toContain('Недостаточно прав')
    expect(await frame.locator('[data-testid=sale-notice-saved]').count()).toBe(0)
    expect(await frame.locator('[data-testid=sale-draft]').isVisible()).toBe(true)
    expect(await lastItem(frame, 'object').locator('[data-testid=input-price]').inputValue()).toBe('999 999')
    const after = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect([after[ITEMS], after.OPPORTUNITY, after.DATE_MODIFY]).toEqual([before[ITEMS], before.OPPORTUNITY, before.DATE_MODIFY])
  })

  it('refuses bad input before anything is sent, with a message in the user’s language', async () => {
    await session.actAs(MANAGER)
    const target = await rest<number>('crm.deal.add', { fields: { TITLE: 'СВХ — проверка ввода', ASSIGNED_BY_ID: MANAGER } })
    let frame = await openSaleTab(target)
    await saleKind(frame, 'LOI').check()
    await frame.locator('[data-testid=add-ved]').click()
    const item = lastItem(frame, 'ved')
    await chooseOption(frame, item.locator('[data-testid=select-service]'), 'Ветеринарный контроль')
    await item.locator('[data-testid=input-term]').fill('1')
    const price = item.locator('[data-testid=input-price]')
    const priceError = item.locator('[id$=-price-error]')
    for (const [typed, message] of [
      ['1e5', 'Стоимость — число цифрами, например 150 000,50'],
      ['2 000 000 000 000', 'Стоимость — не больше 1 000 000 000 000 ₽'],
      ['10,005', 'Не больше двух знаков после запятой (копейки)'],
      ['0', 'Стоимость должна быть больше нуля'],
    ]) {
      await price.fill(typed!)
      expect(await priceError.textContent()).toBe(message)
    }
    await price.fill('150 000')
    await item.locator('[data-testid=input-volume]').fill('ж'.repeat(100_000))
    const requests = await frame.evaluate(() => window.__b24Requests?.total ?? 0)
    await frame.locator('[data-testid=sale-save]').click()
    await frame.locator('[data-testid=sale-invalid]').waitFor()
    expect(await item.locator('[role=alert]').allTextContents()).toEqual(['Не длиннее 1 000 символов'])
    expect(await frame.evaluate(() => window.__b24Requests?.total ?? 0)).toBe(requests)
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: target })
    expect(deal[ITEMS] ?? '').toBe('')

    // The same in English (the portal's language reaches the app as LANG).
    await session.context.addCookies([{ name: 'lang', value: 'en', url: session.sandbox.origin }])
    try {
      frame = await openSaleTab(target, 'Sale')
      await lastItem(frame, 'ved').locator('[data-testid=input-price]').fill('1e5')
      expect(await lastItem(frame, 'ved').locator('[id$=-price-error]').textContent()).toBe('The price is a plain number, e.g. 150000.50')
      await frame.locator('[data-testid=sale-save]').click()
      await frame.locator('[data-testid=sale-invalid]').waitFor()
      expect(await lastItem(frame, 'ved').locator('[role=alert]').allTextContents()).toContain('At most 1,000 characters')
    } finally {
      await session.context.addCookies([{ name: 'lang', value: 'ru', url: session.sandbox.origin }])
    }
    expect((await rest<Record<string, unknown>>('crm.deal.get', { id: target }))[ITEMS] ?? '').toBe('')
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
