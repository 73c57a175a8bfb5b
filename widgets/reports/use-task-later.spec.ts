import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { nextTask } from '@/ui/next-task'
import { useTaskLater } from './use-task-later'

describe('useTaskLater', () => {
  it('turns true a task after its source, not in the same task, and false at once', async () => {
    const ready = ref(false)
    const scope = effectScope()
    const shown = scope.run(() => useTaskLater(() => ready.value))!
    expect(shown.value).toBe(false)
    ready.value = true
    await nextTick()
    expect(shown.value).toBe(false)
    await nextTask()
    expect(shown.value).toBe(true)
    ready.value = false
    await nextTick()
    expect(shown.value).toBe(false)
    scope.stop()
  })

  it('stays false when the source fell back before the task came', async () => {
    const ready = ref(false)
    const scope = effectScope()
    const shown = scope.run(() => useTaskLater(() => ready.value))!
    ready.value = true
    await nextTick()
    ready.value = false
    await nextTick()
    await nextTask()
    expect(shown.value).toBe(false)
    scope.stop()
  })
})
