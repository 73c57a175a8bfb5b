// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { configProblems, readRunnerConfig } from '../../../runner/config'
import { connectionOf, markRevoked, openPortalClient, storeAuth, toOAuthParams } from '../../../runner/portal/app-auth'
import { RunnerStore } from '../../../runner/store/runner-store'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const openStore = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'runner-auth-'))
  dirs.push(dir)
  return RunnerStore.open(dir)
}

const handed = { access_token: 'a1', refresh_token: 'r1', expires: 1_800_000_000, domain: 'https://portal.example.ru/', member_id: 'm1', user_id: 1 }

describe('the runner\'s authorization', () => {
  it('reads the pair the install screen hands over, and names what is missing', () => {
    const ok = toOAuthParams(handed, 'https://oauth.bitrix.info/rest/')
    expect(ok).toMatchObject({ ok: true, params: { domain: 'portal.example.ru', clientEndpoint: 'https://portal.example.ru/rest/', serverEndpoint: 'https://oauth.bitrix.info/rest/', userId: 1 } })
    expect(toOAuthParams({ ...handed, refresh_token: '' }, 'x')).toEqual({ ok: false, problem: 'refresh_token is missing' })
    expect(toOAuthParams({ ...handed, expires: 0 }, 'x')).toEqual({ ok: false, problem: 'expires is missing' })
  })

  it('is connected once stored, survives a reopen, and stops acting once revoked', async () => {
    const store = openStore()
    expect(connectionOf(store)).toEqual({ state: 'none' })
    expect(openPortalClient(store, { clientId: 'c', clientSecret: 's' })).toBeNull()
    const parsed = toOAuthParams(handed, 'https://oauth.bitrix.info/rest/')
    if (!parsed.ok) throw new Error(parsed.problem)
    await storeAuth(store, parsed.params, new Date('2026-12-06T10:00:00Z'))
    expect(connectionOf(store)).toMatchObject({ state: 'connected', domain: 'portal.example.ru', memberId: 'm1' })
    expect(openPortalClient(store, { clientId: 'c', clientSecret: 's' })).not.toBeNull()
    await markRevoked(store, 'invalid_grant', new Date('2026-12-06T11:00:00Z'))
    expect(connectionOf(store)).toMatchObject({ state: 'revoked', reason: 'invalid_grant' })
    expect(openPortalClient(store, { clientId: 'c', clientSecret: 's' })).toBeNull()
    await store.close()
  })

  it('says which settings are missing without printing any secret', () => {
    const config = readRunnerConfig({ RUNNER_CLIENT_ID: 'local.1', RUNNER_APP_ORIGINS: 'http://localhost:4001, https://app.example.ru' })
    expect(config.appOrigins).toEqual(['http://localhost:4001', 'https://app.example.ru'])
    expect(configProblems(config)).toEqual(["RUNNER_CLIENT_SECRET is not set (the local app's client secret)"])
    expect(configProblems(readRunnerConfig({ RUNNER_CLIENT_ID: 'a', RUNNER_CLIENT_SECRET: 'topsecret' })).join(' ')).not.toContain('topsecret')
  })
})
