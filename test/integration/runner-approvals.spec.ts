import { B24Hook } from '@bitrix24/b24jssdk'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseComments, parseDeal, parseTaskRows } from '@/b24/approvals/dto'
import { frameTransport } from '@/b24/gateway'
import { memoryJournal, runPlan } from '@/b24/write-plan'
import {
  APPROVER_TASK_TITLES,
  composeRecordText,
  contractKeys,
  DRAFT_TASK_TITLE,
  effectSteps,
  FIX_TASK_TITLE,
  PAYOUT_TASK_TITLE,
  planContractStep,
  planReportStep,
  planTripDecision,
  planTripRequest,
  REPORT_FIX_TASK_TITLE,
  reportKeys,
  replayContract,
  replayReport,
  replayTrips,
  serializeApprovalSettings,
  TRIP_FOLLOW_UP_GRACE_MS,
  tripKeys,
  type ApprovalSettings,
  type ContractStep,
  type Effect,
  type ReportStep,
  type TaskRecord,
  type TripRequestInput,
} from '@/domain/approvals'
import { APPROVAL_FIELDS, approvalUserFields } from '@/domain/fields/approvals'
import { stepCommand } from '@/domain/install/plan'
import { idempotencyTag, newPlan } from '@/domain/write-plan'
import { appClient, callApp } from './helpers/app-client'
import { ADMIN, HEAD, lemusWalk, MANAGER, MINUTE, type WalkTask } from './helpers/lemus-walk'
import { eventually, useRunnerHarness } from './helpers/runner-harness'

/*
 * The approvals with no tab open: people write their own steps through their own tokens exactly
 * as the tab writes them (the domain's plans, run as write plans through the user's webhook with
 * the unmodified SDK); the runner alone gives the approvers and the accountant their tasks.
 * Everything is read back through REST. Shapes: b24restdocs crm-timeline-comment-add.md
 * (AUTHOR_ID = caller), tasks-task-add.md / tasks-task-list.md (CREATED_BY = caller, DEADLINE).
 */
const harness = useRunnerHarness()
const walk = lemusWalk(harness, 'Товары')

const APPROVER = 6
const ACCOUNTANT = 7
/** Demo deals: «Договор поставки комплектующих ТехноПромМаш» («Товары», «Договор») and «Отчёт по измерениям ТехноПромМаш» («Услуги», «Подведение итогов», with the playbook's report task), both the manager's. */
const CONTRACT_DEAL = 7
const REPORT_DEAL = 31

let settings: ApprovalSettings
let planNumber = 0

/** A user's own step, written as the tab writes it: the plan's steps through that user's webhook. */
async function writeAs(userId: number, effects: readonly Effect[]): Promise<void> {
  const id = `it-${userId}-${++planNumber}`
  const plan = newPlan({ id, scope: 'test', title: { ru: 'шаг', en: 'step' }, steps: effectSteps(effects, userId, id), now: new Date() })
  const transport = frameTransport(B24Hook.fromWebhookUrl(harness.sandbox.webhookUrl(userId)))
  const result = await runPlan(plan, { transport, journal: memoryJournal() })
  expect(result.status).toBe('done')
}

async function portalIso(): Promise<string> {
  return new Date(await walk.portalNow()).toISOString()
}

async function dealRow(dealId: number) {
  return parseDeal(await walk.rest(ADMIN, 'crm.deal.get', { id: dealId }))
}

