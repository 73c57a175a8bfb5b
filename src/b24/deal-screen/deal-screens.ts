import { command, joinOffsetPages, offsetPageCommands, OFFSET_PAGE_SIZE } from '@/b24/gateway'
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

/** Deals per read: crm.deal.list answers 50 rows a page (b24restdocs crm/deals/crm-deal-list.md). */
export const MAX_DEALS = 50
const DEPARTMENT_PAGES = 4
/** Task pages read with the deals; more are read in the second request when these are full. */
const FIRST_TASK_PAGES = 6
const MORE_TASK_PAGES = 30
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

/** The deals that could be read, by ID; a deleted or hidden deal is absent. */
export async function loadDealScreens(gateway: Gateway, dealIds: readonly number[]): Promise<Map<number, DealScreen>> {
  const ids = [...new Set(dealIds)].slice(0, MAX_DEALS)
  const result = new Map<number, DealScreen>()
  if (ids.length === 0) return result
  const bindings = ids.map(dealBinding)

  const first = await gateway.loadScreen({
    deals: command('crm.deal.list', { filter: { '@ID': ids }, select: ['*', 'UF_*'] }, dealList),
    categories: command('crm.category.list', { entityTypeId: 2 }, parseCategories),
    ...offsetPageCommands('departments', 'department.get', { sort: 'ID', order: 'ASC' }, DEPARTMENT_PAGES, parseDepartments, 'START'),
    options: command('app.option.get', {}, parseOptions),
    deliveryField: enumField(PLAYBOOK_FIELDS.deliveryCondition.fieldName),
    complexityField: enumField(PLAYBOOK_FIELDS.complexity.fieldName),
    contractField: enumField(PLAYBOOK_FIELDS.contractNeeded.fieldName),
    ...taskPages(bindings, 0, FIRST_TASK_PAGES),
  })
  const deals = first.value('deals')
  if (deals.length === 0) return result
  const tasks = joinOffsetPages('tasks', FIRST_TASK_PAGES, (name) => first.optional(name as never) as BoundTask[] | undefined, (t) => t.id)
  const moreTasks = (first.optional(`tasks${FIRST_TASK_PAGES - 1}` as never) as BoundTask[] | undefined)?.length === OFFSET_PAGE_SIZE

  const categoryIds = [...new Set(deals.map((deal) => Number(deal.CATEGORY_ID ?? 0)))]
  const responsibleIds = [...new Set(deals.map((deal) => Number(deal.ASSIGNED_BY_ID ?? 0)).filter((id) => id > 0))]
  const second = await gateway.loadScreen({
    // b24restdocs crm/status/crm-status-list.md: a pipeline's stages by its CATEGORY_ID; the general
    // pipeline's stages have CATEGORY_ID null, so they are asked by ENTITY_ID.
    ...Object.fromEntries(categoryIds.map((id) => [`stages${id}`, command('crm.status.list', { filter: id === 0 ? { ENTITY_ID: 'DEAL_STAGE' } : { CATEGORY_ID: id }, order: { SORT: 'ASC' } }, parseStages)])),
    // b24restdocs user/user-get.md: `@ID` takes a list.
    users: command('user.get', { FILTER: { '@ID': responsibleIds } }, parseUsers),
    ...(moreTasks ? taskPages(bindings, FIRST_TASK_PAGES, MORE_TASK_PAGES) : {}),
  })
  if (moreTasks) tasks.push(...joinOffsetPages('tasks', FIRST_TASK_PAGES + MORE_TASK_PAGES, (name) => second.optional(name as never) as BoundTask[] | undefined, (t) => t.id).filter((t) => !tasks.some((known) => known.id === t.id)))

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
    })
  }
  return result
}
