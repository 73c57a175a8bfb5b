import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { joinUserPages, userPageCommands } from '@/b24/users'
import {
  dealSelect,
  enumCodesOf,
  statusEnumCommands,
  type RawCategory,
  type RawDealRow,
  type RawStatusRow,
  type RawUserRow,
  type StatusEnumCodes,
} from '@/domain/reports'

/**
 * The company tab «Сводка» in ONE batch request: the company, its deals (newest 50; more are read
 * by keyset only for a company that has more), pipelines and stage names, people, the
 * communication history kept as timeline comments, and the items of the client-status enumeration
 * fields (the company's status fields and its status-log field come with the company).
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

export interface SummaryData {
  company: RawCompany
  deals: RawDealRow[]
  categories: RawCategory[]
  stages: RawStatusRow[]
  users: RawUserRow[]
  comments: RawComment[]
  statusCodes: StatusEnumCodes
}

export async function loadSummary(gateway: Gateway, companyId: number): Promise<SummaryData> {
  const screen = await gateway.loadScreen(summaryScreenCommands(companyId))
  const deals = screen.value('deals')
  if (deals.length === 50) {
    // A big client: the rest by keyset (ascending IDs below the newest 50 already read).
    const all = await gateway.readAll<RawDealRow>('crm.deal.list', { filter: { COMPANY_ID: companyId }, select: dealSelect() })
    deals.splice(0, deals.length, ...all.reverse())
  }
  return {
    company: screen.value('company'),
    deals,
    categories: screen.optional('categories') ?? [],
    stages: screen.optional('stages') ?? [],
    users: joinUserPages<RawUserRow>(screen, (u) => u.ID),
    comments: screen.optional('comments') ?? [],
    statusCodes: { status: screen.optional('statusItems') ?? new Map(), subStatus: screen.optional('subStatusItems') ?? new Map() },
  }
}
