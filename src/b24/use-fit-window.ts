import { useResizeObserver, useThrottleFn } from '@vueuse/core'
import type { MaybeElementRef } from '@vueuse/core'

/**
 * Keeps the portal's iframe as tall as the content: `fitWindow` on every size change
 * (throttled, trailing call kept so the last size always wins).
 */
export function useFitWindow(target: MaybeElementRef, fit: () => Promise<unknown>): void {
  const send = useThrottleFn(() => {
    void fit().catch(() => undefined) // a denied/unanswered resize must not break the page
  }, 100, true)
  useResizeObserver(target, () => {
    void send()
  })
}
