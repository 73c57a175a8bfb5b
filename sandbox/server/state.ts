import { TokenService } from '../auth/tokens'
import { SerialQueue } from '../core/serial'
import type { LmdbStore } from '../store/lmdb-store'
import { Faults } from '../rest/faults'
import type { RestStats } from '../rest/router'
import { CallCounter } from '../rest/call-counter'
import { LeakyBucket, OperatingTime, defaultLimits, type LimitSettings } from '../rest/limits'

/** The mutable runtime of one sandbox: store, clock, limits, faults, tokens. */
export class SandboxState {
  readonly limits: LimitSettings
  readonly bucket: LeakyBucket
  readonly operating = new OperatingTime()
  readonly faults = new Faults()
  readonly tokens: TokenService
  readonly stats: RestStats = { requests: 0, queryLimitRefusals: 0 }
  /** REST calls by method since the control API's `calls/reset`: tests check that a screen wrote nothing. */
  readonly calls = new CallCounter()
  /** The one writer: REST calls (a batch as a whole), the portal's own writes and the control API's, one at a time. */
  readonly serial = new SerialQueue()
  /** Added to the real clock: deadline and token-expiry tests move time forward. */
  clockOffsetMs = 0
  tokenTtlSeconds: number
  /** placement.bind and event.bind accept localhost and private handler URLs (the portal does not). */
  readonly allowLocalHandlers: boolean

  constructor(
    readonly store: LmdbStore,
    options: { limits: boolean; tokenTtlSeconds: number; allowLocalHandlers: boolean },
    readonly log: (message: string, error?: unknown) => void,
  ) {
    this.limits = { ...defaultLimits, enabled: options.limits }
    this.tokenTtlSeconds = options.tokenTtlSeconds
    this.allowLocalHandlers = options.allowLocalHandlers
    this.bucket = new LeakyBucket(() => this.limits)
    this.tokens = new TokenService(store, () => this.nowMs(), () => this.tokenTtlSeconds)
  }

  nowMs(): number {
    return Date.now() + this.clockOffsetMs
  }

  /** Commits in the background (for writes made outside a REST request); failures are logged. */
  commitSoon(): void {
    this.store.commit().catch((error) => this.log('store commit failed', error))
  }
}
