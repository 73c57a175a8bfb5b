import { command, joinOffsetPages, offsetPageCommands } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import type { DealTask } from '@/domain/playbook'
import { PERFORMED_ACTIONS_FIELD } from '@/domain/fields/next-steps'
import {
  parseCategories,
  parseDeal,
  parseDepartments,
  parseOptions,
  parseProfile,
  parseStages,
  parseTasks,
  parseUserFields,
  parseUsers,
} from './dto'
import type { CategoryDto, DealDto, DepartmentDto, StageDto, UserDto, UserFieldDto } from './dto'
import { dealBinding, toDealTask } from './tasks'
import { dealClientCommands, dealClientOf, type DealClient } from './client-status'

/** Departments read in the opening batch: 4 offset pages, up to 200. */
const DEPARTMENT_PAGES = 4

/** What the tab reads about a deal, raw but typed. */
export interface DealScreen {
  deal: DealDto
  stages: StageDto[]
  categories: CategoryDto[]
  tasks: DealTask[]
  responsible: UserDto | null
  departments: DepartmentDto[]
  options: Record<string, unknown>
  userFields: UserFieldDto[]
  /** The user who opened the tab (profile). */
  userId: number | null
  /** The deal's company with its client status (the Kosino hint); null without a company. */
  client: DealClient | null
}

const TASK_SELECT = ['ID', 'TITLE', 'DESCRIPTION', 'STATUS', 'CREATED_DATE', 'CLOSED_DATE', 'DEADLINE', 'RESPONSIBLE_ID']

function taskListParams(dealId: number) {
  // b24restdocs api-reference/tasks/tasks-task-list.md: filter by the CRM binding.
  return { filter: { UF_CRM_TASK: dealBinding(dealId) }, select: TASK_SELECT, order: { ID: 'asc' } }
}

const enumFieldList = (fieldName: string) =>
  // b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-list.md (enum item IDs)
  command('crm.deal.userfield.list', { filter: { FIELD_NAME: fieldName } }, parseUserFields)

/**
 * Everything the tab shows, in ONE batch request. Later commands take the deal's category
 * and responsible from the first one through `$result[deal][…]` references, which the
 * portal resolves (b24restdocs settings/how-to-call-rest-api/batch.md).
 */
export function dealScreenCommands(dealId: number) {
  return {
    // b24restdocs api-reference/crm/deals/crm-deal-get.md
    deal: command('crm.deal.get', { id: dealId }, parseDeal),
    // b24restdocs api-reference/crm/status/crm-status-list.md: stage rows carry CATEGORY_ID
    stages: command('crm.status.list', { filter: { CATEGORY_ID: '$result[deal][CATEGORY_ID]' }, order: { SORT: 'ASC' } }, parseStages),
    // The general pipeline's stages carry CATEGORY_ID null, so the filter above finds none for a deal of pipeline 0.
    generalStages: command('crm.status.list', { filter: { ENTITY_ID: 'DEAL_STAGE' }, order: { SORT: 'ASC' } }, parseStages),
    // b24restdocs api-reference/crm/universal/category/crm-category-list.md: the pipeline's name
    categories: command('crm.category.list', { entityTypeId: 2 }, parseCategories),
    tasks: command('tasks.task.list', taskListParams(dealId), parseTasks),
    // b24restdocs api-reference/user/user-get.md (UF_DEPARTMENT for the head)
    responsible: command('user.get', { ID: '$result[deal][ASSIGNED_BY_ID]' }, parseUsers),
    // The responsible's head is looked up over the whole department tree.
    ...offsetPageCommands('departments', 'department.get', { sort: 'ID', order: 'ASC' }, DEPARTMENT_PAGES, parseDepartments, 'START'),
    // b24restdocs api-reference/common/settings/app-option-get.md
    options: command('app.option.get', {}, parseOptions),
    // b24restdocs api-reference/common/users/profile.md
    profile: command('profile', {}, parseProfile),
    deliveryField: enumFieldList(PLAYBOOK_FIELDS.deliveryCondition.fieldName),
    complexityField: enumFieldList(PLAYBOOK_FIELDS.complexity.fieldName),
    contractField: enumFieldList(PLAYBOOK_FIELDS.contractNeeded.fieldName),
    ...dealClientCommands('deal'),
  }
}

export async function loadDealScreen(gateway: Gateway, dealId: number): Promise<DealScreen> {
  const screen = await gateway.loadScreen(dealScreenCommands(dealId))
  const enumFields = [...(screen.optional('deliveryField') ?? []), ...(screen.optional('complexityField') ?? []), ...(screen.optional('contractField') ?? [])]
  const deal = screen.value('deal')
  const ofPipeline = Number(deal.CATEGORY_ID ?? 0) === 0 ? screen.optional('generalStages') : screen.optional('stages')
  const stages = (ofPipeline ?? []).filter((stage) => stage.ENTITY_ID.startsWith('DEAL_STAGE'))
  return {
    deal,
    stages,
    categories: screen.optional('categories') ?? [],
    tasks: screen.value('tasks').map(toDealTask),
    responsible: screen.optional('responsible')?.[0] ?? null,
    departments: joinOffsetPages('departments', DEPARTMENT_PAGES, (name) => screen.optional(name as never) as DepartmentDto[] | undefined, (d) => d.ID),
    options: screen.optional('options') ?? {},
    userFields: enumFields,
    userId: Number(screen.optional('profile')?.ID ?? 0) || null,
    client: dealClientOf({
      client: screen.optional('client'),
      clientSector: screen.optional('clientSector'),
      clientStatus: screen.optional('clientStatus'),
      clientSubStatus: screen.optional('clientSubStatus'),
    }),
  }
}

/** The deal as it is now, to compare versions after a save found it changed. */
export async function readDeal(gateway: Gateway, dealId: number): Promise<DealDto> {
  return gateway.call('crm.deal.get', { id: dealId }, { parse: parseDeal })
}

/** Keys of automatic actions already carried out, as the deal keeps them. */
export function performedKeysOf(deal: DealDto): string[] {
  const raw = deal[PERFORMED_ACTIONS_FIELD as `UF_CRM_${string}`]
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String).filter((key) => key !== '')
}
