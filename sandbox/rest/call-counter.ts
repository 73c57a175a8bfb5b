/**
 * REST calls by method name since the last reset, so a test can tell "opening a screen wrote
 * nothing" from the portal's side. A top-level call counts once, and so does each command of a
 * batch (the batch itself counts as `batch`); calls a method makes internally do not count.
 * Refused calls count too: a write attempted is a write.
 */
export interface CallCounts {
  /** Lower-case method name → calls. */
  byMethod: Record<string, number>
  /** Calls of methods that may change the portal (see `isWriteMethod`). */
  writes: number
  reads: number
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

  count(method: string): void {
    const name = method.toLowerCase()
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1)
  }

  reset(): void {
    this.counts.clear()
  }

  snapshot(): CallCounts {
    const byMethod = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)))
    let writes = 0
    let reads = 0
    for (const [name, calls] of this.counts) {
      if (name === 'batch') continue
      if (isWriteMethod(name)) writes += calls
      else reads += calls
    }
    return { byMethod, writes, reads }
  }
}
