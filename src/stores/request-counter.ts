import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

/**
 * HTTP requests sent to the portal, in total and per screen (a batch is one request,
 * an SDK retry is another). Fed by an axios interceptor on the frame's REST client,
 * so it counts what really went over the wire. Benchmarks and browser tests read it
 * from `window.__b24Requests`.
 */
export const useRequestCounter = defineStore('requestCounter', () => {
  const total = ref(0)
  const screen = ref('boot')
  const byScreen = ref<Record<string, number>>({})

  function beginScreen(name: string): void {
    screen.value = name
    byScreen.value = { ...byScreen.value, [name]: 0 }
  }

  function record(): void {
    total.value += 1
    byScreen.value = { ...byScreen.value, [screen.value]: (byScreen.value[screen.value] ?? 0) + 1 }
  }

  const current = computed(() => byScreen.value[screen.value] ?? 0)

  return { total, screen, byScreen, current, beginScreen, record }
})

export type RequestCounter = ReturnType<typeof useRequestCounter>

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
  target.__b24Requests = {
    get total() {
      return counter.total
    },
    get byScreen() {
      return { ...counter.byScreen }
    },
  }
}
