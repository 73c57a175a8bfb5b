import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { RunnerConfig } from './config'
import { connectionOf, storeAuth, toOAuthParams, type HandedAuth } from './portal/app-auth'
import { dealAutomationOf } from './handlers/deal-automation'
import type { RunnerStore } from './store/runner-store'

/*
 * The runner's small HTTP face:
 * - POST /connect — the admin's install screen hands over the app's token pair; the runner
 *   checks it with the portal (the caller must be an admin) before keeping it;
 * - GET /status — connected or not (never a token), for the app page and «Следующий шаг»;
 * - GET /deals/<id>/next — the next time the runner will look at a deal by itself.
 * CORS only for the app's own origins.
 */

export interface RunnerStatus {
  connection: ReturnType<typeof connectionOf>
  lastTick: string | null
  lastError: string | null
  dueJobs: number
}

export interface ServerDeps {
  config: RunnerConfig
  store: RunnerStore
  status: () => RunnerStatus
  /** Asks the portal whether the handed token is an admin's (user.admin), through that token. */
  verifyAdmin: (auth: HandedAuth) => Promise<boolean>
  now: () => Date
}

const MAX_BODY = 16 * 1024

function send(res: ServerResponse, status: number, body: unknown, origin: string | null): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }
  if (origin) {
    headers['access-control-allow-origin'] = origin
    headers['access-control-allow-headers'] = 'content-type'
    headers['access-control-allow-methods'] = 'GET, POST, OPTIONS'
    headers.vary = 'origin'
  }
  res.writeHead(status, headers)
  res.end(JSON.stringify(body))
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'))
      } catch {
        reject(new Error('body is not JSON'))
      }
    })
    req.on('error', reject)
  })
}

export function createRunnerServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const requestOrigin = typeof req.headers.origin === 'string' ? req.headers.origin : null
    const origin = requestOrigin && deps.config.appOrigins.includes(requestOrigin) ? requestOrigin : null
    const url = new URL(req.url ?? '/', 'http://runner')
    if (req.method === 'OPTIONS') return send(res, origin ? 204 : 403, {}, origin)
    if (requestOrigin && !origin) return send(res, 403, { error: 'origin not allowed' }, null)

    if (req.method === 'GET' && url.pathname === '/status') return send(res, 200, deps.status(), origin)
    const deal = url.pathname.match(/^\/deals\/(\d+)\/next$/)
    if (req.method === 'GET' && deal) {
      const dealId = Number(deal[1])
      const job = deps.store.nextJob('deal', dealId)
      const automation = dealAutomationOf(deps.store, dealId)
      // The next look is the scheduled job's time; what it is for, when the last turn computed it.
      const next = job ? job.dueAt : null
      return send(res, 200, { connection: connectionOf(deps.store).state, next, nextWhat: next && next === automation.next ? automation.nextWhat : null, done: automation.done, lastRunAt: automation.lastRunAt }, origin)
    }
    if (req.method === 'POST' && url.pathname === '/connect') {
      void (async () => {
        try {
          const handed = (await readJson(req)) as Partial<HandedAuth>
          const parsed = toOAuthParams(handed, deps.config.oauthServer)
          if (!parsed.ok) return send(res, 400, { error: parsed.problem }, origin)
          if (!(await deps.verifyAdmin(handed as HandedAuth))) return send(res, 403, { error: 'only a portal administrator can connect the runner' }, origin)
          await storeAuth(deps.store, parsed.params, deps.now())
          send(res, 200, { connection: connectionOf(deps.store) }, origin)
        } catch (error) {
          send(res, 400, { error: error instanceof Error ? error.message : 'bad request' }, origin)
        }
      })()
      return
    }
    send(res, 404, { error: 'not found' }, origin)
  })
}
