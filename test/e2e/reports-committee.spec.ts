import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDeals } from '../../sandbox/demo/generate'
import { PEOPLE } from '../../sandbox/demo/people'
import { formatMoney } from '../../src/domain/money'
import { startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'
import { openReportPage } from './helpers/report-page'

// The report page's «Комитет» tab (issue 15, Kosino's committee reports) in Chromium against the sandbox
// portal. The demo's Kosino records get what the app's tabs write — client statuses (enumeration items),
// object types on the web-form leads, sale items on the Kosino deals, history events as company timeline
// comments — through REST, plus records of a user outside the head's department. The expected figures are
// recounted here from REST as the head reads it (crm.company.list, crm.deal.list, crm.lead.list,
// crm.timeline.comment.list), with code of this file only, never from the page or the app's domain.

/** A list row as REST returns it: strings (user fields too). */
type Row = { ID: string } & Record<string, string>

const HEAD = PEOPLE.headOfSales
const OUTSIDER = PEOPLE.approver
const KOSINO = 3

let session: AppSession
const rest = <T>(method: string, params: Record<string, unknown> = {}, userId?: number) => session.rest<T>(method, params, userId)

async function readAll<T extends object>(method: string, params: Record<string, unknown>, userId: number): Promise<T[]> {
  const rows: T[] = []
  for (let after = 0; ; ) {
    const page = await rest<T[]>(method, { ...params, filter: { ...(params.filter as object), '>ID': after }, order: { ID: 'ASC' }, start: -1 }, userId)
    rows.push(...page)
    if (page.length < 50) return rows
    after = Number((page.at(-1) as { ID: string | number }).ID)
  }
}

/** XML_ID by item ID of an enumeration user field. */
async function items(entity: 'company' | 'lead', field: string): Promise<Map<string, string>> {
  const [uf] = await rest<Array<{ LIST: Array<{ ID: string | number; XML_ID: string }> }>>(`crm.${entity}.userfield.list`, { filter: { FIELD_NAME: field } })
  return new Map(uf!.LIST.map((item) => [String(item.ID), item.XML_ID]))
}
const idOf = (map: Map<string, string>, code: string) => [...map].find(([, xml]) => xml === code)![0]

const TYPE_LABELS: Record<string, string> = {
  'Подписание соглашения/договора': 'SIGNING',
  'Обработка «лида»/создание карточки клиента': 'LEAD_OR_CARD',
  'После продажное сопровождение': 'AFTER_SALES',
}
const event = (label: string, date: string, text: string) => `[${label}] ${date}\n${text}`

/**
 * m² of a place of the default directory (no option stored): place n of a sector (P<sector><nn>) is
 * 40 + 15·n in the rooms of the infrastructure objects, 500·n in the customs warehouse, 100·n + 0.5 in
 * the warehouses; a code the directory lacks has no area.
 */
const ROOMS = ['SERVICE_OFFICES', 'CATERING', 'APART_HOTEL', 'STAFF_HOTEL', 'RETAIL_SHOP', 'AUTO_PARTS_SHOP', 'PHARMACY', 'CAR_SERVICE', 'CAR_WASH']
const WAREHOUSES = ['RETAIL_DC_PARK', 'LOW_TEMP_COMPLEX', 'SMALL_WHOLESALE_COMPLEX', 'ALL_SEASON_TRADE_ZONE', 'MULTI_PRODUCTION_COMPLEX']
function area(item: Record<string, unknown>): number {
  const [, sector, n] = /^P(\d)(\d\d)$/.exec(String(item.place)) ?? []
  if (!n || `S${sector}` !== item.sector) return 0
  const type = String(item.objectType)
  const [zones, sectors, places, m2] = ROOMS.includes(type) ? [1, 1, 3, 40 + 15 * Number(n)] : type === 'CUSTOMS' ? [1, 2, 2, 500 * Number(n)] : WAREHOUSES.includes(type) ? [2, 2, 4, 100 * Number(n) + 0.5] : [0, 0, 0, 0]
  const zone = Number(String(item.zone).slice(1))
  return zone >= 1 && zone <= zones && Number(sector) <= sectors && Number(n) <= places ? m2 : 0
}

/** A row of «Продажи по объектам»: what its cells show. */
interface ObjectFigures { deals: number; won: number; places: number; area: number; term: number | null; amount: number }

/**
 * «Продажи по объектам» as crm.deal.list gives the viewer the deals' items field: every place sold in a
 * deal not lost, by object type, type/zone and type/zone/sector, and in total; the price counts in RUB deals.
 */
async function expectedObjects(userId: number): Promise<Map<string, ObjectFigures>> {
  const deals = await readAll<Row>('crm.deal.list', { select: ['ID', 'STAGE_SEMANTIC_ID', 'CURRENCY_ID', 'UF_CRM_KOS_SALE_ITEMS'] }, userId)
  const groups = new Map<string, { deals: Set<string>; won: Set<string>; places: number; area: number; terms: number[]; amount: number }>()
  for (const d of deals) {
    if (!d.UF_CRM_KOS_SALE_ITEMS || d.STAGE_SEMANTIC_ID === 'F') continue
    for (const item of (JSON.parse(d.UF_CRM_KOS_SALE_ITEMS) as { items: Array<Record<string, string | number | null>> }).items) {
      if (item.kind !== 'object') continue
      const type = String(item.objectType)
      for (const key of [type, `${type}/${item.zone}`, `${type}/${item.zone}/${item.sector}`, 'total']) {
        const g = groups.get(key) ?? { deals: new Set(), won: new Set(), places: 0, area: 0, terms: [], amount: 0 }
        g.deals.add(d.ID)
        if (d.STAGE_SEMANTIC_ID === 'S') g.won.add(d.ID)
        g.places++
        g.area += area(item)
        if (typeof item.termYears === 'number' && item.termYears > 0) g.terms.push(item.termYears)
        if (d.CURRENCY_ID === 'RUB') g.amount += Number(item.priceMinor ?? 0)
        groups.set(key, g)
      }
    }
  }
  return new Map([...groups].map(([key, g]) => [key, {
    deals: g.deals.size, won: g.won.size, places: g.places, area: g.area, amount: g.amount,
    term: g.terms.length ? g.terms.reduce((a, b) => a + b, 0) / g.terms.length : null,
  }]))
}

interface Expected {
  steps: Map<string, number>
  companies: number
  objects: Map<string, ObjectFigures>
  leads: Map<string, { total: number; open: number; converted: number; junk: number }>
  years: Map<string, { total: number; clients: number }>
}

async function expected(userId: number): Promise<Expected> {
  const status = await items('company', 'UF_CRM_KOS_STATUS')
  const companies = await readAll<Row>('crm.company.list', { select: ['ID', 'UF_CRM_KOS_STATUS', 'UF_CRM_KOS_INACTIVE'] }, userId)
  const steps = new Map<string, number>()
  for (const c of companies) {
    const key = String(c.UF_CRM_KOS_INACTIVE) === '1' || String(c.UF_CRM_KOS_INACTIVE) === 'Y' ? 'INACTIVE' : c.UF_CRM_KOS_STATUS ? status.get(String(c.UF_CRM_KOS_STATUS))! : 'NEW'
    steps.set(key, (steps.get(key) ?? 0) + 1)
  }

  const objects = await expectedObjects(userId)

  const objectTypes = await items('lead', 'UF_CRM_KOS_OBJECT_TYPE')
  const leadRows = await readAll<Row>('crm.lead.list', { select: ['ID', 'STATUS_SEMANTIC_ID', 'UF_CRM_KOS_OBJECT_TYPE'] }, userId)
  const leads = new Map<string, { total: number; open: number; converted: number; junk: number }>()
  for (const l of leadRows) {
    const code = l.UF_CRM_KOS_OBJECT_TYPE ? objectTypes.get(String(l.UF_CRM_KOS_OBJECT_TYPE))! : 'none'
    const f = leads.get(code) ?? { total: 0, open: 0, converted: 0, junk: 0 }
    f.total++
    if (l.STATUS_SEMANTIC_ID === 'S') f.converted++
    else if (l.STATUS_SEMANTIC_ID === 'F') f.junk++
    else f.open++
    leads.set(code, f)
  }

  const years = new Map<string, { total: number; clients: Set<string> }>()
  for (const c of companies) {
    const comments = await rest<Array<{ COMMENT: string }>>('crm.timeline.comment.list', { filter: { ENTITY_ID: c.ID, ENTITY_TYPE: 'company' }, select: ['ID', 'COMMENT'] }, userId)
    for (const comment of comments) {
      const m = /^\[(.+?)\] (\d{4})-\d{2}-\d{2}$/.exec(comment.COMMENT.split('\n')[0]!)
      if (!m || !TYPE_LABELS[m[1]!]) continue
      const y = years.get(m[2]!) ?? { total: 0, clients: new Set() }
      y.total++
      y.clients.add(c.ID)
      years.set(m[2]!, y)
    }
  }
  return { steps, companies: companies.length, objects, leads, years: new Map([...years].map(([y, v]) => [y, { total: v.total, clients: v.clients.size }])) }
}

/** A figure as the page writes it, back to a number (ru: «350,5», en: «1,350.5»). */
function figure(text: string | null, lang: 'ru' | 'en'): number {
  const raw = (text ?? '').replace(/[\s\u00a0\u202f]/g, '')
  if (raw === '—') return NaN
  const plain = lang === 'ru' ? raw.replace(/[^\d,.-]/g, '').replace(',', '.') : raw.replace(/[^\d.-]/g, '')
  return Number(plain || '0')
}

async function openReport(userId: number, lang: 'ru' | 'en'): Promise<Frame> {
  await session.context.addCookies([{ name: 'sandbox_user', value: String(userId), url: session.sandbox.origin }])
  const frame = await openReportPage(session, lang)
  await frame.getByTestId('tab-committee').waitFor({ timeout: 120_000 })
  return frame
}

/** Whether the page shows its period and pipeline filters: only where the shown report applies them. */
const filtersShown = async (frame: Frame) => ({ period: await frame.getByTestId('filter-period').count(), pipeline: await frame.getByTestId('filter-pipeline').count() })

const requests = (frame: Frame) => frame.evaluate(() => window.__b24Requests?.total ?? 0)

async function showView(frame: Frame, name: string, view: string): Promise<void> {
  await chooseOption(frame, frame.getByTestId('committee-view'), name)
  await frame.getByTestId(`committee-table-${view}`).waitFor({ timeout: 120_000 })
}

const cell = (frame: Frame, view: string, key: string, column: string) =>
  frame.locator(`[data-testid=committee-table-${view}] tr[data-key="${key}"] [data-column="${column}"]`).textContent()

/** Every row of a view's table in one read: data-key → column → text. */
const tableCells = (frame: Frame, view: string) =>
  frame.getByTestId(`committee-table-${view}`).evaluate((table) =>
    Object.fromEntries([...table.querySelectorAll('tr[data-key]')].map((tr) => [
      tr.getAttribute('data-key')!,
      Object.fromEntries([...tr.querySelectorAll('[data-column]')].map((c) => [c.getAttribute('data-column')!, c.textContent ?? ''])),
    ])),
  )

/** «Продажи по объектам» on screen against the recount: the same rows, every figure of each. */
async function compareObjects(frame: Frame, lang: 'ru' | 'en', want: Map<string, ObjectFigures>, where: string): Promise<void> {
  const shown = await tableCells(frame, 'objects')
  expect(Object.keys(shown).sort(), where).toEqual([...want.keys()].sort())
  for (const [key, f] of want) {
    const row = shown[key]!
    for (const column of ['deals', 'won', 'places'] as const) expect(figure(row[column]!, lang), `${where}: ${key} ${column}`).toBe(f[column])
    expect(figure(row.area!, lang), `${where}: ${key} area`).toBeCloseTo(f.area, 2)
    if (f.term === null) expect(figure(row.term!, lang), `${where}: ${key} term`).toBeNaN()
    else expect(figure(row.term!, lang), `${where}: ${key} term`).toBeCloseTo(f.term, 2)
    expect(row.amount!.replace(/\s/g, ''), `${where}: ${key} amount`).toBe(formatMoney(f.amount, 'RUB', lang).replace(/\s/g, ''))
  }
}

beforeAll(async () => {
  session = await startAppSession({ limits: false, install: false, acceptDownloads: true })
})

afterAll(async () => {
  await session?.close()
})

describe('the committee tab of the report page (Chromium)', () => {
  let want: Expected

  it('installs the app and gives the demo Kosino records what the tabs write', async () => {
    await session.install()
    const status = await items('company', 'UF_CRM_KOS_STATUS')
    const sub = await items('company', 'UF_CRM_KOS_SUBSTATUS')
    const companies = await rest<Array<{ ID: string }>>('crm.company.list', { select: ['ID'], order: { ID: 'ASC' }, start: -1 })
    const plan: Array<[string, string | null, boolean]> = [
      ['TERMS', 'TERMS_SENT', false], ['TERMS', 'TERMS_AGREED', false], ['LOI_SIGNING', 'LOI_DOCS', false],
      ['CONTRACT_SIGNING', 'CS_SIGNED', false], ['S12_NEGOTIATIONS', null, false], ['TERMS', null, true],
    ]
    for (const [index, [level, detail, inactive]] of plan.entries()) {
      await rest('crm.company.update', { id: companies[index]!.ID, fields: { UF_CRM_KOS_STATUS: idOf(status, level), UF_CRM_KOS_SUBSTATUS: detail ? idOf(sub, detail) : '', UF_CRM_KOS_INACTIVE: inactive ? 1 : 0 } })
    }
    // History events (the profile tab's comments) and a plain note that is no event.
    const comments: Array<[number, string]> = [
      [0, event('Обработка «лида»/создание карточки клиента', '2025-03-14', 'Первичный звонок')],
      [0, event('Подписание соглашения/договора', '2026-02-01', 'LOI подписан')],
      [1, event('После продажное сопровождение', '2026-05-20', 'Визит')],
      [2, event('Обработка «лида»/создание карточки клиента', '2025-11-30', 'Письмо')],
      [2, 'Просто заметка без типа'],
    ]
    for (const [index, text] of comments) await rest('crm.timeline.comment.add', { fields: { ENTITY_ID: companies[index]!.ID, ENTITY_TYPE: 'company', COMMENT: text } })
    // A company of another department's user, private: the head neither counts it nor its events.
    const hidden = await rest<number>('crm.company.add', { fields: { TITLE: 'ООО «Чужой клиент»', ASSIGNED_BY_ID: OUTSIDER, OPENED: 'N', UF_CRM_KOS_STATUS: idOf(status, 'DEPOSIT') } })
    await rest('crm.timeline.comment.add', { fields: { ENTITY_ID: hidden, ENTITY_TYPE: 'company', COMMENT: event('Подписание соглашения/договора', '2026-03-03', 'Чужое') } })

    // Object types on the web-form leads, by Приложение 1's codes.
    const types = await items('lead', 'UF_CRM_KOS_OBJECT_TYPE')
    const leads = await rest<Array<{ ID: string }>>('crm.lead.list', { select: ['ID'], order: { ID: 'ASC' }, start: -1 })
    const leadTypes = ['LOW_TEMP_COMPLEX', 'APART_HOTEL', 'CUSTOMS', 'ALL_SEASON_TRADE_ZONE', 'PHARMACY', 'MULTI_PRODUCTION_COMPLEX', 'CAR_WASH', 'LOW_TEMP_COMPLEX']
    for (const [index, lead] of leads.entries()) {
      if (leadTypes[index]) await rest('crm.lead.update', { id: lead.ID, fields: { UF_CRM_KOS_OBJECT_TYPE: idOf(types, leadTypes[index]) } })
    }

    // Sale items (places of the default directory) on the Kosino deals; the last one sold to the outsider, private.
    const kosino = await rest<Array<{ ID: string; STAGE_SEMANTIC_ID: string }>>('crm.deal.list', { select: ['ID', 'STAGE_SEMANTIC_ID'], filter: { CATEGORY_ID: KOSINO }, order: { ID: 'ASC' }, start: -1 })
    expect(kosino.length).toBeGreaterThan(2)
    const place = (id: string, objectType: string, zone: string, sector: string, placeCode: string, termYears: number | null, priceMinor: number) =>
      ({ id, kind: 'object', objectType, zone, sector, place: placeCode, volume: '', termYears, priceMinor })
    const sales = [
      [place('a', 'LOW_TEMP_COMPLEX', 'Z1', 'S1', 'P101', 3, 120_000_000), place('b', 'LOW_TEMP_COMPLEX', 'Z1', 'S1', 'P102', 5, 80_000_000)],
      [place('c', 'LOW_TEMP_COMPLEX', 'Z2', 'S2', 'P201', 2, 50_000_000), { id: 'v', kind: 'ved', service: 'SVH', volume: 'СВХ', termYears: 1, priceMinor: 10_000_000 }],
      [place('d', 'RETAIL_DC_PARK', 'Z1', 'S1', 'P103', null, 30_000_000)],
    ]
    for (const [index, list] of sales.entries()) {
      await rest('crm.deal.update', { id: kosino[index]!.ID, fields: { UF_CRM_KOS_SALE_ITEMS: JSON.stringify({ v: 1, items: list }) } })
    }
    await rest<number>('crm.deal.add', {
      fields: { TITLE: 'Чужая продажа', CATEGORY_ID: KOSINO, ASSIGNED_BY_ID: OUTSIDER, OPENED: 'N', UF_CRM_KOS_SALE_ITEMS: JSON.stringify({ v: 1, items: [place('x', 'CUSTOMS', 'Z1', 'S1', 'P101', 1, 1_000_00)] }) },
    })

    want = await expected(HEAD)
    // The outsider's records are there for the admin, not for the head.
    const admin = await expected(1)
    expect(admin.companies).toBe(want.companies + 1)
    expect(admin.objects.get('CUSTOMS')?.places).toBe(1)
    expect(want.objects.get('CUSTOMS')).toBeUndefined()
    expect(want.steps.get('TERMS')).toBe(2)
  }, 300_000)

  for (const lang of ['ru', 'en'] as const) {
    it(`shows the head's committee figures as REST counts them, ${lang}, and exports them`, async () => {
      const frame = await openReport(HEAD, lang)
      // A fresh read: the page caches what it read.
      await frame.getByTestId('refresh').click()
      await frame.getByTestId('read-progress').waitFor({ state: 'detached', timeout: 120_000 })
      await frame.getByTestId('tab-committee').waitFor({ timeout: 120_000 })
      const before = await requests(frame)
      await frame.getByTestId('tab-committee').click()
      await frame.getByTestId('committee-table-steps').waitFor({ timeout: 120_000 })
      // One batch for the enumerations and the directory, one keyset batch for the companies.
      await expect.poll(() => requests(frame)).toBe(before + 2)
      expect(await frame.getByTestId('tab-committee').textContent()).toBe(lang === 'ru' ? 'Комитет' : 'Committee')
      expect(await filtersShown(frame), 'steps: no period, no pipeline').toEqual({ period: 0, pipeline: 0 })

      // Clients by status step.
      for (const key of ['NEW', 'TERMS', 'LOI_SIGNING', 'CONTRACT_SIGNING', 'S12_NEGOTIATIONS', 'DEPOSIT', 'INACTIVE']) {
        expect(figure(await cell(frame, 'steps', key, 'clients'), lang), `${lang} steps ${key}`).toBe(want.steps.get(key) ?? 0)
      }
      expect(figure(await cell(frame, 'steps', 'TERMS/TERMS_SENT', 'clients'), lang)).toBe(1)
      expect(figure(await cell(frame, 'steps', 'total', 'clients'), lang)).toBe(want.companies)
      const [csvSteps] = await Promise.all([session.page.waitForEvent('download'), frame.getByTestId('committee-csv').click()])
      const csvLines = (await readFile((await csvSteps.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n')
      expect(csvLines[0]).toBe(lang === 'ru' ? 'Ступень статуса;Клиентов' : 'Status step;Clients')
      expect(csvLines.at(-1)).toBe(`${lang === 'ru' ? 'Итого' : 'Total'};${want.companies}`)
      expect(csvLines.find((line) => line.startsWith(lang === 'ru' ? 'Согласование условий сотрудничества;' : 'Agreeing the terms of cooperation;'))).toBe(`${lang === 'ru' ? 'Согласование условий сотрудничества' : 'Agreeing the terms of cooperation'};${want.steps.get('TERMS')}`)

      // Sales by object: one more keyset batch for the deals holding items.
      const beforeObjects = await requests(frame)
      await showView(frame, lang === 'ru' ? 'Продажи по объектам' : 'Sales by object', 'objects')
      await expect.poll(() => requests(frame)).toBe(beforeObjects + 1)
      expect(await filtersShown(frame), 'objects: the deals tab\'s period and pipeline').toEqual({ period: 1, pipeline: 1 })
      // At 1280 px every column is on screen, the price too (no sideways scrolling).
      await session.page.setViewportSize({ width: 1280, height: 900 })
      const fit = await frame.getByTestId('committee-table-objects').evaluate((table) => {
        const box = table.parentElement!
        return { scroll: box.scrollWidth, client: box.clientWidth, headers: [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1) }
      })
      expect(fit.scroll, `${lang}: the objects table scrolls sideways`).toBeLessThanOrEqual(fit.client)
      expect(fit.headers.every(Boolean)).toBe(true)
      // An object type's row is bold, its name as its figures; a zone's is not.
      const weights = (key: string) => frame.locator(`[data-testid=committee-table-objects] tr[data-key="${key}"]`).evaluate((tr) => [...tr.querySelectorAll('th > span, td')].map((c) => getComputedStyle(c).fontWeight))
      expect(new Set(await weights('LOW_TEMP_COMPLEX'))).toEqual(new Set(['600']))
      expect(new Set(await weights('LOW_TEMP_COMPLEX/Z1'))).toEqual(new Set(['400']))
      await compareObjects(frame, lang, want.objects, `${lang}, demo`)
      const places = want.objects.get('total')!.places
      const [xlsxObjects] = await Promise.all([session.page.waitForEvent('download'), frame.getByTestId('committee-xlsx').click()])
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile((await xlsxObjects.path())!)
      const sheet = book.worksheets[0]!
      const rows = sheet.getSheetValues().slice(1).map((row) => (row as ExcelJS.CellValue[]).slice(1))
      expect(rows[0]![0]).toBe(lang === 'ru' ? 'Тип объекта / зона / сектор' : 'Object type / zone / sector')
      const low = rows.find((row) => String(row[0]).startsWith(lang === 'ru' ? 'Низкотемпературный' : 'Low-temperature'))!
      const lowWant = want.objects.get('LOW_TEMP_COMPLEX')!
      expect([low[1], low[3], low[4]]).toEqual([lowWant.deals, lowWant.places, lowWant.area])
      expect(low[5] as number).toBeCloseTo(lowWant.term!, 2)
      expect(rows.at(-1)![3]).toBe(places)
      expect(book.worksheets[1]!.name).toBe(lang === 'ru' ? 'Фильтры' : 'Filters')

      // Leads by object type: one keyset batch.
      const beforeLeads = await requests(frame)
      await showView(frame, lang === 'ru' ? 'Лиды по типу объекта' : 'Leads by object type', 'leads')
      await expect.poll(() => requests(frame)).toBe(beforeLeads + 1)
      expect(await filtersShown(frame), 'leads: the period, no pipeline').toEqual({ period: 1, pipeline: 0 })
      for (const [code, f] of want.leads) {
        for (const column of ['total', 'open', 'converted', 'junk'] as const) {
          expect(figure(await cell(frame, 'leads', code, column === 'total' ? 'leads' : column), lang), `${lang} leads ${code} ${column}`).toBe(f[column])
        }
      }
      const leadCount = [...want.leads.values()].reduce((sum, f) => sum + f.total, 0)
      expect(figure(await cell(frame, 'leads', 'total', 'leads'), lang)).toBe(leadCount)
      const [csvLeads] = await Promise.all([session.page.waitForEvent('download'), frame.getByTestId('committee-csv').click()])
      const leadLines = (await readFile((await csvLeads.path())!, 'utf8')).trim().split('\r\n')
      expect(leadLines.at(-1)).toMatch(new RegExp(`;${leadCount};\\d+;\\d+;\\d+$`))

      // Communications per year: the companies are read already; one batch of their comments (≤ 50 companies).
      const beforeYears = await requests(frame)
      await showView(frame, lang === 'ru' ? 'Коммуникации по годам' : 'Communications by year', 'communications')
      await expect.poll(() => requests(frame)).toBe(beforeYears + 1)
      expect(await filtersShown(frame), 'communications: no period, no pipeline').toEqual({ period: 0, pipeline: 0 })
      for (const [year, y] of want.years) {
        expect(figure(await cell(frame, 'communications', year, 'events'), lang), `${lang} ${year}`).toBe(y.total)
        expect(figure(await cell(frame, 'communications', year, 'clients'), lang), `${lang} ${year} clients`).toBe(y.clients)
      }
      expect(want.years.get('2026')?.total).toBe(2)
      const [xlsxYears] = await Promise.all([session.page.waitForEvent('download'), frame.getByTestId('committee-xlsx').click()])
      const years = new ExcelJS.Workbook()
      await years.xlsx.readFile((await xlsxYears.path())!)
      const yearRows = years.worksheets[0]!.getSheetValues().slice(2).map((row) => (row as ExcelJS.CellValue[]).slice(1))
      expect(yearRows.map((row) => [row[0], row[1]])).toEqual([...[...want.years].sort().map(([year, y]) => [year, y.total]), [lang === 'ru' ? 'Итого' : 'Total', 4]])
      await chooseOption(frame, frame.getByTestId('committee-view'), lang === 'ru' ? 'Клиенты по ступеням статуса' : 'Clients by status step')
    }, 300_000)
  }

  it('screenshots at 1280 px, ru and en (SHOTS_DIR)', async () => {
    const dir = process.env.SHOTS_DIR
    if (!dir) return
    mkdirSync(dir, { recursive: true })
    await session.page.setViewportSize({ width: 1280, height: 900 })
    for (const lang of ['ru', 'en'] as const) {
      const frame = await openReport(HEAD, lang)
      await frame.getByTestId('tab-committee').click()
      for (const [view, name] of [['steps', lang === 'ru' ? 'Клиенты по ступеням статуса' : 'Clients by status step'], ['objects', lang === 'ru' ? 'Продажи по объектам' : 'Sales by object'], ['leads', lang === 'ru' ? 'Лиды по типу объекта' : 'Leads by object type'], ['communications', lang === 'ru' ? 'Коммуникации по годам' : 'Communications by year']] as const) {
        if (view !== 'steps') await showView(frame, name, view)
        else await frame.getByTestId('committee-table-steps').waitFor({ timeout: 120_000 })
        await session.page.screenshot({ path: `${dir}/reports-committee-${view}-${lang}.png`, fullPage: true })
      }
    }
  }, 300_000)

  it('counts the sales by object over 20,000 generated deals as REST does, as the head', async () => {
    // The generated deals of the park's pipeline hold sale items; all of them are the sales managers'.
    generateDeals(session.sandbox.store, 20_000, { seed: 15, now: new Date() })
    await session.sandbox.store.commit()
    const objects = await expectedObjects(HEAD)
    expect(objects.get('total')!.deals).toBeGreaterThan(1000)
    expect([...objects.keys()].filter((key) => !key.includes('/')).length).toBeGreaterThan(9)
    const frame = await openReport(HEAD, 'ru')
    await frame.getByTestId('refresh').click()
    await frame.getByTestId('read-progress').waitFor({ state: 'detached', timeout: 180_000 })
    await frame.getByTestId('tab-committee').click()
    await showView(frame, 'Продажи по объектам', 'objects')
    await compareObjects(frame, 'ru', objects, '20,000 deals, head')
  }, 600_000)
})
