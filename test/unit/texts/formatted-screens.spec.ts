import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import type { ReportDeal, YearFigures } from '@/domain/reports'
import { createAppI18n } from '@/ui/i18n'
import DealList from '~widgets/reports/components/DealList.vue'
import YearlyTable from '~widgets/reports/components/YearlyTable.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/Button.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Button') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Badge.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Badge') }))
vi.mock('@bitrix24/b24ui-nuxt/components/Card.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('Card') }))
vi.mock('@bitrix24/b24ui-nuxt/components/TableWrapper.vue', async () => ({ default: (await import('../shell/kit-stubs')).kitStub('TableWrapper') }))

const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

const deal = (id: number): ReportDeal =>
  ({
    id,
    title: `Сделка ${id}`,
    categoryId: 0,
    stageId: 'WON',
    semantic: 'S',
    assignedById: 1,
    companyId: 1,
    amount: 100,
    currency: 'RUB',
    paid: 0,
    createdAt: 0,
    closeAt: 0,
    dueAt: Number.NaN,
    scansReceived: false,
    originalsReceived: false,
    createdIso: '2026-05-01T10:00:00+03:00',
    closeIso: '2026-05-20T10:00:00+03:00',
  }) as ReportDeal

const listProps = (count: number) => ({
  deals: Array.from({ length: count }, (_, index) => deal(index + 1)),
  title: 'Сделки',
  money: (minor: number) => String(minor),
  stageName: (stageId: string) => stageId,
  userName: (userId: number) => `#${userId}`,
})

describe('reports: dates and counts in the user’s language', () => {
  it('writes the close date as 20.05.2026 (ru) and 20/05/2026 (en), never 2026-05-20', () => {
    const ru = mount(DealList, { props: listProps(1), global: { plugins: [createAppI18n('ru')] } })
    expect(ru.text()).toContain('20.05.2026')
    expect(ru.text()).not.toContain('2026-05-20')
    const en = mount(DealList, { props: listProps(1), global: { plugins: [createAppI18n('en')] } })
    expect(en.text()).toContain('20/05/2026')
  })

  // 200 rows of kit buttons: seconds on a loaded 2-core machine, more than the default 5.
  it('groups a long count in the «more deals» line', { timeout: 20_000 }, () => {
    const wrapper = mount(DealList, { props: listProps(1234), global: { plugins: [createAppI18n('ru')] } })
    expect(spaced(wrapper.text())).toContain('1 234')
  })

  it('groups yearly figures but leaves the year as a year', () => {
    const year: YearFigures = { year: 2026, newClients: 5647, statusMoves: 0, movesByStatus: {}, dealsCreated: 12, dealsWon: 3, wonAmount: 0, dealsLost: 1, companiesWithWins: 2 }
    const wrapper = mount(YearlyTable, { props: { years: [year], money: () => '0 ₽', lang: 'en' }, global: { plugins: [createAppI18n('en')] } })
    expect(wrapper.get('tr[data-year="2026"] th').text()).toBe('2026')
    expect(wrapper.get('[data-column=newClients]').text()).toBe('5,647')
  })
})
