/**
 * `npm run screenshots`: every tab and page of the app, in Russian and in English, at 1280 px,
 * on the sandbox portal with its demo data, into `screenshots/` (ignored by git). Each shot is
 * the whole portal page with the app's frame in it, as a person sees it, so a look at the folder
 * shows every screen the app has. Needs the built app (`npm run build`) and Debian's chromium.
 *
 * Usage: npm run screenshots [-- <out dir>]
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { manifest } from '../placements/manifest'
import { startAppSession } from '../test/e2e/helpers/app-session'
import { demoRecords, openWidget } from '../test/e2e/helpers/screens'

const WIDTH = 1280
const HEIGHT = 900
/** Time for a screen's one request and its first paint after the frame is there. */
const SETTLE_MS = 2_500

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'screenshots')
  mkdirSync(outDir, { recursive: true })
  const session = await startAppSession({ limits: false })
  try {
    await session.page.setViewportSize({ width: WIDTH, height: HEIGHT })
    const records = await demoRecords(session)
    for (const lang of ['ru', 'en'] as const) {
      await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
      for (const entry of manifest) {
        const opened = await openWidget(session, entry, records)
        if (!opened) {
          console.log(`skipped ${entry.id} (no way to open it from the app page)`)
          continue
        }
        await opened.frame.locator('body *').first().waitFor({ timeout: 30_000 })
        await session.page.waitForTimeout(SETTLE_MS)
        // The sandbox's message log is pinned to the viewport: out of the way of a full-page shot.
        await session.page.addStyleTag({ content: '#message-log { display: none !important; }' })
        const file = join(outDir, `${entry.id}-${lang}.png`)
        await session.page.screenshot({ path: file, fullPage: opened.fullPage })
        console.log(`${file}  (${entry.titles[lang]}, ${entry.placement})`)
      }
    }
    if (session.errors.length > 0) console.warn(`console errors on the way:\n${session.errors.join('\n')}`)
  } finally {
    await session.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
