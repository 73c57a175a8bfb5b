// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  approverTaskDeadline,
  approverTaskEffects,
  composeRecordText,
  contractKeys,
  dealApproverTaskEffects,
  payoutDeadline,
  reportKeys,
  replayContract,
  replayTrips,
  tripKeys,
  tripRunnerStep,
  TRIP_FOLLOW_UP_GRACE_MS,
  type ApprovalSettings,
  type Effect,
  type TaskRecord,
  type TimelineRecord,
} from '@/domain/approvals'
import { idempotencyTag } from '@/domain/write-plan'

// What the runner writes after people's own approval steps: the approver's to-do per round and
// the accountant's payout, from the records alone.
const MANAGER = 3
const HEAD = 2
const APPROVER = 6
const ACCOUNTANT = 7
const RUNNER = 1
const settings: ApprovalSettings = { contractApprovers: { '1': APPROVER }, tripApprover: APPROVER, accountant: ACCOUNTANT, reportApprover: HEAD }
const NOW = new Date('2026-03-02T10:00:00+03:00')

let nextId = 100
function record(process: 'contract' | 'report', authorId: number, a: 'start' | 'submit' | 'reject' | 'resubmit' | 'approve', round: number, created: string): TimelineRecord {
  const file = a === 'submit' || a === 'resubmit' ? { file: { id: 500 + round } } : {}
  const comment = a === 'reject' ? { comment: 'Исправить' } : {}
  const marker = { t: process, a, deal: 12, round, key: `apr:${process}:12:r${round}:${a}`, ...file, ...comment } as Parameters<typeof composeRecordText>[1]
  return { id: nextId++, authorId, created, text: composeRecordText('запись', marker) }
}

function runnerTask(key: string, status = 2): TaskRecord {
  return { id: nextId++, createdBy: RUNNER, responsibleId: APPROVER, createdDate: '', title: 'Согласовать', description: `…\n${idempotencyTag(key)}`, status }
}

const deal = { id: 12, categoryId: 1, responsibleId: MANAGER, file: { id: 502 }, title: 'Договор поставки', reportFile: null }
const contractRecords = {
  started: record('contract', MANAGER, 'start', 0, '2026-03-01T09:00:00+03:00'),
  sent: record('contract', MANAGER, 'submit', 1, '2026-03-01T10:00:00+03:00'),
  rejected: record('contract', APPROVER, 'reject', 1, '2026-03-01T12:00:00+03:00'),
  resent: record('contract', MANAGER, 'resubmit', 2, '2026-03-01T15:00:00+03:00'),
  approved: record('contract', APPROVER, 'approve', 2, '2026-03-01T16:00:00+03:00'),
}

const kinds = (effects: Effect[]) => effects.map((effect) => `${effect.kind}:${effect.key}`)

