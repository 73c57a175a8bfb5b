import { command, type Gateway } from '@/b24/gateway'
import { readPeople } from '@/b24/people'
import { DEFAULT_REPORT_FIELDS, DepartmentTree, dealsRead, parseSalesPlans, SALES_PLANS_OPTION, toReportDeal, type RawDealRow, type ReportDeal, type ReportDepartment, type ReportUser, type SalesPlans } from '@/domain/reports'
import { DIGEST_OPTION, parseDigestSettings, portalOffsetMinutes, type DigestSettings } from '@/domain/reports/digest'
import type { FormatLocale } from '@/domain/format'

/*
 * What the weekly digest reads of the portal, with the app's own authorization (the admin who
 * installed it: every department's deals). The check each hour is one request; the figures are
 * read only when some head is due a digest.
 */

export interface DigestCheck {
  /** minutes east of UTC of the portal's CRM clock (a deal's DATE_CREATE; server.time when there is no deal) */
  offsetMinutes: number
  settings: DigestSettings
  plans: SalesPlans
  /** the portal's language (app.info LANGUAGE_ID): the digest's language, Russian unless it is English */
  locale: FormatLocale
}

/** One batch: the portal's time zone, the app's options and the portal's language. */
export async function readDigestCheck(gateway: Gateway): Promise<DigestCheck> {
  const screen = await gateway.loadScreen({
    // b24restdocs api-reference/common/system/server-time.md: `2026-12-07T09:00:00+03:00`
    time: command('server.time', {}, (raw) => String(raw ?? '')),
    // b24restdocs api-reference/common/settings/app-option-get.md: every key, or [] when none is set
    options: command('app.option.get', {}, (raw) => (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {})),
    // b24restdocs api-reference/common/app-info.md (LANGUAGE_ID)
    app: command('app.info', {}, (raw) => raw as { LANGUAGE_ID?: unknown } | null),
    // The newest deal's DATE_CREATE carries the CRM's time zone (b24restdocs api-reference/data-types.md);
    // server.time is in the server's zone, which may differ (server-time.md).
    lastDeal: command('crm.deal.list', { select: ['ID', 'DATE_CREATE'], order: { ID: 'DESC' }, start: -1 }, (raw) => (Array.isArray(raw) ? (raw[0] as { DATE_CREATE?: unknown } | undefined) : undefined)),
  })
  const options = screen.value('options')
  const crmTime = String(screen.optional('lastDeal')?.DATE_CREATE ?? '')
  return {
    offsetMinutes: portalOffsetMinutes(crmTime || screen.value('time')),
    settings: parseDigestSettings(options[DIGEST_OPTION]),
    plans: parseSalesPlans(options[SALES_PLANS_OPTION]),
    locale: String(screen.optional('app')?.LANGUAGE_ID ?? '') === 'en' ? 'en' : 'ru',
  }
}

export interface DigestFacts {
  departments: ReportDepartment[]
  users: Map<number, ReportUser>
  tree: DepartmentTree
  deals: ReportDeal[]
}

/** Departments and users (one request), then every deal by ID keyset (⌈N/2500⌉ + 1 requests). */
export async function readDigestFacts(gateway: Gateway): Promise<DigestFacts> {
  const people = await readPeople(gateway)
  const read = dealsRead(DEFAULT_REPORT_FIELDS)
  const rows = await gateway.readAll<RawDealRow>(read.method, read.params, { idKey: read.rowIdKey, cursorKey: read.idKey })
  return {
    departments: people.departments,
    users: new Map(people.users.map((user) => [user.id, user])),
    tree: new DepartmentTree(people.departments),
    deals: rows.map((row) => toReportDeal(row, DEFAULT_REPORT_FIELDS)),
  }
}

export interface DigestRecipient {
  userId: number
  departmentId: number
}

/**
 * Each department head (department.get UF_HEAD) for the departments they head, sub-departments
 * included: a head of a department and of one below it gets one digest, for the upper one.
 */
export function digestRecipients(departments: readonly ReportDepartment[], tree: DepartmentTree): DigestRecipient[] {
  const headed = departments.filter((d) => d.headId > 0)
  return headed
    .filter((d) => !tree.ancestors(d.id).some((above) => tree.byId.get(above)?.headId === d.headId))
    .map((d) => ({ userId: d.headId, departmentId: d.id }))
    .sort((a, b) => a.userId - b.userId || a.departmentId - b.departmentId)
}
