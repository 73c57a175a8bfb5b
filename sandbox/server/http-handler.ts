import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PortalServices } from '../core/types'
import { serveFile } from '../files/serve'
import { handlePortalRequest } from '../portal/routes'
import type { OAuthReply } from '../auth/oauth-server'
import { parseParams, readBody } from '../rest/body'
import type { RestRouter } from '../rest/router'
import type { SandboxControl } from './control'
import { handleControlApi } from './control-api'
import { sendJson, setCors } from './respond'

export interface HandlerDeps {
  rest: RestRouter
  /** Only on the plain-http portal port. */
  control?: SandboxControl
  portal: () => PortalServices
  commit: () => Promise<void>
  /** `/oauth/token/`: the sandbox's OAuth server (auth/oauth-server.ts); `origin` is this port's origin. */
  oauth?: (params: Record<string, unknown>) => Promise<OAuthReply>
  log: (message: string, error?: unknown) => void
}

/** One handler for the portal's http and https ports: REST, control API, files, portal pages. */
export function createRequestHandler(deps: HandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      setCors(res, req.headers['access-control-request-headers'])
      if (req.method === 'OPTIONS') {
        res.writeHead(204)
        return void res.end()
      }
      const url = new URL(req.url ?? '/', 'http://localhost')
      const path = url.pathname
      if (path.startsWith('/rest/')) {
        const reply = await deps.rest.handle({
          path: path.slice('/rest/'.length),
          query: url.search.slice(1),
          contentType: req.headers['content-type'],
          body: await readBody(req),
          ip: req.socket.remoteAddress ?? 'unknown',
        })
        return sendJson(res, reply.status, reply.body)
      }
      if (path === '/oauth/token/' || path === '/oauth/token') {
        if (!deps.oauth || (req.method !== 'GET' && req.method !== 'POST')) return sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'Not found' })
        let params: Record<string, unknown>
        try {
          params = parseParams(req.headers['content-type'], await readBody(req), url.search.slice(1))
        } catch {
          return sendJson(res, 400, { error: 'invalid_request', error_description: 'The request could not be read' })
        }
        const reply = await deps.oauth(params)
        return sendJson(res, reply.status, reply.body)
      }
      if (path.startsWith('/sandbox-api/')) {
        if (!deps.control) return sendJson(res, 404, { error: 'NOT_FOUND', error_description: 'The control API is on the http port' })
        return await handleControlApi(deps.control, path.slice('/sandbox-api/'.length).replace(/\/$/, ''), req, res)
      }
      const file = /^\/sandbox-files\/(\d+)(?:\/|$)/.exec(path)
      if (file && (req.method === 'GET' || req.method === 'HEAD')) return serveFile(deps.portal().store, Number(file[1]), res)
      const handled = await handlePortalRequest(req, res, deps.portal())
      // Portal pages write too (tokens, options, install): make it durable.
      await deps.commit()
      if (!handled && !res.headersSent) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end('Страница не найдена / Not found')
      }
    } catch (error) {
      // The path only: a query may carry a client secret or tokens (GET /oauth/token/?…).
      deps.log(`${req.method} ${(req.url ?? '').split('?')[0]} failed`, error)
      if (!res.headersSent) sendJson(res, 500, { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' })
      else res.end()
    }
  }
}
