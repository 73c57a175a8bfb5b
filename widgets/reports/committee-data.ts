import { command, type Gateway, type ScreenCommands } from '@/b24/gateway'
import { enumCommand, type EnumMap } from '@/b24/enum-items'
import type { ClientStatus } from '@/domain/client-profile/status-transitions'
import { LEAD_PROCESSING_FIELDS } from '@/domain/fields/lead-processing'
import { SALE_FIELDS } from '@/domain/fields/sale'
import { companyStatusOf, enumCodesOf, STATUS_FIELDS } from '@/domain/reports/company-status'
import { statusEnumCommands } from '@/domain/reports/read-plan'
import type { StageSemantic } from '@/domain/reports/types'
import { communicationEventsOf, type CommunicationEvent, type SaleDeal } from '@/domain/reports/committee'
import { readSaleItems, type ObjectsDirectory } from '@/domain/sale'
import { DIRECTORY_OPTION } from '~widgets/sale-items/directory-option'
import { directoryFromOption } from '~widgets/sale-items/sale-values'

/**
 * The committee tab's reads (issue 15, Kosino «Отчётность»), each made only when a view of the tab
 * needs it, then kept until the page is read again:
 *  - one batch: the client-status and object-type enumeration items (their XML_IDs are the codes)
 *    and the objects directory (app option);
 *  - companies with their status fields, by ID keyset (⌈C/2500⌉ batch requests);
 *  - the deals that hold sale items, by ID keyset filtered on the items field (⌈D/2500⌉);
 *  - leads with their object type, by ID keyset (⌈L/2500⌉);
 *  - each readable company's timeline comments, 50 companies per batch request (⌈C/50⌉, plus a
 *    call per further page of a company with more than 50 comments).
 * The portal returns only what the viewer may read, so every figure is under the viewer's rights.
 */

const SEMANTICS = new Set<StageSemantic>(['P', 'S', 'F'])
const semanticOf = (raw: unknown): StageSemantic => (SEMANTICS.has(raw as StageSemantic) ? (raw as StageSemantic) : 'P')

export interface CommitteeMeta {
  statusCodes: { status: ReadonlyMap<string, string>; subStatus: ReadonlyMap<string, string> }
  objectTypes: EnumMap
  directory: ObjectsDirectory
}

export async function readCommitteeMeta(gateway: Gateway): Promise<CommitteeMeta> {
  const statusEnums = statusEnumCommands()
  const screen = await gateway.loadScreen({
    // b24restdocs api-reference/crm/companies/userfields/crm-company-userfield-list.md
    statusItems: command(statusEnums.statusItems.method, statusEnums.statusItems.params, enumCodesOf),
    subStatusItems: command(statusEnums.subStatusItems.method, statusEnums.subStatusItems.params, enumCodesOf),
    // b24restdocs api-reference/crm/leads/userfield/crm-lead-userfield-list.md
    objectTypes: enumCommand(LEAD_PROCESSING_FIELDS.objectType),
    // b24restdocs api-reference/common/settings/app-option-get.md
    directory: command('app.option.get', { option: DIRECTORY_OPTION }, (raw) => raw),
  })
  return {
    statusCodes: { status: screen.optional('statusItems') ?? new Map(), subStatus: screen.optional('subStatusItems') ?? new Map() },
    objectTypes: screen.value('objectTypes'),
    directory: directoryFromOption(screen.optional('directory')).directory,
  }
}

export interface CommitteeCompany {
  id: number
  assignedById: number
  status: ClientStatus | null
}

/** b24restdocs api-reference/crm/companies/crm-company-list.md */
export async function readCommitteeCompanies(gateway: Gateway, meta: CommitteeMeta, signal?: AbortSignal): Promise<CommitteeCompany[]> {
  const rows = await gateway.readAll<Record<string, unknown>>(
    'crm.company.list',
    { select: ['ID', 'ASSIGNED_BY_ID', STATUS_FIELDS.status, STATUS_FIELDS.subStatus, STATUS_FIELDS.inactive], filter: {} },
    { signal },
  )
  return rows.map((row) => ({ id: Number(row.ID), assignedById: Number(row.ASSIGNED_BY_ID ?? 0), status: companyStatusOf(row, meta.statusCodes) }))
}

