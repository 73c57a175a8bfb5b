import { command, GatewayError, joinOffsetPages, offsetPageCommands, OFFSET_PAGE_SIZE } from '@/b24/gateway'
import type { Gateway, ScreenCommand } from '@/b24/gateway'
import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { DealScreen } from './data'
import { parseCategories, parseDeal, parseDepartments, parseOptions, parseStages, parseTasks, parseUserFields, parseUsers } from './dto'
import type { DealDto, DepartmentDto, StageDto, TaskDto, UserDto } from './dto'
import { dealBinding, toDealTask } from './tasks'

/*
 * Many deals read as the tab reads one, in two requests whatever their number (up to
 * MAX_DEALS): the deals, their tasks and what every deal shares (pipelines, departments,
 * options, list fields) first; then the stages of the pipelines met and the responsibles.
 * The runner reads the deals of one turn this way instead of one batch per deal.
 */

/** crm.deal.list answers 50 rows a page (b24restdocs crm/deals/crm-deal-list.md): one command per 50 deals. */
const DEALS_PER_COMMAND = 50
/** Deals per read: four deal pages leave the first batch (≤ 50 commands) room for their tasks. */
export const MAX_DEALS = 4 * DEALS_PER_COMMAND
const MAX_BATCH = 50
const DEPARTMENT_PAGES = 4
/** What the first request reads besides deals and tasks: categories, departments, options, three list fields. */
const SHARED_COMMANDS = 1 + DEPARTMENT_PAGES + 1 + 3
/** Task pages read with the deals (six tasks a deal); more are read in the second request when these are full. */
const TASKS_PER_DEAL = 6
const TASK_SELECT = ['ID', 'TITLE', 'DESCRIPTION', 'STATUS', 'CREATED_DATE', 'CLOSED_DATE', 'DEADLINE', 'RESPONSIBLE_ID', 'UF_CRM_TASK']

type BoundTask = TaskDto & { ufCrmTask?: unknown }

const dealList = (raw: unknown): DealDto[] => (Array.isArray(raw) ? raw.map(parseDeal) : [])
const boundTasks = (raw: unknown) => parseTasks(raw) as BoundTask[]
const enumField = (fieldName: string) => command('crm.deal.userfield.list', { filter: { FIELD_NAME: fieldName } }, parseUserFields)

function taskPages(bindings: string[], from: number, pages: number): Record<string, ScreenCommand<BoundTask[]>> {
  const params = { filter: { UF_CRM_TASK: bindings }, select: TASK_SELECT, order: { ID: 'asc' } }
  const commands: Record<string, ScreenCommand<BoundTask[]>> = {}
  for (let page = from; page < from + pages; page++) commands[`tasks${page}`] = command('tasks.task.list', { ...params, start: page * OFFSET_PAGE_SIZE }, boundTasks)
  return commands
}

function bindingsOf(task: BoundTask): string[] {
  const raw = task.ufCrmTask
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String)
}

/**
 * The deals that could be read, by ID; a deleted or hidden deal is absent. `batchCommands`: the
 * commands one batch may carry (the portal's 50; a test makes it smaller to reach the split).
 */
