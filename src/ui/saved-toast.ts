import { useToast } from '@bitrix24/b24ui-nuxt/composables/useToast'
import { watch, type WatchSource } from 'vue'
import { FRAME_TOP, toastPlace, toastPlaceBeside } from './toast-place'

/**
 * A kit toast (the app's B24App mounts the toaster) each time `done` turns to a text: the screen's
 * own «Сохранено» once the portal stored the write. The source gives null while nothing is done,
 * so the store's notice is the one truth and a refused or unfinished save never shows one.
 * `bar`: the screen's action bar the save was made from; the toast shows beside it, where the
 * person is looking (src/ui/toast-place.ts), or at the frame's top when the bar is not on screen.
 */
export function useSavedToast(done: WatchSource<string | null>, bar?: () => Element | null | undefined): void {
  const toast = useToast()
  watch(done, (text) => {
    if (!text) return
    const element = bar?.()
    toastPlace.value = element?.isConnected ? toastPlaceBeside(element.getBoundingClientRect(), window.innerHeight) : FRAME_TOP
    toast.add({ title: text, color: 'air-primary-success', duration: 4000 })
    // After the screen is drawn for the save: the bar back in place of a merge view it replaced.
  }, { flush: 'post' })
}
