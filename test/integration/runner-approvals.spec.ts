import { beforeAll, describe, expect, it } from 'vitest'
import { parseTaskRows } from '@/b24/approvals/dto'
import {
  composeRecordText,
  contractKeys,
  DRAFT_TASK_TITLE,
  FIX_TASK_TITLE,
  REPORT_FIX_TASK_TITLE,
  reportKeys,
  replayContract,
  TRIP_FOLLOW_UP_GRACE_MS,
} from '@/domain/approvals'
import { APPROVAL_FIELDS } from '@/domain/fields/approvals'
import { idempotencyTag } from '@/domain/write-plan'
import { ACCOUNTANT, APPROVER, approvalSteps, openTask } from './helpers/approval-steps'
import { ADMIN, HEAD, lemusWalk, MANAGER, MINUTE } from './helpers/lemus-walk'
import { eventually, useRunnerHarness } from './helpers/runner-harness'

/*
 * The approvals with no tab open: people write their own steps through their own tokens exactly
 * as the tab writes them (helpers/approval-steps.ts); the runner alone gives the approvers and
 * the accountant their tasks. Everything is read back through REST.
 */
const harness = useRunnerHarness()
const walk = lemusWalk(harness, 'Товары')
const steps = approvalSteps(harness, walk)

/** Demo deals: «Договор поставки комплектующих ТехноПромМаш» («Товары», «Договор») and «Отчёт по измерениям ТехноПромМаш» («Услуги», «Подведение итогов», with the playbook's report task), both the manager's. */
const CONTRACT_DEAL = 7
const REPORT_DEAL = 31

const contractStep = (actor: number, step: Parameters<typeof steps.contractStep>[2], tasks?: Parameters<typeof steps.contractStep>[3]) => steps.contractStep(CONTRACT_DEAL, actor, step, tasks)
const reportStep = (actor: number, step: Parameters<typeof steps.reportStep>[2], fixTaskId?: number) => steps.reportStep(REPORT_DEAL, actor, step, fixTaskId)
const contractReplay = () => steps.contractReplay(CONTRACT_DEAL)
const reportReplay = () => steps.reportReplay(REPORT_DEAL)
const { approverTasks, upload, dealRow } = steps

beforeAll(async () => {
  await steps.configure(CONTRACT_DEAL, HEAD)
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
    expect(replayContract({ ...row }, await steps.timeline(REPORT_DEAL), steps.settings()).issues).toEqual([])
    const described = parseTaskRows(await walk.rest(ADMIN, 'tasks.task.list', { filter: { ID: rounds[1]!.id }, select: ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS'] }))
    expect(described[0]!.description).toContain(idempotencyTag(reportKeys.approverTask(REPORT_DEAL, 2)))
  })
})

describe('business trip: the accountant’s «Выдать ДС для командировки» once, with a deadline', () => {
  const { newTrip, payouts } = steps
  const myTasks = steps.tasksCreatedBy
  const decide = steps.approveTrip

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
