import { parseDeal, parseDeals, parseTaskRows, type DealRow } from '@/b24/approvals/dto'
import { commentsCommand, restOfComments, settingsCommand, TASK_SELECT } from '@/b24/approvals/reads'
import { command } from '@/b24/gateway'
import { MAX_BATCH_COMMANDS } from '@/b24/gateway/screen'
import type { Gateway, ScreenCommands } from '@/b24/gateway'
import { rowsOf } from '@/b24/rest-values'
import { parseApprovalSettings, type ApprovalSettings, type TaskRecord, type TimelineRecord } from '@/domain/approvals'
import { APPROVAL_FIELDS, CACHED_STATES } from '@/domain/fields/approvals'
import { joinUserPages, parseCurrentUser, parseUsers, userPageCommands, type UserRef } from '@/b24/users'

const DEAL_SELECT = [
  'ID',
  'TITLE',
  'CATEGORY_ID',
  'ASSIGNED_BY_ID',
  APPROVAL_FIELDS.contractFile,
  APPROVAL_FIELDS.state,
  APPROVAL_FIELDS.reportFile,
  APPROVAL_FIELDS.reportState,
]
const meCommand = () => command('user.current', {}, parseCurrentUser)

export interface DealTabData {
  me: number
  settings: ApprovalSettings
  deal: DealRow
  comments: TimelineRecord[]
  /** Tasks bound to the deal (to find the open draft / fix task). */
  tasks: TaskRecord[]
  users: UserRef[]
}

/** The deal tab's batch: who I am, who decides, the deal, its timeline and tasks, names. */
export function dealTabCommands(dealId: number) {
  return {
    me: meCommand(),
    settings: settingsCommand(),
    deal: command('crm.deal.get', { id: dealId }, parseDeal),
    comments: commentsCommand(dealId),
    // b24restdocs api-reference/tasks/tasks-task-list.md (UF_CRM_TASK filter)
    tasks: command('tasks.task.list', { filter: { UF_CRM_TASK: `D_${dealId}` }, select: TASK_SELECT, order: { ID: 'ASC' } }, parseTaskRows),
    ...userPageCommands(parseUsers),
  }
}

/** The deal tab in one batch (dealTabCommands). */
export async function loadDealTab(gateway: Gateway, dealId: number): Promise<DealTabData> {
  const screen = await gateway.loadScreen(dealTabCommands(dealId))
  return {
    me: screen.value('me'),
    settings: screen.optional('settings') ?? parseApprovalSettings(null),
    deal: screen.value('deal'),
    comments: await restOfComments(gateway, dealId, screen.value('comments')),
    tasks: screen.optional('tasks') ?? [],
    users: joinUserPages<UserRef>(screen, (u) => u.id),
  }
}

export interface InboxData {
  me: number
  settings: ApprovalSettings
  users: UserRef[]
  deals: { deal: DealRow; comments: TimelineRecord[] }[]
  /** Tasks I created, am responsible for, or observe (trip requests and decisions among them). */
  tasks: TaskRecord[]
}

function taskListCommand(filterKey: string) {
  return command(
    'tasks.task.list',
    { filter: { [filterKey]: '$result[me][ID]' }, select: TASK_SELECT, order: { ID: 'DESC' } },
    parseTaskRows,
  )
}

// b24restdocs api-reference/crm/deals/crm-deal-list.md (`@` = IN): deals whose cache says a process is under way
function candidateDeals(cacheField: string) {
  return command('crm.deal.list', { filter: { [`@${cacheField}`]: [...CACHED_STATES] }, select: DEAL_SELECT, order: { ID: 'DESC' } }, parseDeals)
}

/** The inbox's first batch: people, settings, candidate deals and my tasks. */
export function inboxCommands() {
  return {
    me: meCommand(),
    settings: settingsCommand(),
    ...userPageCommands(parseUsers),
    deals: candidateDeals(APPROVAL_FIELDS.state),
    reportDeals: candidateDeals(APPROVAL_FIELDS.reportState),
    created: taskListCommand('CREATED_BY'),
    responsible: taskListCommand('RESPONSIBLE_ID'),
    auditor: taskListCommand('AUDITOR'),
  }
}

