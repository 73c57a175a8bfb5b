// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createGateway } from '@/b24/gateway'
import type { BatchReply, RestTransport } from '@/b24/gateway/transport'
import { connectRunner, readRunnerState } from '@/b24/runner-connect'
import { connectReply, pickRunnerUrl, runnerHandover, runnerUrlFrom, runnerUrlOptions, statusReply } from '@/domain/install/runner-link'

// The install screen's handover to the runner (runner/server.ts POST /connect, runner/portal/app-auth.ts HandedAuth);
// the frame's auth as B24Frame.auth.getAuthData() gives it (node_modules/@bitrix24/b24jssdk dist/esm/frame/auth.mjs).

const frameAuth = { access_token: 'a1', refresh_token: 'r1', expires: 1_900_000_000.25, expires_in: 3600, domain: 'https://portal.example.ru', member_id: 'm1' }

describe('the runner address', () => {
  it('accepts http(s) URLs, with a path, without the trailing slash', () => {
    expect(runnerUrlFrom('http://localhost:4100')).toBe('http://localhost:4100')
    expect(runnerUrlFrom(' https://runner.example.com/app/ ')).toBe('https://runner.example.com/app')
    expect(runnerUrlFrom('https://runner.example.com/')).toBe('https://runner.example.com')
  })

  it('refuses what is not a plain http(s) address', () => {
    for (const raw of ['', '   ', 'runner.example.com', 'ftp://x.example', 'javascript:alert(1)', 'https://u:p@x.example', 'https://x.example/?a=1', null, 42, undefined]) {
      expect(runnerUrlFrom(raw), String(raw)).toBeNull()
    }
  })

  it('the install stores the build address only when there is one; the option wins over the build', () => {
    expect(runnerUrlOptions('http://localhost:4100/')).toEqual({ runnerUrl: 'http://localhost:4100' })
    expect(runnerUrlOptions(undefined)).toEqual({})
    expect(runnerUrlOptions('')).toEqual({})
    expect(pickRunnerUrl('https://set.example', 'http://built.example')).toBe('https://set.example')
    expect(pickRunnerUrl(null, 'http://built.example')).toBe('http://built.example')
    expect(pickRunnerUrl('not a url', undefined)).toBeNull()
  })
})

describe('the handover body', () => {
  it('carries the token pair, the portal host, its REST endpoint and the user', () => {
    expect(runnerHandover(frameAuth, { portalOrigin: 'https://portal.example.ru/', userId: 1 })).toEqual({
      access_token: 'a1',
      refresh_token: 'r1',
      expires: 1_900_000_000,
      expires_in: 3600,
      domain: 'portal.example.ru',
      member_id: 'm1',
      client_endpoint: 'https://portal.example.ru/rest/',
      user_id: 1,
    })
  })

  it('keeps a local portal port and adds the application token only when known', () => {
    const body = runnerHandover(frameAuth, { portalOrigin: 'http://localhost:4000', userId: null, applicationToken: 'tok' })
    expect(body).toMatchObject({ domain: 'localhost:4000', client_endpoint: 'http://localhost:4000/rest/', application_token: 'tok' })
    expect(body).not.toHaveProperty('user_id')
    expect(runnerHandover(frameAuth, { portalOrigin: 'portal.example.ru', userId: 2 }).client_endpoint).toBe('https://portal.example.ru/rest/')
  })
})

describe('the runner replies', () => {
  it('connected only on 200 with a connected state; otherwise the reason', () => {
    expect(connectReply('u', 200, { connection: { state: 'connected' } })).toEqual({ state: 'connected' })
    expect(connectReply('u', 403, { error: 'only a portal administrator can connect the runner' })).toEqual({ state: 'refused', url: 'u', reason: 'only a portal administrator can connect the runner' })
    expect(connectReply('u', 502, null)).toEqual({ state: 'refused', url: 'u', reason: 'HTTP 502' })
  })

  it('reads /status', () => {
    expect(statusReply(200, { connection: { state: 'connected' } })).toBe('connected')
    expect(statusReply(200, { connection: { state: 'revoked' } })).toBe('revoked')
    expect(statusReply(200, { connection: { state: 'none' } })).toBe('none')
    expect(statusReply(500, {})).toBe('unreachable')
  })
})

/** A portal whose batch answers app.option.get and profile. */
function portal(option: unknown, failing = false) {
  const transport: RestTransport = {
    async call() {
      throw new Error('not used')
    },
    async batch(commands) {
      if (failing) throw new Error('network down')
      const reply: BatchReply = { results: {}, errors: {} }
      for (const [name, [method]] of Object.entries(commands)) reply.results[name] = method === 'profile' ? { ID: '1' } : option
      return reply
    },
  }
  return createGateway(transport, { retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0, operatingLimitDelayMs: 0 } })
}

const auth = { getAuthData: () => frameAuth, refreshAuth: async () => frameAuth }

describe('connectRunner', () => {
  it('posts the handover to <runnerUrl>/connect and reports connected', async () => {
    const calls: { url: string; body: unknown }[] = []
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) })
      return new Response(JSON.stringify({ connection: { state: 'connected' } }), { status: 200 })
    }) as typeof fetch
    expect(await connectRunner(auth, portal('https://runner.example.com/'), fetchImpl)).toEqual({ state: 'connected' })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe('https://runner.example.com/connect')
    expect(calls[0]!.body).toMatchObject({ access_token: 'a1', refresh_token: 'r1', user_id: 1, client_endpoint: 'https://portal.example.ru/rest/' })
  })

  it('without an address says not configured and calls nothing', async () => {
    let fetched = false
    const fetchImpl = (async () => {
      fetched = true
      return new Response('{}')
    }) as typeof fetch
    expect(await connectRunner(auth, portal(null), fetchImpl)).toEqual({ state: 'not-configured' })
    expect(await connectRunner(auth, portal(null, true), fetchImpl)).toEqual({ state: 'not-configured' })
    expect(fetched).toBe(false)
  })

  it('a runner that does not answer is unreachable, a refusal keeps its reason; neither throws', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch')
    }) as typeof fetch
    expect(await connectRunner(auth, portal('http://localhost:4100'), down)).toEqual({ state: 'unreachable', url: 'http://localhost:4100' })
    const refusing = (async () => new Response(JSON.stringify({ error: 'origin not allowed' }), { status: 403 })) as typeof fetch
    expect(await connectRunner(auth, portal('http://localhost:4100'), refusing)).toEqual({ state: 'refused', url: 'http://localhost:4100', reason: 'origin not allowed' })
    expect(await readRunnerState('http://localhost:4100', down)).toBe('unreachable')
  })

  it('asks the portal for a fresh token when the frame holds an expired one', async () => {
    let refreshed = 0
    const expired = { getAuthData: () => false as const, refreshAuth: async () => (refreshed++, { ...frameAuth, access_token: 'a2' }) }
    let sent: { access_token?: string } = {}
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      sent = JSON.parse(String(init.body))
      return new Response(JSON.stringify({ connection: { state: 'connected' } }))
    }) as typeof fetch
    expect(await connectRunner(expired, portal('http://localhost:4100'), fetchImpl)).toEqual({ state: 'connected' })
    expect(refreshed).toBe(1)
    expect(sent.access_token).toBe('a2')
  })
})
