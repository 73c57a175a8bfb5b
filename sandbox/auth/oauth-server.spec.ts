import { describe, expect, it } from 'vitest'
import type { SandboxApp, UserRow } from '../core/types'
import { MemoryStore } from '../store/memory-store'
import { authenticate } from './authenticate'
import { oauthToken } from './oauth-server'
import { TokenService } from './tokens'
import { RestError } from '../core/errors'

function setup() {
  const store = new MemoryStore()
  let now = Date.UTC(2026, 2, 2, 9)
  const tokens = new TokenService(store, () => now, () => 3600)
  store.table<UserRow>('users').insert({
    ACTIVE: true, NAME: 'A', LAST_NAME: 'B', SECOND_NAME: '', EMAIL: '', WORK_POSITION: '', PERSONAL_GENDER: '',
    PERSONAL_PHOTO: '', TIME_ZONE: '', UF_DEPARTMENT: [1], IS_ADMIN: true, CRM_ACCESS: 'X', WEBHOOK_SECRET: 'sec',
  })
  const app: SandboxApp = {
    code: 'c', clientId: 'local.1', clientSecret: 'S3cret', applicationToken: 'a'.repeat(32), handlerUrl: '', scope: ['crm', 'task'], version: 1, installed: true,
  }
  const deps = { tokens, app: () => app, memberId: () => 'f'.repeat(32), portalOrigin: () => 'http://localhost:4000', nowMs: () => now }
  const grant = (refresh: string, extra: Record<string, unknown> = {}) =>
    oauthToken(deps, { grant_type: 'refresh_token', client_id: 'local.1', client_secret: 'S3cret', refresh_token: refresh, ...extra }, 'https://localhost:4443')
  const restCode = (token: string) => {
    try {
      authenticate(store, tokens, app, { kind: 'token', token })
      return 'ok'
    } catch (error) {
      return error instanceof RestError ? `${error.status} ${error.code}` : 'thrown'
    }
  }
  return { tokens, app, deps, grant, restCode, advance: (ms: number) => (now += ms), now: () => now }
}

// b24restdocs settings/oauth/auto-renewal.md (the grant and its reply), settings/oauth/error-codes.md (the codes).
describe('the OAuth server (/oauth/token/)', () => {
  it('renews a pair with the documented reply; server_endpoint points back at the origin asked', () => {
    const { tokens, grant, now } = setup()
    const first = tokens.issue(1, 'local.1')
    const reply = grant(first.REFRESH_ID)
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({
      access_token: expect.stringMatching(/^[0-9a-f]{48}$/),
      expires: Math.floor(now() / 1000) + 3600,
      expires_in: 3600,
      scope: 'crm,task',
      domain: 'localhost:4443',
      server_endpoint: 'https://localhost:4443/rest/',
      status: 'L',
      client_endpoint: 'http://localhost:4000/rest/',
      member_id: 'f'.repeat(32),
      user_id: 1,
      refresh_token: expect.stringMatching(/^[0-9a-f]{48}$/),
    })
    expect(reply.body).not.toHaveProperty('application_token')
  })

  it('rotates: the used refresh token is refused with invalid_grant, the new one works', () => {
    const { tokens, grant, restCode } = setup()
    const first = tokens.issue(1, 'local.1')
    const second = grant(first.REFRESH_ID)
    expect(restCode(String(second.body.access_token))).toBe('ok')
    expect(grant(first.REFRESH_ID)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } })
    expect(grant(String(second.body.refresh_token)).status).toBe(200)
  })

  it('refuses a wrong secret or client id with invalid_client, and renews nothing', () => {
    const { tokens, grant } = setup()
    const first = tokens.issue(1, 'local.1')
    expect(grant(first.REFRESH_ID, { client_secret: 'nope' })).toMatchObject({ status: 400, body: { error: 'invalid_client' } })
    expect(grant(first.REFRESH_ID, { client_id: 'local.2' })).toMatchObject({ status: 400, body: { error: 'invalid_client' } })
    expect(grant(first.REFRESH_ID).status).toBe(200)
  })

  it('refuses malformed requests with invalid_request, and unknown, expired or revoked refresh tokens with invalid_grant', () => {
    const { tokens, deps, grant, restCode, advance } = setup()
    expect(oauthToken(deps, {}, 'http://localhost:4000').body.error).toBe('invalid_request')
    expect(oauthToken(deps, { grant_type: 'password', client_id: 'local.1', client_secret: 'S3cret' }, 'http://localhost:4000').body.error).toBe('invalid_request')
    expect(grant('').body.error).toBe('invalid_request')
    expect(grant('garbage').body.error).toBe('invalid_grant')
    expect(oauthToken(deps, { grant_type: 'authorization_code', client_id: 'local.1', client_secret: 'S3cret', code: 'x' }, 'http://localhost:4000').body.error).toBe('invalid_grant')

    const revoked = tokens.issue(1, 'local.1')
    expect(tokens.revoke('local.1')).toBe(1)
    expect(restCode(revoked.AUTH_ID)).toBe('401 invalid_token')
    expect(grant(revoked.REFRESH_ID).body.error).toBe('invalid_grant')

    const old = tokens.issue(1, 'local.1')
    advance(181 * 24 * 3600_000)
    expect(grant(old.REFRESH_ID).body.error).toBe('invalid_grant')
  })

  it('revoking one user leaves the other users\' pairs working', () => {
    const { tokens, restCode } = setup()
    const mine = tokens.issue(1, 'local.1')
    const theirs = tokens.issue(2, 'local.1')
    expect(tokens.revoke('local.1', 2)).toBe(1)
    expect(restCode(mine.AUTH_ID)).toBe('ok')
    expect(restCode(theirs.AUTH_ID)).toBe('401 invalid_token')
  })
})
