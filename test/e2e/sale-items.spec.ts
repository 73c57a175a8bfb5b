import { B24Hook } from '@bitrix24/b24jssdk'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { SALE_FIELDS } from '../../src/domain/fields/sale'
import { parseObjectsDirectory, readSaleItems, serializeSaleItems } from '../../src/domain/sale'
import type { SaleItem } from '../../src/domain/sale'
import { DIRECTORY_OPTION } from '../../widgets/sale-items/directory-option'
import { startAppSession, type AppSession } from './helpers/app-session'
import { appFrame } from './helpers/portal'

// The «Продажа» deal tab of the built app in the sandbox portal (Chromium), walked as issue 5's
// «Done when» says; every result is read back from the sandbox's REST through the SDK's B24Hook.
// Shapes: b24restdocs api-reference/crm/deals/crm-deal-get.md, crm-deal-update.md,
// crm-deal-productrows-get.md, crm-deal-productrows-set.md, common/settings/app-option-get.md,
// app-option-set.md, settings/how-to-call-rest-api/batch.md.

const ADMIN = 1
const MANAGER = 3
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
async function openSaleTab(dealId: number): Promise<Frame> {
  const frame = await session.openTab('deal', dealId, 'Продажа')
  await frame.locator('[data-testid=sale-save]').waitFor({ timeout: 30_000 })
  return frame
}

const lastItem = (frame: Frame, kind: string) => frame.locator(`[data-testid=sale-item-${kind}]`).last()