export async function loadDealScreens(gateway: Gateway, dealIds: readonly number[], batchCommands = MAX_BATCH): Promise<Map<number, DealScreen>> {
  const ids = [...new Set(dealIds)].slice(0, MAX_DEALS)
  const result = new Map<number, DealScreen>()
  if (ids.length === 0) return result
  const bindings = ids.map(dealBinding)
  const dealCommands = Math.ceil(ids.length / DEALS_PER_COMMAND)
  const firstTaskPages = Math.min(batchCommands - SHARED_COMMANDS - dealCommands, Math.max(2, Math.ceil((ids.length * TASKS_PER_DEAL) / OFFSET_PAGE_SIZE)))

  const first = await gateway.loadScreen({
    ...Object.fromEntries(
      Array.from({ length: dealCommands }, (_, index) => [
        `deals${index}`,
        command('crm.deal.list', { filter: { '@ID': ids.slice(index * DEALS_PER_COMMAND, (index + 1) * DEALS_PER_COMMAND) }, select: ['*', 'UF_*'] }, dealList),
      ]),
    ),
    categories: command('crm.category.list', { entityTypeId: 2 }, parseCategories),
    ...offsetPageCommands('departments', 'department.get', { sort: 'ID', order: 'ASC' }, DEPARTMENT_PAGES, parseDepartments, 'START'),
    options: command('app.option.get', {}, parseOptions),
    deliveryField: enumField(PLAYBOOK_FIELDS.deliveryCondition.fieldName),
    complexityField: enumField(PLAYBOOK_FIELDS.complexity.fieldName),
    contractField: enumField(PLAYBOOK_FIELDS.contractNeeded.fieldName),
    ...taskPages(bindings, 0, firstTaskPages),
  })
  const deals = Array.from({ length: dealCommands }, (_, index) => first.value(`deals${index}` as never) as DealDto[]).flat()
  if (deals.length === 0) return result
  const tasks = joinOffsetPages('tasks', firstTaskPages, (name) => first.optional(name as never) as BoundTask[] | undefined, (t) => t.id)
  const moreTasks = (first.optional(`tasks${firstTaskPages - 1}` as never) as BoundTask[] | undefined)?.length === OFFSET_PAGE_SIZE

  const categoryIds = [...new Set(deals.map((deal) => Number(deal.CATEGORY_ID ?? 0)))]
  const responsibleIds = [...new Set(deals.map((deal) => Number(deal.ASSIGNED_BY_ID ?? 0)).filter((id) => id > 0))]
  const moreTaskPages = moreTasks ? batchCommands - categoryIds.length - 1 : 0
  const second = await gateway.loadScreen({
    // b24restdocs crm/status/crm-status-list.md: a pipeline's stages by its CATEGORY_ID; the general
    // pipeline's stages have CATEGORY_ID null, so they are asked by ENTITY_ID.
    ...Object.fromEntries(categoryIds.map((id) => [`stages${id}`, command('crm.status.list', { filter: id === 0 ? { ENTITY_ID: 'DEAL_STAGE' } : { CATEGORY_ID: id }, order: { SORT: 'ASC' } }, parseStages)])),
    // b24restdocs user/user-get.md: `@ID` takes a list.
    users: command('user.get', { FILTER: { '@ID': responsibleIds } }, parseUsers),
    ...(moreTasks ? taskPages(bindings, firstTaskPages, moreTaskPages) : {}),
  })
  if (moreTasks) {
    const lastPage = second.optional(`tasks${firstTaskPages + moreTaskPages - 1}` as never) as BoundTask[] | undefined
    // Still more tasks than two requests hold: read the deals in halves rather than miss a task (a missed task would be made again).
    if (lastPage?.length === OFFSET_PAGE_SIZE) {
      if (ids.length === 1) throw new GatewayError('unknown', 'TOO_MANY_TASKS', `deal ${ids[0]}: more tasks than one read holds`)
      const half = Math.ceil(ids.length / 2)
      return new Map([...(await loadDealScreens(gateway, ids.slice(0, half), batchCommands)), ...(await loadDealScreens(gateway, ids.slice(half), batchCommands))])
    }
    tasks.push(...joinOffsetPages('tasks', firstTaskPages + moreTaskPages, (name) => second.optional(name as never) as BoundTask[] | undefined, (t) => t.id).filter((t) => !tasks.some((known) => known.id === t.id)))
  }

  const stagesOf = (categoryId: number): StageDto[] => ((second.optional(`stages${categoryId}` as never) as StageDto[] | undefined) ?? []).filter((stage) => stage.ENTITY_ID.startsWith('DEAL_STAGE'))
  const users = new Map(((second.optional('users' as never) as UserDto[] | undefined) ?? []).map((user) => [Number(user.ID), user]))
  const departments = joinOffsetPages('departments', DEPARTMENT_PAGES, (name) => first.optional(name as never) as DepartmentDto[] | undefined, (d) => d.ID)
  const userFields = [...(first.optional('deliveryField') ?? []), ...(first.optional('complexityField') ?? []), ...(first.optional('contractField') ?? [])]
  for (const deal of deals) {
    const id = Number(deal.ID)
    const binding = dealBinding(id)
    result.set(id, {
      deal,
      stages: stagesOf(Number(deal.CATEGORY_ID ?? 0)),
      categories: first.optional('categories') ?? [],
      tasks: tasks.filter((task) => bindingsOf(task).includes(binding)).map(toDealTask),
      responsible: users.get(Number(deal.ASSIGNED_BY_ID ?? 0)) ?? null,
      departments,
      options: first.optional('options') ?? {},
      userFields,
      userId: null,
      // The runner's playbook does not read the client's status (only the tab's Kosino hint shows it).
      client: null,
    })
  }
  return result
}
