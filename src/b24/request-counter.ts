/**
 * HTTP requests sent to the portal, in total and per screen (a batch is one request,
 * an SDK retry is another). Fed by an axios interceptor on the frame's REST client,
 * so it counts what really went over the wire. Benchmarks and browser tests read it
 * from `window.__b24Requests`. Plain data, no Vue: the page's first script counts the
 * handshake's batch before the Vue app has loaded, and nothing on screen shows it.
 */
export interface RequestCounter {
  readonly total: number
  readonly screen: string
  readonly byScreen: Readonly<Record<string, number>>
  /** Requests of the screen shown now. */
  readonly current: number
  /** A screen opens (again): its count starts from 0. */
  beginScreen(name: string): void
  record(): void
}

export function createRequestCounter(): RequestCounter {
  let total = 0
  let screen = 'boot'
  const byScreen: Record<string, number> = {}
  return {
    get total() {
      return total
    },
    get screen() {
      return screen
    },
    get byScreen() {
      return { ...byScreen }
    },
    get current() {
      return byScreen[screen] ?? 0
    },
    beginScreen(name) {
      screen = name
      byScreen[name] = 0
    },
    record() {
      total += 1
      byScreen[screen] = (byScreen[screen] ?? 0) + 1
    },
  }
}

interface InterceptableClient {
  interceptors: { request: { use(onFulfilled: <C>(config: C) => C): unknown } }
}

/** Counts every request the client sends from now on. */
export function countRequests(client: InterceptableClient, onRequest: () => void): void {
  client.interceptors.request.use((config) => {
    onRequest()
    return config
  })
}

declare global {
  interface Window {
    __b24Requests?: { readonly total: number; readonly byScreen: Readonly<Record<string, number>> }
  }
}

/** Makes the counter readable from outside the app (benchmarks, e2e tests). */
export function exposeRequestCounter(counter: RequestCounter, target: Window = window): void {
  target.__b24Requests = counter
}
