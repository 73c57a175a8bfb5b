// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { readEnv } from './config'

describe('readEnv', () => {
  it('reads SANDBOX_ALLOW_LOCAL_HANDLERS as on/off, and leaves it to the sandbox default when unset or unreadable', () => {
    expect(readEnv({}).allowLocalHandlers).toBeUndefined()
    expect(readEnv({ SANDBOX_ALLOW_LOCAL_HANDLERS: 'on' }).allowLocalHandlers).toBe(true)
    expect(readEnv({ SANDBOX_ALLOW_LOCAL_HANDLERS: '1' }).allowLocalHandlers).toBe(true)
    expect(readEnv({ SANDBOX_ALLOW_LOCAL_HANDLERS: 'off' }).allowLocalHandlers).toBe(false)
    expect(readEnv({ SANDBOX_ALLOW_LOCAL_HANDLERS: ' No ' }).allowLocalHandlers).toBe(false)
    expect(readEnv({ SANDBOX_ALLOW_LOCAL_HANDLERS: 'maybe' }).allowLocalHandlers).toBeUndefined()
    expect(readEnv({ SANDBOX_LIMITS: 'off' })).toMatchObject({ limits: false, allowLocalHandlers: undefined })
  })

  it('reads SANDBOX_CLIENT_SECRET, blank as unset', () => {
    expect(readEnv({ SANDBOX_CLIENT_SECRET: ' abc ' }).clientSecret).toBe('abc')
    expect(readEnv({ SANDBOX_CLIENT_SECRET: '' }).clientSecret).toBeUndefined()
    expect(readEnv({}).clientSecret).toBeUndefined()
  })
})
