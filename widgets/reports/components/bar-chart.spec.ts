import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import BarChart from './BarChart.vue'

// The amount chart as a head sees it: short labels, exact sums on hover, a legend, and the
// «и ещё N» bar that sums the rest without pretending to open a list of deals.
const items = [
  { key: 'a', label: 'Товары / Сделка успешна', value: 1_234_567_890_12, part: 400_000_000_00 },
  { key: 'b', label: 'Услуги / Новая', value: 500_000_00, part: 0 },
  { key: '__rest__', label: 'и ещё 11', value: 900_000_00, part: 10_00, select: false },
]
const mountChart = () =>
  mount(BarChart, {
    props: { items, title: 'Сумма и долг по группам', format: (v: number) => `${v / 100} ₽`, short: (v: number) => (v > 1e11 ? '1,2 млрд ₽' : 'мало'), valueLabel: 'Сумма', partLabel: 'Долг' },
  })

describe('BarChart', () => {
  it('labels bars short and keeps the exact sum in the accessible name', () => {
    const chart = mountChart()
    const first = chart.get('g[data-key=a]')
    expect(first.get('[data-role=value]').text()).toBe('1,2 млрд ₽')
    expect(first.attributes('aria-label')).toBe('Товары / Сделка успешна: 1234567890.12 ₽')
  })

  it('shows a legend for the amount and the red debt bar', () => {
    expect(mountChart().get('[data-testid=chart-legend]').text()).toBe('СуммаДолг')
  })

  it('the rest bar is not a button: no focus, no drill-down', async () => {
    const chart = mountChart()
    const rest = chart.get('g[data-key=__rest__]')
    expect(rest.attributes('tabindex')).toBeUndefined()
    await rest.trigger('click')
    await rest.trigger('keydown', { key: 'Enter' })
    expect(chart.emitted('select')).toBeUndefined()
    await chart.get('g[data-key=b]').trigger('click')
    expect(chart.emitted('select')).toEqual([['b']])
  })
})
