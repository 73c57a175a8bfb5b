import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractKeys, decodeMarker, parseApprovalSettings, replayContract, replayTrips } from '../../../src/domain/approvals'
import { idempotencyTag } from '../../../src/b24/gateway'
import { APPROVAL_FIELDS } from '../../../src/domain/fields/approvals'
import { parseComments, parseFileValue } from '../../../widgets/approvals/dto'
import { startAppSession, type AppSession } from '../helpers/app-session'
import {
  ACCOUNTANT,
  APPROVER,
  decisionFacts,
  draftContractByRest,
  fillTripForm,
  inboxItem,
  listTasks,
  MANAGER,
  notificationsFor,
  openDealTab,
  openMenuPage,
  tripRequestedByRest,
  writeOutcome,
} from '../helpers/approvals-screens'
import { FAULT_KINDS, FAULT_TITLES, injectFault, recordCell, type FaultKind, type Skipped } from '../helpers/fault-matrix'

/*
 * The approvals' three writes × the six portal faults. In each cell the fault is armed on the
 * write's own REST method (the record it makes), the user does the write in the browser, waits
 * for the success text or the unfinished-write panel, presses «Повторить» on the panel once the
 * fault is gone, and then the portal is read back: the record once, its follow-ups once, the
 * approval's state consistent (the deal's state cache, the request closed), nothing typed lost.
 */

let session: AppSession
/** A fresh contract in «draft» per cell: with a file attached (submit cells), without (file cells). */
const drafts = new Map<FaultKind, number>()
const unfiled = new Map<FaultKind, number>()

async function settingsNow() {
  return parseApprovalSettings(await session.rest('app.option.get', { option: 'approvals' }))
}

beforeAll(async () => {
  // Limits off: the cells' own REST reads would share the bucket with the app.
  session = await startAppSession({ limits: false, fakeClock: true })
  await session.rest('app.option.set', {
    options: { approvals: JSON.stringify({ contractApprovers: { '0': APPROVER }, tripApprover: APPROVER, accountant: ACCOUNTANT }) },
  })
  for (const fault of FAULT_KINDS) {
    drafts.set(fault, await draftContractByRest(session, `Матрица договора ${fault}`, true))
    unfiled.set(fault, await draftContractByRest(session, `Матрица договора ${fault}`, false))
  }
})

afterAll(async () => {
  await session?.close()
})

/**
 * Does the write as the user would and waits for its end: the success text, or the unfinished
 * panel, after which the fault is cleared and «Повторить» pressed.
 */
async function act(frame: Frame, click: () => Promise<void>): Promise<{ told: boolean; repeated: boolean; seconds: number }> {
  const started = Date.now()
  // The app's pauses (2 s on a limit, 1 s without a reply) are skipped on the page's clock once shown; they count in the seconds.
  const skipped: Skipped = { ms: 0 }
  await click()
  // Told: the success text, or the panel that says what is done and what is left.
  const first = await writeOutcome(frame, 60_000, skipped)
  // The write met the fault: the armed rule was used up.
  expect(session.sandbox.control.state().faults).toEqual([])
  session.sandbox.control.clearFaults()
  if (first === 'incomplete') await frame.locator('[data-testid=plan-repeat]').first().click()
  await frame.locator('[data-testid=approval-done]').waitFor({ timeout: 60_000 })
  return { told: true, repeated: first === 'incomplete', seconds: Math.round((Date.now() - started + skipped.ms) / 100) / 10 }
}

