/**
 * The kit's words in the person's language where the kit gives no way to say them. The kit's own
 * texts (select «Нет данных», dialog «Закрыть», …) come from its locale, which App.vue hands it;
 * but reka-ui, under the kit, writes a few words into ARIA attributes in English with no prop to
 * change them: the toasts' region «Notifications (F8)» (the kit's toaster passes its `label` to the
 * provider, not to the region), the date field's parts «day, month, year» (and «Empty» while a
 * part is not typed), the skeleton's «loading». A screen reader reads them aloud in a Russian tab.
 *
 * `watchKitAria` rewrites them in place and keeps them so: a MutationObserver over the body (the
 * kit teleports lists, dialogs and toasts to its end) catches each such part as it appears and each
 * time reka writes its word again (Vue writes an attribute only when its own value changes, so a
 * rewritten label stays until reka's value does).
 */

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** The date field's parts reka names (`data-reka-date-field-segment`); `literal` is the separator. */
const DATE_PARTS = new Set(['day', 'month', 'year', 'hour', 'minute', 'second', 'dayPeriod', 'timeZoneName', 'era'])
/** reka's text for a part with nothing typed yet. */
const EMPTY = 'Empty'
/** reka's default hotkey for the toasts' region (the kit keeps it): F8 moves the focus to the toasts. */
const TOASTS_HOTKEY = 'F8'

const SELECTOR = '[data-reka-date-field-segment], [role="region"], [role="alert"][aria-busy="true"]'

function set(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value)
}

/** The toasts' region: reka's region around the kit's list of toasts. */
function isToastsRegion(element: Element): boolean {
  return element.getAttribute('role') === 'region' && [...element.children].some((child) => child.getAttribute('data-slot') === 'viewport')
}

function localizeOne(element: Element, t: Translate, empties: Set<string>): void {
  const part = element.getAttribute('data-reka-date-field-segment')
  if (part !== null) {
    if (!DATE_PARTS.has(part)) return
    set(element, 'aria-label', t(`kit.date.${part}`))
    const valueText = element.getAttribute('aria-valuetext')
    if (valueText !== null && empties.has(valueText)) set(element, 'aria-valuetext', t('kit.date.empty'))
    return
  }
  if (isToastsRegion(element)) {
    set(element, 'aria-label', t('kit.toaster', { hotkey: TOASTS_HOTKEY }))
    return
  }
  // The kit's skeleton: a busy alert standing for content that is loading.
  if (element.getAttribute('role') === 'alert' && element.getAttribute('aria-busy') === 'true' && element.getAttribute('data-slot') === 'base') {
    set(element, 'aria-label', t('kit.loading'))
  }
}

/**
 * One pass over `root` and everything in it. `empties`: the texts an empty date part may carry
 * now (reka's English, or the word of the language the field was last put in).
 */
export function localizeKitAria(root: Element, t: Translate, empties: Set<string> = new Set([EMPTY])): void {
  if (root.matches(SELECTOR)) localizeOne(root, t, empties)
  for (const element of root.querySelectorAll(SELECTOR)) localizeOne(element, t, empties)
}

export interface KitAriaWatch {
  /** Puts everything in another language (the frame told the person's language late). */
  relocalize(t: Translate): void
  stop(): void
}

/** Localizes `root` now and whatever the kit adds or rewrites in it later. */
export function watchKitAria(root: HTMLElement, t: Translate): KitAriaWatch {
  let translate = t
  const empties = new Set([EMPTY, t('kit.date.empty')])
  localizeKitAria(root, translate, empties)
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element) localizeOne(record.target, translate, empties)
        continue
      }
      for (const node of record.addedNodes) if (node instanceof Element) localizeKitAria(node, translate, empties)
    }
  })
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'aria-valuetext'] })
  return {
    relocalize(next) {
      translate = next
      empties.add(next('kit.date.empty'))
      localizeKitAria(root, translate, empties)
    },
    stop: () => observer.disconnect(),
  }
}
