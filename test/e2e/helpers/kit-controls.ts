import type { Frame, Locator } from 'playwright-core'
import type { AppSession } from './app-session'

/**
 * Driving the Bitrix24 UI kit's select as a person does: its button opens a listbox (rendered
 * at the end of the frame's body), the option is picked by the name the person reads, and the
 * button then shows it. With the mouse the option is clicked where it shows; when the list runs
 * under the sandbox portal's fixed message log at the window's bottom (the page cannot scroll
 * while the list is open), it is reached with the arrow keys and Enter, as a person would.
 * `keyboard` does it all without the mouse: Enter opens, the arrows walk, Enter picks.
 * `adds`: the select adds the option to a list (auditors, recipients) and empties itself again.
 * `search`: a searchable select menu: typed into its search box (focused when it opens) first.
 * `asks`: the choice is put to a question first (a dialog opens): the select keeps its old value
 * until the question is answered, so the dialog is waited for instead; the caller answers it.
 */
export async function chooseOption(
  frame: Frame,
  select: Locator,
  name: string | RegExp,
  options: { keyboard?: boolean; timeout?: number; adds?: boolean; search?: string; asks?: boolean } = {},
): Promise<void> {
  const timeout = options.timeout ?? 30_000
  const option = frame.getByRole('listbox').getByRole('option', typeof name === 'string' ? { name, exact: true } : { name })
  if (options.keyboard) {
    await select.focus()
    await select.press('Enter')
  } else {
    await select.click()
  }
  if (options.search !== undefined) {
    await frame.getByRole('listbox').waitFor({ timeout })
    await frame.page().keyboard.type(options.search)
  }
  await option.waitFor({ timeout })
  const reachable = !options.keyboard && (await option.click({ trial: true, timeout: 2_000 }).then(() => true, () => false))
  if (reachable) {
    await option.click()
  } else {
    await walkTo(frame, name)
    await frame.page().keyboard.press('Enter')
  }
  await frame.getByRole('listbox').waitFor({ state: 'detached', timeout })
  // A picker that adds the chosen one to a list shows its placeholder again.
  if (options.adds) return
  if (options.asks) {
    await frame.getByRole('dialog').waitFor({ timeout })
    return
  }
  const shown = (await select.textContent())?.trim() ?? ''
  if (!named(shown, name)) throw new Error(`the select shows «${shown}», not «${name}»`)
}

/** Whether a text is the name asked for: the same string, or matching the pattern (a place with its area, say). */
function named(text: string | null, name: string | RegExp): boolean {
  if (text === null) return false
  return typeof name === 'string' ? text === name : name.test(text)
}

/** Along the open listbox with the arrow keys (down, or up when it lies above) until the option named `name` is highlighted. */
async function walkTo(frame: Frame, name: string | RegExp): Promise<void> {
  const highlighted = () => frame.evaluate(() => document.querySelector('[role=listbox] [data-highlighted]')?.textContent?.trim() ?? null)
  const texts = await frame.getByRole('listbox').getByRole('option').allTextContents()
  const target = texts.findIndex((text) => named(text.trim(), name))
  let current = await highlighted()
  const from = texts.findIndex((text) => text.trim() === current)
  const key = from > target && target >= 0 ? 'ArrowUp' : 'ArrowDown'
  for (let step = 0; step < 50 && !named(current, name); step += 1) {
    await frame.page().keyboard.press(key)
    // The highlight moves a tick after the key: wait for it before looking again.
    await frame.waitForFunction((before) => (document.querySelector('[role=listbox] [data-highlighted]')?.textContent?.trim() ?? null) !== before, current, { timeout: 5_000 })
    current = await highlighted()
  }
  if (!named(current, name)) throw new Error(`the list has no option «${name}»`)
}

/**
 * An item of the kit's dropdown menu chosen with the keyboard alone, as a person without a mouse
 * does: Enter on the menu's button (already focused, say by Tab) opens it, the arrows walk to the
 * item named `name` (down, or up when it lies above), Enter chooses it; waits until the menu is gone.
 * `reached` runs with the item highlighted, before Enter (a screenshot of the open menu, say).
 */
