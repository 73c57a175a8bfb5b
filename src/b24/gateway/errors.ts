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
    /** The REST method that failed, when known: tells what was refused (see refusal.ts). */
    readonly method = '',
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

/** A message the SDK or axios made up (not the portal's): never shown to a person. */
const TRANSPORT_TEXT = /^(request failed with status code \d+|internal ajax error|network error|network connection failed|request timeout exceeded)$|\(on [\w.]+\)$/i

/** The portal's own words of a failure, or '' when there are none (only a transport message). */
export function portalDetail(description: string): string {
  const text = description.trim()
  return TRANSPORT_TEXT.test(text) ? '' : text
}

interface SdkErrorShape {
  code?: unknown
  status?: unknown
  description?: unknown
  message?: unknown
  answerError?: { error?: unknown; errorDescription?: unknown }
  requestInfo?: { method?: unknown }
  /** The axios error the SDK wrapped (a non-enumerable property of SdkError). */
  originalError?: { response?: { data?: unknown } }
}

/**
 * The error of the HTTP body. SDK 2.2.0 drops a legacy one (`{error: "", error_description:
 * "Access denied."}` with status 400) and keeps only axios's «Request failed with status code 400».
 */
function bodyError(record: SdkErrorShape): { code: string; description: string } | null {
  const data = record.originalError?.response?.data
  if (typeof data !== 'object' || data === null) return null
  const { error, error_description: description } = data as { error?: unknown; error_description?: unknown }
  if (typeof error !== 'string' || typeof description !== 'string' || description === '') return null
  return { code: error, description }
}

/** Anything the SDK throws or reports (SdkError/AjaxError, axios errors, plain Error) → GatewayError. */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error
  const record = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape
  const body = bodyError(record)
  const code = body ? body.code : String(record.answerError?.error || record.code || '')
  const status = typeof record.status === 'number' ? record.status : 0
  const description = body ? body.description : String(record.answerError?.errorDescription ?? record.description ?? record.message ?? error ?? '')
  const method = typeof record.requestInfo?.method === 'string' ? record.requestInfo.method : ''
  return new GatewayError(classifyError(code, status, description), code, description, status, method)
}

export function isRetryable(error: GatewayError): boolean {
  return error.kind === 'limit' || error.kind === 'network'
}
