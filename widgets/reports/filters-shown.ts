import type { CommitteeView, ReportTab } from '@/domain/reports/report-view'

/**
 * Which of the page's period and pipeline filters the shown report applies, so that none is shown
 * that changes nothing (issue 15): the yearly tab spans every year and the plans tab has its month;
 * the funnel has its own pipeline; of the committee's reports, «Продажи по объектам» follows the
 * period and the pipeline (its deals are the deals tab's), «Лиды по типу объекта» the period (the
 * leads' creation), the clients by status step and the communications per year neither.
 */
export function shownFilters(tab: ReportTab, committeeView: CommitteeView): { period: boolean; pipeline: boolean } {
  if (tab === 'committee') return { period: committeeView === 'objects' || committeeView === 'leads', pipeline: committeeView === 'objects' }
  return { period: tab !== 'yearly' && tab !== 'plans', pipeline: tab !== 'funnel' }
}
