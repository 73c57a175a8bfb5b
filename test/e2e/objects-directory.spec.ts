import { mkdirSync } from 'node:fs'
import { B24Hook } from '@bitrix24/b24jssdk'
import type { Frame, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_DEALS } from '../../sandbox/demo/crm'
import { SALE_FIELDS } from '../../src/domain/fields/sale'
import { parseObjectsDirectory, serializeSaleItems } from '../../src/domain/sale'
import type { ObjectsDirectory, SaleItem } from '../../src/domain/sale'
import { DIRECTORY_OPTION } from '../../widgets/sale-items/directory-option'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'

// Issue 16: the objects directory edited as a tree on the settings page, in Russian and in English.
// The admin adds a place and renames a zone, saves, and the result is read back through REST
// (app.option.get, b24restdocs api-reference/common/settings/app-option-get.md); the «Продажа» tab
// then offers the new place. A place a deal uses (crm.deal.list on the places field) cannot be removed.

const ADMIN = 1
const ITEMS = SALE_FIELDS.items.fieldName
const PLACES = SALE_FIELDS.places.fieldName

let session: AppSession
let hook: B24Hook
let holderId: number
const HOLDER = 'СВХ — Держатель склада 101'

async function rest<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const reply = await hook.actions.v2.call.make<T>({ method, params })
  if (!reply.isSuccess) throw new Error(`${method}: ${reply.getErrorMessages().join('; ')}`)
  return reply.getData()!.result
}

async function storedDirectory(): Promise<ObjectsDirectory> {
  const read = parseObjectsDirectory(await session.rest<unknown>('app.option.get', { option: DIRECTORY_OPTION }))
  if (!read.ok) throw new Error('the stored directory does not read')
  return read.directory
}

const SHOTS = process.env.SHOTS_DIR
/** SHOTS_DIR=<dir>: the customs object type of the directory as the admin sees it, at 1280 px. */
async function shot(home: Frame, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await session.page.setViewportSize({ width: 1280, height: 900 })
  await node(home, 'type', 'CUSTOMS').screenshot({ path: `${SHOTS}/${name}.png` })
}

const customsOf = (directory: ObjectsDirectory) => directory.objectTypes.find((type) => type.code === 'CUSTOMS')!

const node = (within: Frame | Locator, level: string, code: string) => within.locator(`[data-testid=directory-${level}][data-code=${code}]`).first()

async function openSettings(): Promise<{ home: Frame; sector: Locator; zone: Locator }> {
  const home = await session.openAppPage()
  const customs = node(home, 'type', 'CUSTOMS')
  await customs.waitFor({ timeout: 30_000 })
  await customs.locator('summary').first().click()
  const zone = node(customs, 'zone', 'Z1')
  const sector = node(zone, 'sector', 'S1')
  // The deals holding places are read after the tree shows.
  await node(sector, 'place', 'P101').locator('[data-testid=directory-in-use]').waitFor({ timeout: 30_000 })
  return { home, sector, zone }
}

/** The places the «Продажа» tab lists after the manager picks the type, the zone and sector 1 by the names they read. */
async function offeredPlaces(dealId: number, tabTitle: string, path: readonly [string, string, string]): Promise<string[]> {
  const frame = await session.openTab('deal', dealId, tabTitle)
  await frame.locator('[data-testid=sale-save]').waitFor({ timeout: 30_000 })
  await frame.locator('[data-testid=add-object]').click()
  const item = frame.locator('[data-testid=sale-item-object]').last()
  for (const [index, level] of (['objectType', 'zone', 'sector'] as const).entries()) await chooseOption(frame, item.locator(`[data-testid=select-${level}]`), path[index]!)
  await item.locator('[data-testid=select-place]').click()
  const options = frame.getByRole('listbox').getByRole('option')
  await options.first().waitFor()
  const texts = await options.allTextContents()
  await frame.page().keyboard.press('Escape')
  return texts
}

