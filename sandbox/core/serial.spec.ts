// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { SerialQueue } from './serial'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('SerialQueue', () => {
  it('never interleaves two tasks, even when both await inside', async () => {
    const queue = new SerialQueue()
    const log: string[] = []
    const task = (name: string) => async () => {
      log.push(`${name}:start`)
      await tick()
      log.push(`${name}:middle`)
      await tick()
      log.push(`${name}:end`)
      return name
    }
    const results = await Promise.all([queue.run(task('a')), queue.run(task('b'))])
    expect(results).toEqual(['a', 'b'])
    expect(log).toEqual(['a:start', 'a:middle', 'a:end', 'b:start', 'b:middle', 'b:end'])
  })

  it('a failing task rejects its own caller only and the next one still runs', async () => {
    const queue = new SerialQueue()
    const failed = queue.run(() => {
      throw new Error('boom')
    })
    const next = queue.run(() => 42)
    await expect(failed).rejects.toThrow('boom')
    expect(await next).toBe(42)
    expect(queue.pending).toBe(0)
  })
})
