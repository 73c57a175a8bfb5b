import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAppSession, type AppSession } from './helpers/app-session'
import { portalLog } from './helpers/portal'
import { MOUNT_DEADLINE_MS } from '../../src/shell/mount-deadline'

// The iframe fits its content: the shell sends resizeWindow with the height of its content whenever
// that changes (src/b24/use-fit-window.ts), and the portal resizes the frame, taller or shorter.
// Shapes: reference §2.3 (resizeWindow {width, height}); b24restdocs api-reference/widgets/ui-interaction.

let session: AppSession

beforeAll(async () => {
  session = await startAppSession()
})

afterAll(async () => {
  await session?.close()
})

/** The app iframe's height in the portal page, and the bottom of the app's content inside it. */
async function heights(): Promise<{ frame: number; content: number }> {
  const { page, appOrigin } = session
  const frameHeight = await page.locator('iframe.app-iframe:visible').evaluate((el) => el.getBoundingClientRect().height)
  const app = page.frames().find((f) => f.url().startsWith(appOrigin))
  if (!app) throw new Error('no app frame')
  const content = await app.evaluate(() => Math.ceil(document.querySelector('main[data-screen]')!.getBoundingClientRect().bottom + window.scrollY))
  return { frame: Math.round(frameHeight), content }
}

