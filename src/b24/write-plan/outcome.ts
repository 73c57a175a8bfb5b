import type { GatewayError } from '@/b24/gateway'

/**
 * What a failed request says about its writes. A refusal (limits, rights, validation) means
 * nothing was written. Anything else — a timeout, a lost connection, a 5xx, an error without
 * a code — may have come after the portal wrote: the outcome is unknown until looked up.
 */
export type FailureMeaning = 'refused-retry' | 'refused' | 'unknown'

const INTERNAL = /^(INTERNAL_SERVER_ERROR|ERROR_CORE|ERROR_UNEXPECTED_ANSWER|JSSDK_AXIOS_ERROR|JSSDK_CALL_ALL_ATTEMPTS_EXHAUSTED)$/i

export function meaningOf(error: GatewayError): FailureMeaning {
  if (error.kind === 'limit') return 'refused-retry'
  if (error.kind === 'network') return 'unknown'
  if (error.kind === 'access' || error.kind === 'notFound' || error.kind === 'expired') return 'refused'
  if (error.status >= 500) return 'unknown'
  if (INTERNAL.test(error.code)) return 'unknown'
  if (error.code === '' && error.description === '') return 'unknown'
  return 'refused'
}
