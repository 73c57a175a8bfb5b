import { describe, expect, it } from 'vitest'
import { LeakyBucket, OperatingTime } from './limits'

// Limits as b24restdocs `limits.md` describes them: a leaky bucket per IP (burst X, drains Y/s)
// and operating time per method in ten one-minute buckets, each reset 10 minutes after its first call.
describe('LeakyBucket', () => {
  it('admits a burst, refuses the next request, then admits again as it drains', () => {
    const bucket = new LeakyBucket(() => ({ burst: 50, drainRate: 2 }))
    const t0 = 1_000_000
    for (let i = 0; i < 50; i++) expect(bucket.tryTake('ip', t0)).toBe(true)
    expect(bucket.tryTake('ip', t0)).toBe(false)
    expect(bucket.tryTake('ip', t0 + 400)).toBe(false) // 0.8 drained: still full
    expect(bucket.tryTake('ip', t0 + 500)).toBe(true) // one slot drained at 2/s
    expect(bucket.tryTake('ip', t0 + 500)).toBe(false)
    expect(bucket.tryTake('other-ip', t0)).toBe(true)
  })

  it('follows changed settings', () => {
    const settings = { burst: 2, drainRate: 1 }
    const bucket = new LeakyBucket(() => settings)
    expect(bucket.tryTake('ip', 0)).toBe(true)
    expect(bucket.tryTake('ip', 0)).toBe(true)
    expect(bucket.tryTake('ip', 0)).toBe(false)
    settings.burst = 5
    expect(bucket.tryTake('ip', 0)).toBe(true)
  })
})

describe('OperatingTime', () => {
  it('sums a method’s time and blocks once the sum exceeds the limit', () => {
    const op = new OperatingTime()
    const t0 = 10 * 60_000
    op.add('app:crm.deal.list', 300, t0)
    expect(op.isBlocked('app:crm.deal.list', t0, 480)).toBe(false)
    op.add('app:crm.deal.list', 200, t0 + 1000)
    expect(op.status('app:crm.deal.list', t0 + 1000).operating).toBe(500)
    expect(op.isBlocked('app:crm.deal.list', t0 + 1000, 480)).toBe(true)
    expect(op.isBlocked('app:crm.deal.get', t0 + 1000, 480)).toBe(false)
  })

  it('reports the reset time of the oldest minute bucket and drops it then', () => {
    const op = new OperatingTime()
    const t0 = 100 * 60_000 + 20_000 // 20 s into a minute
    op.add('k', 40, t0)
    op.add('k', 460, t0 + 2 * 60_000)
    const status = op.status('k', t0 + 2 * 60_000)
    expect(status.operating).toBe(500)
    expect(status.resetAt).toBe(Math.ceil((t0 + 600_000) / 1000))
    // After the first bucket leaves the window, only the later one counts.
    expect(op.status('k', t0 + 600_000).operating).toBe(460)
    expect(op.isBlocked('k', t0 + 600_000, 480)).toBe(false)
  })
})