export interface CommitteeSales {
  deals: SaleDeal[]
  /** deals whose items field does not read: their places are not counted */
  unreadable: number
}

/** b24restdocs api-reference/crm/deals/crm-deal-list.md: only deals whose items field is filled. */
export async function readSaleDeals(gateway: Gateway, signal?: AbortSignal): Promise<CommitteeSales> {
  const field = SALE_FIELDS.items.fieldName
  const rows = await gateway.readAll<Record<string, unknown>>(
    'crm.deal.list',
    { select: ['ID', 'STAGE_SEMANTIC_ID', 'CURRENCY_ID', field], filter: { [`!${field}`]: '' } },
    { signal },
  )
  const deals: SaleDeal[] = []
  let unreadable = 0
  for (const row of rows) {
    const read = readSaleItems(typeof row[field] === 'string' ? (row[field] as string) : null)
    if (!read.ok) unreadable++
    else if (read.items.length > 0) deals.push({ dealId: Number(row.ID), semantic: semanticOf(row.STAGE_SEMANTIC_ID), currency: String(row.CURRENCY_ID ?? ''), items: read.items })
  }
  return { deals, unreadable }
}

export interface CommitteeLeadRow {
  id: number
  objectType: string | null
  semantic: StageSemantic
  assignedById: number
  createdAt: number
}

/** b24restdocs api-reference/crm/leads/crm-lead-list.md */
export async function readCommitteeLeads(gateway: Gateway, meta: CommitteeMeta, signal?: AbortSignal): Promise<CommitteeLeadRow[]> {
  const field = LEAD_PROCESSING_FIELDS.objectType.fieldName
  const rows = await gateway.readAll<Record<string, unknown>>(
    'crm.lead.list',
    { select: ['ID', 'STATUS_SEMANTIC_ID', 'ASSIGNED_BY_ID', 'DATE_CREATE', field], filter: {} },
    { signal },
  )
  return rows.map((row) => ({
    id: Number(row.ID),
    objectType: meta.objectTypes.codeOf(row[field]),
    semantic: semanticOf(row.STATUS_SEMANTIC_ID),
    assignedById: Number(row.ASSIGNED_BY_ID ?? 0),
    createdAt: Date.parse(String(row.DATE_CREATE ?? '')),
  }))
}

/** Commands of one batch request (the portal runs at most 50). */
export const COMPANIES_PER_BATCH = 50
const COMMENT_PAGE = 50

type RawComment = { ID?: unknown; COMMENT?: string | null }
const comments = (raw: unknown): RawComment[] => (Array.isArray(raw) ? (raw as RawComment[]) : [])

// b24restdocs api-reference/crm/timeline/comments/crm-timeline-comment-list.md: ENTITY_ID and ENTITY_TYPE are required.
const commentParams = (companyId: number, start: number) => ({
  filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' },
  select: ['ID', 'COMMENT'],
  order: { ID: 'ASC' },
  start,
})

/** The communication-history events of the given companies. */
export async function readCommunications(gateway: Gateway, companyIds: readonly number[], signal?: AbortSignal): Promise<CommunicationEvent[]> {
  const events: CommunicationEvent[] = []
  for (let from = 0; from < companyIds.length; from += COMPANIES_PER_BATCH) {
    signal?.throwIfAborted()
    const ids = companyIds.slice(from, from + COMPANIES_PER_BATCH)
    const commands: ScreenCommands = {}
    for (const id of ids) commands[`c${id}`] = command('crm.timeline.comment.list', commentParams(id, 0), comments)
    const screen = await gateway.loadScreen(commands)
    for (const id of ids) {
      const all = screen.value(`c${id}`) as RawComment[]
      for (let page = all; page.length === COMMENT_PAGE; ) {
        page = comments(await gateway.call('crm.timeline.comment.list', commentParams(id, all.length)))
        all.push(...page)
      }
      events.push(...communicationEventsOf(id, all))
    }
  }
  return events
}
