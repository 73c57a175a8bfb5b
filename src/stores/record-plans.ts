import type { B24Frame } from '@bitrix24/b24jssdk'
import { ref } from 'vue'
import type { Gateway } from '@/b24/gateway'
import { memberIdOf } from './draft-storage'
import { browserPlanJournal, planJournalPrefix } from './plan-journal'
import { useWritePlans } from './write-plans'

/**
 * Write plans of one record in a widget store: the journal is the current user's on this
 * portal, and `open` (called when the screen knows the user and the record) lists the plans
 * of that record left unfinished, so the screen can offer to finish them.
 */
export function useRecordPlans(frame: () => B24Frame | null, gateway: () => Gateway) {
  const prefix = ref<string | null>(null)
  const plans = useWritePlans({
    transport: () => gateway().transport,
    journal: () => (prefix.value ? browserPlanJournal(localStorage, prefix.value) : null),
  })

  async function open(userId: number, scope: string): Promise<void> {
    prefix.value = planJournalPrefix(memberIdOf(frame()), userId)
    await plans.refresh(scope)
  }

  /** Drops a plan that must not be finished (its check found the record changed: nothing after it ran). */
  async function discard(planId: string): Promise<void> {
    if (prefix.value) await browserPlanJournal(localStorage, prefix.value).remove(planId)
    await plans.refresh()
  }

  return { ...plans, open, discard }
}

/** A new plan's ID: unique across tabs, users and restarts. */
export function newPlanId(): string {
  return crypto.randomUUID()
}
