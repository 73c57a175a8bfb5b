import { inject } from 'vue'
import type { InjectionKey } from 'vue'
import { createRequestCounter } from '@/b24/request-counter'
import type { RequestCounter } from '@/b24/request-counter'

/** The page's counter, made by its first script (src/main.ts) and provided to the Vue app (src/app.ts). */
export const REQUEST_COUNTER: InjectionKey<RequestCounter> = Symbol('request counter')

/** The page's request counter; a component mounted without the app (a unit test) counts into one of its own. */
export function useRequestCounter(): RequestCounter {
  return inject(REQUEST_COUNTER, createRequestCounter, true)
}