beforeAll(async () => {
  session = await startAppSession({ adminId: ADMIN })
  hook = B24Hook.fromWebhookUrl(session.sandbox.adminWebhookUrl)
  // A deal in work holds customs place 101.
  const held: SaleItem = { id: 'h1', kind: 'object', objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P101', volume: '', termYears: 1, priceMinor: 10_000_00 }
  holderId = await rest<number>('crm.deal.add', { fields: { TITLE: HOLDER, ASSIGNED_BY_ID: ADMIN } })
  await rest('crm.deal.update', { id: holderId, fields: { [ITEMS]: serializeSaleItems([held]), [PLACES]: ['CUSTOMS/Z1/S1/P101'] } })
})

afterAll(async () => {
  await session?.close()
})

const CASES = [
  {
    lang: 'ru',
    tab: 'Продажа',
    path: ['Таможня', 'Зона СВХ у рампы', 'Сектор 1'],
    keyboard: false,
    place: { code: 'P103', ru: 'Склад 103', en: 'No. 103', area: '1 250,5', areaM2: 1250.5, name: 'Склад 103', shownArea: '1 250,5 м²' },
    zone: { field: 'node-ru', value: 'Зона СВХ у рампы' },
    inUse: `Используется: № {deal} «${HOLDER}»`,
    refused: `Нельзя удалить «Склад 101»: его места используют сделки: № {deal} «${HOLDER}». Сначала освободите места в этих сделках.`,
    badCode: 'Код: латинские буквы, цифры, _ и -, до 40 знаков',
    saved: 'Справочник сохранён.',
  },
  {
    lang: 'en',
    tab: 'Sale',
    path: ['Customs', 'TSW zone by the ramp', 'Sector 1'],
    keyboard: true,
    place: { code: 'P104', ru: 'Склад 104', en: 'Store 104', area: '1,250.5', areaM2: 1250.5, name: 'Store 104', shownArea: '1,250.5 m²' },
    zone: { field: 'node-en', value: 'TSW zone by the ramp' },
    inUse: `In use: No. {deal} «${HOLDER}»`,
    refused: `«No. 101» cannot be removed: deals use its places: No. {deal} «${HOLDER}». Free the places in these deals first.`,
    badCode: 'Code: Latin letters, digits, _ and -, up to 40 characters',
    saved: 'The directory is saved.',
  },
] as const

const withHolder = (text: string) => text.replace('{deal}', String(holderId))

describe('the objects directory editor in the sandbox portal (Chromium)', () => {
  it.each(CASES)('$lang: a used place cannot be removed; the admin adds a place, renames a zone, saves; the tab offers the place', async (c) => {
    await session.context.addCookies([{ name: 'lang', value: c.lang, url: session.sandbox.origin }])
    const { home, sector, zone } = await openSettings()
    const used = node(sector, 'place', 'P101')
    expect(await used.locator('[data-testid=directory-in-use]').textContent()).toBe(withHolder(c.inUse))

    // Removing the used place is refused with the deal named; nothing changes.
    await used.locator('[data-testid=directory-remove]').first().click()
    const refused = home.locator('[data-testid=directory-remove-refused]')
    await refused.waitFor()
    expect(await refused.textContent()).toBe(withHolder(c.refused))
    await shot(home, `directory-refused-${c.lang}`)
    expect(await home.locator('[data-testid=directory-remove-confirm]').count()).toBe(0)
    await home.locator('[data-testid=directory-remove-cancel]').click()
    await refused.waitFor({ state: 'detached' })
    expect(await home.locator('[data-testid=directory-dirty]').count()).toBe(0)

    // A new place in sector 1: a bad code is refused next to the field, then fixed.
    await sector.locator('[data-testid=directory-add-place]').first().click()
    const form = home.locator('[data-testid=directory-node-form]')
    await form.waitFor()
    await form.locator('[data-testid=node-code]').fill('P 1')
    await form.locator('[data-testid=node-ru]').fill(c.place.ru)
    await form.locator('[data-testid=node-en]').fill(c.place.en)
    await form.locator('[data-testid=node-area]').fill(c.place.area)
    await form.locator('[data-testid=node-apply]').click()
    expect(await form.locator('[data-testid=error-code]').textContent()).toBe(c.badCode)
    await form.locator('[data-testid=node-code]').fill(c.place.code)
    await form.locator('[data-testid=node-apply]').click()
    await form.waitFor({ state: 'detached' })
    const added = node(sector, 'place', c.place.code)
    expect(await added.locator('[data-testid=directory-name]').textContent()).toBe(c.place.name)
    expect((await added.textContent())?.replace(/\s+/g, ' ')).toContain(c.place.shownArea)

    // The used zone is renamed; its code is locked.
    const change = zone.locator('[data-testid=directory-change]').first()
    if (c.keyboard) {
      await change.focus()
      await home.page().keyboard.press('Enter')
    } else {
      await change.click()
    }
    await form.waitFor()
    expect(await form.locator('[data-testid=node-code]').isDisabled()).toBe(true)
    await form.locator(`[data-testid=${c.zone.field}]`).fill(c.zone.value)
    await shot(home, `directory-zone-form-${c.lang}`)
    if (c.keyboard) await form.locator(`[data-testid=${c.zone.field}]`).press('Enter')
    else await form.locator('[data-testid=node-apply]').click()
    await form.waitFor({ state: 'detached' })
    await home.locator('[data-testid=directory-dirty]').waitFor()

    await home.locator('[data-testid=directory-save]').click()
    const saved = home.locator('[data-testid=directory-saved]')
    await saved.waitFor({ timeout: 30_000 })
    expect(await saved.textContent()).toBe(c.saved)
    await shot(home, `directory-saved-${c.lang}`)

    const customs = customsOf(await storedDirectory())
    const z1 = customs.zones.find((entry) => entry.code === 'Z1')!
    expect(c.zone.field === 'node-ru' ? z1.label.ru : z1.label.en).toBe(c.zone.value)
    const places = z1.sectors.find((entry) => entry.code === 'S1')!.places
    expect(places.find((place) => place.code === c.place.code)).toEqual({ code: c.place.code, label: { ru: c.place.ru, en: c.place.en }, areaM2: c.place.areaM2 })
    expect(places.some((place) => place.code === 'P101')).toBe(true)

    const offered = await offeredPlaces(DEMO_DEALS.kosinoRent, c.tab, c.path)
    expect(offered.some((text) => text.includes(c.place.name))).toBe(true)
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
