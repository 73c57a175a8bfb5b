import type { Frame, Locator } from 'playwright-core'
import kitEn from '@bitrix24/b24ui-nuxt/runtime/locale/en.js'

/*
 * What the kit says by itself, as a person and a screen reader get it: the texts of ARIA attributes
 * and placeholders anywhere in the frame (the kit's lists, dialogs and toasts are teleported to the
 * end of the body), and the visible texts. `englishKitTexts` keeps those that are the kit's English:
 * an attribute with a Latin word in it (the app's own labels are Russian in a Russian tab), or a
 * visible text that is one of the kit's English locale texts.
 */

const ATTRIBUTES = ['aria-label', 'aria-valuetext', 'aria-roledescription', 'aria-description', 'placeholder', 'title']

export interface KitText {
  where: string
  text: string
}

export async function kitTexts(frame: Frame): Promise<KitText[]> {
  return frame.evaluate((attributes) => {
    const found: { where: string; text: string }[] = []
    for (const element of document.body.querySelectorAll('*')) {
      for (const name of attributes) {
        const value = element.getAttribute(name)
        if (value) found.push({ where: `${element.tagName.toLowerCase()}[${name}]`, text: value })
      }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent?.trim() ?? ''
      const parent = walker.currentNode.parentElement
      if (text && parent && parent.tagName !== 'SCRIPT' && parent.tagName !== 'STYLE') found.push({ where: parent.tagName.toLowerCase(), text })
    }
    return found
  }, ATTRIBUTES)
}

function localeTexts(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  if (typeof tree !== 'object' || tree === null) return []
  return Object.values(tree).flatMap(localeTexts)
}

/** The kit's English texts, placeholders such as `{label}` cut off (the parts either side stay). */
const KIT_ENGLISH = new Set(localeTexts(kitEn.messages).flatMap((text) => text.split(/\{[^}]*\}/)).map((part) => part.trim()).filter((part) => part.length > 2))

export function englishKitTexts(texts: KitText[]): KitText[] {
  return texts.filter(({ where, text }) => (where.includes('[') ? /[A-Za-z]{2,}/.test(text) : KIT_ENGLISH.has(text)))
}

/**
 * Whether a person sees the element in the portal's window: its middle lies inside the window, the
 * portal page shows the app's frame there (not its own bar over it), and the frame shows the element.
 */
export async function seenInPortal(frame: Frame, element: Locator): Promise<boolean> {
  // A toast goes after a few seconds: no long wait for one that is gone.
  const box = await element.boundingBox({ timeout: 1_000 }).catch(() => null)
  if (!box) return false
  const page = frame.page()
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  const frameElement = await frame.frameElement()
  const frameBox = await frameElement.boundingBox()
  if (!frameBox) return false
  const onPage = await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.tagName ?? null, [x, y])
  if (onPage !== 'IFRAME') return false
  return element
    .evaluate(
      (target, [fx, fy]) => {
        const hit = document.elementFromPoint(fx!, fy!)
        return hit !== null && (hit === target || target.contains(hit))
      },
      [x - frameBox.x, y - frameBox.y],
      { timeout: 1_000 },
    )
    .catch(() => false)
}
