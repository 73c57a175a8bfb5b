import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import BarChart from './BarChart.vue'

// The amount chart as a head sees it: chart.js draws the bars on a canvas; under it a list gives
// every bar as text (short label on the bar, exact sums in the accessible name), a legend, and the
// «и ещё N» entry that sums the rest without pretending to open a list of deals.
const drawn: unknown[] = []
vi.mock('./chart-setup', () => ({
  Chart: class {
    data: unknown
    constructor(_canvas: unknown, config: { data: unknown }) {
      this.data = config.data
      drawn.push(config)
    }
    destroy() {}
    update() {}
  },
}))

const items = [
  { key: 'a', label: 'Товары / Сделка успешна', value: 1_234_567_890_12, part: 400_000_000_00 },
  { key: 'b', label: 'Услуги / Новая', value: 500_000_00, part: 0 },
  { key: '__rest__', label: 'и ещё 11', value: 900_000_00, part: 10_00, select: false },
]
const mountChart = () =>
  mount(BarChart, {
    props: { items, title: 'Сумма и долг по группам', format: (v: number) => `${v / 100} ₽`, short: (v: number) => (v > 1e11 ? '1,2 млрд ₽' : 'мало'), valueLabel: 'Сумма', partLabel: 'Долг' },
  })

// A chart still mounted from an earlier test would draw a task later, into the next test's list.
enableAutoUnmount(afterEach)
afterEach(() => {
  drawn.length = 0
  vi.restoreAllMocks()
})

describe('BarChart', () => {
  it('labels bars short and keeps the exact sum in the accessible name', () => {
    const chart = mountChart()
    const first = chart.get('[data-key=a]')
    expect(first.get('[data-role=value]').text()).toBe('1,2 млрд ₽')
    expect(first.attributes('aria-label')).toBe('Товары / Сделка успешна: 1234567890.12 ₽')
    expect(first.get('button').attributes('aria-label')).toBe('Товары / Сделка успешна: 1234567890.12 ₽; Долг: 400000000 ₽')
    expect(chart.get('canvas').attributes()).toMatchObject({ role: 'img', 'aria-label': 'Сумма и долг по группам' })
  })

  it('every group is a bar or counted in the rest bar, each sum in its currency text', () => {
    const chart = mountChart()
    expect(chart.findAll('[data-key]').map((li) => li.attributes('data-key'))).toEqual(['a', 'b', '__rest__'])
    expect(chart.get('[data-key=__rest__]').text()).toBe('и ещё 11: мало')
  })

  it('shows a legend for the amount and the red debt bar', () => {
    expect(mountChart().get('[data-testid=chart-legend]').text()).toBe('СуммаДолг')
  })

  it('the rest bar is not a button: no focus, no drill-down', async () => {
    const chart = mountChart()
    const rest = chart.get('[data-key=__rest__]')
    expect(rest.find('button').exists()).toBe(false)
    expect(rest.attributes('tabindex')).toBeUndefined()
    await rest.trigger('click')
    await rest.trigger('keydown', { key: 'Enter' })
    expect(chart.emitted('select')).toBeUndefined()
    await chart.get('[data-key=b] button').trigger('click')
    expect(chart.emitted('select')).toEqual([['b']])
  })

  it('gives chart.js the bars with the amount and the debt, and a click on the rest bar opens nothing', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D)
    const chart = mountChart()
    await flushPromises()
    // The chart draws in a task of its own, after the page has painted (use-chart.ts).
    await vi.waitFor(() => expect(drawn).toHaveLength(1))
    const config = drawn[0] as { data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> }; options: { onClick: (e: unknown, el: Array<{ index: number }>) => void } }
    expect(config.data.labels).toEqual(['Товары / Сделка успешна', 'Услуги / Новая', 'и ещё 11'])
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Сумма', [1_234_567_890_12, 500_000_00, 900_000_00]],
      ['Долг', [400_000_000_00, 0, 10_00]],
    ])
    config.options.onClick(null, [{ index: 2 }])
    expect(chart.emitted('select')).toBeUndefined()
    config.options.onClick(null, [{ index: 0 }])
    expect(chart.emitted('select')).toEqual([['a']])
  })
})
