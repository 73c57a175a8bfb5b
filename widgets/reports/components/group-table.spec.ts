import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { emptyTotals, type GroupRow, type Totals } from '@/domain/reports'
import { createAppI18n } from '@/ui/i18n'
import GroupTable from './GroupTable.vue'

vi.mock('@bitrix24/b24ui-nuxt/components/TableWrapper.vue', async () => ({ default: (await import('../../../test/unit/shell/kit-stubs')).kitStub('TableWrapper') }))

// What a head sees in the documents columns: what is still missing on won deals («выиграно без
// сканов / оригиналов»), never what arrived — a group where everything arrived shows 0.
const totals = (patch: Partial<Totals>): Totals => ({ ...emptyTotals(), ...patch })
const rows: GroupRow[] = [
  { dimension: 'manager', key: '3', label: 'Дмитрий Кузнецов', sort: 0, totals: totals({ count: 10, won: 6, scansReceived: 9, originalsReceived: 4, scansMissing: 1, originalsMissing: 3, receivable: 1_234_567_00 }) },
  { dimension: 'manager', key: '4', label: 'Ольга Васильева', sort: 0, totals: totals({ count: 2, won: 2, scansReceived: 2, originalsReceived: 2 }) },
]
const total = totals({ count: 12, won: 8, scansReceived: 11, originalsReceived: 6, scansMissing: 1, originalsMissing: 3, receivable: 1_234_567_00 })
const mountTable = (lang: 'ru' | 'en') =>
  mount(GroupTable, {
    props: { rows, total, money: (minor: number) => `${minor / 100} ₽`, short: (minor: number) => `${Math.round(minor / 100_000_00)} млн`, currencySign: '₽', unnamed: '—' },
    global: { plugins: [createAppI18n(lang)] },
  })

describe('GroupTable: documents columns show what is missing', () => {
  it('«Выиграно без сканов / оригиналов» count the won deals still missing them, not the received ones', () => {
    const table = mountTable('ru')
    expect(table.get('[data-group=documents]').text()).toBe('Выиграно без')
    const figure = (key: string, measure: string) => table.get(`tr[data-key="${key}"] [data-measure=${measure}]`)
    expect(figure('3', 'scansMissing').text()).toBe('1')
    expect(figure('3', 'originalsMissing').text()).toBe('3')
    expect(figure('4', 'originalsMissing').text()).toBe('0')
    expect(figure('total', 'originalsMissing').attributes('title')).toBe('Выигранные без оригиналов документов: 3')
    expect(table.findAll('[data-measure=scansReceived], [data-measure=originalsReceived]')).toHaveLength(0)
  })

  it('clicking «без оригиналов» opens the won deals without originals', async () => {
    const table = mountTable('en')
    expect(table.get('th[data-column=originalsMissing] abbr').attributes('title')).toBe('Won without original documents')
    await table.get('tr[data-key="3"] [data-measure=originalsMissing]').trigger('click')
    expect(table.emitted('drill')).toEqual([[{ key: '3', label: 'Дмитрий Кузнецов', measure: 'originalsMissing' }]])
  })

  it('money is short in the cell and exact in its tooltip', () => {
    const figure = mountTable('ru').get('[data-key=total] [data-measure=receivable]')
    expect(figure.text()).toBe('12 млн')
    expect(figure.attributes('title')).toBe('Дебиторская задолженность (выигранные, не оплаченные полностью): 1234567 ₽')
    // the accessible name starts with the visible text (WCAG 2.5.3, axe label-content-name-mismatch)
    expect(figure.attributes('aria-label')).toBe('12 млн — Дебиторская задолженность (выигранные, не оплаченные полностью): 1234567 ₽')
  })
})
