/**
 * REST failures reduced to what the UI can tell a person. Codes follow b24restdocs
 * `_includes/system-errors.md` and the method pages; legacy crm.* send `error: ""`
 * with the meaning only in the description ("Not found", "Access denied").
 */
export type GatewayErrorKind = 'access' | 'notFound' | 'limit' | 'network' | 'expired' | 'conflict' | 'unknown'

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    readonly code: string,
    readonly description: string,
    readonly status = 0,
  ) {
    super(`${code || kind}: ${description}`)
    this.name = 'GatewayError'
  }

  /** i18n key of the message shown to the user (`errors.<kind>`). */
  get messageKey(): `errors.${GatewayErrorKind}` {
    return `errors.${this.kind}`
  }
}

const ACCESS = new Set(['ACCESS_DENIED', 'INSUFFICIENT_SCOPE', 'USER_ACCESS_ERROR', 'INVALID_CREDENTIALS', 'WRONG_AUTH_TYPE', 'ALLOWED_ONLY_INTRANET_USER', 'ERROR_ACCESS_DENIED'])
const NOT_FOUND = new Set(['NOT_FOUND', 'ERROR_NOT_FOUND', 'ERROR_ENTITY_NOT_FOUND', 'OWNER_NOT_FOUND', 'ERROR_TASK_NOT_FOUND'])
const LIMIT = new Set(['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT', 'OVERLOAD_LIMIT'])
const NETWORK = new Set(['NETWORK_ERROR', 'REQUEST_TIMEOUT', 'ERR_NETWORK', 'ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED'])
const EXPIRED = new Set(['EXPIRED_TOKEN', 'INVALID_TOKEN', 'NO_AUTH_FOUND', 'JSSDK_FRAME_REFRESH_AUTH_TIMEOUT'])

export function classifyError(code: string, status: number, description: string): GatewayErrorKind {
  const upper = code.toUpperCase()
  if (LIMIT.has(upper) || status === 503 || status === 429) return 'limit'
  if (NETWORK.has(upper)) return 'network'
  if (EXPIRED.has(upper)) return 'expired'
  if (ACCESS.has(upper) || /access denied|administrator authorization required/i.test(description)) return 'access'
  if (NOT_FOUND.has(upper) || /^not found|not found\.?$|element not found/i.test(description)) return 'notFound'
  if (status === 403) return 'access'
  if (status === 404 && upper !== 'ERROR_METHOD_NOT_FOUND') return 'notFound'
  return 'unknown'
}

/** Anything the SDK throws or reports (SdkError/AjaxError, axios errors, plain Error) → GatewayError. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error
  const record = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown
    status?: unknown
    description?: unknown
    message?: unknown
    answerError?: { error?: unknown; errorDescription?: unknown }
  }
  const code = String(record.answerError?.error || record.code || '')
  const status = typeof record.status === 'number' ? record.status : 0
  const description = String(record.answerError?.errorDescription ?? record.description ?? record.message ?? error ?? '')
  return new GatewayError(classifyError(code, status, description), code, description, status)
}

export function isRetryable(error: GatewayError): boolean {
  return error.kind === 'limit' || error.kind === 'network'
}