/**
 * The inbox: one batch for people, settings, candidate deals (by the contract's and the report's
 * state caches: only a hint, each one is replayed) and my tasks; then one batch of those deals'
 * timelines.
 */
export async function loadInbox(gateway: Gateway): Promise<InboxData> {
  const screen = await gateway.loadScreen(inboxCommands())
  // A deal with both a contract and a report in progress is read once.
  const byId = new Map<number, DealRow>()
  for (const deal of [...(screen.optional('deals') ?? []), ...(screen.optional('reportDeals') ?? [])]) byId.set(deal.id, deal)
  const deals = [...byId.values()]
  const tasks = new Map<number, TaskRecord>()
  for (const name of ['created', 'responsible', 'auditor'] as const) {
    for (const task of screen.optional(name) ?? []) tasks.set(task.id, task)
  }
  // One batch of timelines per 50 deals (the batch's limit).
  const timelines: { deal: DealRow; comments: TimelineRecord[] }[] = []
  for (let from = 0; from < deals.length; from += MAX_BATCH_COMMANDS) {
    const chunk = deals.slice(from, from + MAX_BATCH_COMMANDS)
    const commands: ScreenCommands = {}
    chunk.forEach((deal, index) => (commands[`t${index}`] = commentsCommand(deal.id)))
    const batch = await gateway.loadScreen(commands)
    chunk.forEach((deal, index) => timelines.push({ deal, comments: (batch.optional(`t${index}`) as TimelineRecord[] | undefined) ?? [] }))
  }
  return {
    me: screen.value('me'),
    settings: screen.optional('settings') ?? parseApprovalSettings(null),
    users: joinUserPages<UserRef>(screen, (u) => u.id),
    deals: timelines,
    tasks: [...tasks.values()],
  }
}

/** The settings section's screen: people to choose from and the deal pipelines. */
export async function loadSettingsChoices(gateway: Gateway) {
  const screen = await gateway.loadScreen({
    settings: settingsCommand(),
    ...userPageCommands(parseUsers),
    // b24restdocs api-reference/crm/universal/category/crm-category-list.md
    categories: command('crm.category.list', { entityTypeId: 2 }, (raw) => {
      const list = raw && typeof raw === 'object' && 'categories' in raw ? (raw as { categories: unknown[] }).categories : []
      return (Array.isArray(list) ? list : []).map((row) => {
        const r = row as { id: unknown; name: unknown }
        return { id: Number(r.id), name: String(r.name ?? '') }
      })
    }),
  })
  return {
    settings: screen.optional('settings') ?? parseApprovalSettings(null),
    users: joinUserPages<UserRef>(screen, (u) => u.id),
    categories: screen.optional('categories') ?? [{ id: 0, name: '' }],
  }
}

/**
 * Whether the deal and the company a trip names exist and the user may read them: a list
 * filtered on the ID answers only what the caller may see (b24restdocs crm-deal-list.md,
 * crm-company-list.md), so a missing record and a hidden one both come back empty.
 */
export async function findReferences(gateway: Gateway, ids: { dealId?: number; companyId?: number }): Promise<{ deal: boolean; company: boolean }> {
  const commands: ScreenCommands = {}
  const found = (raw: unknown) => rowsOf(raw).length > 0
  if (ids.dealId) commands.deal = command('crm.deal.list', { filter: { ID: ids.dealId }, select: ['ID'] }, found)
  if (ids.companyId) commands.company = command('crm.company.list', { filter: { ID: ids.companyId }, select: ['ID'] }, found)
  if (Object.keys(commands).length === 0) return { deal: true, company: true }
  const screen = await gateway.loadScreen(commands)
  return {
    deal: !ids.dealId || screen.optional('deal') === true,
    company: !ids.companyId || screen.optional('company') === true,
  }
}
