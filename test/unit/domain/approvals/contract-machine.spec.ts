// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  CONTRACT_ACTIONS,
  CONTRACT_STATUSES,
  canCloseDraftTask,
  contractActionsFor,
  initialContractState,
  transitionContract,
  type ContractAction,
  type ContractCommand,
  type ContractState,
  type ContractStatus,
} from '@/domain/approvals'

const MANAGER = 3
const APPROVER = 6
const v1 = { id: 101, name: 'договор-v1.docx' }
const v2 = { id: 102, name: 'договор-v2.docx' }
const v3 = { id: 103, name: 'договор-v3.docx' }

function run(state: ContractState, command: ContractCommand): ContractState {
  const result = transitionContract(state, command)
  if (!result.ok) throw new Error(`${command.type} failed: ${result.error}`)
  return result.state
}

/** Reaches each status by legal steps only. */
function reach(status: ContractStatus): ContractState {
  let state = initialContractState
  if (status === 'none') return state
  state = run(state, { type: 'start', by: MANAGER, at: '2026-03-01T09:00:00+03:00' })
  if (status === 'draft') return state
  state = run(state, { type: 'submit', by: MANAGER, at: '2026-03-01T10:00:00+03:00', file: v1 })
  if (status === 'submitted') return state
  if (status === 'approved') return run(state, { type: 'approve', by: APPROVER, at: '2026-03-02T10:00:00+03:00' })
  return run(state, { type: 'reject', by: APPROVER, at: '2026-03-02T10:00:00+03:00', comment: 'Нет реквизитов' })
}

function commandFor(action: ContractAction): ContractCommand {
  const at = '2026-03-05T12:00:00+03:00'
  switch (action) {
    case 'start':
      return { type: 'start', by: MANAGER, at }
    case 'submit':
      return { type: 'submit', by: MANAGER, at, file: v3 }
    case 'resubmit':
      return { type: 'resubmit', by: MANAGER, at, file: v3 }
    case 'reject':
      return { type: 'reject', by: APPROVER, at, comment: 'Причина' }
    case 'approve':
      return { type: 'approve', by: APPROVER, at }
  }
}

const LEGAL: Record<ContractStatus, Partial<Record<ContractAction, ContractStatus>>> = {
  none: { start: 'draft' },
  draft: { submit: 'submitted' },
  submitted: { approve: 'approved', reject: 'rejected' },
  rejected: { resubmit: 'submitted' },
  approved: {},
}

describe('contract approval state machine', () => {
  // Every status × every action: the legal ones move where the table says, all others
  // are refused as illegal transitions and leave nothing changed.
  for (const status of CONTRACT_STATUSES) {
    for (const action of CONTRACT_ACTIONS) {
      const target = LEGAL[status][action]
      it(`${status} + ${action} → ${target ?? 'illegal'}`, () => {
        const before = reach(status)
        const snapshot = JSON.stringify(before)
        const result = transitionContract(before, commandFor(action))
        if (target) {
          expect(result.ok).toBe(true)
          if (result.ok) expect(result.state.status).toBe(target)
        } else {
          expect(result).toEqual({ ok: false, error: 'illegal-transition', from: status, action })
        }
        expect(JSON.stringify(before)).toBe(snapshot)
      })
    }
  }

  it('lists exactly the accepted actions per status', () => {
    for (const status of CONTRACT_STATUSES) {
      expect([...contractActionsFor(status)].sort()).toEqual(Object.keys(LEGAL[status]).sort())
    }
  })

  it('walks reject → resubmit loops and keeps every round', () => {
    let state = reach('draft')
    expect(state.initiator).toBe(MANAGER)
    state = run(state, { type: 'submit', by: MANAGER, at: '2026-03-01T10:00:00Z', file: v1 })
    state = run(state, { type: 'reject', by: APPROVER, at: '2026-03-01T11:00:00Z', comment: '  Нет реквизитов  ' })
    state = run(state, { type: 'resubmit', by: MANAGER, at: '2026-03-01T12:00:00Z', file: v2 })
    state = run(state, { type: 'reject', by: APPROVER, at: '2026-03-01T13:00:00Z', comment: 'Срок оплаты' })
    state = run(state, { type: 'resubmit', by: MANAGER, at: '2026-03-01T14:00:00Z', file: v3 })
    state = run(state, { type: 'approve', by: APPROVER, at: '2026-03-01T15:00:00Z', comment: 'ok' })

    expect(state.status).toBe('approved')
    expect(state.since).toBe('2026-03-01T15:00:00Z')
    expect(state.rounds).toEqual([
      { n: 1, submittedBy: MANAGER, submittedAt: '2026-03-01T10:00:00Z', file: v1,
        decision: { kind: 'reject', by: APPROVER, at: '2026-03-01T11:00:00Z', comment: 'Нет реквизитов' } },
      { n: 2, submittedBy: MANAGER, submittedAt: '2026-03-01T12:00:00Z', file: v2,
        decision: { kind: 'reject', by: APPROVER, at: '2026-03-01T13:00:00Z', comment: 'Срок оплаты' } },
      { n: 3, submittedBy: MANAGER, submittedAt: '2026-03-01T14:00:00Z', file: v3,
        decision: { kind: 'approve', by: APPROVER, at: '2026-03-01T15:00:00Z', comment: 'ok' } },
    ])
  })

  it('approval is final: nothing moves it afterwards', () => {
    const approved = reach('approved')
    for (const action of CONTRACT_ACTIONS) {
      const result = transitionContract(approved, commandFor(action))
      expect(result.ok).toBe(false)
    }
  })

  it('draft cannot be submitted without a file (the draft task stays open)', () => {
    const draft = reach('draft')
    expect(transitionContract(draft, { type: 'submit', by: MANAGER, at: 'x', file: null })).toMatchObject({
      ok: false,
      error: 'file-required',
    })
    expect(canCloseDraftTask(null)).toBe(false)
    expect(canCloseDraftTask(undefined)).toBe(false)
    expect(canCloseDraftTask({ id: 0 })).toBe(false)
    expect(canCloseDraftTask(v1)).toBe(true)
  })

  it('a rejection needs a comment', () => {
    const submitted = reach('submitted')
    for (const comment of ['', '   ', '\n\t']) {
      expect(transitionContract(submitted, { type: 'reject', by: APPROVER, at: 'x', comment })).toMatchObject({
        ok: false,
        error: 'comment-required',
      })
    }
  })

  it('a resubmission needs a new file version', () => {
    const rejected = reach('rejected')
    expect(transitionContract(rejected, { type: 'resubmit', by: MANAGER, at: 'x', file: v1 })).toMatchObject({
      ok: false,
      error: 'same-file-version',
    })
    expect(transitionContract(rejected, { type: 'resubmit', by: MANAGER, at: 'x', file: null })).toMatchObject({
      ok: false,
      error: 'file-required',
    })
    const next = transitionContract(rejected, { type: 'resubmit', by: MANAGER, at: 'x', file: v2 })
    expect(next.ok && next.state.rounds.map((round) => round.n)).toEqual([1, 2])
  })
})
