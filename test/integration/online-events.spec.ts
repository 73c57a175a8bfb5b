import http from 'node:http'
import type { AddressInfo } from 'node:net'
import qs from 'qs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appClient, callApp } from './helpers/app-client'
import { control, rest, webhookRaw } from './helpers/sandbox'
import { useTestSandbox } from './helpers/suite-sandbox'

// Online events POSTed to a bound handler with auth[application_token] (b24restdocs
// api-reference/events/event-bind.md, events/safe-event-handlers.md, _includes/auth-params-in-events.md,
// crm/deals/events/on-crm-deal-add.md). Local handlers are accepted while the app is local (the default here).
const sandbox = useTestSandbox({ limits: false })

const received: Array<Record<string, any>> = []
let handlerUrl = ''
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    received.push(qs.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any>)
    res.end('ok')
  })
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  handlerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events?key=k`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

async function until<T>(probe: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('online events', () => {
  it('a bound handler gets ONCRMDEALADD with the data, ts and auth of the docs; application_token is the install\'s', async () => {
    await control(sandbox.origin, 'install', { installed: true })
    const { b24 } = await appClient(sandbox.origin, 1)
    expect(await callApp(b24, 'event.bind', { event: 'ONCRMDEALADD', handler: handlerUrl })).toBe(true)
    const deal = Number((await webhookRaw(sandbox, 3, 'crm.deal.add', { fields: { TITLE: 'Онлайн' } })).body.result)
    const event = await until(() => received.find((body) => body.event === 'ONCRMDEALADD' && Number(body.data?.FIELDS?.ID) === deal))
    const app = (await control(sandbox.origin, 'state')).app
    expect(event.data).toEqual({ FIELDS: { ID: String(deal) } })
    expect(event.ts).toMatch(/^\d{10}$/)
    expect(event.event_handler_id).toMatch(/^\d+$/)
    expect(event.auth).toMatchObject({
      application_token: app.applicationToken,
      domain: new URL(sandbox.origin).host,
      client_endpoint: `${sandbox.origin}/rest/`,
      server_endpoint: `${sandbox.origin}/rest/`,
      status: 'L',
      expires_in: '3600',
      member_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    })
    expect(event.auth).not.toHaveProperty('refresh_token')
    // The token in auth is the acting user's, in the app's context.
    const me = await rest(sandbox.origin, 'user.current', { auth: event.auth.access_token })
    expect(me.body.result.ID).toBe('3')
  })

  it('after a reinstall (revoke) the events carry the new application_token', async () => {
    await control(sandbox.origin, 'revoke', {})
    const app = (await control(sandbox.origin, 'state')).app
    const deal = Number((await webhookRaw(sandbox, 1, 'crm.deal.add', { fields: { TITLE: 'После переустановки' } })).body.result)
    const event = await until(() => received.find((body) => Number(body.data?.FIELDS?.ID) === deal))
    expect(event.auth.application_token).toBe(app.applicationToken)
  })
})
