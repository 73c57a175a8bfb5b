import { historyEventFromComment, HISTORY_EVENT_TYPES, type HistoryEventTypeCode } from '@/domain/client-profile/history'
import type { LocalizedText } from '@/domain/fields/types'
import { companyStatusOf } from '@/domain/reports/company-status'
import { companySummary, stageChips, stageChipsOf, type CompanySummary, type StageChip } from '@/domain/reports/company-summary'
import { keptTotals } from '@/domain/reports/kept-summary'
import { toReportDeal, toReportUser } from '@/domain/reports/normalize'
import { stagesByCategory, toPipelines } from '@/domain/reports/pipelines'
import { localMoment, STATUS_LOG_FIELD, statusLabel, statusMovesOf } from '@/domain/reports/status-moves'
import type { StageSemantic } from '@/domain/reports/types'
import type { SummaryData } from './data'
import { withoutIdempotencyTag } from '@/domain/write-plan'

/** What the «Сводка» tab shows, from the batch's raw rows. Pure. */
export interface SummaryDealRow {
  id: number
  title: string
  pipeline: string
  stage: string
  semantic: StageSemantic
  responsible: string
  amount: number
  paid: number
  debt: number
  currency: string
  created: string
  closeDate: string
}

export interface SummaryHistoryRow {
  id: number
  date: string
  type: HistoryEventTypeCode | null
  typeLabel: { ru: string; en: string } | null
  text: string
}

/** One client status change, as the profile tab logged it. */
export interface SummaryStatusRow {
  /** `YYYY-MM-DD HH:mm` on the viewer's calendar */
  at: string
  by: string
  from: LocalizedText
  to: LocalizedText
  remark: string
}

export interface SummaryView {
  companyId: number
  title: string
  /** deals by outcome, every currency counted */
  counts: CompanySummary['counts']
  /** money per currency, each summed on its own, never mixed */
  byCurrency: CompanySummary['byCurrency']
  /** the newest deals (at most SHOWN_DEALS; `counts.count` says how many there are) */
  deals: SummaryDealRow[]
  /** the figures come from the summary the runner keeps on the company (a big client) */
  kept: boolean
  /** deals per stage of each pipeline, in the portal's order: the statuses at a glance */
  byStage: StageChip[]
  history: SummaryHistoryRow[]
  /** the client status now (the company's status fields), null when unknown */
  status: LocalizedText | null
  /** client status changes, newest first */
  statusHistory: SummaryStatusRow[]
  /** the status-log field holds text that is not a log */
  statusLogUnreadable: boolean
  firstDeal: string | null
  lastDeal: string | null
}

/** The first line of the timeline comment the profile tab writes with each status change. */
const STATUS_COMMENT_PREFIX = 'Статус клиента: '

/** Deals listed in the table, newest first: a big client's thousands would only freeze the tab. */
export const SHOWN_DEALS = 50

/** `offsetMinutes`: the viewer's offset east of UTC for log moments written in UTC (browser's by default). */
export function toSummaryView(data: SummaryData, now: number, offsetMinutes?: number): SummaryView {
  const companyId = Number(data.company.ID)
  const deals = data.deals.map((row) => toReportDeal(row))
  const log = statusMovesOf(companyId, data.company[STATUS_LOG_FIELD])
  const status = companyStatusOf(data.company, data.statusCodes)
  const summary = companySummary({ companyId, deals, moves: log.moves, status, now })
  const kept = data.source === 'kept' && data.kept ? data.kept : null
  const pipelines = toPipelines(data.categories, stagesByCategory(data.stages))
  const pipelineName = new Map(pipelines.map((p) => [p.id, p.name]))
  const stageName = new Map(pipelines.flatMap((p) => p.stages.map((s) => [s.id, s.name] as const)))
  const users = new Map(data.users.map(toReportUser).map((u) => [u.id, u.name]))

  const rows: SummaryDealRow[] = summary.deals.slice(0, SHOWN_DEALS).map((deal) => ({
    id: deal.id,
    title: deal.title,
    pipeline: pipelineName.get(deal.categoryId) ?? String(deal.categoryId),
    stage: stageName.get(deal.stageId) ?? deal.stageId,
    semantic: deal.semantic,
    responsible: users.get(deal.assignedById) ?? `#${deal.assignedById}`,
    amount: deal.amount,
    paid: deal.paid,
    debt: deal.debt,
    currency: deal.currency,
    created: deal.createdIso.slice(0, 10),
    closeDate: deal.closeIso.slice(0, 10),
  }))

  const statusHistory: SummaryStatusRow[] = summary.history
    .map((move) => ({
      at: localMoment(move.at, offsetMinutes) ?? move.at,
      by: users.get(move.by) ?? `#${move.by}`,
      from: statusLabel(move.from),
      to: statusLabel(move.to),
      remark: move.remark ?? '',
    }))
    .reverse()

  // Status changes are shown from the log above; their timeline comments would repeat them here.
  const notes = log.unreadable ? data.comments : data.comments.filter((comment) => !(comment.COMMENT ?? '').startsWith(STATUS_COMMENT_PREFIX))
  const history: SummaryHistoryRow[] = notes.map((comment) => {
    // The app's own comments end in an idempotency tag (src/domain/write-plan): never shown.
    const text = withoutIdempotencyTag(comment.COMMENT ?? '')
    const event = historyEventFromComment(text)
    const type = event ? HISTORY_EVENT_TYPES.find((entry) => entry.code === event.type) ?? null : null
    return {
      id: Number(comment.ID),
      date: event?.date ?? String(comment.CREATED ?? '').slice(0, 10),
      type: event?.type ?? null,
      typeLabel: type?.label ?? null,
      text: event ? event.comment : text,
    }
  })
  history.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id))

  // Days as the portal wrote them (its time zone), not re-rendered through the browser's clock.
  const days = summary.deals.map((deal) => deal.createdIso.slice(0, 10)).filter((day) => day !== '').sort()
  const figures = kept ? keptTotals(kept, now) : summary
  return {
    companyId,
    title: data.company.TITLE ?? `#${companyId}`,
    counts: figures.counts,
    byCurrency: figures.byCurrency,
    deals: rows,
    kept: kept !== null,
    byStage: kept ? stageChipsOf(kept.stages, pipelines) : stageChips(summary.deals, pipelines),
    history,
    status: summary.currentStatus ? statusLabel(summary.currentStatus) : null,
    statusHistory,
    statusLogUnreadable: log.unreadable,
    firstDeal: kept ? kept.firstDay : (days[0] ?? null),
    lastDeal: kept ? kept.lastDay : (days.at(-1) ?? null),
  }
}
