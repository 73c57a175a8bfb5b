// @vitest-environment node
import { describe, expect, it } from 'vitest'
import type { Caller } from '../../../auth/authenticate'
import type { UserRow } from '../../../core/types'
import { seedPeople } from '../../../demo/people'
import { MemoryStore } from '../../../store/memory-store'
import { Faults } from '../../faults'
import { RestInvoker } from '../../invoke'
import { OperatingTime, defaultLimits } from '../../limits'
import { allMethods } from '../index'
import { isLocalHost } from './handler-url'

// b24restdocs api-reference/widgets/index.md (Common Mistakes: ERROR_WRONG_HANDLER_URL / ERROR_UNSUPPORTED_PROTOCOL,
// "URLs without a domain, including localhost, do not pass the check"), api-reference/widgets/placement-bind.md
// (no localhost or local domains), api-reference/events/index.md (no localhost or local network addresses).

function setup(allowLocalHandlers?: boolean) {
  const store = new MemoryStore()
  seedPeople(store)
  const invoker = new RestInvoker({
    store,
    methods: allMethods,
    operating: new OperatingTime(),
    faults: new Faults(),
    limits: () => ({ ...defaultLimits, enabled: false }),
    nowMs: () => Date.parse('2026-03-02T09:00:00Z'),
    origin: 'http://localhost:4000',
    log: () => {},
    ...(allowLocalHandlers === undefined ? {} : { allowLocalHandlers: () => allowLocalHandlers }),
  })
  const admin: Caller = {
    user: store.table<UserRow>('users').get(1)!,
    auth: { type: 'oauth', appId: 'app', accessToken: 't' },
    clientKey: 'app:app',
    scopes: ['crm', 'placement'],
  }
  return async (method: string, params: Record<string, unknown>): Promise<string> => {
    const outcome = await invoker.invoke(admin, method, params)
    return outcome.ok ? 'ok' : `${outcome.error.status} ${outcome.error.code} ${outcome.error.description}`
  }
}

const LOCAL = [
  'http://localhost:4001/?p=deal',
  'https://localhost/',
  'http://127.0.0.1:4001/',
  'http://127.1.2.3/',
  'http://[::1]:4001/',
  'http://[::ffff:127.0.0.1]/',
  'http://10.0.0.5/app/',
  'http://172.20.1.1/',
  'https://192.168.1.10/',
  'http://169.254.169.254/',
  'http://0.0.0.0/',
  'http://2130706433/',
  'https://app.localhost/',
  'https://widgets.local/',
  'https://intranet/',
  'https://crm.corp.internal/',
  'https://[fd00::1]/',
]
const PUBLIC = ['https://widgets.example.com/?p=deal', 'http://widgets.example.com/', 'https://172.32.0.1/', 'https://8.8.8.8/', 'https://[2001:db8::1]/', 'https://приложение.рф/']

describe('placement and event handler URLs', () => {
  it('tells local hosts from public ones', () => {
    for (const url of LOCAL) expect([url, isLocalHost(new URL(url).hostname)]).toEqual([url, true])
    for (const url of PUBLIC) expect([url, isLocalHost(new URL(url).hostname)]).toEqual([url, false])
  })

  it('placement.bind refuses a local handler with ERROR_WRONG_HANDLER_URL unless local handlers are allowed', async () => {
    const strict = setup()
    for (const url of LOCAL) {
      expect([url, await strict('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: url })]).toEqual([url, '400 ERROR_WRONG_HANDLER_URL Wrong handler URL'])
    }
    for (const url of PUBLIC) expect([url, await strict('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: url })]).toEqual([url, 'ok'])
    expect(await strict('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'ftp://widgets.example.com/' })).toBe(
      '400 ERROR_UNSUPPORTED_PROTOCOL Unsupported handler protocol',
    )
    expect(await strict('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'widgets.example.com/app' })).toBe('400 ERROR_WRONG_HANDLER_URL Wrong handler URL')
    const sandboxed = setup(true)
    expect(await sandboxed('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'http://localhost:4001/?p=deal' })).toBe('ok')
    expect(await sandboxed('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'ftp://localhost/' })).toBe(
      '400 ERROR_UNSUPPORTED_PROTOCOL Unsupported handler protocol',
    )
  })

  it('event.bind refuses a local online handler the same way; offline bindings have no handler to check', async () => {
    const strict = setup()
    expect(await strict('event.bind', { event: 'ONCRMDEALADD', handler: 'http://localhost:4001/events' })).toBe('400 ERROR_WRONG_HANDLER_URL Wrong handler URL')
    expect(await strict('event.bind', { event: 'ONCRMDEALADD', handler: 'https://192.168.0.3/events' })).toBe('400 ERROR_WRONG_HANDLER_URL Wrong handler URL')
    expect(await strict('event.bind', { event: 'ONCRMDEALADD', handler: 'ftp://widgets.example.com/' })).toBe('400 ERROR_UNSUPPORTED_PROTOCOL Unsupported handler protocol')
    expect(await strict('event.bind', { event: 'ONCRMDEALADD', handler: 'https://widgets.example.com/events' })).toBe('ok')
    expect(await strict('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' })).toBe('ok')
    expect(await setup(true)('event.bind', { event: 'ONCRMDEALADD', handler: 'http://localhost:4001/events' })).toBe('ok')
  })
})
