// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  buildInbox,
  invalidRecords,
  openTrip,
  replayContract,
  composeRecordText,
  type ApprovalSettings,
  type TimelineRecord,
  type TripReplay,
} from '@/domain/approvals'

const MANAGER = 3
const OTHER = 4
const APPROVER = 6
const settings: ApprovalSettings = { contractApprovers: { '0': APPROVER }, tripApprover: APPROVER, accountant: 7 }

let nextId = 1
function rec(dealId: number, authorId: number, created: string, a: 'start' | 'submit' | 'reject', round: number): TimelineRecord {
  const marker =
    a === 'submit'
      ? { t: 'contract' as const, a, deal: dealId, round, file: { id: 500 + dealId }, key: `${dealId}-${a}-${round}` }
      : a === 'reject'
        ? { t: 'contract' as const, a, deal: dealId, round, comment: 'нет', key: `${dealId}-${a}-${round}` }
        : { t: 'contract' as const, a, deal: dealId, round, key: `${dealId}-${a}-${round}` }
  return { id: nextId++, authorId, created, text: composeRecordText('x', marker) }
}

function contract(dealId: number, responsible: number, records: TimelineRecord[]) {
  return {
    deal: { id: dealId, title: `Сделка ${dealId}` },
    replay: replayContract({ id: dealId, categoryId: 0, responsibleId: responsible, file: null }, records, settings),
  }
}

function trip(id: number, initiator: number, at: string): TripReplay {
  return {
    requestTaskId: id,
    state: openTrip(
      { destination: 'Пермь', dateFrom: '2026-01-01', dateTo: '2026-01-02', purpose: 'p', budget: { amount: 1, currency: 'RUB' } },
      initiator,
      at,
    ),
    decisionTaskId: null,
    requestTaskOpen: true,
  }
}

describe('approval inbox', () => {
  const contracts = [
    // submitted on Mar 3 — waits for the approver
    contract(1, MANAGER, [rec(1, MANAGER, '2026-03-01T10:00:00Z', 'start', 0), rec(1, MANAGER, '2026-03-03T10:00:00Z', 'submit', 1)]),
    // submitted on Mar 2 — older, comes first
    contract(2, OTHER, [rec(2, OTHER, '2026-03-01T09:00:00Z', 'start', 0), rec(2, OTHER, '2026-03-02T10:00:00Z', 'submit', 1)]),
    // rejected — waits for its responsible to fix
    contract(3, MANAGER, [
      rec(3, MANAGER, '2026-03-01T08:00:00Z', 'start', 0),
      rec(3, MANAGER, '2026-03-01T09:00:00Z', 'submit', 1),
      rec(3, APPROVER, '2026-03-04T09:00:00Z', 'reject', 1),
    ]),
    // draft — waits for its responsible to attach the file
    contract(4, MANAGER, [rec(4, OTHER, '2026-03-05T08:00:00Z', 'start', 0)]),
  ]
  const trips = [trip(100, MANAGER, '2026-03-02T12:00:00Z'), trip(101, OTHER, '2026-02-28T12:00:00Z')]

  it('shows the approver everything waiting for him, oldest first', () => {
    const inbox = buildInbox(APPROVER, contracts, trips, settings)
    expect(inbox.waiting.map((item) => [item.id, item.todo])).toEqual([
      ['trip:101', 'decide'],
      ['contract:2', 'decide'],
      ['trip:100', 'decide'],
      ['contract:1', 'decide'],
    ])
    expect(inbox.mine).toEqual([])
  })

  it('shows a manager what he must fix or attach, and his own requests newest first', () => {
    const inbox = buildInbox(MANAGER, contracts, trips, settings)
    expect(inbox.waiting.map((item) => [item.id, item.todo])).toEqual([
      ['contract:3', 'fix'],
      ['contract:4', 'attach-and-submit'],
    ])
    expect(inbox.mine.map((item) => [item.id, item.status])).toEqual([
      ['contract:3', 'rejected'],
      ['contract:1', 'submitted'],
      ['trip:100', 'requested'],
    ])
  })

  it('an approver of another pipeline sees no contracts', () => {
    const elsewhere = { ...settings, contractApprovers: { '1': APPROVER } }
    const records = [rec(9, MANAGER, '2026-03-01T10:00:00Z', 'start', 0), rec(9, MANAGER, '2026-03-03T10:00:00Z', 'submit', 1)]
    const other = {
      deal: { id: 9, title: 'Сделка 9' },
      replay: replayContract({ id: 9, categoryId: 0, responsibleId: MANAGER, file: null }, records, elsewhere),
    }
    expect(other.replay.state.status).toBe('submitted')
    expect(buildInbox(APPROVER, [other], [], elsewhere).waiting).toEqual([])
  })

  it('filters the records worth marking invalid in the widget', () => {
    const issues = [
      { kind: 'forgery' as const, recordId: 1, authorId: 3, at: '', reason: 'not-approver' },
      { kind: 'malformed' as const, recordId: 2, authorId: 3, at: '', reason: 'schema' },
      { kind: 'illegal' as const, recordId: 3, authorId: 6, at: '', reason: 'stale-round' },
    ]
    expect(invalidRecords(issues).map((i) => i.recordId)).toEqual([1, 3])
  })
})
