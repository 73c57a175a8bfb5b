/**
 * REST shapes the tab reads (legacy crm.* return scalars as strings, empty as null):
 * b24restdocs api-reference/crm/deals/crm-deal-get.md, crm/status/crm-status-list.md,
 * crm/universal/category/crm-category-list.md, crm/deals/user-defined-fields/crm-deal-userfield-list.md,
 * tasks/tasks-task-list.md (camelCase, numbers as strings), departments/department-get.md,
 * user/user-get.md, common/users/profile.md, common/settings/app-option-get.md.
 */
export interface DealDto {
  ID: string
  TITLE: string | null
  CATEGORY_ID: string | null
  STAGE_ID: string | null
  OPPORTUNITY: string | number | null
  CURRENCY_ID: string | null
  ASSIGNED_BY_ID: string | number | null
  MOVED_BY_ID?: string | number | null
  MOVED_TIME?: string | null
  DATE_MODIFY?: string | null
  CONTACT_ID?: string | number | null
  COMPANY_ID?: string | number | null
  [field: `UF_CRM_${string}`]: unknown
}

export interface StageDto {
  STATUS_ID: string
  NAME: string
  ENTITY_ID: string
  SORT?: string | number
  COLOR?: string | null
  SEMANTICS?: string | null
}

export interface UserDto {
  ID: string | number
  NAME?: string | null
  LAST_NAME?: string | null
  SECOND_NAME?: string | null
  EMAIL?: string | null
  UF_DEPARTMENT?: (string | number)[] | null
}

export interface CategoryDto {
  id: string | number
  name: string
}

export interface DepartmentDto {
  ID: string | number
  NAME?: string
  PARENT?: string | number | null
  UF_HEAD?: string | number | null
}

export interface EnumItemDto {
  ID: string | number
  XML_ID?: string | null
  VALUE?: string
}

export interface UserFieldDto {
  FIELD_NAME: string
  USER_TYPE_ID?: string
  LIST?: EnumItemDto[] | null
}

export interface TaskDto {
  id: string | number
  title: string
  description?: string | null
  status: string | number
  createdDate?: string | null
  closedDate?: string | null
  deadline?: string | null
  responsibleId: string | number
}

export interface ProfileDto {
  ID: string | number
  ADMIN?: boolean
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseDeal(raw: unknown): DealDto {
  if (!isRecord(raw) || raw.ID === undefined) throw new TypeError('crm.deal.get: no deal')
  return raw as unknown as DealDto
}

export function parseStages(raw: unknown): StageDto[] {
  if (!Array.isArray(raw)) throw new TypeError('crm.status.list: not a list')
  return raw.filter((row): row is StageDto => isRecord(row) && typeof row.STATUS_ID === 'string')
}

export function parseUsers(raw: unknown): UserDto[] {
  if (!Array.isArray(raw)) throw new TypeError('user.get: not a list')
  return raw.filter((row): row is UserDto => isRecord(row) && row.ID !== undefined)
}

export function parseCategories(raw: unknown): CategoryDto[] {
  const list = isRecord(raw) ? raw.categories : raw
  if (!Array.isArray(list)) throw new TypeError('crm.category.list: not a list')
  return list.filter((row): row is CategoryDto => isRecord(row) && row.id !== undefined && typeof row.name === 'string')
}

export function parseDepartments(raw: unknown): DepartmentDto[] {
  if (!Array.isArray(raw)) throw new TypeError('department.get: not a list')
  return raw.filter((row): row is DepartmentDto => isRecord(row) && row.ID !== undefined)
}

export function parseUserFields(raw: unknown): UserFieldDto[] {
  if (!Array.isArray(raw)) throw new TypeError('crm.deal.userfield.list: not a list')
  return raw.filter((row): row is UserFieldDto => isRecord(row) && typeof row.FIELD_NAME === 'string')
}

export function parseTasks(raw: unknown): TaskDto[] {
  const list = isRecord(raw) ? raw.tasks : raw
  if (!Array.isArray(list)) throw new TypeError('tasks.task.list: not a list')
  return list.filter((row): row is TaskDto => isRecord(row) && row.id !== undefined && typeof row.title === 'string')
}

export function parseProfile(raw: unknown): ProfileDto {
  if (!isRecord(raw) || raw.ID === undefined) throw new TypeError('profile: no user')
  return raw as unknown as ProfileDto
}

/** `app.option.get` without `option`: every key, or `[]` when none is set. */
export function parseOptions(raw: unknown): Record<string, unknown> {
  return isRecord(raw) ? raw : {}
}
