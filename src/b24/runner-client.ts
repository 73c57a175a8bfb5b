import type { RunnerState } from '@/domain/install/runner-link'

/*
 * What the runner did and will do for one deal (runner/server.ts GET /deals/<id>/next), for
 * «Следующий шаг». This is the app's own server, not the portal: it costs no REST request.
 * Anything short of a well-formed answer reads as «not connected»: the tab then says so and
 * its buttons work by hand.
 */

export interface LocalText {
  ru: string
  en: string
}

export interface AutomationDone {
  key: string
  title: LocalText
  /** ISO date-time. */
  at: string
}

export interface DealAutomation {
  /** `unreachable`: no runner address, or it did not answer in time or sensibly. */
  connection: RunnerState
  /** When the runner will next act on the deal by itself (ISO), and what it will do then. */
  next: string | null
  nextWhat: LocalText | null
  /** What it did, as it reports it. */
  done: AutomationDone[]
  lastRunAt: string | null
}

/** The runner answers its own small JSON: a slow one must not hold the tab. */
const RUNNER_TIMEOUT_MS = 3_000

export const NOT_CONNECTED: DealAutomation = { connection: 'unreachable', next: null, nextWhat: null, done: [], lastRunAt: null }

const isDate = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value))

function localText(value: unknown): LocalText | null {
  const text = value as Partial<LocalText> | null
  return text && typeof text.ru === 'string' && typeof text.en === 'string' ? { ru: text.ru, en: text.en } : null
}

function doneItem(value: unknown): AutomationDone | null {
  const item = value as { key?: unknown; title?: unknown; at?: unknown } | null
  const title = localText(item?.title)
  return item && typeof item.key === 'string' && title && isDate(item.at) ? { key: item.key, title, at: item.at } : null
}

/** The runner's answer, typed; anything it does not recognise is left out, an unknown connection is unreachable. */
export function parseDealAutomation(body: unknown): DealAutomation {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const connection = raw.connection === 'connected' || raw.connection === 'none' || raw.connection === 'revoked' ? raw.connection : 'unreachable'
  const next = isDate(raw.next) ? raw.next : null
  return {
    connection,
    next,
    nextWhat: next ? localText(raw.nextWhat) : null,
    done: Array.isArray(raw.done) ? raw.done.map(doneItem).filter((item): item is AutomationDone => item !== null) : [],
    lastRunAt: isDate(raw.lastRunAt) ? raw.lastRunAt : null,
  }
}

/** GET <runnerUrl>/deals/<id>/next; never throws. */
export async function readDealAutomation(runnerUrl: string | null, dealId: number, fetchImpl: typeof fetch = fetch): Promise<DealAutomation> {
  if (!runnerUrl) return NOT_CONNECTED
  try {
    const response = await fetchImpl(`${runnerUrl}/deals/${dealId}/next`, { signal: AbortSignal.timeout(RUNNER_TIMEOUT_MS) })
    if (!response.ok) return NOT_CONNECTED
    return parseDealAutomation(await response.json())
  } catch {
    return NOT_CONNECTED
  }
}