async function timeline(dealId: number) {
  return parseComments(await walk.rest(ADMIN, 'crm.timeline.comment.list', { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' }, order: { ID: 'ASC' } }))
}

async function contractReplay() {
  const row = await dealRow(CONTRACT_DEAL)
  return { row, replay: replayContract({ ...row }, await timeline(CONTRACT_DEAL), settings) }
}

async function reportReplay() {
  const row = await dealRow(REPORT_DEAL)
  return { row, replay: replayReport({ ...row, file: row.reportFile }, await timeline(REPORT_DEAL), settings) }
}

/** A new file version in a process's field, uploaded by the manager (legacy fileData, crm-deal-update.md). */
async function upload(dealId: number, field: string, name: string): Promise<void> {
  await walk.rest(MANAGER, 'crm.deal.update', { id: dealId, fields: { [field]: { fileData: [name, Buffer.from(`${name} ${Date.now()}`).toString('base64')] } } })
}

async function contractStep(actor: number, step: ContractStep, tasks: { draftTaskId?: number; fixTaskId?: number } = {}): Promise<void> {
  const { row, replay } = await contractReplay()
  const plan = planContractStep({ deal: { id: row.id, title: row.title }, replay, actor, at: await portalIso(), ...tasks }, step)
  if (!plan.ok) throw new Error(plan.error)
  await writeAs(actor, plan.effects)
}

async function reportStep(actor: number, step: ReportStep, fixTaskId?: number): Promise<void> {
  const { row, replay } = await reportReplay()
  const plan = planReportStep({ deal: { id: row.id, title: row.title }, replay, actor, at: await portalIso(), fixTaskId: fixTaskId ?? null }, step)
  if (!plan.ok) throw new Error(plan.error)
  await writeAs(actor, plan.effects)
}

/** The approver tasks of one process on a deal, oldest first (their titles start with the process's words). */
async function approverTasks(dealId: number, process: 'contract' | 'report'): Promise<WalkTask[]> {
  return (await walk.tasks(dealId)).filter((task) => task.title.startsWith(APPROVER_TASK_TITLES[process]))
}

const openTask = (tasks: WalkTask[], title: string) => tasks.find((task) => task.title === title && Number(task.status) !== 5)

beforeAll(async () => {
  // The install's own field definitions (src/domain/fields/approvals.ts) that the portal lacks, as the admin's install adds them.
  const existing = await walk.rest<{ FIELD_NAME: string }[]>(ADMIN, 'crm.deal.userfield.list', {})
  for (const def of approvalUserFields.filter((field) => !existing.some((row) => row.FIELD_NAME === field.fieldName))) {
    const [method, params] = stepCommand({ kind: 'field', def })
    await walk.rest(ADMIN, method, params)
  }
  const goods = await dealRow(CONTRACT_DEAL)
  settings = { contractApprovers: { [String(goods.categoryId)]: APPROVER }, tripApprover: APPROVER, accountant: ACCOUNTANT, reportApprover: HEAD }
  const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
  await callApp(b24, 'app.option.set', { options: { approvals: serializeApprovalSettings(settings) } })
}, 60_000)

describe('contract approval: the approver’s task of each round comes from the runner', () => {
  it('a contract sent for approval gives the approver exactly one task, with a deadline', async () => {
    await contractStep(MANAGER, { action: 'start' })
    const draft = openTask(await walk.tasks(CONTRACT_DEAL), DRAFT_TASK_TITLE)!
    await upload(CONTRACT_DEAL, APPROVAL_FIELDS.contractFile, 'dogovor-v1.docx')
    const { row } = await contractReplay()
    await contractStep(MANAGER, { action: 'submit', file: row.file }, { draftTaskId: Number(draft.id) })

    await eventually(() => approverTasks(CONTRACT_DEAL, 'contract'), (tasks) => tasks.length > 0)
    await walk.idle()
    const tasks = await approverTasks(CONTRACT_DEAL, 'contract')
    expect(tasks).toHaveLength(1)
    const [task] = tasks
    expect(task).toMatchObject({ responsibleId: String(APPROVER), createdBy: String(ADMIN), status: '2' })
    const submittedAt = Date.parse((await contractReplay()).replay.state.rounds[0]!.submittedAt)
    expect(Date.parse(task!.deadline!)).toBe(submittedAt + 24 * 60 * MINUTE)
    const described = parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { ID: task!.id }, select: ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS'] }))
    expect(described[0]!.description).toContain(idempotencyTag(contractKeys.approverTask(CONTRACT_DEAL, 1)))
  })

  it('a second round brings one more task and closes the first; the approval closes the second', async () => {
    await contractStep(APPROVER, { action: 'reject', comment: 'Нет пункта о неустойке' })
    const fix = await eventually(async () => openTask(await walk.tasks(CONTRACT_DEAL), FIX_TASK_TITLE), (task) => task !== undefined)
    await eventually(() => approverTasks(CONTRACT_DEAL, 'contract'), (tasks) => tasks.every((task) => Number(task.status) === 5))
    await upload(CONTRACT_DEAL, APPROVAL_FIELDS.contractFile, 'dogovor-v2.docx')
    const { row } = await contractReplay()
    await contractStep(MANAGER, { action: 'resubmit', file: row.file }, { fixTaskId: Number(fix!.id) })

    await eventually(() => approverTasks(CONTRACT_DEAL, 'contract'), (tasks) => tasks.length === 2)
    await walk.idle()
    const [first, second] = await approverTasks(CONTRACT_DEAL, 'contract')
    expect((await approverTasks(CONTRACT_DEAL, 'contract')).length).toBe(2)
    expect(first).toMatchObject({ status: '5' })
    expect(second).toMatchObject({ responsibleId: String(APPROVER), status: '2' })
    expect(second!.title).toContain('(круг 2)')
    expect(second!.deadline).not.toBeNull()

    await contractStep(APPROVER, { action: 'approve' })
    await eventually(() => approverTasks(CONTRACT_DEAL, 'contract'), (tasks) => tasks.every((task) => Number(task.status) === 5))
    await walk.idle()
    expect((await approverTasks(CONTRACT_DEAL, 'contract')).map((task) => task.status)).toEqual(['5', '5'])
    expect((await contractReplay()).replay.state.status).toBe('approved')
  })

  it('a submission written by someone who may not send the contract gives the approver nothing', async () => {
    // The head writes the record himself through REST on the second manager's deal: the portal
    // stamps him as its author, and he is neither its responsible nor the initiator.
    const otherDeal = 8
    const text = composeRecordText('Проект договора отправлен на согласование', { t: 'contract', a: 'submit', deal: otherDeal, round: 1, file: { id: 1 }, key: contractKeys.record(otherDeal, 1, 'submit') })
    await walk.rest(HEAD, 'crm.timeline.comment.add', { fields: { ENTITY_ID: otherDeal, ENTITY_TYPE: 'deal', COMMENT: text } })
    await walk.idle()
    expect(await approverTasks(otherDeal, 'contract')).toEqual([])
  })
})

describe('measurement report approval (LEMUS §4, «Подведение итогов»)', () => {
  it('the report sent by the responsible reaches the report approver as one task with a deadline', async () => {
    expect((await walk.tasks(REPORT_DEAL)).some((task) => task.title === 'Подготовить и отправить клиенту Отчет по результатам измерения')).toBe(true)
    await upload(REPORT_DEAL, APPROVAL_FIELDS.reportFile, 'otchet-v1.pdf')
    const { row } = await reportReplay()
    await reportStep(MANAGER, { action: 'submit', file: row.reportFile })

    await eventually(() => approverTasks(REPORT_DEAL, 'report'), (tasks) => tasks.length > 0)
    await walk.idle()
    const tasks = await approverTasks(REPORT_DEAL, 'report')
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ responsibleId: String(HEAD), createdBy: String(ADMIN), status: '2' })
    expect(tasks[0]!.deadline).not.toBeNull()
    expect((await dealRow(REPORT_DEAL)).reportCachedState).toBe('submitted')
  })

  it('a rejection needs a reason and gives the responsible a fix task; the fixed report is a new round; the approval ends it', async () => {
    await reportStep(HEAD, { action: 'reject', comment: 'Нет спектров по подшипнику 2' })
    const fix = openTask(await walk.tasks(REPORT_DEAL), REPORT_FIX_TASK_TITLE)!
    expect(fix).toMatchObject({ responsibleId: String(MANAGER), createdBy: String(HEAD) })
    await eventually(() => approverTasks(REPORT_DEAL, 'report'), (tasks) => tasks.every((task) => Number(task.status) === 5))

    await upload(REPORT_DEAL, APPROVAL_FIELDS.reportFile, 'otchet-v2.pdf')
    const { row } = await reportReplay()
    await reportStep(MANAGER, { action: 'resubmit', file: row.reportFile }, Number(fix.id))
    await eventually(() => approverTasks(REPORT_DEAL, 'report'), (tasks) => tasks.length === 2)
    await walk.idle()
    const rounds = await approverTasks(REPORT_DEAL, 'report')
    expect(rounds.map((task) => [task.status, task.title.endsWith('(круг 2)')])).toEqual([['5', false], ['2', true]])
    expect(openTask(await walk.tasks(REPORT_DEAL), REPORT_FIX_TASK_TITLE)).toBeUndefined()

    await reportStep(HEAD, { action: 'approve', comment: 'Можно отправлять клиенту' })
    await eventually(() => approverTasks(REPORT_DEAL, 'report'), (tasks) => tasks.every((task) => Number(task.status) === 5))
    await walk.idle()
    const { replay } = await reportReplay()
    expect(replay.state.status).toBe('approved')
    expect(replay.state.rounds.map((round) => [round.n, round.decision?.kind, round.decision?.by])).toEqual([[1, 'reject', HEAD], [2, 'approve', HEAD]])
    expect(walk.noticeRows('Отчет по результатам измерения по сделке').map((row) => Number(row.USER_ID))).toContain(MANAGER)
    // The contract's replay of the same timeline is untouched by the report's records.
    expect(replayContract({ ...row }, await timeline(REPORT_DEAL), settings).issues).toEqual([])
    const described = parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { ID: rounds[1]!.id }, select: ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS'] }))
    expect(described[0]!.description).toContain(idempotencyTag(reportKeys.approverTask(REPORT_DEAL, 2)))
  })
})

describe('business trip: the accountant’s «Выдать ДС для командировки» once, with a deadline', () => {
  async function newTrip(destination: string): Promise<TaskRecord> {
    const today = new Date(await walk.portalNow())
    const day = (days: number) => new Date(today.getTime() + days * 24 * 60 * MINUTE).toISOString().slice(0, 10)
    const input: TripRequestInput = { destination, dateFrom: day(7), dateTo: day(9), purpose: 'Вибродиагностика на объекте', budget: { amount: 45_000, currency: 'RUB' } }
    const key = `apr:trip:req:${MANAGER}:${destination}`
    const plan = planTripRequest(input, settings, key)
    if (!plan.ok) throw new Error(plan.error)
    await writeAs(MANAGER, plan.effects)
    return (await myTasks(MANAGER)).find((task) => task.description.includes(key))!
  }

  async function myTasks(creator: number): Promise<TaskRecord[]> {
    return parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { CREATED_BY: creator }, select: ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS', 'CHANGED_BY', 'DEADLINE'] }))
  }

  async function payouts(requestId: number): Promise<TaskRecord[]> {
    const rows = parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { RESPONSIBLE_ID: ACCOUNTANT, TITLE: PAYOUT_TASK_TITLE }, select: ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS', 'DEADLINE'] }))
    return rows.filter((task) => task.description.includes(idempotencyTag(tripKeys.payout(requestId))))
  }

  /** The approver's decision as his tab plans it; `recordOnly`: the tab stopped right after the record. */
  async function decide(request: TaskRecord, recordOnly: boolean): Promise<TaskRecord> {
    const tasks = [request]
    const trip = replayTrips(tasks, settings).trips[0]!
    const plan = planTripDecision({ trip, actor: APPROVER, at: await portalIso(), settings, initiatorName: 'Дмитрий Кузнецов' }, { decision: 'approve', amount: { amount: 40_000, currency: 'RUB' } })
    if (!plan.ok) throw new Error(plan.error)
    await writeAs(APPROVER, recordOnly ? plan.effects.slice(0, 1) : plan.effects)
    return (await myTasks(APPROVER)).find((task) => task.description.includes(idempotencyTag(tripKeys.decision(request.id))))!
  }

  it('the approver’s tab wrote everything: the accountant has its one task with a deadline and the runner adds none', async () => {
    const request = await newTrip('Екатеринбург')
    await decide(request, false)
    await walk.idle()
    const [payout, ...more] = await payouts(request.id)
    expect(more).toEqual([])
    expect(payout).toMatchObject({ createdBy: APPROVER, responsibleId: ACCOUNTANT, status: 2 })
    expect(payout!.deadline).toBeTruthy()
  })

  it('the tab stopped after the decision: the runner waits for it, then gives the accountant the task once and finishes the rest', async () => {
    const request = await newTrip('Пермь')
    const decision = await decide(request, true)
    await walk.idle()
    expect(await payouts(request.id)).toEqual([])
    // The runner looks again when the approver's tab has had its time.
    expect(Date.parse(harness.runner.store.nextJob('approval-task', decision.id)!.dueAt)).toBe(Date.parse(decision.createdDate) + TRIP_FOLLOW_UP_GRACE_MS)

    await harness.shiftClock(TRIP_FOLLOW_UP_GRACE_MS + MINUTE)
    await eventually(() => payouts(request.id), (found) => found.length > 0)
    await walk.idle()
    const found = await payouts(request.id)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ createdBy: ADMIN, responsibleId: ACCOUNTANT, status: 2 })
    expect(found[0]!.description).toContain('40')
    expect(Date.parse(found[0]!.deadline!)).toBeGreaterThan(await walk.portalNow())
    const closed = (await myTasks(MANAGER)).find((task) => task.id === request.id)!
    expect(closed.status).toBe(5)
    expect(walk.noticeRows('Командировка').map((row) => Number(row.USER_ID))).toContain(MANAGER)
  })
})
