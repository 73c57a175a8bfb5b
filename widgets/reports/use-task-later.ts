import { ref, watch, type Ref } from 'vue'
import { nextTask } from '@/ui/next-task'

/**
 * True a task after `ready()` turns true, false as soon as it is not: a part of the page renders in
 * a task of its own instead of lengthening the task that made it ready.
 */
export function useTaskLater(ready: () => boolean): Ref<boolean> {
  const shown = ref(false)
  watch(
    ready,
    (now) => {
      shown.value = false
      if (now) void nextTask().then(() => (shown.value = ready()))
    },
    { immediate: true },
  )
  return shown
}
