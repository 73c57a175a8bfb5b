// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  composeRecordText,
  DRAFT_TASK_TITLE,
  FIX_TASK_TITLE,
  planContractStep,
  replayContract,
  type ApprovalSettings,
  type ContractStep,
  type DealFacts,
} from '@/domain/approvals'
import { FakePortal } from './fake-portal'

// Records are deal timeline comments: crm.timeline.comment.add / .list
// (b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-add.md, crm-timeline-comment-list.md):
// AUTHOR_ID is the caller, set by the portal.
const MANAGER = 3
const OTHER_MANAGER = 4
const HEAD = 2
const APPROVER = 6
const settings: ApprovalSettings = { contractApprovers: { '1': APPROVER }, tripApprover: APPROVER, accountant: 7 }
const dealTitle = 'Вибродиагностика насосной станции'

function setup() {
  const portal = new FakePortal()
  const deal: DealFacts = { id: 12, categoryId: 1, responsibleId: MANAGER, file: null }
  const replay = () => replayContract(deal, portal.timeline(12), settings)
  const step = (actor: number, s: ContractStep, extra: { draftTaskId?: number; fixTaskId?: number } = {}) => {
    const plan = planContractStep({ deal: { id: 12, title: dealTitle }, replay: replay(), actor, at: portal.now(), ...extra }, s)
    if (plan.ok) portal.apply(actor, plan.effects)
    return plan
  }
  return { portal, deal, replay, step }
}

