import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core'

/**
 * Measuring one read in the portal tab: HTTP requests to /rest/ (every frame, a batch counts
 * once), wall time, the tab's JS heap polled through CDP `Performance.getMetrics`, and the main
 * thread's long tasks (over 50 ms) of every frame, from a `longtask` PerformanceObserver the
 * context installs before any page script runs.
 */
export interface LongTasks {
  /** tasks over 50 ms */
  count: number
  /** the longest, ms (0 when none) */
  longestMs: number
  /** tasks over 200 ms: the ceiling */
  over200: number
  /** every long task's duration, ms, in order */
  durations: number[]
  /**
   * Where each long task ran, as the app frame's observer names it: `self` (the app), or the
   * portal's page (`cross-origin-ancestor`) when both share the renderer process — in the sandbox
   * they do (both on localhost); on a real portal the app's frame is another site.
   */
  sources: string[]
}

declare global {
  interface Window {
    __benchLongTasks?: number[]
    __benchLongTaskSources?: string[]
  }
}

/** Installs the observer in every frame of the context (call before opening the page). */
export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const durations: number[] = []
    const sources: string[] = []
    window.__benchLongTasks = durations
    window.__benchLongTaskSources = sources
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          durations.push(entry.duration)
          sources.push(entry.name)
        }
      }).observe({ type: 'longtask', buffered: true })
    } catch {
      // no longtask timing in this browser
    }
  })
}

/**
 * The long tasks a frame has seen so far. A frame observes every task of its event loop, so the
 * app frame's list holds the portal page's tasks too when they share a process (same site).
 */
export async function longTasksOf(frame: Frame): Promise<LongTasks> {
  const durations = (await frame.evaluate(() => window.__benchLongTasks ?? []).catch(() => [])) as number[]
  const sources = (await frame.evaluate(() => window.__benchLongTaskSources ?? []).catch(() => [])) as string[]
  return {
    sources,
    count: durations.length,
    longestMs: durations.length > 0 ? Math.max(...durations) : 0,
    over200: durations.filter((d) => d > 200).length,
    durations: durations.map((d) => Math.round(d)),
  }
}
export class TabMeter {
  private requests = 0
  private peak = 0
  private timer: ReturnType<typeof setInterval> | null = null
  private sessions: CDPSession[] = []

  private constructor(private readonly page: Page) {
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/rest/')) this.requests++
    })
  }

  static async attach(context: BrowserContext, page: Page): Promise<TabMeter> {
    const meter = new TabMeter(page)
    const session = await context.newCDPSession(page)
    await session.send('Performance.enable')
    meter.sessions.push(session)
    return meter
  }

  /** An app frame out of the page's process (site isolation) has its own heap: measure it too. */
  async watchFrame(context: BrowserContext, frame: Frame): Promise<void> {
    try {
      const session = await context.newCDPSession(frame)
      await session.send('Performance.enable')
      this.sessions.push(session)
    } catch {
      // same process as the page: already measured
    }
  }

  async heap(): Promise<number> {
    let total = 0
    for (const session of this.sessions) {
      const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
      total += metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
    }
    return total
  }

  /** Starts a measured read: resets the request count and polls the heap every 100 ms. */
  async start(): Promise<number> {
    this.requests = 0
    const base = await this.heap()
    this.peak = base
    this.timer = setInterval(() => {
      this.heap().then((value) => (this.peak = Math.max(this.peak, value))).catch(() => undefined)
    }, 100)
    return base
  }

  async stop(): Promise<{ requests: number; peakHeap: number }> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.peak = Math.max(this.peak, await this.heap())
    return { requests: this.requests, peakHeap: this.peak }
  }
}
