import { command } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { PAID_AMOUNT_FIELD } from '@/domain/fields/next-steps'
import { parseDeal, parseStages, parseUsers } from './dto'
import { toNextStepsView } from './view-model'
import type { NextStepsView } from './view-model'

/**
 * Everything the tab shows, in ONE batch request: the deal, the stages of its
 * pipeline and its responsible user. The later commands take the deal's category and
 * responsible from the first one through `$result[deal][…]` references, which the
 * portal resolves (b24restdocs settings/how-to-call-rest-api/batch.md).
 */
export function dealScreenCommands(dealId: number) {
  return {
    // b24restdocs api-reference/crm/deals/crm-deal-get.md
    deal: command('crm.deal.get', { id: dealId }, parseDeal),
    // b24restdocs api-reference/crm/status/crm-status-list.md: stage rows carry CATEGORY_ID
    stages: command(
      'crm.status.list',
      { filter: { CATEGORY_ID: '$result[deal][CATEGORY_ID]' }, order: { SORT: 'ASC' } },
      parseStages,
    ),
    // b24restdocs api-reference/user/user-get.md
    responsible: command('user.get', { ID: '$result[deal][ASSIGNED_BY_ID]' }, parseUsers),
  }
}

export async function loadNextSteps(gateway: Gateway, dealId: number): Promise<NextStepsView> {
  const screen = await gateway.loadScreen(dealScreenCommands(dealId))
  const stages = (screen.optional('stages') ?? []).filter((stage) => stage.ENTITY_ID.startsWith('DEAL_STAGE'))
  return toNextStepsView(screen.value('deal'), stages, screen.optional('responsible') ?? [], PAID_AMOUNT_FIELD)
}
