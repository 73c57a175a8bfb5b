// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { GatewayError } from '@/b24/gateway'
import { useGatewayRequests } from './gateway-requests'

describe('useGatewayRequests', () => {
  it('raises only the flag of its wrapper while the task runs and clears a previous error', async () => {
    const requests = useGatewayRequests()
    requests.error.value = new GatewayError('network', 'NETWORK_ERROR', 'down')
    let seen: [boolean, boolean, unknown] | null = null
    const done = await requests.act(async () => {
      seen = [requests.busy.value, requests.loading.value, requests.error.value]
    })
    expect(done).toBe(true)
    expect(seen).toEqual([true, false, null])
    expect(requests.busy.value).toBe(false)

    await requests.load(async () => {
      seen = [requests.busy.value, requests.loading.value, requests.error.value]
    })
    expect(seen).toEqual([false, true, null])
    expect(requests.loading.value).toBe(false)
  })

  it('turns a failure into a GatewayError in `error` instead of rejecting, and lowers the flag', async () => {
    const requests = useGatewayRequests()
    const done = await requests.act(async () => {
      throw { code: 'ACCESS_DENIED', description: 'Access denied' }
    })
    expect(done).toBe(false)
    expect(requests.busy.value).toBe(false)
    expect(requests.error.value).toBeInstanceOf(GatewayError)
    expect(requests.error.value?.kind).toBe('access')
  })
})
