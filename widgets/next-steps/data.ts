import { command, joinOffsetPages, offsetPageCommands } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { PLAYBOOK_FIELDS } from '@/domain/fields/playbook'
import { normalizeName } from '@/domain/playbook'
import type { AutoAction, DealTask, NotificationDue } from '@/domain/playbook'
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
import { dealBinding, duplicateTaskIds, toDealTask } from './tasks'

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
  }
}

export async function loadDealScreen(gateway: Gateway, dealId: number): Promise<DealScreen> {
  const screen = await gateway.loadScreen(dealScreenCommands(dealId))
  const enumFields = [...(screen.optional('deliveryField') ?? []), ...(screen.optional('complexityField') ?? [])]
  const stages = (screen.optional('stages') ?? []).filter((stage) => stage.ENTITY_ID.startsWith('DEAL_STAGE'))
  return {
    deal: screen.value('deal'),
    stages,
    categories: screen.optional('categories') ?? [],
    tasks: screen.value('tasks').map(toDealTask),
    responsible: screen.optional('responsible')?.[0] ?? null,
    departments: joinOffsetPages('departments', DEPARTMENT_PAGES, (name) => screen.optional(name as never) as DepartmentDto[] | undefined, (d) => d.ID),
    options: screen.optional('options') ?? {},
    userFields: enumFields,
    userId: Number(screen.optional('profile')?.ID ?? 0) || null,
  }
}

/** Deletes late copies of a key (b24restdocs api-reference/tasks/tasks-task-delete.md). */
export async function removeDuplicateTasks(gateway: Gateway, tasks: readonly DealTask[]): Promise<number> {
  const extra = duplicateTaskIds(tasks)
  for (const taskId of extra) await gateway.call('tasks.task.delete', { taskId }, { retry: true })
  return extra.length
}

/**
 * Carries out what the engine asks to do by itself: a stage move (§7 «Договор» not needed)
 * or the new responsible (§5). b24restdocs api-reference/crm/deals/crm-deal-update.md.
 * A stage is found by name among the deal pipeline's stages; an unknown name is skipped.
 */
export async function runAutoActions(gateway: Gateway, dealId: number, actions: readonly AutoAction[], stages: readonly StageDto[]): Promise<string[]> {
  const done: string[] = []
  for (const action of actions) {
    const fields: Record<string, unknown> = {}
    if (action.type === 'moveStage') {
      const target = stages.find((s) => normalizeName(s.NAME) === normalizeName(action.toStageName))
      if (!target) continue
      fields.STAGE_ID = target.STATUS_ID
    } else {
      fields.ASSIGNED_BY_ID = action.userId
    }
    // Setting the same value again is harmless, so a retried update is safe.
    await gateway.call('crm.deal.update', { id: dealId, fields }, { retry: true })
    done.push(action.key)
  }
  return done
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

/** The field keeps the newest keys only: old stages' keys are never asked for again. */
const KEPT_KEYS = 200

/**
 * Sends what the playbook says is due: a notification to each person (im.notify.system.add,
 * b24restdocs api-reference/chats/notifications/im-notify-system-add.md; its TAG is the key,
 * so a repeated send replaces instead of doubling) and, for the client, a timeline comment
 * with the text to send (the app has no mail channel of its own;
 * crm/timeline/comments/crm-timeline-comment-add.md). Then the keys are recorded on the deal.
 */
export async function sendNotifications(gateway: Gateway, deal: DealDto, due: readonly NotificationDue[]): Promise<string[]> {
  const dealId = Number(deal.ID)
  const done: string[] = []
  for (const item of due) {
    for (const userId of item.userIds) {
      const email = item.channels.includes('email') ? { MESSAGE_OUT: item.message } : {}
      await gateway.call('im.notify.system.add', { USER_ID: userId, MESSAGE: item.message, TAG: item.key, ...email }, { retry: true })
    }
    if (item.toClient) {
      await gateway.call('crm.timeline.comment.add', { fields: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal', COMMENT: `Письмо клиенту: ${item.message}` } })
    }
    done.push(item.key)
  }
  if (done.length > 0) {
    const keys = [...new Set([...performedKeysOf(deal), ...done])].slice(-KEPT_KEYS)
    await gateway.call('crm.deal.update', { id: dealId, fields: { [PERFORMED_ACTIONS_FIELD]: keys } }, { retry: true })
  }
  return done
}
