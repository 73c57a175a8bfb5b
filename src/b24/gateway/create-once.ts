import { toGatewayError, isRetryable } from './errors'
import { DEFAULT_RETRY, retryDelay, sleep as defaultSleep } from './retry'
import type { RetryPolicy, Sleep } from './retry'

/**
 * A create that can be repeated safely. Every record carries an idempotency key (in a
 * field, or a tag in a task's title/description); before each attempt the portal is
 * asked for a record with that key. So when a create reached the portal but its reply
 * was lost (network fault, timeout), the retry finds the record instead of making a
 * second one — and so does a second click, or a second open of the card.
 */
export interface CreateOnceResult<T> {
  record: T
  created: boolean
}

export async function createOnce<T>(
  key: string,
  create: (key: string) => Promise<T>,
  find: (key: string) => Promise<T | null>,
  options: { policy?: RetryPolicy; sleep?: Sleep; signal?: AbortSignal } = {},
): Promise<CreateOnceResult<T>> {
  const policy = options.policy ?? DEFAULT_RETRY
  const wait = options.sleep ?? defaultSleep
  for (let retry = 0; ; retry++) {
    try {
      const existing = await find(key)
      if (existing !== null) return { record: existing, created: false }
      return { record: await create(key), created: true }
    } catch (raw) {
      const error = toGatewayError(raw)
      const delay = isRetryable(error) ? retryDelay(error, retry, policy) : null
      if (delay === null || options.signal?.aborted) throw error
      await wait(delay, options.signal)
    }
  }
}

/** The tag put into a title or description: `[b24app:<key>]`. */
export function idempotencyTag(key: string): string {
  return `[b24app:${key}]`
}