describe('contract approval over portal records', () => {
  it('runs the whole story: start, reject with comment, fix, resubmit, approve, notify', () => {
    const { portal, deal, replay, step } = setup()

    expect(step(MANAGER, { action: 'start' }).ok).toBe(true)
    const draftTask = portal.tasks.find((t) => t.title === DRAFT_TASK_TITLE)!
    expect(draftTask).toMatchObject({ responsibleId: MANAGER, createdBy: MANAGER, status: 2 })
    expect(replay().state.status).toBe('draft')

    // The draft task cannot be closed without a file in «Проект договора».
    expect(step(MANAGER, { action: 'submit', file: null }, { draftTaskId: draftTask.id })).toEqual({ ok: false, error: 'file-required' })
    expect(draftTask.status).toBe(2)

    deal.file = { id: 501, name: 'v1.docx' }
    expect(step(MANAGER, { action: 'submit', file: deal.file }, { draftTaskId: draftTask.id }).ok).toBe(true)
    expect(draftTask.status).toBe(5)
    expect(portal.notifications.at(-1)).toMatchObject({ userId: APPROVER })

    // Only the approver may decide; the plan refuses others before anything is written.
    expect(step(OTHER_MANAGER, { action: 'approve' })).toEqual({ ok: false, error: 'not-approver' })
    expect(step(APPROVER, { action: 'reject', comment: '' })).toEqual({ ok: false, error: 'comment-required' })
    expect(step(APPROVER, { action: 'reject', comment: 'Нет пункта о неустойке' }).ok).toBe(true)
    const fixTask = portal.tasks.find((t) => t.title === FIX_TASK_TITLE)!
    expect(fixTask.responsibleId).toBe(MANAGER)
    expect(fixTask.createdBy).toBe(APPROVER)
    expect(fixTask.description).toContain('Нет пункта о неустойке')
    expect(replay().state.status).toBe('rejected')

    // The same file cannot go back; a new version can.
    expect(step(MANAGER, { action: 'resubmit', file: deal.file }, { fixTaskId: fixTask.id })).toEqual({
      ok: false,
      error: 'same-file-version',
    })
    deal.file = { id: 502, name: 'v2.docx' }
    expect(step(MANAGER, { action: 'resubmit', file: deal.file }, { fixTaskId: fixTask.id }).ok).toBe(true)
    expect(fixTask.status).toBe(5)

    expect(step(APPROVER, { action: 'approve', comment: 'Согласовано' }).ok).toBe(true)
    expect(portal.notifications.at(-1)).toMatchObject({ userId: MANAGER, from: APPROVER })
    expect(portal.notifications.at(-1)?.message).toContain(dealTitle)

    const final = replay()
    expect(final.issues).toEqual([])
    expect(final.state.status).toBe('approved')
    expect(final.roles.initiator).toBe(MANAGER)
    expect(final.state.rounds.map((r) => [r.n, r.file.id, r.decision?.kind, r.decision?.comment, r.decision?.by])).toEqual([
      [1, 501, 'reject', 'Нет пункта о неустойке', APPROVER],
      [2, 502, 'approve', 'Согласовано', APPROVER],
    ])
    expect(final.accepted.map((a) => a.action)).toEqual(['start', 'submit', 'reject', 'resubmit', 'approve'])
    expect(final.fileMatchesLastRound).toBe(true)
    expect(portal.cache.get(12)).toEqual({ status: 'approved', round: 2 })
    // Every record reads as a Russian line for people.
    expect(portal.timeline(12)[2]?.text).toMatch(/^Проект договора отклонён \(круг 1\)\. Причина: Нет пункта о неустойке\n/)
  })

  it('a manager writing an approval marker through REST is a forgery: state unchanged, reported', () => {
    const { portal, deal, replay, step } = setup()
    step(MANAGER, { action: 'start' })
    deal.file = { id: 501 }
    step(MANAGER, { action: 'submit', file: deal.file })
    const forged = composeRecordText('Проект договора согласован (круг 1).', {
      t: 'contract', a: 'approve', deal: 12, round: 1, key: 'apr:contract:12:r1:approve',
    })
    portal.forgeComment(MANAGER, 12, forged)
    const result = replay()
    expect(result.state.status).toBe('submitted')
    expect(result.issues).toEqual([
      expect.objectContaining({ kind: 'forgery', reason: 'not-approver', action: 'approve', authorId: MANAGER }),
    ])
    // The forged key does not block the real approver's decision afterwards.
    expect(step(APPROVER, { action: 'approve' }).ok).toBe(true)
    expect(replay().state.status).toBe('approved')
  })

  it('a stranger cannot submit or resubmit; the head (not approver) cannot decide', () => {
    const { portal, deal, replay, step } = setup()
    step(MANAGER, { action: 'start' })
    deal.file = { id: 501 }
    expect(step(OTHER_MANAGER, { action: 'submit', file: deal.file })).toEqual({ ok: false, error: 'not-responsible-or-initiator' })
    portal.forgeComment(
      OTHER_MANAGER,
      12,
      composeRecordText('x', { t: 'contract', a: 'submit', deal: 12, round: 1, file: deal.file, key: 'f1' }),
    )
    portal.forgeComment(HEAD, 12, composeRecordText('x', { t: 'contract', a: 'reject', deal: 12, round: 0, comment: 'c', key: 'f2' }))
    const result = replay()
    expect(result.state.status).toBe('draft')
    expect(result.issues.map((i) => [i.kind, i.reason, i.authorId])).toEqual([
      ['forgery', 'not-responsible-or-initiator', OTHER_MANAGER],
      ['forgery', 'not-approver', HEAD],
    ])
  })

  it('the initiator may submit when someone else is responsible', () => {
    const { deal, replay, step } = setup()
    step(HEAD, { action: 'start' })
    deal.file = { id: 501 }
    expect(step(HEAD, { action: 'submit', file: deal.file }).ok).toBe(true)
    expect(replay().roles).toEqual({ responsible: MANAGER, initiator: HEAD, approver: APPROVER })
  })

  it('with no approver configured nobody can decide', () => {
    const { portal, deal, step } = setup()
    step(MANAGER, { action: 'start' })
    deal.file = { id: 501 }
    step(MANAGER, { action: 'submit', file: deal.file })
    const none = replayContract({ ...deal, categoryId: 9 }, portal.timeline(12), settings)
    expect(none.roles.approver).toBeNull()
    const decision = planContractStep({ deal: { id: 12, title: 't' }, replay: none, actor: APPROVER, at: 'x' }, { action: 'approve' })
    expect(decision).toEqual({ ok: false, error: 'no-approver-configured' })
  })

  it('ignores repeated writes of the same step and reports stale or out-of-order ones', () => {
    const { portal, deal, replay, step } = setup()
    step(MANAGER, { action: 'start' })
    deal.file = { id: 501 }
    step(MANAGER, { action: 'submit', file: deal.file })
    const approveText = composeRecordText('ok', { t: 'contract', a: 'approve', deal: 12, round: 1, key: 'apr:contract:12:r1:approve' })
    portal.forgeComment(APPROVER, 12, approveText)
    portal.forgeComment(APPROVER, 12, approveText) // double click in two tabs
    // A rejection for round 1 arriving after the approval: illegal, changes nothing.
    portal.forgeComment(APPROVER, 12, composeRecordText('no', { t: 'contract', a: 'reject', deal: 12, round: 1, comment: 'x', key: 'k-late' }))
    // A decision naming a round that does not exist yet.
    portal.forgeComment(APPROVER, 12, composeRecordText('no', { t: 'contract', a: 'approve', deal: 12, round: 7, key: 'k-stale' }))
    const result = replay()
    expect(result.state.status).toBe('approved')
    expect(result.accepted).toHaveLength(3)
    expect(result.issues.map((i) => [i.kind, i.reason])).toEqual([
      ['illegal', 'illegal-transition'],
      ['illegal', 'stale-round'],
    ])
  })

  it('reports copied, broken and future-version markers without letting them count', () => {
    const { portal, replay, step } = setup()
    step(MANAGER, { action: 'start' })
    portal.forgeComment(APPROVER, 12, composeRecordText('x', { t: 'contract', a: 'approve', deal: 99, round: 1, key: 'k' }))
    portal.forgeComment(APPROVER, 12, 'b24apr:1:bm90IGpzb24')
    portal.forgeComment(APPROVER, 12, 'b24apr:3:e30')
    portal.forgeComment(MANAGER, 12, 'Просто комментарий')
    const result = replay()
    expect(result.state.status).toBe('draft')
    expect(result.issues.map((i) => [i.kind, i.reason])).toEqual([
      ['foreign', 'other-deal'],
      ['malformed', 'not-json'],
      ['unsupported', 'version-3'],
    ])
  })

  it('warns when the file on the deal is not the version that was sent', () => {
    const { deal, replay, step } = setup()
    step(MANAGER, { action: 'start' })
    expect(replay().fileMatchesLastRound).toBeNull()
    deal.file = { id: 501 }
    step(MANAGER, { action: 'submit', file: deal.file })
    step(APPROVER, { action: 'approve' })
    deal.file = { id: 777 }
    expect(replay().fileMatchesLastRound).toBe(false)
  })

  it('never reads the deal cache: a hand-edited cache changes nothing', () => {
    const { portal, replay, step } = setup()
    step(MANAGER, { action: 'start' })
    portal.cache.set(12, { status: 'approved', round: 1 })
    expect(replay().state.status).toBe('draft')
  })

  it('orders records by portal id, not by the order the list returned them', () => {
    const { portal, deal, step } = setup()
    step(MANAGER, { action: 'start' })
    deal.file = { id: 501 }
    step(MANAGER, { action: 'submit', file: deal.file })
    step(APPROVER, { action: 'approve' })
    const reversed = [...portal.timeline(12)].reverse()
    expect(replayContract(deal, reversed, settings).state.status).toBe('approved')
  })
})
