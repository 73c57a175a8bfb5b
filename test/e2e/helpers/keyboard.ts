import type { Frame, Locator } from 'playwright-core'

/*
 * A person without a mouse: Tab (or Shift+Tab) until the control has the focus, then keys. The
 * walk proves the control is reachable in the tab order; a control never reached fails the test
 * with what had the focus on the way.
 */

const hasFocus = (target: Locator) =>
  target.evaluate((element) => {
    const active = element.ownerDocument.activeElement
    return active !== null && (active === element || element.contains(active))
  }, undefined, { timeout: 2_000 })

/** Presses Tab (Shift+Tab when `backwards`) until `target` or a control inside it has the focus. */
export async function tabTo(frame: Frame, target: Locator, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  const { backwards = false, max = 60 } = options
  const keyboard = frame.page().keyboard
  const passed: string[] = []
  for (let press = 0; press <= max; press += 1) {
    if ((await target.count()) > 0 && (await hasFocus(target.first()))) return
    await keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    passed.push(await focusedName(frame))
  }
  throw new Error(`not reached by ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}; the focus went: ${passed.join(' → ')}`)
}

/** What has the focus in the frame: tag, test id or text, for failure messages. */
export function focusedName(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const active = document.activeElement
    if (!active || active === document.body) return 'body'
    const testId = active.closest('[data-testid]')?.getAttribute('data-testid')
    return `${active.tagName.toLowerCase()}${testId ? `[${testId}]` : ''}${active.textContent?.trim() ? ` «${active.textContent.trim().slice(0, 30)}»` : ''}`
  })
}

/** The focused control shows where the focus is: an outline or a ring (box-shadow) drawn while focused. */
export function showsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const active = element.ownerDocument.activeElement
    const focused = active && element.contains(active) ? active : element
    const style = getComputedStyle(focused)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    return outline || style.boxShadow !== 'none'
  })
}
