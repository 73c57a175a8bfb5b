import { RestError, errors } from '../core/errors'
import type { Params } from '../core/types'
import type { Store } from '../store/types'
import type { Caller, Credentials } from '../auth/authenticate'
import { methodParams, parseParams } from './body'
import { errorBody, successBody } from './envelope'
import type { RestInvoker } from './invoke'
import type { LeakyBucket, LimitSettings } from './limits'

export interface RestRequest {
  /** Path after `/rest/`, still URL-encoded: `crm.deal.list`, `1/secret/user.get.json`, `api/x`. */
  path: string
  query: string
  contentType: string | undefined
  body: Buffer
  /** The client's IP: the leaky bucket's key. */
  ip: string
}

export interface RestReply {
  status: number
  body: unknown
}

export interface RouterDeps {
  invoker: RestInvoker
  authenticate: (credentials: Credentials) => Caller
  bucket: LeakyBucket
  limits: () => LimitSettings
  store: Store
  nowMs: () => number
  log: (message: string, error?: unknown) => void
  /** Counters the control API reports (tests check that a limit really refused requests). */
  stats?: RestStats
}

export interface RestStats {
  requests: number
  queryLimitRefusals: number
}

export interface RoutedPath {
  method: string
  webhook?: { userId: number; secret: string }
  v3: boolean
}

/**
 * `/rest/<method>[.json]`, `/rest/<userId>/<secret>/<method>`, and REST 3.0's `/rest/api/<method>` and
 * `/rest/api/<userId>/<secret>/<method>` (b24restdocs `api-reference/tasks/tasks-task-access-get.md`).
 */
export function routePath(path: string): RoutedPath {
  const parts = path.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part)
    } catch {
      return part
    }
  })
  const v3 = parts[0] === 'api'
  const rest = v3 ? parts.slice(1) : parts
  const strip = (name: string) => name.replace(/\.(json|xml)$/i, '')
  if (rest.length >= 3 && /^\d+$/.test(rest[0]!)) {
    return { method: strip(rest.slice(2).join('/')), webhook: { userId: Number(rest[0]), secret: rest[1]! }, v3 }
  }
  return { method: strip(rest.join('/')), v3 }
}

/**
 * REST 3.0's "method not found" text. It names the method only when it reads as a dotted method name
 * (`tasks.task.get`): anything else in that place may be a webhook secret (16 letters and digits, no
 * dot), which an error must never repeat.
 */
export function v3MethodNotFoundText(route: RoutedPath): string {
  const method = route.method
  const plain = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/.test(method) && !(route.webhook && method.includes(route.webhook.secret))
  return plain ? `Method '${method}' not found` : 'Method not found'
}

/** The HTTP face of the REST API: limits, body, auth, the call, commit, envelope. */
export class RestRouter {
  constructor(private readonly deps: RouterDeps) {}

  async handle(request: RestRequest): Promise<RestReply> {
    const route = routePath(request.path)
    const limits = this.deps.limits()
    const stats = this.deps.stats
    if (stats) stats.requests++
    // Every HTTP request costs one token, a batch included (b24restdocs `limits.md`).
    if (limits.enabled && !this.deps.bucket.tryTake(request.ip, this.deps.nowMs())) {
      if (stats) stats.queryLimitRefusals++
      return reply(errors.queryLimit())
    }
    if (route.v3) {
      // REST 3.0 is not emulated: every v3 method answers as an unknown one.
      return {
        status: 404,
        body: { error: { code: 'BITRIX_REST_V3_EXCEPTION_METHODNOTFOUNDEXCEPTION', message: v3MethodNotFoundText(route), validation: [] } },
      }
    }
    let params: Params
    try {
      params = parseParams(request.contentType, request.body, request.query)
    } catch (error) {
      return reply(error instanceof RestError ? error : errors.internal())
    }
    const credentials: Credentials = route.webhook
      ? { kind: 'webhook', ...route.webhook }
      : typeof params.auth === 'string' && params.auth
        ? { kind: 'token', token: params.auth }
        : { kind: 'none' }
    let caller: Caller
    try {
      caller = this.deps.authenticate(credentials)
    } catch (error) {
      return reply(error instanceof RestError ? error : errors.internal())
    }
    if (!route.method) return reply(errors.methodNotFound())
    const outcome = await this.deps.invoker.invoke(caller, route.method, methodParams(params))
    try {
      // An acknowledged write is durable: commit before answering (a batch commits once). The invoker
      // started this request's commit itself when it ran under the serial queue.
      await (outcome.committed ?? this.deps.store.commit())
    } catch (error) {
      this.deps.log('store commit failed', error)
      return reply(errors.internal('Could not save changes'))
    }
    return outcome.ok ? { status: 200, body: successBody(outcome.value, outcome.time) } : reply(outcome.error)
  }
}

function reply(error: RestError): RestReply {
  return { status: error.status || 400, body: errorBody(error) }
}
