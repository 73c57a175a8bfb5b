import type { ContractState } from './contract-machine'
import type { ContractRoles } from './contract-rules'
import { reportKeys, type Effect } from './effects'
import type { ReportAction } from './marker'
import { REPORT_FIX_TASK_TITLE, reportApprovedNotice, reportFixTaskDescription, reportLines, reportSubmittedNotice } from './record-text'
import type { ReportReplay } from './report-replay'
import { cacheEffect, recordRoundStep, type ContractStep, type RoundPlanError } from './round-plan'
import type { UserId } from './types'

export type ReportStep = Exclude<ContractStep, { action: 'start' }>

export type ReportPlan = { ok: true; effects: Effect[] } | { ok: false; error: RoundPlanError }

export interface ReportFollowUpContext {
  deal: { id: number; title: string }
  roles: ContractRoles
  /** The state the record put the report in. */
  state: ContractState
  action: ReportAction
  /** The open fix task of the last rejection (id from the portal), closed by the next submission. */
  fixTaskId?: number | null
}

/**
 * The follow-ups of a recorded report step, the deal's report cache last (as the contract's):
 * a submission tells the report approver (the approver's to-do task with a deadline is the
 * runner's, one per round) and closes the fix task; a rejection gives the responsible a task
 * carrying the reason; an approval tells the responsible to send the report to the client.
 */
export function reportFollowUps(context: ReportFollowUpContext): Effect[] {
  const { deal, roles, state, action } = context
  const round = state.rounds.length
  const current = state.rounds[round - 1]
  const effects: Effect[] = []
  switch (action) {
    case 'submit':
    case 'resubmit':
      if (action === 'resubmit' && context.fixTaskId) {
        effects.push({ kind: 'complete-task', key: `${reportKeys.record(deal.id, round, action)}:close`, taskId: context.fixTaskId })
      }
      if (roles.approver !== null) {
        effects.push({ kind: 'notify', key: reportKeys.notify(deal.id, round, 'approver'), userId: roles.approver, message: reportSubmittedNotice(deal.title, round) })
      }
      break
    case 'reject':
      effects.push({
        kind: 'create-task',
        key: reportKeys.fixTask(deal.id, round),
        title: REPORT_FIX_TASK_TITLE,
        responsibleId: roles.responsible,
        description: reportFixTaskDescription(deal.title, round, current?.decision?.comment ?? ''),
        crm: [`D_${deal.id}`],
      })
      break
    case 'approve':
      effects.push({ kind: 'notify', key: reportKeys.notify(deal.id, round, 'approved'), userId: roles.responsible, message: reportApprovedNotice(deal.title) })
      break
  }
  return [...effects, cacheEffect('report', deal.id, state)]
}

export interface ReportPlanContext {
  deal: { id: number; title: string }
  replay: ReportReplay
  actor: UserId
  at: string
  fixTaskId?: number | null
}

/** Plans one step of the report approval for the current user: the record, then its follow-ups. */
export function planReportStep(context: ReportPlanContext, step: ReportStep): ReportPlan {
  const recorded = recordRoundStep('report', context, step, reportLines)
  if (!recorded.ok) return recorded
  const followUps = reportFollowUps({ deal: context.deal, roles: context.replay.roles, state: recorded.state, action: step.action, fixTaskId: context.fixTaskId })
  return { ok: true, effects: [recorded.record, ...followUps] }
}
