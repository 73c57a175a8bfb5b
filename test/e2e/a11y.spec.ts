import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manifest, type WidgetEntry } from '../../placements/manifest'
import { startAppSession, type AppSession } from './helpers/app-session'
import { demoRecords, openWidget, type DemoRecords } from './helpers/screens'

// Issue 14: axe-core (https://github.com/dequelabs/axe-core, its API: doc/API.md `axe.run`) run inside
// the app's frame on every tab and page, in Russian and in English, as a person opens them in the
// sandbox portal with its demo data. No violation of impact «serious» or «critical» is allowed;
// a failure names each rule and the elements it found, so it can be fixed from the message alone.

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const BLOCKING = ['serious', 'critical']

interface Violation {
  id: string
  impact: string | null
  help: string
  /** Per element: its selector, the nearest `data-testid` around it, its markup's start and axe's reason. */
  nodes: string[]
}

let session: AppSession
let records: DemoRecords

beforeAll(async () => {
  session = await startAppSession({ limits: false })
  await session.page.setViewportSize({ width: 1280, height: 900 })
  records = await demoRecords(session)
})

afterAll(async () => {
  await session?.close()
})

/** Waits for the screen's first paint and its loading skeletons to go. */
async function settled(frame: Frame): Promise<void> {
  await frame.locator('body *').first().waitFor({ timeout: 30_000 })
  await frame.waitForFunction(() => document.querySelector('#app')?.children.length && !document.querySelector('[aria-busy=true]'), undefined, { timeout: 30_000 })
  // A late repaint after the screen's one request (focus, toasts) settles within a moment.
  await frame.waitForTimeout(300)
}

async function axeViolations(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE)
  return frame.evaluate(async () => {
    interface AxeNode { target: unknown[]; html: string; any: { message: string }[]; all: { message: string }[]; none: { message: string }[] }
    interface AxeResult { id: string; impact?: string | null; help: string; nodes: AxeNode[] }
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeResult[] }> } }).axe
    const { violations } = await axe.run(document)
    const around = (selector: string) => {
      const element = document.querySelector(selector)
      return element?.closest('[data-testid]')?.getAttribute('data-testid') ?? '-'
    }
    return violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => {
        const selector = node.target.map(String).join(' >>> ')
        const reason = [...node.any, ...node.all, ...node.none].map((check) => check.message).join(' ')
        return `[testid ${around(selector)}] ${node.html.slice(0, 90)} :: ${reason} :: ${selector}`
      }),
    }))
  })
}

/** Per rule: `rule-id (impact, n): help`, then one line per element found. */
function described(violations: Violation[]): string {
  return violations.map((violation) => [`${violation.id} (${violation.impact}, ${violation.nodes.length}): ${violation.help}`, ...violation.nodes.map((node) => `  - ${node}`)].join('\n')).join('\n')
}

describe.each(['ru', 'en'] as const)('axe-core in %s', (lang) => {
  beforeAll(async () => {
    await session.context.addCookies([{ name: 'lang', value: lang, url: session.sandbox.origin }])
  })

  it.each(manifest.map((entry) => [entry.id, entry] as const))('%s: no serious or critical violations', async (_id, entry) => {
    const opened = await openWidget(session, entry, records)
    expect(opened, `${entry.id} cannot be opened from the app`).not.toBeNull()
    await settled(opened!.frame)
    // A screen reader reads the frame in the language its <html lang> names.
    expect(await opened!.frame.evaluate(() => document.documentElement.lang)).toBe(lang)
    const found = await axeViolations(opened!.frame)
    if (process.env.A11Y_REPORT) console.log(`[a11y] ${entry.id} ${lang}\n${described(found)}`)
    expect(described(found.filter((violation) => BLOCKING.includes(violation.impact ?? '')))).toBe('')
  })
})

/** What a person does on a screen before it is checked again: the states a first load never shows. */
const AFTER: { id: string; does: string; act(frame: Frame): Promise<void> }[] = [
  {
    id: 'client-profile',
    does: 'every block ticked, a wrong INN saved',
    async act(frame) {
      for (const tick of await frame.locator('[data-testid=profile-fields] [role=checkbox][data-testid^=tick-]').all()) await tick.check()
      await frame.getByTestId('field-inn').fill('1234567890')
      await frame.getByTestId('profile-save').click()
      await frame.getByTestId('error-inn-error').waitFor({ timeout: 10_000 })
    },
  },
  {
    id: 'sale-items',
    does: 'an item of each kind added empty and saved',
    async act(frame) {
      for (const kind of ['object', 'ved', '3pl']) await frame.getByTestId(`add-${kind}`).click()
      await frame.getByTestId('sale-save').click()
      await frame.getByTestId('sale-invalid').waitFor({ timeout: 10_000 })
    },
  },
  {
    id: 'lead-processing',
    does: 'the transition sent empty',
    async act(frame) {
      await frame.getByTestId('transition-submit').click()
      await frame.locator('[aria-invalid=true]').first().waitFor({ timeout: 10_000 })
    },
  },
  {
    id: 'approvals-trip',
    does: 'the trip request sent empty',
    async act(frame) {
      await frame.getByTestId('trip-send').click()
      await frame.locator('[aria-invalid=true]').first().waitFor({ timeout: 10_000 })
    },
  },
  {
    id: 'settings',
    does: 'a broken objects directory saved',
    async act(frame) {
      await frame.getByTestId('directory-json-open').click()
      await frame.getByTestId('directory-json').fill('{"objectTypes": [{}]}')
      await frame.getByTestId('directory-json-apply').click()
      await frame.getByTestId('directory-errors').waitFor({ timeout: 10_000 })
    },
  },
]

describe('axe-core after a person\'s actions (errors shown, blocks opened), in Russian', () => {
  beforeAll(async () => {
    await session.context.addCookies([{ name: 'lang', value: 'ru', url: session.sandbox.origin }])
  })

  it.each(AFTER.map((state) => [state.id, state.does, state] as const))('%s, %s: no serious or critical violations', async (id, _does, state) => {
    const entry = manifest.find((candidate) => candidate.id === id) as WidgetEntry
    const opened = await openWidget(session, entry, records)
    await settled(opened!.frame)
    await state.act(opened!.frame)
    const found = await axeViolations(opened!.frame)
    if (process.env.A11Y_REPORT) console.log(`[a11y] ${id} after: ${state.does}\n${described(found)}`)
    expect(described(found.filter((violation) => BLOCKING.includes(violation.impact ?? '')))).toBe('')
  })
})
