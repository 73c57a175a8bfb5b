import type { DealAutomation } from '@/b24/runner-client'

/** How many of the runner's latest actions the tab lists. */
export const SHOWN_DONE = 5

export type Lang = 'ru' | 'en'

export interface AutomationView {
  /** `loading` until the runner answered; anything but `connected` means nobody acts by itself. */
  state: 'loading' | 'connected' | 'not-connected' | 'revoked'
  next: { what: string | null; when: string } | null
  done: { key: string; title: string; when: string }[]
  lastRun: string | null
}

/** A date-time in the user's language and time zone. */
export function formatWhen(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ru-RU', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

/** The runner's report for one deal as the tab shows it: the next action, then the latest ones done first. */
export function toAutomationView(automation: DealAutomation | null, lang: Lang): AutomationView {
  if (!automation) return { state: 'loading', next: null, done: [], lastRun: null }
  if (automation.connection !== 'connected') {
    return { state: automation.connection === 'revoked' ? 'revoked' : 'not-connected', next: null, done: [], lastRun: null }
  }
  const latest = [...automation.done].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, SHOWN_DONE)
  return {
    state: 'connected',
    next: automation.next ? { what: automation.nextWhat?.[lang] ?? null, when: formatWhen(automation.next, lang) } : null,
    done: latest.map((item) => ({ key: item.key, title: item.title[lang], when: formatWhen(item.at, lang) })),
    lastRun: automation.lastRunAt ? formatWhen(automation.lastRunAt, lang) : null,
  }
}
