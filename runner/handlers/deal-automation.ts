import type { LocalizedText } from '@/domain/fields/types'
import type { RunnerStore } from '../store/runner-store'

/*
 * What the runner did for a deal and will do next, kept for «Следующий шаг» (GET
 * /deals/<id>/next). Only titles and times: no token, no field values beyond the playbook's
 * own step titles.
 */

export interface DealAutomationDone {
  key: string
  title: LocalizedText
  at: string
}

export interface DealAutomation {
  lastRunAt: string | null
  next: string | null
  nextWhat: LocalizedText | null
  done: DealAutomationDone[]
}

const KEPT_DONE = 10
const keyOf = (dealId: number) => `deal-automation:${dealId}`

export function dealAutomationOf(store: RunnerStore, dealId: number): DealAutomation {
  return store.get<DealAutomation>(keyOf(dealId)) ?? { lastRunAt: null, next: null, nextWhat: null, done: [] }
}

export async function recordDealAutomation(store: RunnerStore, dealId: number, update: { at: Date; done?: Omit<DealAutomationDone, 'at'>[]; next: { at: Date; what: LocalizedText } | null }): Promise<void> {
  const before = dealAutomationOf(store, dealId)
  const done = [...(update.done ?? []).map((item) => ({ ...item, at: update.at.toISOString() })), ...before.done].slice(0, KEPT_DONE)
  await store.set(keyOf(dealId), {
    lastRunAt: update.at.toISOString(),
    next: update.next?.at.toISOString() ?? null,
    nextWhat: update.next?.what ?? null,
    done,
  } satisfies DealAutomation)
}
