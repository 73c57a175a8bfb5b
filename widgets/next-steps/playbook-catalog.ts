import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { joinOffsetPages, offsetPageCommands } from '@/b24/gateway/offset-pages'
import { USER_PAGES } from '@/b24/users'
import { parseCategories, parseStages, parseUsers } from '@/b24/deal-screen/dto'
import type { UserDto } from '@/b24/deal-screen/dto'
import type { PortalCatalog } from '@/domain/playbook'
import { stagesByCategory, toPipelines } from '@/domain/reports/pipelines'

/** What the playbook editor offers and checks against: the portal's pipelines with their stages, deal fields, active employees. */
export interface PlaybookCatalog extends PortalCatalog {
  users: UserDto[]
}

function parseFieldNames(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TypeError('crm.deal.fields: not an object')
  return Object.keys(raw)
}

/**
 * One batch request: the pipelines (the default one is in the list, b24restdocs
 * crm/universal/category/crm-category-list.md), every pipeline's stages (the whole crm.status.list
 * dictionary, crm/status/crm-status-list.md, split by `stagesByCategory`), the deal's fields with the
 * user fields (crm/deals/crm-deal-fields.md) and the active employees (user/user-get.md, offset pages
 * up to 500, as every screen reads people: one page of 50 left most of a big portal's people out of
 * the pickers).
 */
export async function loadPlaybookCatalog(gateway: Gateway): Promise<PlaybookCatalog> {
  const first = await gateway.loadScreen({
    categories: command('crm.category.list', { entityTypeId: 2 }, parseCategories),
    stages: command('crm.status.list', { order: { SORT: 'ASC' } }, parseStages),
    fields: command('crm.deal.fields', {}, parseFieldNames),
    ...offsetPageCommands('users', 'user.get', { FILTER: { ACTIVE: true }, sort: 'ID', order: 'ASC' }, USER_PAGES, parseUsers),
  })
  return {
    pipelines: toPipelines(first.value('categories'), stagesByCategory(first.value('stages'))).map((p) => ({ name: p.name, stages: p.stages.map((s) => s.name) })),
    dealFields: first.value('fields'),
    users: joinOffsetPages<UserDto>('users', USER_PAGES, (name) => first.optional(name as never) as UserDto[] | undefined, (user) => user.ID),
  }
}
