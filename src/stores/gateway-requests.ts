import { ref, shallowRef, type Ref } from 'vue'
import { toGatewayError, type GatewayError } from '@/b24/gateway'

/**
 * The request state a widget store shows: `loading` while its screen is read, `busy` while
 * an action writes, and the last failure as a GatewayError. The wrappers catch, so a portal
 * error lands in `error` for the screen to show instead of rejecting the store's action;
 * they resolve to whether the task finished.
 */
export function useGatewayRequests() {
  const loading = ref(false)
  const busy = ref(false)
  const error = shallowRef<GatewayError | null>(null)

  async function track(flag: Ref<boolean>, task: () => Promise<void>): Promise<boolean> {
    flag.value = true
    error.value = null
    try {
      await task()
      return true
    } catch (raw) {
      error.value = toGatewayError(raw)
      return false
    } finally {
      flag.value = false
    }
  }

  return {
    loading,
    busy,
    error,
    /** Reads the screen under `loading`. */
    load: (task: () => Promise<void>) => track(loading, task),
    /** Runs an action under `busy`. */
    act: (task: () => Promise<void>) => track(busy, task),
  }
}
