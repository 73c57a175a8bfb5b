import axios from 'axios'
import type { AxiosAdapter } from 'axios'
import { describe, expect, it } from 'vitest'
import { countRequests, createRequestCounter, exposeRequestCounter } from '@/b24/request-counter'

// An axios instance like the SDK's REST client, answering locally.
const okAdapter: AxiosAdapter = async (config) => ({ data: { result: true, time: {} }, status: 200, statusText: 'OK', headers: {}, config })

describe('request counting', () => {
  it('counts each HTTP request once (a batch is one), per screen', async () => {
    const counter = createRequestCounter()
    const client = axios.create({ adapter: okAdapter })
    countRequests(client, counter.record)

    counter.beginScreen('next-steps')
    await client.post('/rest/batch', { cmd: { a: 'crm.deal.get?id=1', b: 'user.get?ID=1' } })
    expect(counter.current).toBe(1)

    counter.beginScreen('settings')
    await client.post('/rest/app.option.get', {})
    await client.post('/rest/placement.get', {})
    expect(counter.byScreen).toEqual({ 'next-steps': 1, settings: 2 })
    expect(counter.total).toBe(3)
  })

  it('restarts a screen’s count when the screen opens again', async () => {
    const counter = createRequestCounter()
    counter.beginScreen('a')
    counter.record()
    counter.beginScreen('a')
    expect(counter.current).toBe(0)
    expect(counter.total).toBe(1)
  })

  it('is readable from window for benchmarks', () => {
    const counter = createRequestCounter()
    exposeRequestCounter(counter)
    counter.beginScreen('x')
    counter.record()
    expect(window.__b24Requests?.total).toBe(1)
    expect(window.__b24Requests?.byScreen).toEqual({ x: 1 })
  })
})
