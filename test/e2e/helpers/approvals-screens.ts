import type { Frame } from 'playwright-core'
import type { PlacementRow } from '../../../sandbox/core/types'
import type { NotificationRow } from '../../../sandbox/rest/methods/system/im'
import { idempotencyTag } from '../../../src/b24/gateway'
import {
  composeRecordText,
  contractKeys,
  contractLines,
  decodeMarker,
  DRAFT_TASK_TITLE,
  draftTaskDescription,
  tripKeys,
  tripRequestDescription,
  type ContractMarker,
  type TripRequestInput,
} from '../../../src/domain/approvals'
import { APPROVAL_FIELDS } from '../../../src/domain/fields/approvals'
import { parseTaskRows } from '../../../widgets/approvals/dto'
import type { AppSession } from './app-session'
import { fillDate } from './kit-controls'
import { skipPlanWait, type Skipped } from './fault-matrix'
import { pasteInto } from './paste'
import { appFrame } from './portal'

/*
 * The approvals widget's screens in the sandbox portal, and what the portal holds of its
 * writes, read back through REST (b24restdocs api-reference/tasks/tasks-task-list.md) or the
 * sandbox's notification table (the portal has no REST read of notices).
 */

export const MANAGER = 3
export const APPROVER = 6
export const ACCOUNTANT = 7

export function placementRow(session: AppSession, placement: string, widget: string): PlacementRow {
  const row = [...session.sandbox.store.table<PlacementRow>('placements').rows()].find(
    (p) => p.placement === placement && new URL(p.handler).searchParams.get('widget') === widget,
  )
  if (!row) throw new Error(`${placement} ${widget} is not bound`)
  return row
}

/** The deal card's «Согласование» tab, once its contract card is there. */
export async function openDealTab(session: AppSession, dealId: number): Promise<Frame> {
  await session.page.goto(`${session.sandbox.origin}/crm/deal/details/${dealId}/`)
  await session.page.locator(`[data-placement-id="${placementRow(session, 'CRM_DEAL_DETAIL_TAB', 'approvals-deal').ID}"]`).click()
  const frame = await appFrame(session.page, session.appOrigin)
  await frame.locator('[data-testid=contract-card]').waitFor({ timeout: 60_000 })
  return frame
}

/** «Согласования» (`approvals`) or «Командировка» (`approvals-trip`) from the left menu, once `ready` is there. */
export async function openMenuPage(session: AppSession, widget: 'approvals' | 'approvals-trip', ready: string): Promise<Frame> {
  await session.page.goto(`${session.sandbox.origin}/marketplace/view/LEFT_MENU/${placementRow(session, 'LEFT_MENU', widget).ID}/`)
  const frame = await appFrame(session.page, session.appOrigin)
  await frame.locator(ready).waitFor({ timeout: 60_000 })
  return frame
}

export const inboxItem = (frame: Frame, requestId: number) => frame.locator(`[data-testid=inbox-item][data-item-id="trip:${requestId}"]`)

/** Every task the admin sees matching `filter`, page by page (tasks.task.list answers 50 at a time). */
export async function listTasks(session: AppSession, filter: Record<string, unknown>) {
  const all: ReturnType<typeof parseTaskRows> = []
  for (let start = 0; ; start += 50) {
    const page = parseTaskRows(
      await session.rest('tasks.task.list', {
        filter,
        select: ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS', 'CHANGED_BY'],
        order: { ID: 'ASC' },
        start,
      }),
    )
    all.push(...page)
    if (page.length < 50) return all
  }
}

export function notificationsFor(session: AppSession, userId: number): NotificationRow[] {
  return [...session.sandbox.store.table<NotificationRow>('notifications').rows()].filter((n) => n.USER_ID === userId)
}

/** A request the manager files through his own REST, as the form would: the decision tests start from it. */
export async function tripRequestedByRest(session: AppSession, destination: string, budget = 30000): Promise<number> {
  const input: TripRequestInput = { destination, dateFrom: '2027-02-01', dateTo: '2027-02-03', purpose: 'Монтаж', budget: { amount: budget, currency: 'RUB' } }
  const created = await session.restAs<{ task: { id: string } }>(MANAGER, 'tasks.task.add', {
    fields: {
      TITLE: `Согласование командировки: ${destination}`,
      RESPONSIBLE_ID: APPROVER,
      DESCRIPTION: composeRecordText(tripRequestDescription(input), { t: 'trip-request', key: `e2e:${destination}`, ...input }),
    },
  })
  return Number(created.task.id)
}

