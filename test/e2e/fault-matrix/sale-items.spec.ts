import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SALE_FIELDS } from '../../../src/domain/fields/sale'
import { parseMoney } from '../../../src/domain/money'
import { dealRowsOf, readSaleRecord, rowsTotal, saleCardState } from '../../../src/domain/sale'
import type { RestProductRow } from '../../../src/domain/sale'
import { startAppSession, type AppSession } from '../helpers/app-session'
import { FAULT_KINDS, injectFault, recordCell, skipPlanWait, type FaultKind, type Skipped } from '../helpers/fault-matrix'
import { chooseOption } from '../helpers/kit-controls'

/*
 * The «Продажа» save × the six portal faults. The save is one plan (version check, the deal's
 * fields with the items, the product rows); a fault is armed on the fields' update (the guarded
 * write: a lost reply there re-reads its own change) and, as a second row, on the rows' set
 * (the write after a done one). In each cell the manager types a sale on a fresh deal and saves;
 * if the tab says «Не завершено» (or the save failed before writing), the fault is cleared and
 * the manager presses «Повторить» (or «Сохранить»), as a person would. Then REST tells: is every
 * typed value in the deal, is any row doubled, do items, rows and amount agree, was the user told,
 * and was «Сохранено» ever shown while the portal did not hold the sale.
 * Shapes: b24restdocs api-reference/crm/deals/crm-deal-get.md, crm-deal-productrows-get.md.
 */

const MANAGER = 3
const ITEMS = SALE_FIELDS.items.fieldName
const WRITES = [
  { name: 'sale save', method: 'crm.deal.update' },
  { name: 'sale save · product rows', method: 'crm.deal.productrows.set' },
] as const

let session: AppSession

beforeAll(async () => {
  // The faults make the page log failed requests: expected here, not collected.
  session = await startAppSession({ adminId: 1, limits: false, fakeClock: true, ignoreErrors: [/status of (401|429|500|503)/, /INTERNAL_SERVER_ERROR|QUERY_LIMIT_EXCEEDED|OPERATION_TIME_LIMIT|expired_token/i] })
  await session.actAs(MANAGER)
})

afterAll(async () => {
  await session?.close()
})

interface Typed {
  volume: string
  priceMinor: number
  termYears: number
}

async function typeSale(frame: Frame, typed: Typed): Promise<void> {
  await frame.locator('[data-testid=sale-kind]').getByRole('radio', { name: 'LOI', exact: true }).check()
  await frame.locator('[data-testid=add-ved]').click()
  const item = frame.locator('[data-testid=sale-item-ved]').last()
  await chooseOption(frame, item.locator('[data-testid=select-service]'), 'Ветеринарный контроль')
  await item.locator('[data-testid=input-volume]').fill(typed.volume)
  await item.locator('[data-testid=input-term]').fill(String(typed.termYears))
  await item.locator('[data-testid=input-price]').fill((typed.priceMinor / 100).toFixed(2).replace('.', ','))
}

/** The first of: «Сохранено», «Не завершено», a failed save; null if none within the time. The app's pauses are skipped once shown (skipPlanWait), counted in `skipped`. */
async function outcome(frame: Frame, skipped: Skipped, timeoutMs = 60_000): Promise<'saved' | 'incomplete' | 'error' | null> {
  const saved = frame.locator('[data-testid=sale-notice-saved]')
  const incomplete = frame.locator('[data-testid=plan-incomplete]')
  const failed = frame.locator('[data-testid=sale-save-error]')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await saved.isVisible()) return 'saved'
    skipped.ms += await skipPlanWait(frame)
    if ((await incomplete.count()) > 0 && !(await frame.locator('[data-testid=plan-running]').isVisible())) return 'incomplete'
    if (await failed.isVisible()) return 'error'
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return null
}

/** What the deal holds against what was typed: lost values, doubled rows, and whether items, rows and amount agree. */
async function readBack(dealId: number, typed: Typed) {
  const deal = await session.rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
  const restRows = await session.rest<RestProductRow[]>('crm.deal.productrows.get', { id: dealId })
  const record = readSaleRecord(deal[ITEMS] as string)
  const items = record.ok ? record.items : []
  const item = items[0]
  const lost = item ? [item.volume === typed.volume, item.priceMinor === typed.priceMinor, item.termYears === typed.termYears, item.kind === 'ved' && item.service === 'VETERINARY'].filter((ok) => !ok).length : 4
  const rows = dealRowsOf(restRows) ?? []
  const state = saleCardState({ items, marker: record.ok ? record.marker : null, rows, opportunityMinor: parseMoney(deal.OPPORTUNITY as string) })
  return {
    lost,
    doubled: Math.max(0, items.length - 1) + Math.max(0, rows.length - items.length),
    consistent: state.kind === 'consistent' && rowsTotal(rows) === items.reduce((sum, entry) => sum + (entry.priceMinor ?? 0), 0),
    holds: lost === 0 && state.kind === 'consistent',
  }
}

describe('fault matrix: «Продажа» save', () => {
  for (const write of WRITES) {
    for (const fault of FAULT_KINDS) {
      it(`${write.name} × ${fault}`, async () => {
        const dealId = await session.restAs<number>(MANAGER, 'crm.deal.add', { fields: { TITLE: `Матрица: ${write.name}, ${fault}`, ASSIGNED_BY_ID: MANAGER } })
        const typed: Typed = { volume: `Партии по матрице ${write.method} ${fault}`, priceMinor: 1_234_567 + FAULT_KINDS.indexOf(fault as FaultKind), termYears: 2 }
        const frame = await session.openTab('deal', dealId, 'Продажа')
        await frame.locator('[data-testid=sale-save]').waitFor({ timeout: 30_000 })
        await typeSale(frame, typed)

        injectFault(session, fault, write.method)
        const started = Date.now()
        const skipped: Skipped = { ms: 0 }
        await frame.locator('[data-testid=sale-save]').click()
        let seen = await outcome(frame, skipped)
        const told = seen !== null
        // The armed fault really met the save (it is used up).
        const consumed = session.sandbox.control.state().faults.length === 0
        let falseSaved = seen === 'saved' && !(await readBack(dealId, typed)).holds
        if (seen === 'incomplete' || seen === 'error') {
          // The user finishes it once the portal is fine again.
          session.sandbox.control.clearFaults()
          await frame.locator(seen === 'incomplete' ? '[data-testid=plan-repeat]' : '[data-testid=sale-save]').first().click()
          seen = await outcome(frame, skipped)
          falseSaved ||= seen === 'saved' && !(await readBack(dealId, typed)).holds
        }
        const seconds = (Date.now() - started + skipped.ms) / 1000
        session.sandbox.control.clearFaults()

        const back = await readBack(dealId, typed)
        const cell = { write: write.name, fault, lost: back.lost, doubled: back.doubled, falseSaved, inconsistent: !back.consistent, told, seconds }
        recordCell(cell)
        expect(consumed).toBe(true)
        expect(seen).toBe('saved')
        expect(cell).toMatchObject({ lost: 0, doubled: 0, falseSaved: false, inconsistent: false, told: true })
        expect(await frame.locator('[data-testid=plan-incomplete]').count()).toBe(0)
      })
    }
  }

  it('logged no unexpected errors in the page or its frames', () => {
    expect(session.errors).toEqual([])
  })
})