async function pickPlace(frame: Frame, path: [string, string, string, string]): Promise<void> {
  const item = lastItem(frame, 'object')
  const [objectType, zone, sector, place] = path
  await item.locator('[data-testid=select-objectType]').selectOption(objectType)
  await item.locator('[data-testid=select-zone]').selectOption(zone)
  await item.locator('[data-testid=select-sector]').selectOption(sector)
  await item.locator('[data-testid=select-place]').selectOption(place)
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
    await home.locator('[data-testid=directory-edit]').click()
    const json = home.locator('[data-testid=directory-json]')
    const original = await json.inputValue()

    await json.fill(original.replace('"code": "P101"', '"code": "P 101"'))
    await home.locator('[data-testid=directory-save]').click()
    await home.locator('[data-testid=directory-errors]').waitFor()
    expect(await home.locator('[data-testid=directory-errors]').textContent()).toContain('латинские буквы')
    expect(await appOption(DIRECTORY_OPTION)).toBeNull()

    await json.fill(original.replace('"ru": "Склад 101"', '"ru": "Склад 101 (у рампы)"'))
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
    await pickPlace(frame, ['CUSTOMS', 'Z1', 'S1', ''])
    const taken = lastItem(frame, 'object').locator('[data-testid=select-place] option[value=P101]')
    expect(await taken.isDisabled()).toBe(true)
    expect(await taken.textContent()).toContain(`Склад 101 (у рампы)`)
    expect(await taken.textContent()).toContain(`занято, сделка № ${otherDealId}`)
  })

  it('adds items of all three kinds; the draft survives a reload', async () => {
    let frame = await appFrame(session.page, session.appOrigin)
    await frame.locator('[data-testid=sale-kind-CONTRACT]').check()
    await pickPlace(frame, ['CUSTOMS', 'Z1', 'S1', 'P102'])
    await lastItem(frame, 'object').locator('[data-testid=input-volume]').fill('Склад под замороженную рыбу')
    await lastItem(frame, 'object').locator('[data-testid=input-term]').fill('3')
    await lastItem(frame, 'object').locator('[data-testid=input-price]').fill('1 000 000,07')

    await frame.locator('[data-testid=add-ved]').click()
    await lastItem(frame, 'ved').locator('[data-testid=select-service]').selectOption('PHYTOSANITARY')
    await lastItem(frame, 'ved').locator('[data-testid=input-volume]').fill('20 партий в месяц')
    await lastItem(frame, 'ved').locator('[data-testid=input-term]').fill('1')
    await lastItem(frame, 'ved').locator('[data-testid=input-price]').fill('0,10')

    await frame.locator('[data-testid=add-3pl]').click()
    await lastItem(frame, '3pl').locator('[data-testid=select-service]').selectOption('PICKING')
    await lastItem(frame, '3pl').locator('[data-testid=input-volume]').fill('5 000 коробов')
    await lastItem(frame, '3pl').locator('[data-testid=input-term]').fill('2')
    await lastItem(frame, '3pl').locator('[data-testid=input-price]').fill('0,20')
    expect(squash(await frame.locator('[data-testid=sale-total]').textContent())).toContain('1000000,37₽')

    frame = await openSaleTab(dealId)
    expect(await frame.locator('[data-testid=sale-draft]').isVisible()).toBe(true)
    expect(await frame.locator('[data-testid=sale-kind-CONTRACT]').isChecked()).toBe(true)
    expect(await frame.locator('li[data-item-id]').count()).toBe(3)
    expect(await lastItem(frame, 'object').locator('[data-testid=select-place]').inputValue()).toBe('P102')
    expect(squash(await frame.locator('[data-testid=sale-total]').textContent())).toContain('1000000,37₽')
    // Nothing reached the portal yet.
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    expect(deal[ITEMS] ?? '').toBe('')
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
    expect(await frame.locator('[data-testid=sale-kind-CONTRACT]').isChecked()).toBe(true)
    expect(await lastItem(frame, 'object').locator('[data-testid=input-price]').inputValue()).toBe('1000000,07')
    expect(squash(await frame.locator('[data-testid=sale-total]').textContent())).toContain('1000000,37₽')
  })

  it('stops a save over a colleague’s change made meanwhile and saves the version the manager picks', async () => {
    const frame = await openSaleTab(dealId)
    await lastItem(frame, '3pl').locator('[data-testid=input-price]').fill('0,30')
    // Meanwhile someone else keeps only the object item of the deal.
    const saved = readSaleItems((await rest<Record<string, unknown>>('crm.deal.get', { id: dealId }))[ITEMS] as string)
    if (!saved.ok) throw new Error('saved items do not read')
    await rest('crm.deal.update', { id: dealId, fields: { [ITEMS]: serializeSaleItems(saved.items.slice(0, 1)) } })

    await frame.locator('[data-testid=sale-save]').click()
    const conflict = frame.locator('[data-testid=conflict-items]')
    await conflict.waitFor()
    expect(await conflict.locator('[data-testid=theirs-line]').count()).toBe(1)
    expect(await conflict.locator('[data-testid=mine-line]').count()).toBe(3)
    // Nothing was written over the colleague's version.
    const during = readSaleItems((await rest<Record<string, unknown>>('crm.deal.get', { id: dealId }))[ITEMS] as string)
    expect(during.ok && during.items.length).toBe(1)

    await conflict.locator('[data-testid=keep-mine]').check()
    await frame.locator('[data-testid=conflict-apply]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
    const after = readSaleItems(deal[ITEMS] as string)
    expect(after.ok && after.items.map((item) => item.priceMinor)).toEqual([100_000_007, 10, 30])
    expect(deal.OPPORTUNITY).toBe('1000000.47')
  })

  it('a manager sees the objects directory on the settings page but cannot edit it', async () => {
    const home = await session.openAppPage()
    await home.locator('[data-testid=settings-sale-directory] [data-testid=directory-tree]').waitFor({ timeout: 30_000 })
    expect(await home.locator('[data-testid=directory-type]').count()).toBe(15)
    expect(await home.locator('[data-testid=directory-edit]').count()).toBe(0)
  })

  it('refuses a place sold on another deal while the manager was editing; nothing is written', async () => {
    const target = await rest<number>('crm.deal.add', { fields: { TITLE: 'СВХ — Новый клиент', ASSIGNED_BY_ID: MANAGER, OPPORTUNITY: 10 } })
    const frame = await openSaleTab(target)
    // The place saved above is taken for this deal now.
    await frame.locator('[data-testid=add-object]').click()
    await pickPlace(frame, ['CUSTOMS', 'Z1', 'S1', ''])
    expect(await lastItem(frame, 'object').locator('[data-testid=select-place] option[value=P102]').isDisabled()).toBe(true)

    await frame.locator('[data-testid=sale-kind-LOI]').check()
    await pickPlace(frame, ['CUSTOMS', 'Z1', 'S2', 'P201'])
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

  it('reports a save cut short by a portal fault, keeps what was typed, and a second save makes rows and amount consistent', async () => {
    const frame = await appFrame(session.page, session.appOrigin)
    const target = Number(new URL(session.page.url()).pathname.match(/details\/(\d+)/)![1])
    await pickPlace(frame, ['CUSTOMS', 'Z1', 'S2', 'P202'])
    // The rows write fails after the deal's fields were written.
    session.sandbox.control.faults({ method: 'crm.deal.productrows.set', count: 1, status: 500, code: 'INTERNAL_SERVER_ERROR', description: 'Internal error' })
    await frame.locator('[data-testid=sale-save]').click()
    await frame.locator('[data-testid=sale-save-error]').waitFor({ timeout: 30_000 })
    expect(await frame.locator('[data-testid=sale-draft]').isVisible()).toBe(true)
    expect(await lastItem(frame, 'object').locator('[data-testid=input-price]').inputValue()).toBe('250 000')
    expect(await rest<unknown[]>('crm.deal.productrows.get', { id: target })).toEqual([])

    await frame.locator('[data-testid=sale-save]').click()
    await frame.locator('[data-testid=sale-notice-saved]').waitFor({ timeout: 30_000 })
    const deal = await rest<Record<string, unknown>>('crm.deal.get', { id: target })
    expect(deal.OPPORTUNITY).toBe('250000.00')
    expect(deal[PLACES]).toEqual(['CUSTOMS/Z1/S2/P202'])
    const rows = await rest<{ PRICE: string | number; QUANTITY: string | number }[]>('crm.deal.productrows.get', { id: target })
    expect(rows.map((row) => [Number(row.PRICE), Number(row.QUANTITY)])).toEqual([[250000, 1]])
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
