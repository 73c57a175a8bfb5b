import { parseMoney } from '@/domain/money'
import type { DealPeople, DealSnapshot } from '@/domain/playbook'
import type { DealScreen } from './data'
import { readPlaybookFields } from './deal-fields'
import type { EnumMaps } from './deal-fields'
import { resolveHead } from './head'
import { peopleFromOptions, withRoles } from './people-option'

/** The deal as the playbook engine reads it: pipeline and stage by name, fields by playbook key. */
export function toDealSnapshot(screen: DealScreen, maps: EnumMaps): DealSnapshot {
  const { deal } = screen
  const categoryId = Number(deal.CATEGORY_ID ?? 0)
  const category = screen.categories.find((c) => Number(c.id) === categoryId)
  const stage = screen.stages.find((s) => s.STATUS_ID === deal.STAGE_ID)
  const movedBy = Number(deal.MOVED_BY_ID ?? 0)
  return {
    id: Number(deal.ID),
    pipelineName: category?.name ?? '',
    stageName: stage?.NAME ?? deal.STAGE_ID ?? '',
    amountMinor: parseMoney(deal.OPPORTUNITY ?? 0) ?? 0,
    currency: deal.CURRENCY_ID || 'RUB',
    responsibleId: Number(deal.ASSIGNED_BY_ID ?? 0),
    movedById: movedBy > 0 ? movedBy : null,
    stageEnteredAt: deal.MOVED_TIME ?? deal.DATE_MODIFY ?? new Date(0).toISOString(),
    fields: readPlaybookFields(deal, maps),
  }
}

/** Who the playbook's roles are: the head from the portal's departments (N3), the rest from settings. */
export function toDealPeople(screen: DealScreen): DealPeople {
  const responsibleId = Number(screen.deal.ASSIGNED_BY_ID ?? 0)
  const departments = screen.responsible?.UF_DEPARTMENT ?? []
  return withRoles({ headId: resolveHead(responsibleId, departments, screen.departments) }, peopleFromOptions(screen.options))
}
