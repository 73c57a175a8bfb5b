/**
 * REST shapes the tab reads (legacy crm.* return scalars as strings, empty as null):
 * b24restdocs api-reference/crm/deals/crm-deal-get.md, crm/status/crm-status-list.md,
 * user/user-get.md.
 */
export interface DealDto {
  ID: string
  TITLE: string | null
  CATEGORY_ID: string | null
  STAGE_ID: string | null
  OPPORTUNITY: string | number | null
  CURRENCY_ID: string | null
  ASSIGNED_BY_ID: string | number | null
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
