import { DEFAULT_REPORT_VIEW, reportViewLink } from '@/domain/reports/report-view'
import type { DigestWeek } from '@/domain/reports/digest'

/**
 * The digest's link: the report page opened on the head's department and the digest's week
 * (a period of its own, Monday to Sunday, by creation date), through the portal's app link.
 */
export function digestReportLink(portal: string, appCode: string, departmentId: number, week: DigestWeek): string {
  return reportViewLink(portal, appCode, { ...DEFAULT_REPORT_VIEW, period: 'custom', from: week.key, to: week.lastDay, departmentId })
}