export async function chooseMenuItem(
  frame: Frame,
  trigger: Locator,
  name: string | RegExp,
  options: { timeout?: number; reached?: () => Promise<void> } = {},
): Promise<void> {
  const timeout = options.timeout ?? 30_000
  const keyboard = frame.page().keyboard
  await trigger.press('Enter')
  const menu = frame.getByRole('menu')
  await menu.waitFor({ timeout })
  const items = menu.locator('[role^=menuitem]:not([data-disabled])')
  const texts = (await items.evaluateAll((elements) => elements.map((element) => element.textContent?.trim() ?? ''))).map((text) => text.trim())
  // An item's text may carry its description after the name (a default view: «… открывается по умолчанию»).
  const matches = (text: string | null) => text !== null && (typeof name === 'string' ? text === name || text.startsWith(name) : name.test(text))
  const target = texts.findIndex(matches)
  if (target < 0) throw new Error(`the menu has no item «${name}»: ${texts.join(' | ')}`)
  const focused = () => frame.evaluate(() => (document.activeElement?.closest('[role^=menuitem]') ? document.activeElement.textContent?.trim() ?? '' : null))
  for (let step = 0; step < 30 && !matches(await focused()); step += 1) {
    const at = texts.indexOf((await focused()) ?? '')
    await keyboard.press(at > target ? 'ArrowUp' : 'ArrowDown')
  }
  if (!matches(await focused())) throw new Error(`the arrows did not reach «${name}» in the menu`)
  await options.reached?.()
  await keyboard.press('Enter')
  await menu.waitFor({ state: 'detached', timeout })
}

/** A user's name as the app's pickers show it (user.get: first name, last name). */
export async function userName(session: AppSession, id: number): Promise<string> {
  const [user] = await session.rest<Array<{ NAME?: string; LAST_NAME?: string }>>('user.get', { ID: id })
  return [user?.NAME, user?.LAST_NAME].filter((part) => part && part.trim() !== '').join(' ')
}

/** A list field's item by its code, as the Russian form shows it (the playbook's list fields). */
export function optionLabel(options: readonly { code: string; value: string }[], code: string): string {
  const option = options.find((entry) => entry.code === code)
  if (!option) throw new Error(`no list item ${code}`)
  return option.value
}

const DATE_PART = '[data-reka-date-field-segment]:not([data-reka-date-field-segment=literal])'

/** The ISO date (`YYYY-MM-DD`, with time `YYYY-MM-DDTHH:mm`) a kit date field holds; '' while not whole. */
export function dateValue(field: Locator): Promise<string> {
  return field.locator('input').inputValue()
}

/** The kit date field as a person reads it: `20.05.2026` (ru), `20/05/2026` (en), with the time after a comma. */
export async function dateShown(field: Locator): Promise<string> {
  const parts = await field.locator('[data-reka-date-field-segment]').allTextContents()
  return parts.map((part) => part.trim()).join('').replace(',', ', ')
}

/**
 * Typing a date into the kit's date field as a person does, in any language: a click on its first
 * part (or, with `keyboard`, the field already focused by Tab), then the digits of each part in the
 * order the field shows them (day, month, year in ru and en; then hour and minute) — a whole part
 * moves the caret on by itself. `iso` is `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` for a field with the
 * time; '' empties the field (Backspace in each part). Fails unless the field then holds that date.
 */
export async function fillDate(field: Locator, iso: string, options: { keyboard?: boolean } = {}): Promise<void> {
  const parts = field.locator(DATE_PART)
  const names = await parts.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-reka-date-field-segment') ?? ''))
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(iso)
  if (iso !== '' && !match) throw new Error(`not an ISO date: ${iso}`)
  const digits: Record<string, string | undefined> = { year: match?.[1], month: match?.[2], day: match?.[3], hour: match?.[4], minute: match?.[5] }
  const keyboard = field.page().keyboard
  if (!options.keyboard) await parts.first().click()
  for (const [index, name] of names.entries()) {
    const part = parts.nth(index)
    // Each part gets the focus from the one before it; the arrow is a person's way on when it did not.
    if (!(await part.evaluate((element) => element === element.ownerDocument.activeElement))) await keyboard.press('ArrowRight')
    if (iso === '') {
      // Backspace digit by digit until the part shows its placeholder (дд, мм, гггг).
      for (let press = 0; press < 4 && (await part.getAttribute('data-placeholder')) === null; press += 1) await keyboard.press('Backspace')
      await keyboard.press('ArrowRight')
      continue
    }
    const value = digits[name]
    if (value === undefined) throw new Error(`the date field has a part «${name}» that ${iso} does not give`)
    await keyboard.type(value)
  }
  const held = await dateValue(field)
  if (held !== iso) throw new Error(`the date field holds «${held}» («${await dateShown(field)}»), not «${iso}»`)
}
