/**
 * REST calls by method name since the last reset, so a test can tell "opening a screen wrote
 * nothing" from the portal's side. A top-level call counts once, and so does each command of a
 * batch (the batch itself counts as `batch`); calls a method makes internally do not count.
 * Refused calls count too: a write attempted is a write. HTTP requests are counted apart, by
 * auth source, so a bench can tell the runner's requests from the users' (a batch is one).
 */
export interface CallCounts {
  /** Lower-case method name → calls. */
  byMethod: Record<string, number>
  /** Calls of methods that may change the portal (see `isWriteMethod`). */
  writes: number
  reads: number
  /**
   * HTTP requests that reached a method (past the rate limit and the auth check) by auth source:
   * the operating-time account, `app:<appId>` for the app's tokens, `hook:<userId>` for a webhook.
   */
  requests: Record<string, number>
  /** Calls by auth source, then by lower-case method name (batch commands one by one). */
  bySource: Record<string, Record<string, number>>
}

/** Method names' last segments that only read. */
const READ_VERBS = new Set(['get', 'list', 'fields', 'current', 'access', 'admin', 'info', 'time', 'profile', 'scope'])

/**
 * A write is any method except the pure reads: a name ending in .get/.list/.fields (and the
 * read-only user.current, user.access, user.admin, app.info, server.time, profile, scope), and `batch` itself
 * (its commands count on their own). event.offline.get is a write: by default it clears what it hands out.
 */
export function isWriteMethod(method: string): boolean {
  const name = method.toLowerCase()
  if (name === 'batch') return false
  if (name === 'event.offline.get') return true
  return !READ_VERBS.has(name.slice(name.lastIndexOf('.') + 1))
}

export class CallCounter {
  private counts = new Map<string, number>()
  private requests = new Map<string, number>()
  private sources = new Map<string, Map<string, number>>()

  count(method: string, source?: string): void {
    const name = method.toLowerCase()
    increment(this.counts, name)
    if (source === undefined) return
    const calls = this.sources.get(source) ?? new Map<string, number>()
    this.sources.set(source, calls)
    increment(calls, name)
  }

  /** One HTTP request of `source` (a top-level call, a batch as a whole). */
  request(source: string): void {
    increment(this.requests, source)
  }

  reset(): void {
    this.counts.clear()
    this.requests.clear()
    this.sources.clear()
  }

  snapshot(): CallCounts {
    const byMethod = sorted(this.counts)
    let writes = 0
    let reads = 0
    for (const [name, calls] of this.counts) {
      if (name === 'batch') continue
      if (isWriteMethod(name)) writes += calls
      else reads += calls
    }
    const bySource = Object.fromEntries([...this.sources].map(([source, calls]) => [source, sorted(calls)]))
    return { byMethod, writes, reads, requests: sorted(this.requests), bySource }
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}

const sorted = (counts: Map<string, number>) => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)))
