import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { usePaintedOnce } from '@/ui/after-next-paint'

describe('parts below the fold', () => {
  it('are shown one painted frame after the screen above them, and stay shown', async () => {
    vi.useFakeTimers()
    try {
      const loaded = ref(false)
      const painted = usePaintedOnce(() => loaded.value)
      await vi.advanceTimersByTimeAsync(100)
      expect(painted.value).toBe(false)
      loaded.value = true
      await nextTick()
      expect(painted.value).toBe(false)
      await vi.advanceTimersByTimeAsync(50)
      expect(painted.value).toBe(true)
      loaded.value = false
      await nextTick()
      expect(painted.value).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })
})
