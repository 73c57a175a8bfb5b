import { mkdirSync } from 'node:fs'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECTORS } from '../../src/domain/client-profile/sectors'
import type { StatusChangeRecord } from '../../src/domain/client-profile/status-transitions'
import { CLIENT_PROFILE_FIELDS as F } from '../../src/domain/fields/client-profile'
import { enumItemId, startAppSession, type AppSession } from './helpers/app-session'
import { chooseOption } from './helpers/kit-controls'

// The client status ladder (issue 16) in Chromium against the sandbox portal, in Russian and in
// English: the details offered, one level up exactly once, a remark that belongs to one change,
// the sector question with the status mapped across ladders, and the status on the native card.
// Every result is read back through REST (b24restdocs crm/companies/crm-company-get.md,
// crm/companies/userfields/crm-company-userfield-list.md, crm/timeline/comments/crm-timeline-comment-list.md).

const MANAGER = 3
const SHOTS = process.env.SHOTS_DIR
type Lang = 'ru' | 'en'

const TEXT = {
  ru: { tab: 'Профиль клиента', signing: 'Подписание договора', s12Signing: 'Подписание договора', label: 'Статус клиента', detailLabel: 'Детализация статуса' },
  en: { tab: 'Client profile', signing: 'Signing the contract', s12Signing: 'Signing the contract', label: 'Client status', detailLabel: 'Status detail' },
} as const

let session: AppSession

beforeAll(async () => {
  session = await startAppSession({ limits: false })
})

afterAll(async () => {
  await session?.close()
})

