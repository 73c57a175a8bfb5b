import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlacementRow } from '../../sandbox/core/types'
import { allUserFields } from '../../src/domain/fields'
import { DEFAULT_APP_OPTIONS } from '../../src/domain/install/default-options'
import { manifest } from '../../placements/manifest'
import { installStepsLeft, startAppSession, type AppSession } from './helpers/app-session'

// The built app (dist/) installed in the sandbox portal as an admin would, then its
// deal tab opened in a deal card — all through the unmodified SDK in Chromium.
// Shapes: b24restdocs api-reference/widgets/placement-bind.md, placement-get.md,
// crm/deals/user-defined-fields/crm-deal-userfield-add.md, common/settings/app-option-set.md,
// settings/app-installation/installation-finish.md, crm/deals/crm-deal-add.md.

let session: AppSession

function boundPlacements(): PlacementRow[] {
  return [...session.sandbox.store.table<PlacementRow>('placements').rows()]
}

function appUserFields(): { ENTITY_ID: string; FIELD_NAME: string }[] {
  const names = new Set<string>(allUserFields.map((f) => f.fieldName))
  return [...session.sandbox.store.table<{ ID: number; ENTITY_ID: string; FIELD_NAME: string }>('crm_userfields').rows()].filter((row) => names.has(row.FIELD_NAME))
}

beforeAll(async () => {
  // Not installed yet: installing is what the first test checks.
  session = await startAppSession({ install: false })
})

afterAll(async () => {
  await session?.close()
})

describe('the app installed in the sandbox portal (Chromium)', () => {
  let dealId: number
  let frame: Frame

  it('installs as an admin: binds the placements, creates the fields, stores defaults, finishes', async () => {
    await session.install()

    const tabs = manifest.filter((entry) => entry.placement !== 'DEFAULT')
    for (const entry of tabs) {
      const row = boundPlacements().find((p) => p.placement === entry.placement && p.handler === `${session.sandbox.appUrl}?${entry.handlerQuery}`)
      expect(row, `${entry.id} bound`).toBeDefined()
      expect(row!.title).toBe(entry.titles.ru)
      expect(row!.langAll.en?.TITLE).toBe(entry.titles.en)
    }
    expect(appUserFields().map((f) => f.FIELD_NAME).sort()).toEqual(allUserFields.map((f) => f.fieldName).sort())
    const options = await session.rest<Record<string, unknown>>('app.option.get', {})
    expect(options).toMatchObject(DEFAULT_APP_OPTIONS)
  })

  it('ends where the other e2e files\' install through REST ends (helpers/app-session.ts installRest): nothing left to plan, installed', async () => {
    expect(await installStepsLeft(session)).toEqual([])
    expect(session.sandbox.control.state().app.installed).toBe(true)
  })

  it('shows the «Следующий шаг» tab of a deal with data read through REST', async () => {
    dealId = await session.rest<number>('crm.deal.add', { fields: { TITLE: 'Виброметр для ООО «Лемус»', OPPORTUNITY: 150000.5, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: session.adminId } })
    await session.rest('crm.deal.update', { id: dealId, fields: { UF_CRM_LMS_PAID_AMOUNT: '50000|RUB' } })

    frame = await session.openTab('deal', dealId, 'Следующий шаг')
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
    session.sandbox.control.setInstalled(false)
    await session.install()
    expect(boundPlacements()).toHaveLength(placementsBefore)
    expect(appUserFields()).toHaveLength(fieldsBefore)

    // The settings page (app home) agrees: nothing is missing.
    const home = await session.openAppPage()
    await home.locator('[data-testid=install-ok]').waitFor({ timeout: 30_000 })
  })

  it('logged no errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
