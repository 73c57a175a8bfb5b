import qs from 'qs'
import type { SandboxApp } from '../core/types'
import { takeOnlineEvents, type OnlineDelivery } from '../rest/methods/system/event-outbox'
import type { Store } from '../store/types'
import type { TokenService } from '../auth/tokens'

/*
 * Sends online events to their handlers, as the portal does: a POST, urlencoded with PHP brackets,
 * holding `event`, `event_handler_id`, `data`, `ts` and `auth` (b24restdocs `api-reference/events/index.md`,
 * `crm/deals/events/on-crm-deal-add.md`; the auth keys: `_includes/auth-params-in-events.md`: access_token,
 * expires_in, scope, domain, server_endpoint, status, client_endpoint, member_id, application_token).
 * No refresh_token: «Event handlers usually do not receive refresh_token» (settings/oauth/simple-way.md).
 * A handler checks `auth[application_token]` against the one its install got (safe-event-handlers.md).
 * One attempt per event, 5 s at most; a failure is logged with the handler's address only.
 */

export interface DispatcherDeps {
  store: Store
  tokens: TokenService
  app(): SandboxApp
  memberId(): string
  /** `http://localhost:4000`: the portal (domain, client_endpoint) and its OAuth server (server_endpoint). */
  portalOrigin(): string
  commitSoon(): void
  log(message: string, error?: unknown): void
  /** Tests: the POST itself. */
  send?: (url: string, body: string) => Promise<void>
}

const TIMEOUT_MS = 5_000

async function post(url: string, body: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })
  await response.arrayBuffer().catch(() => undefined)
}

/** The form body of one delivery, with a fresh access token of `authUserId` in the app's context. */
export function deliveryBody(deps: Omit<DispatcherDeps, 'log' | 'commitSoon' | 'send'>, delivery: OnlineDelivery): string {
  const app = deps.app()
  const origin = new URL(deps.portalOrigin())
  const tokens = deps.tokens.issue(delivery.authUserId, app.clientId)
  return qs.stringify({
    event: delivery.eventName,
    event_handler_id: String(delivery.handlerId),
    data: delivery.data,
    ts: String(delivery.ts),
    auth: {
      access_token: tokens.AUTH_ID,
      expires_in: String(tokens.AUTH_EXPIRES),
      scope: app.scope.join(','),
      domain: origin.host,
      server_endpoint: `${origin.origin}/rest/`,
      status: 'L',
      client_endpoint: `${origin.origin}/rest/`,
      member_id: deps.memberId(),
      application_token: app.applicationToken,
    },
  })
}

export class EventDispatcher {
  private scheduled = false
  private readonly timer: NodeJS.Timeout

  constructor(private readonly deps: DispatcherDeps) {
    // Events raised outside a REST request (the web form) go out on this beat.
    this.timer = setInterval(() => this.flushSoon(), 1_000)
    this.timer.unref()
  }

  /** Sends what is queued, after the current commit (called once a request's changes are written). */
  flushSoon(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      void this.flush()
    })
  }

  async flush(): Promise<void> {
    const deliveries = takeOnlineEvents(this.deps.store)
    if (deliveries.length === 0) return
    const send = this.deps.send ?? post
    const bodies = deliveries.map((delivery) => ({ delivery, body: deliveryBody(this.deps, delivery) }))
    // The tokens handed to the handlers must survive a restart like any other.
    this.deps.commitSoon()
    await Promise.all(
      bodies.map(({ delivery, body }) =>
        send(delivery.handler, body).catch((error) => this.deps.log(`event ${delivery.eventName} to ${handlerAddress(delivery.handler)} failed`, error)),
      ),
    )
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

/** The handler URL without its query (it may carry a key). */
function handlerAddress(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.origin}${parsed.pathname}`
  } catch {
    return 'an invalid URL'
  }
}
