import type { SandboxApp } from '../core/types'
import type { TokenService } from './tokens'

/*
 * The sandbox's OAuth server: what oauth.bitrix.info does for a real portal, at `/oauth/token/` on the
 * sandbox's own http and https origins (the SDK's B24OAuth posts its refresh to
 * `${serverEndpoint without /rest/}/oauth/token/`).
 *
 * b24restdocs `settings/oauth/auto-renewal.md`: `grant_type=refresh_token` with `client_id`,
 * `client_secret` and `refresh_token`, by GET (the page's form) or POST (the SDK's); the reply is
 * access_token, client_endpoint, domain (the authorization server's), expires, expires_in, member_id,
 * refresh_token, scope, server_endpoint, status, user_id, and the refresh token in it replaces the
 * used one. The page lists no application_token in this reply, so there is none (it comes with the
 * frame's APPLICATION_TOKEN and the events' auth).
 *
 * `settings/oauth/error-codes.md`: invalid_request (a malformed request), invalid_client (client_id
 * or client_secret wrong), invalid_grant (the refresh token is not valid: unknown, used, revoked or
 * expired). The pages give no HTTP status for them; the sandbox answers 400, as RFC 6749 §5.2 does
 * for a token endpoint's errors. The authorization code grant (`settings/oauth/index.md`) needs the
 * user's authorization page, which the sandbox has not: every code is invalid_grant.
 */

export interface OAuthServerDeps {
  tokens: TokenService
  app(): SandboxApp
  memberId(): string
  /** The portal's REST origin, e.g. `http://localhost:4000`: client_endpoint is `<it>/rest/`. */
  portalOrigin(): string
  nowMs(): number
}

export interface OAuthReply {
  status: number
  body: Record<string, unknown>
}

export interface OAuthTokenReply {
  access_token: string
  expires: number
  expires_in: number
  scope: string
  domain: string
  server_endpoint: string
  status: string
  client_endpoint: string
  member_id: string
  user_id: number
  refresh_token: string
}

const refuse = (error: string, description: string): OAuthReply => ({ status: 400, body: { error, error_description: description } })

function text(params: Record<string, unknown>, name: string): string {
  const value = params[name]
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''
}

/**
 * `GET|POST /oauth/token/` with the grant in the query or the body. `serverOrigin` is the origin the
 * request came to (http or https): server_endpoint points back at it, so the next refresh comes here too.
 */
export function oauthToken(deps: OAuthServerDeps, params: Record<string, unknown>, serverOrigin: string): OAuthReply {
  const grantType = text(params, 'grant_type')
  const clientId = text(params, 'client_id')
  const clientSecret = text(params, 'client_secret')
  if (!grantType) return refuse('invalid_request', 'Invalid grant_type parameter or parameter missing')
  if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
    return refuse('invalid_request', 'Invalid grant_type parameter or parameter missing')
  }
  if (!clientId || !clientSecret) return refuse('invalid_request', 'No client id supplied')
  const app = deps.app()
  if (clientId !== app.clientId || clientSecret !== app.clientSecret) return refuse('invalid_client', 'The client credentials are invalid')
  if (grantType === 'authorization_code') {
    if (!text(params, 'code')) return refuse('invalid_request', 'Missing parameter. "code" is required')
    return refuse('invalid_grant', 'Authorization code doesn\'t exist or is invalid for the client')
  }
  const refreshToken = text(params, 'refresh_token')
  if (!refreshToken) return refuse('invalid_request', 'No "refresh_token" parameter found')
  const renewed = deps.tokens.renew(refreshToken, app.clientId)
  if (!renewed) return refuse('invalid_grant', 'Invalid refresh token')
  const server = new URL(serverOrigin)
  const body: OAuthTokenReply = {
    access_token: renewed.tokens.AUTH_ID,
    expires: Math.floor(renewed.expiresAtMs / 1000),
    expires_in: renewed.tokens.AUTH_EXPIRES,
    scope: app.scope.join(','),
    domain: server.host,
    server_endpoint: `${server.origin}/rest/`,
    status: 'L',
    client_endpoint: `${deps.portalOrigin()}/rest/`,
    member_id: deps.memberId(),
    user_id: renewed.userId,
    refresh_token: renewed.tokens.REFRESH_ID,
  }
  return { status: 200, body: { ...body } }
}
