// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { periodRange } from './period'

describe('week presets (issue 15)', () => {
  const day = (ms: number) => { const d = new Date(ms); return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()] }

  it('this week runs Monday 00:00 to Sunday 23:59:59.999, local time', () => {
    const wednesday = new Date(2026, 4, 20, 15, 0) // Wed 20 May 2026
    const week = periodRange('week', wednesday)
    expect(day(week.from!)).toEqual([2026, 5, 18, 0, 0])
    expect(day(week.to!)).toEqual([2026, 5, 24, 23, 59])
    expect(new Date(week.to! + 1).getDay()).toBe(1)
  })

  it('a Sunday belongs to the week that began on the Monday before; last week crosses a month', () => {
    const sunday = new Date(2026, 4, 3, 10, 0) // Sun 3 May 2026
    expect(day(periodRange('week', sunday).from!)).toEqual([2026, 4, 27, 0, 0])
    const last = periodRange('lastWeek', sunday)
    expect(day(last.from!)).toEqual([2026, 4, 20, 0, 0])
    expect(day(last.to!)).toEqual([2026, 4, 26, 23, 59])
    const monday = new Date(2026, 0, 5, 0, 0) // Mon 5 Jan 2026
    expect(day(periodRange('lastWeek', monday).from!)).toEqual([2025, 12, 29, 0, 0])
  })
})