/** A deal of the manager (pipeline 0) with the contract approval started and a file attached, as the deal tab would leave it. */
export async function draftContractByRest(session: AppSession, title: string, withFile: boolean): Promise<number> {
  const dealId = Number(await session.restAs(MANAGER, 'crm.deal.add', { fields: { TITLE: title, ASSIGNED_BY_ID: MANAGER, CATEGORY_ID: 0 } }))
  const marker: ContractMarker = { t: 'contract', a: 'start', deal: dealId, round: 0, key: contractKeys.record(dealId, 0, 'start') }
  await session.restAs(MANAGER, 'crm.timeline.comment.add', {
    fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: composeRecordText(contractLines.start(), marker) },
  })
  await session.restAs(MANAGER, 'tasks.task.add', {
    fields: {
      TITLE: DRAFT_TASK_TITLE,
      RESPONSIBLE_ID: MANAGER,
      DESCRIPTION: `${draftTaskDescription(title)}\n${idempotencyTag(contractKeys.draftTask(dealId))}`,
      UF_CRM_TASK: [`D_${dealId}`],
    },
  })
  await session.restAs(MANAGER, 'crm.deal.update', {
    id: dealId,
    fields: {
      [APPROVAL_FIELDS.state]: 'draft',
      [APPROVAL_FIELDS.round]: 0,
      ...(withFile ? { [APPROVAL_FIELDS.contractFile]: { fileData: ['dogovor.docx', Buffer.from(`договор: ${title}`).toString('base64')] } } : {}),
    },
  })
  return dealId
}

/** What the portal holds of a decision on the request: each record and follow-up counted. */
export async function decisionFacts(session: AppSession, requestId: number) {
  const all = await listTasks(session, {})
  const decisions = all.flatMap((t) => {
    const decoded = decodeMarker(t.description)
    return decoded.status === 'ok' && decoded.marker.t === 'trip-decision' && decoded.marker.request === requestId ? [decoded.marker] : []
  })
  return {
    decisions: decisions.length,
    payouts: all.filter((t) => t.description.includes(idempotencyTag(tripKeys.payout(requestId)))).length,
    notices: notificationsFor(session, MANAGER).filter((n) => n.TAG === tripKeys.notify(requestId)).length,
    requestOpen: all.find((t) => t.id === requestId)?.status !== 5,
    amount: decisions[0]?.amount?.amount ?? null,
  }
}

export type TripFormValues = Partial<Record<'destination' | 'dateFrom' | 'dateTo' | 'purpose' | 'budget' | 'deal', string>>

export async function fillTripForm(frame: Frame, values: TripFormValues): Promise<void> {
  const all = { destination: 'Екатеринбург', dateFrom: '2027-01-18', dateTo: '2027-01-20', purpose: 'Вибродиагностика насосов у клиента', budget: '45000', deal: '', ...values }
  await frame.locator('[data-testid=trip-destination]').fill(all.destination)
  await fillDate(frame.locator('[data-testid=trip-date-from]'), all.dateFrom)
  await fillDate(frame.locator('[data-testid=trip-date-to]'), all.dateTo)
  // A text longer than anyone types (the 100,000-character purpose) is pasted: fill() takes seconds over it.
  if (all.purpose.length > 1_000) await pasteInto(frame.locator('[data-testid=trip-purpose]'), all.purpose)
  else await frame.locator('[data-testid=trip-purpose]').fill(all.purpose)
  await frame.locator('[data-testid=trip-budget-input]').fill(all.budget)
  await frame.locator('[data-testid=trip-deal]').fill(all.deal)
}

/**
 * How a write ended on screen: the success text, or the unfinished-write panel. With `skipped`, the
 * app's pauses on the way are skipped on the page's clock once shown (skipPlanWait) and counted there.
 */
export async function writeOutcome(frame: Frame, timeout = 60_000, skipped?: Skipped): Promise<'done' | 'incomplete'> {
  const done = frame.locator('[data-testid=approval-done]')
  const ended = done.or(frame.locator('[data-testid=plan-incomplete]')).first()
  const pause = frame.locator('[data-testid=plan-wait]')
  while (skipped) {
    await ended.or(pause).first().waitFor({ timeout })
    if (!(await pause.isVisible())) break
    skipped.ms += await skipPlanWait(frame)
  }
  await ended.waitFor({ timeout })
  return (await done.count()) > 0 ? 'done' : 'incomplete'
}
