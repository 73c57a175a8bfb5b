// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { amountBars, emptyTotals, REST_BAR_KEY, type GroupRow } from '@/domain/reports'
import { formatCompactMoney } from '@/ui/format'

/** A stage group as groupDeals gives it: portal order in `sort`, money in kopecks. */
function stage(index: number, amount: number, receivable = 0): GroupRow {
  return { dimension: 'stage', key: `C1:STAGE_${index}`, label: `Воронка / Стадия ${index}`, sort: index, totals: { ...emptyTotals(), count: 1, amount, receivable } }
}

describe('bars of the amount chart', () => {
  // 26 stages in portal order; the 2nd and 3rd largest sit at the 20th and 26th place.
  const rows = Array.from({ length: 26 }, (_, i) => stage(i, (i + 1) * 100_00, i * 10_00))
  rows[19] = stage(19, 900_000_00, 5_00)
  rows[25] = stage(25, 800_000_00)
  rows[3] = stage(3, 1_000_000_00, 7_00)

  it('keeps the largest groups by amount, largest first, whatever the portal order', () => {
    const bars = amountBars(rows, 15)
    expect(bars.slice(0, 3).map((b) => b.key)).toEqual(['C1:STAGE_3', 'C1:STAGE_19', 'C1:STAGE_25'])
    const amounts = bars.slice(0, 15).map((b) => b.amount)
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(Math.max(...rows.filter((r) => !bars.some((b) => b.key === r.key)).map((r) => r.totals.amount)))
  })

  it('ends with one «and N more» bar that sums every group left out', () => {
    const bars = amountBars(rows, 15)
    expect(bars).toHaveLength(16)
    const rest = bars.at(-1)!
    expect(rest.key).toBe(REST_BAR_KEY)
    expect(rest.groups).toBe(11)
    const sum = (pick: (r: GroupRow) => number) => rows.reduce((s, r) => s + pick(r), 0)
    expect(bars.reduce((s, b) => s + b.amount, 0)).toBe(sum((r) => r.totals.amount))
    expect(bars.reduce((s, b) => s + b.receivable, 0)).toBe(sum((r) => r.totals.receivable))
  })

  it('shows every group and no rest bar when they fit', () => {
    const bars = amountBars(rows.slice(0, 15), 15)
    expect(bars).toHaveLength(15)
    expect(bars.some((b) => b.key === REST_BAR_KEY)).toBe(false)
    expect(amountBars([], 15)).toEqual([])
  })

  it('equal amounts keep the portal order', () => {
    const bars = amountBars([stage(0, 5_00), stage(1, 5_00), stage(2, 9_00)], 15)
    expect(bars.map((b) => b.key)).toEqual(['C1:STAGE_2', 'C1:STAGE_0', 'C1:STAGE_1'])
  })
})

describe('value labels on the bars', () => {
  it('are short at billions, in the user\'s language', () => {
    const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
    expect(nbsp(formatCompactMoney(1_234_567_890_12, 'RUB', 'ru'))).toBe('1,2 млрд ₽')
    expect(nbsp(formatCompactMoney(345_678_90, 'RUB', 'ru'))).toBe('345,7 тыс. ₽')
    expect(formatCompactMoney(1_234_567_890_12, 'USD', 'en')).toBe('$1.2bn')
    expect(nbsp(formatCompactMoney(999_00, 'RUB', 'ru'))).toBe('999 ₽')
  })
})
