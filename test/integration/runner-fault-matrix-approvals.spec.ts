import { beforeAll, describe, it } from 'vitest'
import { OFFLINE_QUEUE_TABLE } from '../../sandbox/rest/methods/system/offline-queue'
import { DRAFT_TASK_TITLE, TRIP_FOLLOW_UP_GRACE_MS, type TaskRecord } from '@/domain/approvals'
import { APPROVAL_FIELDS } from '@/domain/fields/approvals'
import { FAULT_KINDS } from '../e2e/helpers/fault-matrix'
import { APPROVER, approvalSteps, openTask } from './helpers/approval-steps'
import { ADMIN, HEAD, lemusWalk, MANAGER, MINUTE } from './helpers/lemus-walk'
import { everSeen, runFaultCell, type FaultScenario } from './helpers/runner-fault-cell'
import { runnerQuiet, useRunnerHarness } from './helpers/runner-harness'

/*
 * The runner's approval writes under the six faults (helpers/runner-fault-cell.ts): the
 * approver's task of a contract round, its closing once the round is decided, and the
 * accountant's «Выдать ДС для командировки». People write their own steps through their own
 * tokens as their tabs would (helpers/approval-steps.ts). These writes have no report line: the
 * runner's word that a write is done is that it holds nothing more for it (no event queued, no
 * approvals job scheduled, no unfinished plan of the deal or trip), so «told» while the portal
 * lacks the task would be a write given up in silence.
 */

const harness = useRunnerHarness()
const walk = lemusWalk(harness, 'Товары')
const steps = approvalSteps(harness, walk)
/** A demo deal of «Товары»: its pipeline's contracts go to the approver. */
const GOODS_DEAL = 7

/** The runner holds nothing more for `scope`: nothing queued, no approvals job at any time, no unfinished plan. */
async function runnerSettled(scope: string): Promise<boolean> {
  const queued = harness.sandbox.store.table(OFFLINE_QUEUE_TABLE).size
  const jobs = harness.runner.store.dueJobs(new Date(8.64e15), 100_000).filter((job) => job.kind.startsWith('approval-'))
  const unfinished = await harness.runner.store.journal.list(scope)
  return queued === 0 && jobs.length === 0 && unfinished.length === 0
}

/** A «Товары» deal on «Договор» whose contract the manager has drafted and uploaded, not yet sent. */
async function draftedContract(tag: string): Promise<number> {
  const dealId = await walk.rest<number>(MANAGER, 'crm.deal.add', {
    fields: { TITLE: `Договор ${tag}`, CATEGORY_ID: await walk.categoryId(), STAGE_ID: await walk.stageId('Договор'), OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: MANAGER },
  })
  await steps.contractStep(dealId, MANAGER, { action: 'start' })
  await steps.upload(dealId, APPROVAL_FIELDS.contractFile, `dogovor-${dealId}.docx`)
  await runnerQuiet(harness)
  return dealId
}

async function submit(dealId: number): Promise<void> {
  const draft = openTask(await walk.tasks(dealId), DRAFT_TASK_TITLE)!
  const { row } = await steps.contractReplay(dealId)
  await steps.contractStep(dealId, MANAGER, { action: 'submit', file: row.file }, { draftTaskId: Number(draft.id) })
}

const approverTaskIds = (dealId: number) => everSeen(async () => (await steps.approverTasks(dealId, 'contract')).map((task) => task.id))
const closedApproverTasks = (dealId: number) => async () => (await steps.approverTasks(dealId, 'contract')).filter((task) => Number(task.status) === 5).length
const deleteDeal = async (dealId: number) => void (await walk.rest(ADMIN, 'crm.deal.delete', { id: dealId }))
const dealSettled = (dealId: number) => runnerSettled(`approvals:deal:${dealId}`)

const approverTask: FaultScenario<number> = {
  write: 'runner: approver task',
  method: 'tasks.task.add',
  byPerson: true,
  prepare: draftedContract,
  trigger: submit,
  effects: (dealId) => [{ expected: 1, found: approverTaskIds(dealId) }],
  told: dealSettled,
  cleanup: deleteDeal,
}

const approverTaskClosed: FaultScenario<number> = {
  write: 'runner: approver task closed',
  method: 'tasks.task.complete',
  byPerson: true,
  prepare: async (tag) => {
    const dealId = await draftedContract(tag)
    await submit(dealId)
    await runnerQuiet(harness)
    return dealId
  },
  trigger: (dealId) => steps.contractStep(dealId, APPROVER, { action: 'approve' }),
  effects: (dealId) => [
    { expected: 1, found: closedApproverTasks(dealId) },
    { expected: 1, found: approverTaskIds(dealId) },
  ],
  told: dealSettled,
  cleanup: deleteDeal,
}

interface Trip {
  request: TaskRecord
}

const tripPayout: FaultScenario<Trip> = {
  write: 'runner: trip payout',
  method: 'tasks.task.add',
  byPerson: false,
  prepare: async (tag) => {
    const request = await steps.newTrip(`Пермь (${tag})`)
    // The approver's tab stopped right after the decision's record: the runner finishes it after the grace period.
    await steps.approveTrip(request, true)
    await runnerQuiet(harness)
    return { request }
  },
  trigger: () => harness.shiftClock(TRIP_FOLLOW_UP_GRACE_MS + MINUTE),
  effects: ({ request }) => [
    { expected: 1, found: everSeen(async () => (await steps.payouts(request.id)).map((task) => task.id)) },
    { expected: 1, found: async () => (await steps.tasksCreatedBy(MANAGER)).filter((task) => task.id === request.id && task.status === 5).length },
  ],
  told: ({ request }) => runnerSettled(`approvals:trip:${request.id}`),
}

beforeAll(async () => {
  await steps.configure(GOODS_DEAL, HEAD)
}, 60_000)

describe('the runner’s approval writes under the six faults', () => {
  for (const scenario of [approverTask, approverTaskClosed] as FaultScenario<number>[]) {
    for (const kind of FAULT_KINDS) {
      it(`${scenario.write} × ${kind}: done once, nothing lost, settled only when stored`, () => runFaultCell(harness, scenario, kind).then(() => undefined), 90_000)
    }
  }
  for (const kind of FAULT_KINDS) {
    it(`${tripPayout.write} × ${kind}: done once, nothing lost, settled only when stored`, () => runFaultCell(harness, tripPayout, kind).then(() => undefined), 90_000)
  }
})
