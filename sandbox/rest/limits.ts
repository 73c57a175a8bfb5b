import type { OperatingStatus } from './envelope'

export interface LimitSettings {
  enabled: boolean
  /** Leaky bucket size: requests allowed in a burst. */
  burst: number
  /** Requests per second the bucket drains. */
  drainRate: number
  /** Operating time per method per app/webhook in the 10-minute window, seconds. */
  operatingLimitSeconds: number
}

export const defaultLimits: LimitSettings = { enabled: true, burst: 50, drainRate: 2, operatingLimitSeconds: 480 }

/**
 * The portal's request-rate limit: +1 per HTTP request, drains `drainRate`/s; a request that
 * would overflow `burst` is refused (b24restdocs `limits.md`). One bucket per key (client IP).
 */
export class LeakyBucket {
  private readonly levels = new Map<string, { level: number; at: number }>()

  constructor(private readonly settings: () => Pick<LimitSettings, 'burst' | 'drainRate'>) {}

  /** Counts one request; false when the bucket is full (the request must be refused). */
  tryTake(key: string, nowMs: number): boolean {
    const { burst, drainRate } = this.settings()
    const state = this.levels.get(key) ?? { level: 0, at: nowMs }
    const drained = Math.max(0, state.level - (Math.max(0, nowMs - state.at) / 1000) * drainRate)
    if (drained + 1 > burst) {
      this.levels.set(key, { level: drained, at: nowMs })
      return false
    }
    this.levels.set(key, { level: drained + 1, at: nowMs })
    return true
  }

  reset(): void {
    this.levels.clear()
  }
}

const WINDOW_MS = 10 * 60_000
const BUCKET_MS = 60_000

interface MinuteBucket {
  minute: number
  /** First call in this minute: the bucket leaves the window 10 minutes later. */
  firstAt: number
  seconds: number
}

/**
 * Operating time per method per app/webhook: ten one-minute buckets, each dropped 10 minutes
 * after its first call (b24restdocs `limits.md`, "operating_reset_at").
 */
export class OperatingTime {
  private readonly buckets = new Map<string, MinuteBucket[]>()

  private live(key: string, nowMs: number): MinuteBucket[] {
    const list = (this.buckets.get(key) ?? []).filter((bucket) => bucket.firstAt + WINDOW_MS > nowMs)
    this.buckets.set(key, list)
    return list
  }

  status(key: string, nowMs: number): OperatingStatus {
    const list = this.live(key, nowMs)
    const operating = list.reduce((sum, bucket) => sum + bucket.seconds, 0)
    const oldest = list[0]
    const resetAtMs = oldest ? oldest.firstAt + WINDOW_MS : nowMs + WINDOW_MS
    return { operating: Math.round(operating * 1e6) / 1e6, resetAt: Math.ceil(resetAtMs / 1000) }
  }

  /** The call is blocked once the accumulated time already exceeds the limit. */
  isBlocked(key: string, nowMs: number, limitSeconds: number): boolean {
    return this.status(key, nowMs).operating > limitSeconds
  }

  add(key: string, seconds: number, nowMs: number): void {
    const list = this.live(key, nowMs)
    const minute = Math.floor(nowMs / BUCKET_MS)
    const last = list[list.length - 1]
    if (last && last.minute === minute) last.seconds += seconds
    else list.push({ minute, firstAt: nowMs, seconds })
  }

  reset(): void {
    this.buckets.clear()
  }
}
