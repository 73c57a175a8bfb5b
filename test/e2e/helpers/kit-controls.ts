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
 */
export async function chooseOption(frame: Frame, select: Locator, name: string | RegExp, options: { keyboard?: boolean; timeout?: number; adds?: boolean } = {}): Promise<void> {
  const timeout = options.timeout ?? 30_000
  const option = frame.getByRole('listbox').getByRole('option', typeof name === 'string' ? { name, exact: true } : { name })
  if (options.keyboard) {
    await select.focus()
    await select.press('Enter')
  } else {
    await select.click()
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
  const shown = (await select.textContent())?.trim() ?? ''
  if (!named(shown, name)) throw new Error(`the select shows «${shown}», not «${name}»`)
}

/** Whether a text is the name asked for: the same string, or matching the pattern (a place with its area, say). */
function named(text: string | null, name: string | RegExp): boolean {
  if (text === null) return false
  return typeof name === 'string' ? text === name : name.test(text)
}

/** Down the open listbox with the arrow keys until the option named `name` is highlighted. */
async function walkTo(frame: Frame, name: string | RegExp): Promise<void> {
  const highlighted = () => frame.evaluate(() => document.querySelector('[role=listbox] [data-highlighted]')?.textContent?.trim() ?? null)
  let current = await highlighted()
  for (let step = 0; step < 50 && !named(current, name); step += 1) {
    await frame.page().keyboard.press('ArrowDown')
    // The highlight moves a tick after the key: wait for it before looking again.
    await frame.waitForFunction((before) => (document.querySelector('[role=listbox] [data-highlighted]')?.textContent?.trim() ?? null) !== before, current, { timeout: 5_000 })
    current = await highlighted()
  }
  if (!named(current, name)) throw new Error(`the list has no option «${name}»`)
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