describe('fitWindow', () => {
  it('sizes the deal tab to its content, and follows when the content grows and when it shrinks', async () => {
    const frame = await session.openTab('deal', 1, 'Следующий шаг')
    await frame.getByText('Что сделать сейчас').first().waitFor({ timeout: 30_000 })
    // The handler URL names the widget (`?widget=next-steps`): its chunk was requested while the
    // frame's handshake was still under way, not after it (src/build/widget-preload.ts).
    // The page's entry holds the SDK, not Vue (src/main.ts): the Vue app's modules ran after the
    // handshake and the first batch, and were fetched before them.
    const loading = await frame.evaluate(() => ({
      chunk: performance.getEntriesByType('resource').find((entry) => /\/NextStepsWidget-[\w-]+\.js$/.test(entry.name))?.startTime ?? null,
      vendor: performance.getEntriesByType('resource').find((entry) => /\/vendor-[\w-]+\.js$/.test(entry.name))?.startTime ?? null,
      frameReady: performance.getEntriesByName('b24-frame-ready')[0]?.startTime ?? null,
      batchSent: performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname.startsWith('/rest/'))?.startTime ?? null,
      appRan: performance.getEntriesByName('b24-app-ran')[0]?.startTime ?? null,
    }))
    expect(loading).toEqual({ chunk: expect.any(Number), vendor: expect.any(Number), frameReady: expect.any(Number), batchSent: expect.any(Number), appRan: expect.any(Number) })
    expect(loading.chunk!).toBeLessThan(loading.frameReady!)
    expect(loading.vendor!).toBeLessThan(loading.frameReady!)
    // The app's modules wait for the first batch to leave or for the entry's 200 ms deadline (a slow
    // portal gets the loading screen): on a busy machine the deadline may come first, so the app
    // running before the batch is right only if it ran at least 200 ms after navigation began.
    if (loading.appRan! < loading.batchSent!) expect(loading.appRan!).toBeGreaterThanOrEqual(MOUNT_DEADLINE_MS)
    await expect.poll(async () => {
      const { frame: outer, content } = await heights()
      return Math.abs(outer - content)
    }, { timeout: 10_000 }).toBeLessThanOrEqual(2)
    const before = await heights()

    // The widget's content grows (as when a section opens): the shell must ask for a new height.
    await frame.evaluate(() => {
      const spacer = document.createElement('div')
      spacer.style.height = '700px'
      document.querySelector('main[data-screen]')?.appendChild(spacer)
    })
    // The frame grows to the new content height.
    await expect.poll(async () => {
      const { frame: outer, content } = await heights()
      return outer > before.frame + 400 && Math.abs(outer - content) <= 2
    }, { timeout: 10_000 }).toBe(true)
    const resizes = (await portalLog(session.page)).filter((entry) => entry.command === 'resizeWindow' && entry.dir === 'in')
    expect(resizes.length).toBeGreaterThanOrEqual(2)
    // Every resize asks for the full width, as fitWindow does, and a height in pixels.
    for (const entry of resizes) expect(entry.data).toMatchObject({ width: '100%', height: expect.any(Number) })

    // The content shrinks again (a section folds, a shorter view is chosen): so does the frame, where
    // fitWindow's document height never falls below the frame's own and kept a white band below.
    await frame.evaluate(() => document.querySelector('main[data-screen] > div:last-child')?.remove())
    await expect.poll(async () => (await heights()).frame, { timeout: 10_000 }).toBeLessThanOrEqual(before.frame + 2)
    const after = await heights()
    expect(Math.abs(after.frame - after.content)).toBeLessThanOrEqual(2)

    // A dialog open low in a tall frame (as the history's delete confirmation by the last event) while
    // the content under it gets shorter: the frame keeps it in view, its buttons reachable.
    await frame.evaluate(() => {
      const spacer = document.createElement('div')
      spacer.style.height = '700px'
      spacer.dataset.spacer = ''
      document.querySelector('main[data-screen]')?.appendChild(spacer)
    })
    await expect.poll(async () => (await heights()).frame, { timeout: 10_000 }).toBeGreaterThan(after.frame + 400)
    const dialogBottom = await frame.evaluate(() => {
      const dialog = document.createElement('div')
      dialog.setAttribute('role', 'dialog')
      dialog.style.cssText = `position: fixed; left: 0; width: 200px; height: 200px; top: ${window.innerHeight - 260}px`
      document.body.appendChild(dialog)
      return Math.ceil(dialog.getBoundingClientRect().bottom)
    })
    await frame.evaluate(() => document.querySelector('[data-spacer]')?.remove())
    await session.page.waitForTimeout(1_000) // past the shrink's 300 ms
    expect((await heights()).frame).toBeGreaterThanOrEqual(dialogBottom)
    // Closed, the frame fits the content again.
    await frame.evaluate(() => {
      document.querySelector('body > [role=dialog]')?.remove()
      document.querySelector('main[data-screen]')!.appendChild(document.createElement('div')).style.height = '1px'
    })
    await expect.poll(async () => (await heights()).frame, { timeout: 10_000 }).toBeLessThanOrEqual(after.frame + 3)
  })

  it('draws the frame on the card\'s white to its very corners: no notch of another colour at its top-left', async () => {
    const { page } = session
    const iframe = page.locator('iframe.app-iframe:visible')
    // The frame's top a little below the portal's sticky bar, which would cover it at the window's top.
    await iframe.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 200))
    const box = (await iframe.boundingBox())!
    // The corner as a person sees it: the frame's 16 px padding leaves it empty of content, so one colour.
    const corner = await pixels(page, { x: Math.round(box.x), y: Math.round(box.y), width: 12, height: 12 })
    expect([...new Set(corner)]).toEqual(['255,255,255'])
  })
})

/** The colours (`r,g,b`) of the portal page's pixels in a box, as a person sees them: a screenshot read back through a canvas. */
async function pixels(page: AppSession['page'], clip: { x: number; y: number; width: number; height: number }): Promise<string[]> {
  const png = await page.screenshot({ clip })
  return page.evaluate(async (data) => {
    const image = new Image()
    image.src = `data:image/png;base64,${data}`
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = image.width
    canvas.height = image.height
    const context = canvas.getContext('2d')!
    context.drawImage(image, 0, 0)
    const bytes = context.getImageData(0, 0, image.width, image.height).data
    const colours: string[] = []
    for (let i = 0; i < bytes.length; i += 4) colours.push(`${bytes[i]},${bytes[i + 1]},${bytes[i + 2]}`)
    return colours
  }, png.toString('base64'))
}
