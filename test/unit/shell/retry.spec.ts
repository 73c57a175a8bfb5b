// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { classifyError, GatewayError, toGatewayError } from '@/b24/gateway'
import { DEFAULT_RETRY, retryDelay, withRetry } from '@/b24/gateway/retry'

// Error codes: b24restdocs _includes/system-errors.md (503 QUERY_LIMIT_EXCEEDED, 429 OPERATION_TIME_LIMIT,
// 401 expired_token, 403 ACCESS_DENIED); legacy crm.* send error "" with "Not found" / "Access denied".
describe('classifyError', () => {
  it.each([
    ['QUERY_LIMIT_EXCEEDED', 503, '', 'limit'],
    ['OPERATION_TIME_LIMIT', 429, '', 'limit'],
    ['NETWORK_ERROR', 0, 'Network Error', 'network'],
    ['REQUEST_TIMEOUT', 0, '', 'network'],
    ['expired_token', 401, '', 'expired'],
    ['ACCESS_DENIED', 403, '', 'access'],
    ['', 400, 'Access denied', 'access'],
    ['', 400, 'Not found', 'notFound'],
    ['NOT_FOUND', 400, 'Element not found', 'notFound'],
    ['ERROR_METHOD_NOT_FOUND', 404, 'Method not found!', 'unknown'],
    ['INTERNAL_SERVER_ERROR', 500, '', 'unknown'],
  ])('%s (%i %s) → %s', (code, status, description, kind) => {
    expect(classifyError(code, status, description)).toBe(kind)
  })

  it('reads the SDK’s AjaxError fields', () => {
    const sdkLike = { code: 'QUERY_LIMIT_EXCEEDED', status: 503, message: 'Too many requests' }
    const error = toGatewayError(sdkLike)
    expect(error).toBeInstanceOf(GatewayError)
    expect(error).toMatchObject({ kind: 'limit', code: 'QUERY_LIMIT_EXCEEDED', status: 503 })
    expect(error.messageKey).toBe('errors.limit')
  })
})

describe('retryDelay', () => {
  const limit = new GatewayError('limit', 'QUERY_LIMIT_EXCEEDED', '', 503)
  const operating = new GatewayError('limit', 'OPERATION_TIME_LIMIT', '', 429)
  const network = new GatewayError('network', 'NETWORK_ERROR', '')

  it('backs off exponentially for rate limits and network faults, then gives up', () => {
    expect([0, 1, 2].map((attempt) => retryDelay(limit, attempt))).toEqual([2000, 4000, null])
    expect(retryDelay(network, 0, { ...DEFAULT_RETRY, retries: 5 })).toBe(2000)
    expect(retryDelay(network, 4, { ...DEFAULT_RETRY, retries: 5 })).toBe(15000)
  })
  it('waits at least 10 s for the operating-time limit', () => {
    expect(retryDelay(operating, 0)).toBe(10000)
  })
  it('never retries access, not-found or expired errors', () => {
    for (const kind of ['access', 'notFound', 'expired', 'unknown'] as const) {
      expect(retryDelay(new GatewayError(kind, 'X', ''), 0)).toBeNull()
    }
  })
})

describe('withRetry', () => {
  it('retries a network fault and returns the later success', async () => {
    const waits: number[] = []
    let calls = 0
    const value = await withRetry(async () => {
      calls++
      if (calls < 3) throw { code: 'NETWORK_ERROR', status: 0, message: 'Network Error' }
      return 'ok'
    }, { sleep: async (ms) => void waits.push(ms) })
    expect(value).toBe('ok')
    expect(waits).toEqual([2000, 4000])
  })

  it('reports the final failure as a typed error', async () => {
    let calls = 0
    const failing = withRetry(async () => {
      calls++
      throw { code: 'QUERY_LIMIT_EXCEEDED', status: 503 }
    }, { sleep: async () => undefined })
    await expect(failing).rejects.toMatchObject({ kind: 'limit', code: 'QUERY_LIMIT_EXCEEDED' })
    expect(calls).toBe(1 + DEFAULT_RETRY.retries)
  })

  it('does not retry an access error', async () => {
    let calls = 0
    await expect(withRetry(async () => {
      calls++
      throw { code: 'ACCESS_DENIED', status: 403 }
    }, { sleep: async () => undefined })).rejects.toMatchObject({ kind: 'access' })
    expect(calls).toBe(1)
  })
})
