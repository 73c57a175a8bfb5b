import { B24Hook } from '@bitrix24/b24jssdk'
import { expect } from 'vitest'
import { parseComments, parseDeal, parseTaskRows } from '@/b24/approvals/dto'
import { frameTransport } from '@/b24/gateway'
import { memoryJournal, runPlan } from '@/b24/write-plan'
import {
  APPROVER_TASK_TITLES,
  effectSteps,
  PAYOUT_TASK_TITLE,
  planContractStep,
  planReportStep,
  planTripDecision,
  planTripRequest,
  replayContract,
  replayReport,
  replayTrips,
  serializeApprovalSettings,
  tripKeys,
  type ApprovalSettings,
  type ContractStep,
  type Effect,
  type ReportStep,
  type TaskRecord,
  type TripRequestInput,
} from '@/domain/approvals'
import { approvalUserFields } from '@/domain/fields/approvals'
import { stepCommand } from '@/domain/install/plan'
import { idempotencyTag, newPlan } from '@/domain/write-plan'
import { appClient, callApp } from './app-client'
import { ADMIN, MANAGER, MINUTE, type lemusWalk, type WalkTask } from './lemus-walk'
import type { RunnerHarness } from './runner-harness'

/*
 * People's own approval steps with no tab open: each is written exactly as the tab writes it
 * (the domain's plan, run as a write plan through the user's webhook with the unmodified SDK),
 * so what the runner sees is what it would see from a real tab. Shapes: b24restdocs
 * crm-timeline-comment-add.md (AUTHOR_ID = caller), tasks-task-add.md / tasks-task-list.md.
 */

export const APPROVER = 6
export const ACCOUNTANT = 7

type Walk = ReturnType<typeof lemusWalk>

const TASK_SELECT = ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS', 'CHANGED_BY', 'DEADLINE']

