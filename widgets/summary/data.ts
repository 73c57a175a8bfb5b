import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { joinUserPages, userPageCommands } from '@/b24/users'
import { enumCodesOf, type StatusEnumCodes } from '@/domain/reports/company-status'
import { dealSelect } from '@/domain/reports/fields'
import { keptSummaryHolds, KEPT_SUMMARY_FIELD, parseKeptSummary, PROBE_ORDER, type KeptSummary, type ProbeRow } from '@/domain/reports/kept-summary'
import type { RawCategory, RawStatusRow } from '@/domain/reports/pipelines'
import { statusEnumCommands } from '@/domain/reports/read-plan'
import type { RawDealRow, RawUserRow } from '@/domain/reports/types'

/**
 * The company tab «Сводка» in ONE batch request, whatever the company's deal count (issue 14):
 * the company (with the summary of its deals the runner keeps, src/domain/reports/kept-summary.ts),
 * its newest 50 deals, a probe of the deals the viewer can see (their count and newest page of
 * IDs and DATE_MODIFY), pipelines and stage names, people, the communication history kept as
 * timeline comments, and the items of the client-status enumeration fields (the company's status
 * fields and its status-log field come with the company).
 *
 * A company with fewer than 50 deals the viewer can see is complete in that batch. A bigger one
 * shows the kept summary when the probe's stamp equals it (the viewer sees exactly the deals it
 * was made of); otherwise — a restricted viewer, no summary yet, or one the runner has not caught
 * up with — every deal the viewer can see is read by keyset, so the figures stay right.
 */
export interface RawCompany {
  ID: string | number
  TITLE?: string | null
  DATE_CREATE?: string | null
  ASSIGNED_BY_ID?: string | number | null
  /** status, sub-status (enumeration item IDs), inactive flag, status log (JSON text) */
  [userField: `UF_CRM_${string}`]: unknown
}

export interface RawComment {
  ID: string | number
  CREATED?: string | null
  COMMENT?: string | null
  AUTHOR_ID?: string | number | null
}

const list = <T>(raw: unknown): T[] => (Array.isArray(raw) ? (raw as T[]) : [])

export function summaryScreenCommands(companyId: number) {
  const statusEnums = statusEnumCommands()
  return {
    // b24restdocs api-reference/crm/companies/crm-company-get.md
    company: command('crm.company.get', { id: companyId }, (raw) => raw as RawCompany),
    // b24restdocs api-reference/crm/deals/crm-deal-list.md
    deals: command(
      'crm.deal.list',
      { filter: { COMPANY_ID: companyId }, select: dealSelect(), order: { ID: 'DESC' }, start: -1 },
      (raw) => list<RawDealRow>(raw),
    ),
    // Counted (no `start: -1`): its `total` is how many deals the viewer can see.
    probe: command('crm.deal.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'DATE_MODIFY'], order: PROBE_ORDER }, (raw) => list<ProbeRow>(raw)),
    // b24restdocs api-reference/crm/universal/category/crm-category-list.md
    categories: command('crm.category.list', { entityTypeId: 2 }, (raw) => list<RawCategory>((raw as { categories?: unknown })?.categories)),
    // b24restdocs api-reference/crm/status/crm-status-list.md: the whole dictionary is one unpaged list
    stages: command('crm.status.list', { order: { SORT: 'ASC' } }, (raw) => list<RawStatusRow>(raw).filter((row) => String(row.ENTITY_ID ?? '').startsWith('DEAL_STAGE'))),
    // b24restdocs api-reference/user/user-get.md
    ...userPageCommands((raw) => list<RawUserRow>(raw)),
    // b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-list.md
    comments: command(
      'crm.timeline.comment.list',
      { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' }, select: ['ID', 'CREATED', 'COMMENT', 'AUTHOR_ID'], order: { CREATED: 'DESC' } },
      (raw) => list<RawComment>(raw),
    ),
    // b24restdocs api-reference/crm/companies/userfields/crm-company-userfield-list.md
    statusItems: command(statusEnums.statusItems.method, statusEnums.statusItems.params, enumCodesOf),
    subStatusItems: command(statusEnums.subStatusItems.method, statusEnums.subStatusItems.params, enumCodesOf),
  }
}

/** Where the figures come from: every deal the viewer sees read (`deals`), or the kept summary. */
export type SummarySource = 'deals' | 'kept'

export interface SummaryData {
  company: RawCompany
  /** every deal the viewer can see, or (source `kept`) the newest 50 of them */
  deals: RawDealRow[]
  source?: SummarySource
  /** the kept summary the figures come from (source `kept`) */
  kept?: KeptSummary | null
  categories: RawCategory[]
  stages: RawStatusRow[]
  users: RawUserRow[]
  comments: RawComment[]
  statusCodes: StatusEnumCodes
}

/** Deals a list page holds: fewer in the newest page means the viewer sees them all. */
const PAGE = 50

export async function loadSummary(gateway: Gateway, companyId: number): Promise<SummaryData> {
  const screen = await gateway.loadScreen(summaryScreenCommands(companyId))
  const company = screen.value('company')
  let deals = screen.value('deals')
  let source: SummarySource = 'deals'
  let kept: KeptSummary | null = null
  if (deals.length >= PAGE) {
    const total = screen.total?.('probe')
    const rows = screen.optional('probe')
    const candidate = parseKeptSummary(company[KEPT_SUMMARY_FIELD])
    if (total !== undefined && rows && keptSummaryHolds(candidate, { total, rows })) {
      source = 'kept'
      kept = candidate
    } else {
      // A big client the summary does not stand for: every deal the viewer can see, by keyset.
      deals = (await gateway.readAll<RawDealRow>('crm.deal.list', { filter: { COMPANY_ID: companyId }, select: dealSelect() })).reverse()
    }
  }
  return {
    company,
    deals,
    source,
    kept,
    categories: screen.optional('categories') ?? [],
    stages: screen.optional('stages') ?? [],
    users: joinUserPages<RawUserRow>(screen, (u) => u.ID),
    comments: screen.optional('comments') ?? [],
    statusCodes: { status: screen.optional('statusItems') ?? new Map(), subStatus: screen.optional('subStatusItems') ?? new Map() },
  }
}