describe('fault matrix: approvals', () => {
  for (const fault of FAULT_KINDS) {
    it(`contract step (submit) × ${FAULT_TITLES[fault]}`, async () => {
      const dealId = drafts.get(fault)!
      await session.actAs(MANAGER)
      const frame = await openDealTab(session, dealId)
      await frame.locator('[data-testid=contract-card][data-status=draft]').waitFor({ timeout: 30_000 })
      injectFault(session, fault, 'crm.timeline.comment.add')
      const { told, seconds } = await act(frame, () => frame.locator('[data-testid=contract-submit]').click())

      const deal = await session.rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
      const file = parseFileValue(deal[APPROVAL_FIELDS.contractFile])
      const comments = parseComments(await session.rest('crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' }, order: { ID: 'ASC' } }))
      const submits = comments.filter((c) => {
        const decoded = decodeMarker(c.text)
        return decoded.status === 'ok' && decoded.marker.t === 'contract' && decoded.marker.a === 'submit'
      })
      const replay = replayContract({ id: dealId, categoryId: 0, responsibleId: MANAGER, file }, comments, await settingsNow())
      const draftTask = (await listTasks(session, { UF_CRM_TASK: `D_${dealId}` })).find((t) => t.description.includes(idempotencyTag(contractKeys.draftTask(dealId))))
      const notices = notificationsFor(session, APPROVER).filter((n) => n.TAG === contractKeys.notify(dealId, 1, 'approver'))
      const cell = {
        write: 'contract step',
        fault,
        lost: submits.length === 0 || replay.state.rounds[0]?.file.id !== file?.id ? 1 : 0,
        doubled: Math.max(0, submits.length - 1) + Math.max(0, notices.length - 1),
        falseSaved: told && replay.state.status !== 'submitted',
        inconsistent: deal[APPROVAL_FIELDS.state] !== replay.state.status || draftTask?.status !== 5,
        told,
        seconds,
      }
      recordCell(cell)
      expect(cell).toMatchObject({ lost: 0, doubled: 0, falseSaved: false, inconsistent: false, told: true })
      expect(notices).toHaveLength(1)
    })
  }

  for (const fault of FAULT_KINDS) {
    it(`contract file × ${FAULT_TITLES[fault]}`, async () => {
      const dealId = unfiled.get(fault)!
      const name = `proekt-${fault}.docx`
      await session.actAs(MANAGER)
      const frame = await openDealTab(session, dealId)
      await frame.locator('[data-testid=contract-card][data-status=draft]').waitFor({ timeout: 30_000 })
      injectFault(session, fault, 'crm.deal.update')
      const { told, seconds } = await act(frame, () =>
        frame.locator('[data-testid=contract-upload]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(`проект ${fault}`) }),
      )
      const deal = await session.rest<Record<string, unknown>>('crm.deal.get', { id: dealId })
      const file = parseFileValue(deal[APPROVAL_FIELDS.contractFile])
      // The portal names the file only in its URL (legacy crm.deal.get: {id, showUrl, downloadUrl}).
      const url = decodeURIComponent(String((deal[APPROVAL_FIELDS.contractFile] as { downloadUrl?: string } | null)?.downloadUrl ?? ''))
      const shown = await frame.locator('[data-testid=contract-file]').getAttribute('data-file-id')
      const cell = {
        write: 'contract file',
        fault,
        lost: url.endsWith(`/${name}`) ? 0 : 1,
        doubled: 0, // one file field: a resent upload replaces the same value
        falseSaved: told && !url.endsWith(`/${name}`),
        inconsistent: shown !== String(file?.id ?? '') || deal[APPROVAL_FIELDS.state] !== 'draft',
        told,
        seconds,
      }
      recordCell(cell)
      expect(cell).toMatchObject({ lost: 0, falseSaved: false, inconsistent: false, told: true })
    })
  }

  for (const fault of FAULT_KINDS) {
    it(`trip request × ${FAULT_TITLES[fault]}`, async () => {
      const typed = { destination: `Матрица ${fault}`, purpose: `Пусконаладка, ячейка ${fault}`, budget: '51 234,50', dateFrom: '2027-03-01', dateTo: '2027-03-04' }
      await session.actAs(MANAGER)
      const frame = await openMenuPage(session, 'approvals-trip', '[data-testid=trip-form]')
      await fillTripForm(frame, typed)
      injectFault(session, fault, 'tasks.task.add')
      const { told, seconds } = await act(frame, () => frame.locator('[data-testid=trip-send]').click())

      const requests = (await listTasks(session, { CREATED_BY: MANAGER })).filter((t) => t.title === `Согласование командировки: ${typed.destination}`)
      const trips = replayTrips(requests, await settingsNow()).trips
      const request = trips[0]?.state.request
      const kept = request
        ? [request.destination === typed.destination, request.purpose === typed.purpose, request.budget.amount === 51234.5, request.dateFrom === typed.dateFrom, request.dateTo === typed.dateTo]
        : []
      const cell = {
        write: 'trip request',
        fault,
        lost: request ? kept.filter((ok) => !ok).length : 5,
        doubled: Math.max(0, requests.length - 1),
        falseSaved: told && trips.length === 0,
        inconsistent: trips.length !== 1 || trips[0]?.state.status !== 'requested' || requests[0]?.responsibleId !== APPROVER,
        told,
        seconds,
      }
      recordCell(cell)
      expect(cell).toMatchObject({ lost: 0, doubled: 0, falseSaved: false, inconsistent: false, told: true })
    })
  }

  for (const fault of FAULT_KINDS) {
    it(`approval decision × ${FAULT_TITLES[fault]}`, async () => {
      const requestId = await tripRequestedByRest(session, `Решение ${fault}`, 30000)
      await session.actAs(APPROVER)
      const frame = await openMenuPage(session, 'approvals', '[data-testid=inbox-waiting]')
      const item = inboxItem(frame, requestId)
      await item.waitFor({ timeout: 30_000 })
      await item.locator('[data-testid=trip-amount]').fill('28 500')
      injectFault(session, fault, 'tasks.task.add')
      const { told, seconds } = await act(frame, () => item.locator('[data-testid=trip-approve]').click())
      await item.waitFor({ state: 'detached', timeout: 30_000 })

      const facts = await decisionFacts(session, requestId)
      const cell = {
        write: 'approval decision',
        fault,
        lost: facts.amount === 28500 ? 0 : 1,
        doubled: Math.max(0, facts.decisions - 1) + Math.max(0, facts.payouts - 1) + Math.max(0, facts.notices - 1),
        falseSaved: told && (facts.decisions !== 1 || facts.payouts !== 1 || facts.requestOpen),
        inconsistent: facts.requestOpen || facts.payouts !== 1 || facts.notices !== 1,
        told,
        seconds,
      }
      recordCell(cell)
      expect(cell).toMatchObject({ lost: 0, doubled: 0, falseSaved: false, inconsistent: false, told: true })
    })
  }
})