export function approvalSteps(harness: RunnerHarness, walk: Walk) {
  let settings: ApprovalSettings
  let planNumber = 0

  /** The install's approval fields the portal lacks, and the approvers: `contractDeal`'s pipeline → the approver, trips → the approver and the accountant, reports → `reportApprover`. */
  async function configure(contractDeal: number, reportApprover: number): Promise<ApprovalSettings> {
    const existing = await walk.rest<{ FIELD_NAME: string }[]>(ADMIN, 'crm.deal.userfield.list', {})
    for (const def of approvalUserFields.filter((field) => !existing.some((row) => row.FIELD_NAME === field.fieldName))) {
      const [method, params] = stepCommand({ kind: 'field', def })
      await walk.rest(ADMIN, method, params)
    }
    const { categoryId } = await dealRow(contractDeal)
    settings = { contractApprovers: { [String(categoryId)]: APPROVER }, tripApprover: APPROVER, accountant: ACCOUNTANT, reportApprover }
    const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
    await callApp(b24, 'app.option.set', { options: { approvals: serializeApprovalSettings(settings) } })
    return settings
  }

  /** A user's own step, written as the tab writes it: the plan's steps through that user's webhook. */
  async function writeAs(userId: number, effects: readonly Effect[]): Promise<void> {
    const id = `it-${userId}-${++planNumber}-${Date.now()}`
    const plan = newPlan({ id, scope: 'test', title: { ru: 'шаг', en: 'step' }, steps: effectSteps(effects, userId, id), now: new Date() })
    const transport = frameTransport(B24Hook.fromWebhookUrl(harness.sandbox.webhookUrl(userId)))
    const result = await runPlan(plan, { transport, journal: memoryJournal() })
    expect(result.status).toBe('done')
  }

  const portalIso = async () => new Date(await walk.portalNow()).toISOString()
  const dealRow = async (dealId: number) => parseDeal(await walk.rest(ADMIN, 'crm.deal.get', { id: dealId }))
  const timeline = async (dealId: number) =>
    parseComments(await walk.rest(ADMIN, 'crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' }, order: { ID: 'ASC' } }))

  async function contractReplay(dealId: number) {
    const row = await dealRow(dealId)
    return { row, replay: replayContract({ ...row }, await timeline(dealId), settings) }
  }

  async function reportReplay(dealId: number) {
    const row = await dealRow(dealId)
    return { row, replay: replayReport({ ...row, file: row.reportFile }, await timeline(dealId), settings) }
  }

  /** A new file version in a process's field, uploaded by the manager (legacy fileData, crm-deal-update.md). */
  async function upload(dealId: number, field: string, name: string): Promise<void> {
    await walk.rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { [field]: { fileData: [name, Buffer.from(`${name} ${Date.now()}`).toString('base64')] } } })
  }

  async function contractStep(dealId: number, actor: number, step: ContractStep, tasks: { draftTaskId?: number; fixTaskId?: number } = {}): Promise<void> {
    const { row, replay } = await contractReplay(dealId)
    const plan = planContractStep({ deal: { id: row.id, title: row.title }, replay, actor, at: await portalIso(), ...tasks }, step)
    if (!plan.ok) throw new Error(plan.error)
    await writeAs(actor, plan.effects)
  }

  async function reportStep(dealId: number, actor: number, step: ReportStep, fixTaskId?: number): Promise<void> {
    const { row, replay } = await reportReplay(dealId)
    const plan = planReportStep({ deal: { id: row.id, title: row.title }, replay, actor, at: await portalIso(), fixTaskId: fixTaskId ?? null }, step)
    if (!plan.ok) throw new Error(plan.error)
    await writeAs(actor, plan.effects)
  }

  /** The approver tasks of one process on a deal, oldest first (their titles start with the process's words). */
  async function approverTasks(dealId: number, process: 'contract' | 'report'): Promise<WalkTask[]> {
    return (await walk.tasks(dealId)).filter((task) => task.title.startsWith(APPROVER_TASK_TITLES[process]))
  }

  /** A business trip requested by the manager a week ahead; returns its request task. */
  async function newTrip(destination: string): Promise<TaskRecord> {
    const today = new Date(await walk.portalNow())
    const day = (days: number) => new Date(today.getTime() + days * 24 * 60 * MINUTE).toISOString().slice(0, 10)
    const input: TripRequestInput = { destination, dateFrom: day(7), dateTo: day(9), purpose: 'Вибродиагностика на объекте', budget: { amount: 45_000, currency: 'RUB' } }
    const key = `apr:trip:req:${MANAGER}:${destination}`
    const plan = planTripRequest(input, settings, key)
    if (!plan.ok) throw new Error(plan.error)
    await writeAs(MANAGER, plan.effects)
    return (await tasksCreatedBy(MANAGER)).find((task) => task.description.includes(key))!
  }

  async function tasksCreatedBy(creator: number): Promise<TaskRecord[]> {
    return parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { CREATED_BY: creator }, select: TASK_SELECT }))
  }

  /** The accountant's «Выдать ДС для командировки» of one trip (found by its idempotency key). */
  async function payouts(requestId: number): Promise<TaskRecord[]> {
    const rows = parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { RESPONSIBLE_ID: ACCOUNTANT, TITLE: PAYOUT_TASK_TITLE }, select: TASK_SELECT }))
    return rows.filter((task) => task.description.includes(idempotencyTag(tripKeys.payout(requestId))))
  }

  /** The approver approves the trip as his tab plans it; `recordOnly`: the tab stopped right after the record. Returns the decision task. */
  async function approveTrip(request: TaskRecord, recordOnly: boolean): Promise<TaskRecord> {
    const trip = replayTrips([request], settings).trips[0]!
    const plan = planTripDecision({ trip, actor: APPROVER, at: await portalIso(), settings, initiatorName: 'Дмитрий Кузнецов' }, { decision: 'approve', amount: { amount: 40_000, currency: 'RUB' } })
    if (!plan.ok) throw new Error(plan.error)
    await writeAs(APPROVER, recordOnly ? plan.effects.slice(0, 1) : plan.effects)
    return (await tasksCreatedBy(APPROVER)).find((task) => task.description.includes(idempotencyTag(tripKeys.decision(request.id))))!
  }

  return {
    configure,
    settings: () => settings,
    writeAs,
    portalIso,
    dealRow,
    timeline,
    contractReplay,
    reportReplay,
    upload,
    contractStep,
    reportStep,
    approverTasks,
    newTrip,
    tasksCreatedBy,
    payouts,
    approveTrip,
  }
}

export const openTask = (tasks: WalkTask[], title: string) => tasks.find((task) => task.title === title && Number(task.status) !== 5)
