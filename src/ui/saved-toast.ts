import { useToast } from '@bitrix24/b24ui-nuxt/composables/useToast'
import { watch, type WatchSource } from 'vue'

/**
 * A kit toast (the app's B24App mounts the toaster) each time `done` turns to a text: the screen's
 * own «Сохранено» once the portal stored the write. The source gives null while nothing is done,
 * so the store's notice is the one truth and a refused or unfinished save never shows one.
 */
export function useSavedToast(done: WatchSource<string | null>): void {
  const toast = useToast()
  watch(done, (text) => {
    if (text) toast.add({ title: text, color: 'air-primary-success', duration: 4000 })
  })
}
