import { describe, expect, it } from 'vitest'
import { dealScreenCommands, loadDealScreen } from '@/b24/deal-screen/data'
import { createGateway } from '@/b24/gateway'
import type { DealDto } from '@/b24/deal-screen/dto'
import { moneyFieldAmount, toNextStepsView } from '~widgets/next-steps/view-model'

// crm.deal.get returns scalars as strings (b24restdocs api-reference/crm/deals/crm-deal-get.md);
// a money user field reads "300|RUB" (crm/universal/user-defined-fields/crm-userfield-types.md).
const deal: DealDto = {
  ID: '12',
  TITLE: 'Виброметр ВК-5',
  CATEGORY_ID: '1',
  STAGE_ID: 'C1:EXECUTING',
  OPPORTUNITY: '150000.50',
  CURRENCY_ID: 'RUB',
  ASSIGNED_BY_ID: '3',
  UF_CRM_PAID: '100000.25|RUB',
}

describe('moneyFieldAmount', () => {
  it.each([
    ['300|RUB', 30000],
    ['300.5|RUB', 30050],
    ['|RUB', 0],
    ['', 0],
    [null, 0],
    [undefined, 0],
    [1234.56, 123456],
    ['1234.56', 123456],
  ])('%j → %i kopecks', (value, kopecks) => {
    expect(moneyFieldAmount(value)).toBe(kopecks)
  })
})

describe('toNextStepsView', () => {
  it('shows the stage name, responsible and debt in kopecks', () => {
    const view = toNextStepsView(
      deal,
      [{ STATUS_ID: 'C1:NEW', NAME: 'Новая', ENTITY_ID: 'DEAL_STAGE_1' }, { STATUS_ID: 'C1:EXECUTING', NAME: 'В работе', ENTITY_ID: 'DEAL_STAGE_1' }],
      [{ ID: '3', NAME: 'Ирина', LAST_NAME: 'Петрова' }],
      'UF_CRM_PAID',
    )
    expect(view).toEqual({
      dealId: 12,
      title: 'Виброметр ВК-5',
      stageName: 'В работе',
      responsibleName: 'Ирина Петрова',
      currency: 'RUB',
      amount: 15000050,
      paid: 10000025,
      debt: 5000025,
    })
  })

  it('falls back to the stage code and to no responsible when they are unknown', () => {
    const view = toNextStepsView({ ...deal, UF_CRM_PAID: null }, [], [], 'UF_CRM_PAID')
    expect(view.stageName).toBe('C1:EXECUTING')
    expect(view.responsibleName).toBe('')
    expect(view.debt).toBe(view.amount)
  })
})

describe('dealScreenCommands', () => {
  it('reads the deal, its stages and its responsible in one batch, chained by $result', () => {
    const commands = dealScreenCommands(12)
    expect(Object.keys(commands)).toEqual(expect.arrayContaining(['deal', 'stages', 'responsible']))
    expect(Object.keys(commands).length).toBeLessThanOrEqual(50)
    expect(commands.deal.params).toEqual({ id: 12 })
    expect(commands.stages.params.filter).toEqual({ CATEGORY_ID: '$result[deal][CATEGORY_ID]' })
    // The general pipeline's stages have CATEGORY_ID null: read by ENTITY_ID, or «Общая» shows stage codes.
    expect(commands.generalStages.params.filter).toEqual({ ENTITY_ID: 'DEAL_STAGE' })
    expect(commands.responsible.params).toEqual({ ID: '$result[deal][ASSIGNED_BY_ID]' })
  })
})

describe('loadDealScreen', () => {
  it('names the stage of a deal in the general pipeline (issue 16: it showed «EXECUTING»)', async () => {
    // As the portal answers: the general pipeline's stages carry CATEGORY_ID null, so a
    // CATEGORY_ID = 0 filter finds none; ENTITY_ID = DEAL_STAGE finds them.
    const general = [{ ID: '3', ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'EXECUTING', NAME: 'В работе', SORT: '30', CATEGORY_ID: null }]
    const answer = (method: string, params: Record<string, unknown>): unknown => {
      if (method === 'crm.deal.get') return { ...deal, CATEGORY_ID: '0', STAGE_ID: 'EXECUTING' }
      if (method === 'crm.status.list') return (params.filter as Record<string, unknown>).ENTITY_ID === 'DEAL_STAGE' ? general : []
      if (method === 'tasks.task.list') return { tasks: [] }
      return []
    }
    const gateway = createGateway({
      call: async (method, params) => answer(method, params),
      batch: async (commands) => ({ results: Object.fromEntries(Object.entries(commands).map(([name, [method, params]]) => [name, answer(method, params)])), errors: {} }),
    })
    const screen = await loadDealScreen(gateway, 12)
    expect(toNextStepsView(screen.deal, screen.stages, [], 'UF_CRM_PAID').stageName).toBe('В работе')
  })
})
