import { isRetryable, toGatewayError } from './errors'
import type { GatewayError } from './errors'

/**
 * The gateway's own retry, on top of the SDK's. The SDK already makes 3 attempts for
 * 503/429/network (1.5 s, 2.25 s or ≥10 s apart, see reference §3.3) and then throws
 * the real code. A short outage or a bucket still draining outlives that, so a read
 * gets a few more, slower tries before the UI shows the error.
 * Creates are never retried blindly: see createOnce.
 */
export interface RetryPolicy {
  /** Further attempts after the first failure reaches the gateway. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  /** Operation-time limit (429): the SDK's minimum wait, kept here too. */
  operatingLimitDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 2_000,
  maxDelayMs: 15_000,
  operatingLimitDelayMs: 10_000,
}

/** Delay before retry number `attempt` (0-based), or null when the error is final. */
export function retryDelay(error: GatewayError, attempt: number, policy: RetryPolicy = DEFAULT_RETRY): number | null {
  if (!isRetryable(error) || attempt >= policy.retries) return null
  const backoff = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs)
  const operating = error.code.toUpperCase() === 'OPERATION_TIME_LIMIT' || error.status === 429
  return operating ? Math.max(backoff, policy.operatingLimitDelayMs) : backoff
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    }, { once: true })
  })

/** Runs `attempt` until it succeeds or the policy gives up; always throws a GatewayError. */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: { policy?: RetryPolicy; sleep?: Sleep; signal?: AbortSignal } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY
  const wait = options.sleep ?? sleep
  for (let retry = 0; ; retry++) {
    try {
      return await attempt()
    } catch (raw) {
      const error = toGatewayError(raw)
      const delay = retryDelay(error, retry, policy)
      if (delay === null || options.signal?.aborted) throw error
      await wait(delay, options.signal)
    }
  }
}
