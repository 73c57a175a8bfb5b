import type { Frame } from 'playwright-core'
import type { AppSession } from './app-session'
import { placementRow } from './approvals-screens'
import { appFrame } from './portal'

/*
 * The deal card's «Следующий шаг» tab in the sandbox portal: opened by its placement, and
 * waited on through the widget's own marks (`data-loads` counts finished reads, `data-busy`
 * says whether a read or a write is under way).
 */

/** How many reads of the deal the tab has finished. */
export const loadsOf = async (frame: Frame): Promise<number> => Number(await frame.locator('[data-testid=next-steps]').getAttribute('data-loads'))

/** Waits until the tab finished a read (with its follow-ups) after `before` reads, and is idle. */
export async function settled(frame: Frame, before: number, timeout = 30_000): Promise<void> {
  await frame.waitForFunction(
    (n) => {
      const root = document.querySelector('[data-testid=next-steps]')
      return root?.getAttribute('data-busy') === 'no' && Number(root.getAttribute('data-loads')) > n
    },
    before,
    { timeout },
  )
}

/** Opens the deal card and its «Следующий шаг» tab as the page's current user; waits for the playbook's verdict. */
export async function openNextStepsTab(session: AppSession, dealId: number): Promise<Frame> {
  await session.page.goto(`${session.sandbox.origin}/crm/deal/details/${dealId}/`)
  await session.page.locator(`[data-placement-id="${placementRow(session, 'CRM_DEAL_DETAIL_TAB', 'next-steps').ID}"]`).click()
  const frame = await appFrame(session.page, session.appOrigin)
  await frame.locator('[data-testid=all-steps], [data-testid=no-playbook]').first().waitFor({ timeout: 30_000 })
  await settled(frame, 0)
  return frame
}