describe('the approver’s to-do task of each round', () => {
  it('gives the approver one task with a deadline for the round waiting for a decision', () => {
    const replay = replayContract(deal, [contractRecords.started, contractRecords.sent], settings)
    const effects = approverTaskEffects({ process: 'contract', deal, replay, runnerTasks: [], now: new Date('2026-03-01T10:01:00+03:00') })
    expect(effects).toEqual([
      expect.objectContaining({
        kind: 'create-task',
        key: contractKeys.approverTask(12, 1),
        responsibleId: APPROVER,
        crm: ['D_12'],
        title: 'Согласовать проект договора: Договор поставки (круг 1)',
        deadline: '2026-03-02T10:00:00+03:00',
      }),
    ])
    // Once the runner's task carries the key, nothing more (the same run twice makes one task).
    expect(approverTaskEffects({ process: 'contract', deal, replay, runnerTasks: [runnerTask(contractKeys.approverTask(12, 1))], now: NOW })).toEqual([])
  })

  it('a rejection closes the round’s task; the next round gets its own; approval closes that one', () => {
    const round1 = runnerTask(contractKeys.approverTask(12, 1))
    const rejected = replayContract(deal, [contractRecords.started, contractRecords.sent, contractRecords.rejected], settings)
    expect(kinds(approverTaskEffects({ process: 'contract', deal, replay: rejected, runnerTasks: [round1], now: NOW }))).toEqual([
      `complete-task:${contractKeys.approverTask(12, 1)}:close:${round1.id}`,
    ])
    const resent = replayContract(deal, [contractRecords.started, contractRecords.sent, contractRecords.rejected, contractRecords.resent], settings)
    expect(kinds(approverTaskEffects({ process: 'contract', deal, replay: resent, runnerTasks: [{ ...round1, status: 5 }], now: NOW }))).toEqual([
      `create-task:${contractKeys.approverTask(12, 2)}`,
    ])
    const round2 = runnerTask(contractKeys.approverTask(12, 2))
    const approved = replayContract(deal, Object.values(contractRecords), settings)
    expect(kinds(approverTaskEffects({ process: 'contract', deal, replay: approved, runnerTasks: [{ ...round1, status: 5 }, round2], now: NOW }))).toEqual([
      `complete-task:${contractKeys.approverTask(12, 2)}:close:${round2.id}`,
    ])
  })

  it('a forged submission gives nobody a task; no approver configured, no task', () => {
    const forged = record('contract', APPROVER, 'submit', 1, '2026-03-01T10:00:00+03:00')
    const replay = replayContract(deal, [contractRecords.started, forged], settings)
    expect(approverTaskEffects({ process: 'contract', deal, replay, runnerTasks: [], now: NOW })).toEqual([])
    const unset = replayContract(deal, [contractRecords.started, contractRecords.sent], { ...settings, contractApprovers: {} })
    expect(approverTaskEffects({ process: 'contract', deal, replay: unset, runnerTasks: [], now: NOW })).toEqual([])
  })

  it('the measurement report’s round goes to the report approver, beside the contract’s', () => {
    const reportSent = record('report', MANAGER, 'submit', 1, '2026-03-01T11:00:00+03:00')
    const effects = dealApproverTaskEffects({ deal, comments: [contractRecords.started, contractRecords.sent, reportSent], settings, runnerTasks: [], now: NOW })
    expect(effects.map((effect) => effect.kind === 'create-task' && [effect.key, effect.responsibleId, effect.title])).toEqual([
      [contractKeys.approverTask(12, 1), APPROVER, 'Согласовать проект договора: Договор поставки (круг 1)'],
      [reportKeys.approverTask(12, 1), HEAD, 'Согласовать Отчет по результатам измерения: Договор поставки (круг 1)'],
    ])
  })
})

