import type { Locator } from 'playwright-core'

/**
 * Pastes `text` into a text field the way a person brings a long text in: Ctrl+A, Ctrl+V. The field
 * gets it in one `input` event (insertFromPaste). Playwright's fill() types a text of many lines in
 * line by line, one `input` event per line, each re-rendering the app's field: a 38 KB directory as
 * JSON took over 10 s to fill, the paste about one. The text goes to the clipboard from the top page
 * (the portal), which the context may let write it; the field may be in the app's frame.
 */
export async function pasteInto(field: Locator, text: string): Promise<void> {
  const page = field.page()
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin })
  await page.bringToFront()
  await page.evaluate((value) => navigator.clipboard.writeText(value), text)
  await field.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
}
