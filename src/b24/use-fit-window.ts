import { unrefElement, useDebounceFn, useResizeObserver, useThrottleFn } from '@vueuse/core'
import type { MaybeElementRef } from '@vueuse/core'
import { MessageCommands, type B24Frame } from '@bitrix24/b24jssdk'

/** How long a smaller content waits before the frame shrinks to it: a loading line between two screens does not fold the frame. */
const SHRINK_AFTER_MS = 300

/**
 * The portal's `resizeWindow` as the SDK's `fitWindow` sends it (width `100%`), with a height the app
 * measured itself. `fitWindow` takes the document's scroll height, which never falls below the frame's
 * own height, so it can only enlarge the frame (as the portal's docs say of BX24.fitWindow); the
 * content's own height lets the frame shrink too.
 */
export function resizeFrameTo(frame: B24Frame, height: number): Promise<unknown> {
  return frame.parent.message.send(MessageCommands.resizeWindow, { width: '100%', height, isSafely: true })
}

/**
 * What floats over the content, portalled to the body: dialogs, and the kit's popovers (select lists,
 * menus) in reka-ui's positioning wrapper. The frame keeps room for them while they are open.
 */
const OVERLAYS = '[role="dialog"], [data-reka-popper-content-wrapper]'

/**
 * The frame height that shows all of `element` and every open overlay, whole pixels: the bottom of the
 * lowest in the document. A dialog placed in the frame as it was stays reachable when the content
 * under it gets shorter.
 */
function contentHeight(element: HTMLElement): number {
  const bottoms = [element, ...document.querySelectorAll<HTMLElement>(OVERLAYS)].map((node) => node.getBoundingClientRect().bottom)
  return Math.ceil(Math.max(...bottoms) + window.scrollY)
}

/**
 * Keeps the portal's iframe as tall as the content of `target`: taller at once when the content grows
 * (throttled, the trailing call kept so the last size wins), shorter once a smaller content has stayed
 * for SHRINK_AFTER_MS.
 */
export function useFitWindow(target: MaybeElementRef, resize: (height: number) => Promise<unknown>): void {
  // The frame's height as the portal opened it: a first screen shorter than that (the loading line)
  // waits like any smaller content, so the frame does not fold and unfold on every open.
  let sent = window.innerHeight
  const measure = () => {
    const element = unrefElement(target) as HTMLElement | null | undefined
    return element ? contentHeight(element) : 0
  }
  // Measured again when it runs: the throttle and the debounce run it later than the change.
  const send = () => {
    const height = measure()
    if (height <= 0 || height === sent) return
    sent = height
    void resize(height).catch(() => undefined) // a denied/unanswered resize must not break the page
  }
  const grow = useThrottleFn(send, 100, true)
  const shrink = useDebounceFn(send, SHRINK_AFTER_MS)
  useResizeObserver(target, () => void (measure() >= sent ? grow() : shrink()))
}