describe('deadlines', () => {
  it('a day after the submission in the portal’s offset, never in the past', () => {
    expect(approverTaskDeadline('2026-03-01T10:00:00+03:00', new Date('2026-03-01T07:05:00Z'))).toBe('2026-03-02T10:00:00+03:00')
    // The runner was stopped for two days: at least two hours from now.
    expect(approverTaskDeadline('2026-03-01T10:00:00+03:00', new Date('2026-03-03T07:00:00Z'))).toBe('2026-03-03T12:00:00+03:00')
  })

  it('the payout: a day after the approval, or the trip’s first morning when sooner', () => {
    expect(payoutDeadline('2026-03-01T10:00:00+03:00', '2026-03-10', new Date('2026-03-01T07:00:00Z'))).toBe('2026-03-02T10:00:00+03:00')
    expect(payoutDeadline('2026-03-01T20:00:00+03:00', '2026-03-02', new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02T09:00:00+03:00')
    expect(payoutDeadline('2026-03-01T08:00:00Z', '2026-03-10', new Date('2026-03-01T08:00:00Z'))).toBe('2026-03-02T08:00:00+00:00')
  })
})

describe('the accountant’s payout after a trip decision', () => {
  const request: TaskRecord = {
    id: 40,
    createdBy: MANAGER,
    responsibleId: APPROVER,
    createdDate: '2026-03-01T09:00:00+03:00',
    title: 'Согласование командировки: Екатеринбург',
    description: composeRecordText('Заявка', {
      t: 'trip-request',
      key: 'apr:trip:req:3:a',
      destination: 'Екатеринбург',
      dateFrom: '2026-03-10',
      dateTo: '2026-03-12',
      purpose: 'Вибродиагностика',
      budget: { amount: 45000, currency: 'RUB' },
    }),
    status: 2,
  }
  const decision: TaskRecord = {
    id: 41,
    createdBy: APPROVER,
    responsibleId: APPROVER,
    createdDate: '2026-03-01T10:00:00+03:00',
    title: 'Решение по командировке: Екатеринбург',
    description: composeRecordText('Согласовано', { t: 'trip-decision', request: 40, decision: 'approve', amount: { amount: 40000, currency: 'RUB' }, key: tripKeys.decision(40) }),
    status: 5,
    changedBy: APPROVER,
  }
  const tripOf = (tasks: TaskRecord[]) => replayTrips(tasks, settings).trips[0]!
  const payout = (createdBy: number, extra: Partial<TaskRecord> = {}): TaskRecord => ({
    id: 42,
    createdBy,
    responsibleId: ACCOUNTANT,
    createdDate: '',
    title: 'Выдать ДС для командировки',
    description: `Выдать 40 000 ₽\n${idempotencyTag(tripKeys.payout(40))}`,
    status: 2,
    ...extra,
  })
  const step = (tasks: TaskRecord[], payouts: TaskRecord[], now: Date) =>
    tripRunnerStep({ trip: tripOf(tasks), settings, initiatorName: 'Дмитрий Кузнецов', payoutCandidates: payouts, runnerUser: RUNNER, now })

  it('leaves the approver’s tab its grace period while the request is open', () => {
    const at = new Date('2026-03-01T10:01:00+03:00')
    expect(step([request, decision], [], at)).toEqual({ wait: new Date(Date.parse(decision.createdDate) + TRIP_FOLLOW_UP_GRACE_MS) })
  })

  it('after it, writes the payout with a deadline, the notice and the closing the tab left undone', () => {
    const result = step([request, decision], [], new Date('2026-03-01T11:00:00+03:00'))
    if (!('effects' in result)) throw new Error('waits')
    expect(kinds(result.effects)).toEqual([`create-task:${tripKeys.payout(40)}`, `notify:${tripKeys.notify(40)}`, `complete-task:${tripKeys.closeRequest(40)}`])
    expect(result.effects[0]).toMatchObject({ responsibleId: ACCOUNTANT, deadline: '2026-03-02T10:00:00+03:00', auditors: [MANAGER] })
  })

  it('a finished decision needs nothing; a payout without a deadline gets one; a stranger’s payout does not count', () => {
    const closed = { ...request, status: 5 }
    const later = new Date('2026-03-01T11:00:00+03:00')
    expect(step([closed, decision], [payout(APPROVER, { deadline: '2026-03-02T10:00:00+03:00' })], later)).toEqual({ effects: [] })
    expect(step([closed, decision], [payout(APPROVER)], later)).toEqual({
      effects: [{ kind: 'set-deadline', key: tripKeys.payoutDeadline(40), taskId: 42, deadline: '2026-03-02T10:00:00+03:00' }],
    })
    const result = step([closed, decision], [payout(MANAGER, { deadline: '2026-03-02T10:00:00+03:00' })], later)
    expect('effects' in result && kinds(result.effects)).toEqual([`create-task:${tripKeys.payout(40)}`])
  })

  it('a rejection gets no payout; its notice and closing are finished after the grace period', () => {
    const rejection = { ...decision, description: composeRecordText('Нет', { t: 'trip-decision', request: 40, decision: 'reject', reason: 'Нет бюджета', key: tripKeys.decision(40) }) }
    const result = step([request, rejection], [], new Date('2026-03-01T11:00:00+03:00'))
    expect('effects' in result && kinds(result.effects)).toEqual([`notify:${tripKeys.notify(40)}`, `complete-task:${tripKeys.closeRequest(40)}`])
  })
})
