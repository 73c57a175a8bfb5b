import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlacementRow, UserRow } from '../../sandbox/core/types'
import { startSandbox } from '../../sandbox/server/sandbox'
import { allUserFields } from '../../src/domain/fields'
import { DEFAULT_APP_OPTIONS } from '../../src/domain/install/default-options'
import { manifest } from '../../placements/manifest'
import { collectConsoleErrors, launchBrowser } from './helpers/browser'
import { appFrame } from './helpers/portal'

// The built app (dist/) installed in the sandbox portal as an admin would, then its
// deal tab opened in a deal card — all through the unmodified SDK in Chromium.
// Shapes: b24restdocs api-reference/widgets/placement-bind.md, placement-get.md,
// crm/deals/user-defined-fields/crm-deal-userfield-add.md, common/settings/app-option-set.md,
// settings/app-installation/installation-finish.md, crm/deals/crm-deal-add.md.

const distIndex = fileURLToPath(new URL('../../dist/index.html', import.meta.url))

let sandbox: Awaited<ReturnType<typeof startSandbox>>
let dataDir: string
let browser: Browser
let context: BrowserContext
let page: Page
let errors: string[]
let adminId: number
let appOrigin: string

/** REST as the admin, the way the frame calls it (POST /rest/<method>, JSON body with auth). */
async function rest<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const { AUTH_ID } = sandbox.control.issueTokens(adminId)
  const response = await fetch(`${sandbox.origin}/rest/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...params, auth: AUTH_ID }),
  })
  const body = (await response.json()) as { result: T; error?: string; error_description?: string }
  if (!response.ok || body.error !== undefined) throw new Error(`${method}: ${body.error} ${body.error_description}`)
  return body.result
}

function boundPlacements(): PlacementRow[] {
  return [...sandbox.store.table<PlacementRow>('placements').rows()]
}

function appUserFields(): { ENTITY_ID: string; FIELD_NAME: string }[] {
  const names = new Set<string>(allUserFields.map((f) => f.fieldName))
  return [...sandbox.store.table<{ ID: number; ENTITY_ID: string; FIELD_NAME: string }>('crm_userfields').rows()].filter((row) => names.has(row.FIELD_NAME))
}

async function installAsAdmin(): Promise<void> {
  await page.goto(`${sandbox.origin}/marketplace/app/`)
  // The app installs by itself, calls installFinish, and the portal reloads with install_finished=Y.
  await page.waitForURL(/install_finished=Y/, { timeout: 60_000 })
}

beforeAll(async () => {
  if (!existsSync(distIndex)) throw new Error('dist/ is missing: run `npx vite build` first (npm test does)')
  dataDir = await mkdtemp(join(tmpdir(), 'shell-install-'))
  sandbox = await startSandbox({ port: 0, httpsPort: 0, appPort: 0, dataDir, demo: true })
  appOrigin = new URL(sandbox.appUrl).origin
  const admin = [...sandbox.store.table<UserRow>('users').rows()].find((u) => u.IS_ADMIN)
  if (!admin) throw new Error('demo data has no admin')
  adminId = admin.ID
  browser = await launchBrowser()
  context = await browser.newContext()
  await context.addCookies([{ name: 'sandbox_user', value: String(adminId), url: sandbox.origin }])
  page = await context.newPage()
  errors = collectConsoleErrors(page)
})

afterAll(async () => {
  await browser?.close()
  await sandbox?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

describe('the app installed in the sandbox portal (Chromium)', () => {
  let dealId: number
  let frame: Frame

  it('installs as an admin: binds the placements, creates the fields, stores defaults, finishes', async () => {
    await installAsAdmin()

    const tabs = manifest.filter((entry) => entry.placement !== 'DEFAULT')
    for (const entry of tabs) {
      const row = boundPlacements().find((p) => p.placement === entry.placement && p.handler === `${sandbox.appUrl}?${entry.handlerQuery}`)
      expect(row, `${entry.id} bound`).toBeDefined()
      expect(row!.title).toBe(entry.titles.ru)
      expect(row!.langAll.en?.TITLE).toBe(entry.titles.en)
    }
    expect(appUserFields().map((f) => f.FIELD_NAME).sort()).toEqual(allUserFields.map((f) => f.fieldName).sort())
    const options = await rest<Record<string, unknown>>('app.option.get', {})
    expect(options).toMatchObject(DEFAULT_APP_OPTIONS)
  })

  it('shows the «Следующий шаг» tab of a deal with data read through REST', async () => {
    dealId = await rest<number>('crm.deal.add', { fields: { TITLE: 'Виброметр для ООО «Лемус»', OPPORTUNITY: 150000.5, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: adminId } })
    await rest('crm.deal.update', { id: dealId, fields: { UF_CRM_LMS_PAID_AMOUNT: '50000|RUB' } })

    await page.goto(`${sandbox.origin}/crm/deal/details/${dealId}/`)
    await page.locator('[data-placement-id]', { hasText: 'Следующий шаг' }).click()
    frame = await appFrame(page, appOrigin)
    const title = frame.locator('[data-testid=deal-title]')
    await title.waitFor({ timeout: 30_000 })
    expect(await title.textContent()).toBe('Виброметр для ООО «Лемус»')
    const normalize = (text: string | null) => (text ?? '').replace(/\s/g, '')
    expect(normalize(await frame.locator('[data-testid=deal-amount]').textContent())).toBe('150000,50₽')
    expect(normalize(await frame.locator('[data-testid=deal-debt]').textContent())).toBe('100000,50₽')
    expect((await frame.locator('[data-testid=deal-stage]').textContent())?.trim()).not.toBe('')
  })

  it('loaded the tab in one batch request', async () => {
    const requests = await frame.evaluate(() => window.__b24Requests?.byScreen['next-steps'])
    expect(requests).toBe(1)
  })

  it('opening the install again adds nothing', async () => {
    const placementsBefore = boundPlacements().length
    const fieldsBefore = appUserFields().length
    sandbox.control.setInstalled(false)
    await installAsAdmin()
    expect(boundPlacements()).toHaveLength(placementsBefore)
    expect(appUserFields()).toHaveLength(fieldsBefore)

    // The settings page (app home) agrees: nothing is missing.
    await page.goto(`${sandbox.origin}/marketplace/app/`)
    const home = await appFrame(page, appOrigin)
    await home.locator('[data-testid=install-ok]').waitFor({ timeout: 30_000 })
  })

  it('logged no errors in the page or its frames', () => {
    expect(errors).toEqual([])
  })
})
