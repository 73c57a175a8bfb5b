// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { NOT_CONNECTED, parseDealAutomation, readDealAutomation } from './runner-client'

const answer = {
  connection: 'connected',
  next: '2026-03-10T14:00:00.000Z',
  nextWhat: { ru: 'Напоминание о задаче', en: 'Task reminder' },
  done: [{ key: 'pb:7:express:task', title: { ru: 'Задача поставлена', en: 'Task created' }, at: '2026-03-10T09:00:00.000Z' }],
  lastRunAt: '2026-03-10T09:00:01.000Z',
}

const replying = (status: number, body: unknown) => vi.fn(async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch

describe('readDealAutomation', () => {
  it('asks GET <runner>/deals/<id>/next and returns the answer typed', async () => {
    const fetchImpl = replying(200, answer)
    expect(await readDealAutomation('https://runner.example', 7, fetchImpl)).toEqual(answer)
    expect(vi.mocked(fetchImpl).mock.calls[0]![0]).toBe('https://runner.example/deals/7/next')
  })

  it('no runner address, a refusal or a network error reads as not connected, without asking or throwing', async () => {
    const unused = vi.fn() as unknown as typeof fetch
    expect(await readDealAutomation(null, 7, unused)).toEqual(NOT_CONNECTED)
    expect(unused).not.toHaveBeenCalled()
    expect(await readDealAutomation('https://runner.example', 7, replying(500, { error: 'x' }))).toEqual(NOT_CONNECTED)
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    expect(await readDealAutomation('https://runner.example', 7, down)).toEqual(NOT_CONNECTED)
  })
})

describe('parseDealAutomation', () => {
  it('drops what it does not recognise and keeps the rest', () => {
    const parsed = parseDealAutomation({ ...answer, connection: 'maybe', next: 'soon', done: [answer.done[0], { key: 1 }, null] })
    expect(parsed).toEqual({ connection: 'unreachable', next: null, nextWhat: null, done: answer.done, lastRunAt: answer.lastRunAt })
    expect(parseDealAutomation('not json').connection).toBe('unreachable')
    expect(parseDealAutomation({ connection: 'revoked' })).toEqual({ connection: 'revoked', next: null, nextWhat: null, done: [], lastRunAt: null })
  })
})
