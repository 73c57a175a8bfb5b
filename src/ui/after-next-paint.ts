import { whenever } from '@vueuse/core'
import { ref, type Ref } from 'vue'

/**
 * Runs `callback` once the browser has painted the next frame: a requestAnimationFrame callback
 * runs just before the paint, and a task queued from it runs after. A part of a screen rendered
 * then does not hold back the paint of what is above it.
 */
export function afterNextPaint(callback: () => void): void {
  const later = () => setTimeout(callback, 0)
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(later)
  else later()
}

/**
 * True once `shown` has been true for one painted frame, and from then on: the screen's parts below
 * the fold wait for it, so the part a person sees first is painted without them.
 */
export function usePaintedOnce(shown: () => boolean): Readonly<Ref<boolean>> {
  const painted = ref(false)
  whenever(shown, () => afterNextPaint(() => (painted.value = true)), { immediate: true, once: true })
  return painted
}
