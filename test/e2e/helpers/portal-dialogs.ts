import type { Frame, Page } from 'playwright-core'

/*
 * The portal's own selection dialogs (selectUser, selectCRM, selectAccess) live in the portal's
 * page, not in the app's frame: a person clicks the app's button, then ticks in the portal's
 * dialog and presses «Выбрать».
 */

/** Ticks `ids` in the open portal dialog and presses «Выбрать». */
export async function pickInPortalDialog(page: Page, ids: (string | number)[]): Promise<void> {
  const dialog = page.locator('[data-testid=select-dialog]')
  await dialog.waitFor({ timeout: 30_000 })
  for (const id of ids) await dialog.locator('.modal-item', { has: page.locator(`input[value="${id}"]`) }).click()
  await dialog.locator('[data-action=select]').click()
  await dialog.waitFor({ state: 'detached' })
}

/** Recipients settings: «Добавить» of an object type, then the people picked in the portal's user dialog. */
export async function addRecipients(page: Page, frame: Frame, objectType: string, userIds: number[]): Promise<void> {
  const add = frame.locator(`[data-testid="recipients-add-${objectType}"]`)
  await add.waitFor({ timeout: 30_000 })
  await add.click()
  await pickInPortalDialog(page, userIds)
  for (const id of userIds) await frame.locator(`[data-testid="recipient-${objectType}-${id}"]`).waitFor()
}
