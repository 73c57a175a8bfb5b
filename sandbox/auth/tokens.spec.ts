// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../store/memory-store'
import type { UserRow } from '../core/types'
import { RestError } from '../core/errors'
import { authenticate } from './authenticate'
import { TokenService } from './tokens'

function setup(ttl = 60) {
  const store = new MemoryStore()
  let now = Date.UTC(2026, 0, 1)
  const clock = { advance: (ms: number) => (now += ms) }
  const tokens = new TokenService(store, () => now, () => ttl)
  store.table<UserRow>('users').insert({
    ACTIVE: true, NAME: 'A', LAST_NAME: 'B', SECOND_NAME: '', EMAIL: '', WORK_POSITION: '', PERSONAL_GENDER: '',
    PERSONAL_PHOTO: '', TIME_ZONE: '', UF_DEPARTMENT: [1], IS_ADMIN: false, CRM_ACCESS: 'A', WEBHOOK_SECRET: 'sec',
  })
  const app = { code: 'c', clientId: 'app.1', clientSecret: 's', applicationToken: 't', handlerUrl: '', scope: ['crm'], version: 1, installed: true }
  return { store, tokens, clock, app }
}

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof RestError) return `${error.status} ${error.code}`
    throw error
  }
  return 'ok'
}

// Error codes: b24restdocs `_includes/system-errors.md` (NO_AUTH_FOUND, expired_token, INVALID_CREDENTIALS).
describe('tokens and authentication', () => {
  it('a token works until its TTL passes, then answers expired_token', () => {
    const { store, tokens, clock, app } = setup(60)
    const issued = tokens.issue(1, 'app.1')
    expect(issued.AUTH_EXPIRES).toBe(60)
    const caller = authenticate(store, tokens, app, { kind: 'token', token: issued.AUTH_ID })
    expect(caller.user.ID).toBe(1)
    expect(caller.scopes).toEqual(['crm'])
    clock.advance(59_000)
    expect(codeOf(() => authenticate(store, tokens, app, { kind: 'token', token: issued.AUTH_ID }))).toBe('ok')
    clock.advance(1_000)
    expect(codeOf(() => authenticate(store, tokens, app, { kind: 'token', token: issued.AUTH_ID }))).toBe('401 expired_token')
  })

  it('refresh gives a working pair once; the used refresh token is dead', () => {
    const { store, tokens, clock, app } = setup(60)
    const first = tokens.issue(1, 'app.1')
    clock.advance(120_000)
    const second = tokens.refresh(first.REFRESH_ID)
    expect(second).not.toBeNull()
    expect(codeOf(() => authenticate(store, tokens, app, { kind: 'token', token: second!.AUTH_ID }))).toBe('ok')
    expect(tokens.refresh(first.REFRESH_ID)).toBeNull()
  })

  it('unknown token, missing auth and a wrong webhook secret are refused with the portal codes', () => {
    const { store, tokens, app } = setup()
    expect(codeOf(() => authenticate(store, tokens, app, { kind: 'token', token: 'garbage' }))).toBe('401 invalid_token')
    expect(codeOf(() => authenticate(store, tokens, app, { kind: 'none' }))).toBe('401 NO_AUTH_FOUND')
    expect(codeOf(() => authenticate(store, tokens, app, { kind: 'webhook', userId: 1, secret: 'nope' }))).toBe('401 INVALID_CREDENTIALS')
    expect(authenticate(store, tokens, app, { kind: 'webhook', userId: 1, secret: 'sec' }).scopes).toBeNull()
  })

  it('tokens survive a new service over the same store (a restart)', () => {
    const { store, tokens, app } = setup()
    const issued = tokens.issue(1, 'app.1')
    const again = new TokenService(store, () => Date.UTC(2026, 0, 1), () => 60)
    expect(authenticate(store, again, app, { kind: 'token', token: issued.AUTH_ID }).user.ID).toBe(1)
  })
})
