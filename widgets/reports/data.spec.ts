// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { mapInTasks } from './data'

// Typing 100,000 deals at once held the page for a third of a second (issue 15, measured on the
// sandbox): the work goes in pieces, and whatever else the page has to do runs in between.
describe('mapInTasks', () => {
  it('converts every row in order, one piece per task, letting other tasks run between pieces', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => i)
    let converted = 0
    const seenBetween: number[] = []
    setTimeout(() => seenBetween.push(converted), 0)
    const result = await mapInTasks(rows, (n) => (converted++, n * 2), 10)
    expect(result).toEqual(rows.map((n) => n * 2))
    expect(seenBetween).toEqual([10])
  })
})
