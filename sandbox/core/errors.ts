/**
 * A REST failure as the portal reports it: HTTP status + `error` code + description.
 * Handlers throw it; the router turns it into `{error, error_description}` (or a batch row error).
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    /** Extra top-level keys some methods add, e.g. `argument` for placement.bind. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${description}`)
    this.name = 'RestError'
  }
}

// The portal's own codes (b24restdocs `_includes/system-errors.md`, `error-codes.md`).
export const errors = {
  methodNotFound: () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'),
  noAuth: () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'),
  expiredToken: () => new RestError(401, 'expired_token', 'The access token provided has expired.'),
  invalidToken: () => new RestError(401, 'invalid_token', 'The access token provided is invalid.'),
  insufficientScope: () => new RestError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the access token'),
  accessDenied: (text = 'Access denied!') => new RestError(403, 'ACCESS_DENIED', text),
  wrongAuthType: () => new RestError(403, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method'),
  queryLimit: () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'),
  operationTimeLimit: () => new RestError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.'),
  internal: (text = 'Internal server error') => new RestError(500, 'INTERNAL_SERVER_ERROR', text),
  /** Legacy crm.* style: HTTP 400 with an empty `error` code. */
  legacy: (text: string) => new RestError(400, '', text),
  argument: (text: string, argument?: string) =>
    new RestError(400, 'ERROR_ARGUMENT', text, argument ? { argument } : {}),
  invalidArgValue: (text: string) => new RestError(400, 'INVALID_ARG_VALUE', text),
  notFound: (text = 'Not found') => new RestError(400, 'NOT_FOUND', text),
  core: (text: string) => new RestError(400, 'ERROR_CORE', text),
} as const
