import { afterEach, describe, expect, it } from 'vitest'
import type { SandboxOptions } from '../../sandbox/server/sandbox'
import { control, rest, startTestSandbox, type TestSandbox } from './helpers/sandbox'

// placement.bind / event.bind handler URLs: b24restdocs api-reference/widgets/index.md (ERROR_WRONG_HANDLER_URL for
// localhost and URLs without a domain), api-reference/widgets/placement-bind.md, api-reference/events/index.md.
// The sandbox accepts local handlers only while SANDBOX_ALLOW_LOCAL_HANDLERS (allowLocalHandlers) is on.

let running: TestSandbox | undefined
afterEach(async () => {
  await running?.dispose()
  running = undefined
})

async function bindAs(options: Partial<SandboxOptions>, handlers: string[]): Promise<{ state: any; replies: unknown[] }> {
  running = await startTestSandbox(options)
  const admin = (await control(running.origin, 'tokens', { userId: 1 })).AUTH_ID
  const replies: unknown[] = []
  for (const handler of handlers) {
    const placement = await rest(running.origin, 'placement.bind', { auth: admin, PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: handler })
    const event = await rest(running.origin, 'event.bind', { auth: admin, event: 'ONCRMDEALUPDATE', handler })
    replies.push([handler, placement.status, placement.body.error ?? placement.body.result, event.status, event.body.error ?? event.body.result])
  }
  return { state: await control(running.origin, 'state'), replies }
}

describe('local handler URLs', () => {
  it('are accepted while the sandbox serves the app itself (the default of npm start and the tests)', async () => {
    const { state, replies } = await bindAs({}, ['http://localhost:4001/?p=deal'])
    expect(state.allowLocalHandlers).toBe(true)
    expect(replies).toEqual([['http://localhost:4001/?p=deal', 200, true, 200, true]])
  })

  it('are refused with ERROR_WRONG_HANDLER_URL, as on the portal, when SANDBOX_ALLOW_LOCAL_HANDLERS is off', async () => {
    const { state, replies } = await bindAs({ allowLocalHandlers: false }, ['http://localhost:4001/?p=deal', 'http://192.168.0.7/app/', 'https://widgets.example.com/?p=deal'])
    expect(state.allowLocalHandlers).toBe(false)
    expect(replies).toEqual([
      ['http://localhost:4001/?p=deal', 400, 'ERROR_WRONG_HANDLER_URL', 400, 'ERROR_WRONG_HANDLER_URL'],
      ['http://192.168.0.7/app/', 400, 'ERROR_WRONG_HANDLER_URL', 400, 'ERROR_WRONG_HANDLER_URL'],
      ['https://widgets.example.com/?p=deal', 200, true, 200, true],
    ])
  })

  it('are refused by default when the app lives on a public URL', async () => {
    const { state, replies } = await bindAs({ appUrl: 'https://widgets.example.com/' }, ['http://127.0.0.1:4001/', 'https://widgets.example.com/?p=deal'])
    expect(state.allowLocalHandlers).toBe(false)
    expect(replies).toEqual([
      ['http://127.0.0.1:4001/', 400, 'ERROR_WRONG_HANDLER_URL', 400, 'ERROR_WRONG_HANDLER_URL'],
      ['https://widgets.example.com/?p=deal', 200, true, 200, true],
    ])
  })
})