async function shot(name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await session.page.setViewportSize({ width: 1280, height: 900 })
  await session.page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe.each(['ru', 'en'] as const)('client status ladder (%s)', (lang: Lang) => {
  const text = TEXT[lang]
  let companyId: number
  let frame: Frame
  const byId = (testId: string) => frame.locator(`[data-testid="${testId}"]`)
  const company = () => session.rest<Record<string, unknown>>('crm.company.get', { id: companyId })
  const item = (field: string, code: string) => enumItemId(session, 'company', field, code)
  const logOf = (row: Record<string, unknown>) => JSON.parse(String(row[F.statusLog.fieldName] || '[]')) as StatusChangeRecord[]
  const current = () => byId('status-current').textContent()
  const sectorShown = async () => (await byId('sector').textContent())?.trim()

  async function openProfile(): Promise<void> {
    await session.actAs(MANAGER)
    await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
    frame = await session.openTab('company', companyId, text.tab)
    await byId('status-section').waitFor({ timeout: 30_000 })
  }

  const sectorLabel = (code: string) => SECTORS.find((sector) => sector.code === code)!.label[lang]

  /**
   * The sector as a person picks it in the form's kit select, by mouse or with the keyboard alone;
   * the move to the other ladder is asked first (the select keeps the old sector until the answer).
   */
  async function chooseSector(code: string, keyboard = false): Promise<void> {
    await chooseOption(frame, byId('sector'), sectorLabel(code), { asks: true, keyboard })
  }

  /** «Сменить сектор» with the keyboard (the portal's message bar may cover the dialog's buttons for a mouse). */
  async function answerQuestion(): Promise<void> {
    const dialog = frame.getByRole('dialog')
    await dialog.waitFor({ timeout: 10_000 })
    await byId('sector-question-confirm').focus()
    await session.page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached', timeout: 10_000 })
  }

  beforeAll(async () => {
    // A client of sector 3 in the middle of the general ladder: the contract is being agreed.
    companyId = await session.rest<number>('crm.company.add', { fields: { TITLE: `ООО «Лестница ${lang}»`, ASSIGNED_BY_ID: MANAGER } })
    await session.rest('crm.company.update', {
      id: companyId,
      fields: {
        [F.sector.fieldName]: await item(F.sector.fieldName, 'SECTOR_3'),
        [F.status.fieldName]: await item(F.status.fieldName, 'CONTRACT_APPROVAL'),
        [F.subStatus.fieldName]: await item(F.subStatus.fieldName, 'CA_OBJECTIONS'),
      },
    })
    await openProfile()
  })

  it('offers only the current level’s details; «Согласование договора: Согласовано» moves one level, once', async () => {
    const offered = await frame.locator('[data-testid="status-details"] [data-testid^="sub-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))
    expect(offered).toEqual(['sub-CA_DOCS', 'sub-CA_AGREED', 'sub-CA_NOT_AGREED'])
    expect(await byId('status-advance').count()).toBe(0)
    await shot(`client-status-details-${lang}`)

    // A hasty double press: the client moves one level, and the log holds one change.
    await byId('sub-CA_AGREED').dblclick()
    await expect.poll(current, { timeout: 30_000 }).toBe(text.signing)
    await byId('status-changed').waitFor({ timeout: 30_000 })
    const saved = await company()
    expect(saved[F.status.fieldName]).toBe(await item(F.status.fieldName, 'CONTRACT_SIGNING'))
    expect(saved[F.subStatus.fieldName] ?? '').toBe('')
    const log = logOf(saved)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ from: { level: 'CONTRACT_APPROVAL', subStatus: 'CA_OBJECTIONS' }, to: { level: 'CONTRACT_SIGNING', subStatus: null }, by: MANAGER })
    // Now the contract signing's details only, none of the level before.
    const now = await frame.locator('[data-testid="status-details"] [data-testid^="sub-"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))
    expect(now).toEqual(['sub-CS_DOCS', 'sub-CS_OBJECTIONS', 'sub-CS_AGREED', 'sub-CS_SIGNED', 'sub-CS_NOT_SIGNED'])
  })

  it('writes a remark with one change only: the next change starts empty and its record has none', async () => {
    const remark = lang === 'ru' ? 'Ждём подпись директора' : 'Waiting for the director’s signature'
    await byId('tick-remarks').check()
    await byId('status-remarks').fill(remark)
    await byId('sub-CS_DOCS').click()
    await expect.poll(current, { timeout: 30_000 }).toContain(lang === 'ru' ? 'Подготовка документов' : 'Preparing documents')
    let saved = await company()
    expect(logOf(saved).at(-1)).toMatchObject({ to: { level: 'CONTRACT_SIGNING', subStatus: 'CS_DOCS' }, remark })
    expect(saved[F.remarks.fieldName] ?? '').toBe('')
    expect(saved[F.showRemarks.fieldName]).toBe('0')
    // The block is closed and empty again.
    await expect.poll(() => byId('tick-remarks').getAttribute('aria-checked')).toBe('false')
    expect(await byId('status-remarks').count()).toBe(0)

    await byId('sub-CS_AGREED').click()
    await expect.poll(current, { timeout: 30_000 }).toContain(lang === 'ru' ? 'Согласовано' : 'Agreed')
    saved = await company()
    const last = logOf(saved).at(-1)!
    expect(last.to).toEqual({ level: 'CONTRACT_SIGNING', subStatus: 'CS_AGREED', inactive: false })
    expect(last).not.toHaveProperty('remark')
    const comments = await session.rest<{ COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' } })
    const withRemark = comments.filter((comment) => comment.COMMENT.includes(`Замечания: ${remark}`))
    expect(withRemark).toHaveLength(1)
    // A reload does not bring the remark back either.
    await openProfile()
    expect(await byId('tick-remarks').getAttribute('aria-checked')).toBe('false')

    // The status log, folded under the kit's button, unfolds with the keyboard: the newest change on top, its remark beside the one before.
    const toggle = frame.locator('[data-testid=status-log] [data-testid=disclosure-toggle]')
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await frame.locator('[data-testid=status-log] li').first().isVisible()).toBe(false)
    await toggle.focus()
    await session.page.keyboard.press('Enter')
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true')
    const lines = frame.locator('[data-testid=status-log] li')
    await lines.first().waitFor({ state: 'visible' })
    expect(await lines.count()).toBe(logOf(saved).length)
    expect(await lines.nth(1).innerText()).toContain(remark)
    expect(await lines.first().innerText()).not.toContain(remark)
  })

  it('shows the status on the native company card, as fields with their labels', async () => {
    await session.page.goto(`${session.sandbox.origin}/crm/company/details/${companyId}/`)
    const status = session.page.locator(`[data-card-extra] [data-field="${F.status.fieldName}"]`)
    const detail = session.page.locator(`[data-card-extra] [data-field="${F.subStatus.fieldName}"]`)
    expect((await status.locator('dt').textContent())?.trim()).toBe(text.label)
    expect((await status.locator('dd').textContent())?.trim()).toBe('Подписание договора')
    expect((await detail.locator('dt').textContent())?.trim()).toBe(text.detailLabel)
    expect((await detail.locator('dd').textContent())?.trim()).toBe('Подписание договора: Согласовано')
    await shot(`client-status-native-card-${lang}`)
  })

  it('asks before a sector change moves the client to the other ladder, shows that ladder at once and maps the status on save', async () => {
    await openProfile()
    expect(await byId('status-ladder').getAttribute('data-ladder')).toBe('GENERAL')
    await chooseSector('SECTOR_1')
    const dialog = frame.getByRole('dialog')
    await dialog.waitFor({ timeout: 10_000 })
    const question = (await dialog.textContent()) ?? ''
    expect(question).toContain(lang === 'ru' ? 'Подписание договора: Согласовано' : 'Signing the contract: Agreed')
    await shot(`client-status-sector-question-${lang}`)
    // Escape keeps the sector: nothing changes, on the screen or in the portal.
    await session.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', timeout: 10_000 })
    expect(await byId('status-ladder').getAttribute('data-ladder')).toBe('GENERAL')
    await expect.poll(sectorShown, { timeout: 10_000 }).toBe(sectorLabel('SECTOR_3'))
    expect((await company())[F.sector.fieldName]).toBe(await item(F.sector.fieldName, 'SECTOR_3'))

    // With the keyboard: the Enter that picks the sector must not also answer the question it opens.
    await chooseSector('SECTOR_1', true)
    await answerQuestion()
    await expect.poll(sectorShown, { timeout: 10_000 }).toBe(sectorLabel('SECTOR_1'))
    // The sectors 1 and 2 ladder at once, with where the status goes; nothing written yet.
    expect(await byId('status-ladder').getAttribute('data-ladder')).toBe('SECTORS_1_2')
    expect(await current()).toBe(text.s12Signing)
    await byId('status-after-save').waitFor()
    expect(await byId('status-details').count()).toBe(0)
    expect((await company())[F.status.fieldName]).toBe(await item(F.status.fieldName, 'CONTRACT_SIGNING'))
    await shot(`client-status-after-question-${lang}`)

    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    let saved = await company()
    expect(saved[F.sector.fieldName]).toBe(await item(F.sector.fieldName, 'SECTOR_1'))
    expect(saved[F.status.fieldName]).toBe(await item(F.status.fieldName, 'S12_CONTRACT_SIGNING'))
    expect(saved[F.subStatus.fieldName] ?? '').toBe('')
    expect(logOf(saved).at(-1)).toMatchObject({ action: { type: 'ladder-changed' }, from: { level: 'CONTRACT_SIGNING', subStatus: 'CS_AGREED' }, to: { level: 'S12_CONTRACT_SIGNING', subStatus: null } })
    expect(await byId('status-after-save').count()).toBe(0)
    expect(await frame.locator('[data-testid="status-details"] [data-testid^="sub-"]').count()).toBe(2)

    // «Не подписан» there, then back to a general sector: the status follows, never «Новый».
    await byId('sub-S12_NOT_SIGNED').click()
    await expect.poll(current, { timeout: 30_000 }).toContain(lang === 'ru' ? 'Не подписан' : 'Not signed')
    await chooseSector('SECTOR_VED', true)
    await answerQuestion()
    await expect.poll(sectorShown, { timeout: 10_000 }).toBe(sectorLabel('SECTOR_VED'))
    await byId('profile-save').click()
    await byId('profile-saved').waitFor({ timeout: 30_000 })
    saved = await company()
    expect(saved[F.status.fieldName]).toBe(await item(F.status.fieldName, 'CONTRACT_SIGNING'))
    expect(saved[F.subStatus.fieldName]).toBe(await item(F.subStatus.fieldName, 'CS_NOT_SIGNED'))
    expect(logOf(saved).map((record) => record.to.level)).not.toContain('NEW')
  })

  it('logged no errors', () => {
    expect(session.errors).toEqual([])
  })
})
