import { nextTick, watch, type WatchSource } from 'vue'

/**
 * Keeps a keyboard user where they were through a save: the kit's button is disabled while its
 * work runs, and a focused control that becomes disabled hands the focus to the page's body, so the
 * next Tab starts again from the top of the frame. When `busy` turns false and the focus is still
 * on the body, it goes back to the control that had it, or to the only one now on screen with
 * its `data-testid` in the same `[data-item-id]` (a form drawn anew for the next step); when the work took that control off the
 * screen (a status button that no longer applies), to the nearest `[data-focus-home]` around it
 * (a section with tabindex="-1", so the next Tab goes on inside it). Focus the screen moved on
 * purpose meanwhile (an error field) is left alone.
 */
export function useKeptFocus(busy: WatchSource<boolean>): void {
  let before: { control: HTMLElement; testId: string | null; itemId: string | null; home: HTMLElement | null } | null = null
  watch(busy, async (now) => {
    if (now) {
      const active = document.activeElement
      before =
        active instanceof HTMLElement && active !== document.body
          ? {
              control: active,
              testId: active.getAttribute('data-testid'),
              itemId: active.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null,
              home: active.closest<HTMLElement>('[data-focus-home]'),
            }
          : null
      return
    }
    const kept = before
    before = null
    await nextTick()
    const active = document.activeElement
    if (!kept || (active !== null && active !== document.body)) return
    // Only an unambiguous one, and of the same item: never another request's «Согласовать».
    const scope = kept.itemId === null ? document : document.querySelector(`[data-item-id="${CSS.escape(kept.itemId)}"]`)
    const same = kept.testId === null || scope === null ? [] : [...scope.querySelectorAll<HTMLElement>(`[data-testid="${CSS.escape(kept.testId)}"]`)]
    const again = same.length === 1 ? same[0]! : null
    const target = kept.control.isConnected ? kept.control : (again ?? (kept.home?.isConnected ? kept.home : null))
    target?.focus()
  })
}
