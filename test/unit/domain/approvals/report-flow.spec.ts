// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  composeRecordText,
  contractUnfinished,
  planReportStep,
  REPORT_FIX_TASK_TITLE,
  REPORT_TASK_TITLE,
  replayContract,
  replayReport,
  reportFollowUps,
  type ApprovalSettings,
  type DealFacts,
  type ReportStep,
} from '@/domain/approvals'
import { SERVICES_PIPELINE } from '@/domain/playbook/defaults'
import { FakePortal } from './fake-portal'

// The measurement report's approval (LEMUS §4, «Подведение итогов» of «Услуги»): records are deal
// timeline comments whose author the portal sets, as the contract's.
const MANAGER = 3
const OTHER_MANAGER = 4
const HEAD = 2
const settings: ApprovalSettings = { contractApprovers: { '1': 6 }, tripApprover: 6, accountant: 7, reportApprover: HEAD }
const dealTitle = 'Вибродиагностика насосов Энергоцентр'

function setup() {
  const portal = new FakePortal()
  const deal: DealFacts = { id: 31, categoryId: 1, responsibleId: MANAGER, file: null }
  const replay = () => replayReport(deal, portal.timeline(31), settings)
  const step = (actor: number, s: ReportStep, fixTaskId?: number) => {
    const plan = planReportStep({ deal: { id: 31, title: dealTitle }, replay: replay(), actor, at: portal.now(), fixTaskId: fixTaskId ?? null }, s)
    if (plan.ok) portal.apply(actor, plan.effects)
    return plan
  }
  return { portal, deal, replay, step }
}

describe('measurement report approval over portal records', () => {
  it('names the task the services playbook sets on «Подведение итогов»', () => {
    const closing = SERVICES_PIPELINE.stages.find((stage) => stage.name === 'Подведение итогов')
    expect(closing?.steps.some((step) => step.kind === 'task' && step.title === REPORT_TASK_TITLE)).toBe(true)
  })

  it('runs the story: prepared, sent, rejected with a reason, fixed, sent again, approved', () => {
    const { portal, deal, replay, step } = setup()
    expect(replay().state.status).toBe('draft')

    expect(step(MANAGER, { action: 'submit', file: null })).toEqual({ ok: false, error: 'file-required' })
    deal.file = { id: 900, name: 'report-v1.pdf' }
    expect(step(OTHER_MANAGER, { action: 'submit', file: deal.file })).toEqual({ ok: false, error: 'not-responsible-or-initiator' })
    expect(step(MANAGER, { action: 'submit', file: deal.file }).ok).toBe(true)
    expect(replay().state).toMatchObject({ status: 'submitted', rounds: [{ n: 1, submittedBy: MANAGER, file: { id: 900 } }] })
    expect(portal.notifications.at(-1)).toMatchObject({ userId: HEAD, from: MANAGER })
    expect(portal.cache.get(31)).toEqual({ status: 'submitted', round: 1 })

    expect(step(MANAGER, { action: 'approve' })).toEqual({ ok: false, error: 'not-approver' })
    expect(step(HEAD, { action: 'reject', comment: ' ' })).toEqual({ ok: false, error: 'comment-required' })
    expect(step(HEAD, { action: 'reject', comment: 'Нет спектров по подшипнику 2' }).ok).toBe(true)
    const fixTask = portal.tasks.find((task) => task.title === REPORT_FIX_TASK_TITLE)!
    expect(fixTask).toMatchObject({ responsibleId: MANAGER, createdBy: HEAD, status: 2 })
    expect(fixTask.description).toContain('Нет спектров по подшипнику 2')

    expect(step(MANAGER, { action: 'resubmit', file: deal.file }, fixTask.id)).toEqual({ ok: false, error: 'same-file-version' })
    deal.file = { id: 901, name: 'report-v2.pdf' }
    expect(step(MANAGER, { action: 'resubmit', file: deal.file }, fixTask.id).ok).toBe(true)
    expect(fixTask.status).toBe(5)
    expect(step(HEAD, { action: 'approve', comment: 'Можно отправлять' }).ok).toBe(true)

    const done = replay()
    expect(done.state.status).toBe('approved')
    expect(done.state.rounds.map((round) => [round.n, round.file.id, round.decision?.kind])).toEqual([[1, 900, 'reject'], [2, 901, 'approve']])
    expect(portal.notifications.at(-1)).toMatchObject({ userId: MANAGER, from: HEAD })
    expect(done.issues).toEqual([])
  })

  it('shares the timeline with the contract: neither process reads the other’s records', () => {
    const { portal, deal, replay, step } = setup()
    deal.file = { id: 900 }
    step(MANAGER, { action: 'submit', file: deal.file })
    const contract = replayContract(deal, portal.timeline(31), settings)
    expect(contract.state.status).toBe('none')
    expect(contract.issues).toEqual([])
    expect(replay().state.status).toBe('submitted')
  })

  it('counts only the designated approver; with none configured nobody decides', () => {
    const { portal, deal, replay, step } = setup()
    deal.file = { id: 900 }
    step(MANAGER, { action: 'submit', file: deal.file })
    const forged = composeRecordText('Согласовано', { t: 'report', a: 'approve', deal: 31, round: 1, key: 'apr:report:31:r1:approve' })
    portal.forgeComment(MANAGER, 31, forged)
    expect(replay().state.status).toBe('submitted')
    expect(replay().issues).toEqual([expect.objectContaining({ kind: 'forgery', reason: 'not-approver', action: 'approve' })])
    const nobody = replayReport(deal, portal.timeline(31), { ...settings, reportApprover: null })
    expect(nobody.issues).toEqual([expect.objectContaining({ reason: 'no-approver-configured' })])
  })

  it('a step whose follow-ups did not all arrive is unfinished until the same follow-ups are written', () => {
    const { portal, deal, replay } = setup()
    deal.file = { id: 900 }
    const plan = planReportStep({ deal: { id: 31, title: dealTitle }, replay: replay(), actor: MANAGER, at: portal.now() }, { action: 'submit', file: deal.file })
    if (!plan.ok) throw new Error(plan.error)
    portal.apply(MANAGER, plan.effects.slice(0, 1)) // the record only
    expect(contractUnfinished(replay(), portal.cache.get(31)?.status ?? '')).toEqual({ action: 'submit', by: MANAGER })
    const rest = reportFollowUps({ deal: { id: 31, title: dealTitle }, roles: replay().roles, state: replay().state, action: 'submit' })
    expect(rest.map((effect) => effect.kind)).toEqual(['notify', 'cache-state'])
    portal.apply(MANAGER, rest)
    expect(contractUnfinished(replay(), portal.cache.get(31)!.status)).toBeNull()
  })
})
