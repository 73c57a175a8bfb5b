import { shallowRef } from 'vue'

/**
 * Where the kit's toasts show. A card tab's frame is as tall as its content (the shell fits it),
 * often taller than the portal's window, and the portal scrolls it: the frame's own top or bottom
 * edge, where a toaster is fixed by default, is then out of the person's sight, and the frame
 * cannot know what part of it the window shows (a portal's bar may cover it too). The one place
 * sure to be in sight is where the person just acted: a toast about a save goes right above the
 * screen's action bar (below it when the bar is too near the frame's top), at the frame's right
 * edge, so it covers neither the buttons nor the notes beside them.
 */
export interface ToastPlace {
  position: 'top-right' | 'bottom-right'
  /** Pixels from the frame's top (top-right) or bottom (bottom-right) edge to the toasts. */
  offset: number
}

/** The kit's own place (its `top-4`), for a toast with no action to stand by. */
export const FRAME_TOP: ToastPlace = { position: 'top-right', offset: 16 }

/** Space between the action bar and the toast. */
const GAP = 8
/** Room a toast needs above the bar (one line of title with the kit's padding, and the gap). */
const ROOM_ABOVE = 80

/** The place beside an action bar: `bar` in the frame's viewport, `viewportHeight` the frame's. */
export function toastPlaceBeside(bar: { top: number; bottom: number }, viewportHeight: number): ToastPlace {
  if (bar.top >= ROOM_ABOVE) return { position: 'bottom-right', offset: Math.round(viewportHeight - bar.top + GAP) }
  return { position: 'top-right', offset: Math.round(Math.max(bar.bottom, 0) + GAP) }
}

/** The place of the next toasts; App.vue gives it to the kit's toaster. */
export const toastPlace = shallowRef<ToastPlace>(FRAME_TOP)
