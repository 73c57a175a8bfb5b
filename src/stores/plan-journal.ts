import type { PlanJournal } from '@/b24/write-plan'
import type { WritePlan } from '@/domain/write-plan'

/**
 * The tab's plan journal: each unfinished plan as one localStorage entry under
 * `<prefix>plan:<id>`, the prefix naming the portal and the user. localStorage is written
 * synchronously, so a plan saved before a request is there after a reload or a crash.
 */
export function browserPlanJournal(storage: Storage, prefix: string): PlanJournal {
  const keyOf = (id: string) => `${prefix}plan:${id}`
  const read = (key: string): WritePlan | null => {
    try {
      const plan = JSON.parse(storage.getItem(key) ?? 'null') as WritePlan | null
      return plan && typeof plan.id === 'string' && Array.isArray(plan.steps) ? plan : null
    } catch {
      return null
    }
  }
  return {
    async save(plan) {
      storage.setItem(keyOf(plan.id), JSON.stringify(plan))
    },
    async list(scope) {
      const plans: WritePlan[] = []
      for (let index = 0; index < storage.length; index++) {
        const key = storage.key(index)
        if (!key?.startsWith(`${prefix}plan:`)) continue
        const plan = read(key)
        if (plan && (scope === undefined || plan.scope === scope)) plans.push(plan)
      }
      return plans.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },
    async remove(id) {
      storage.removeItem(keyOf(id))
    },
  }
}

/** The journal prefix of one user on one portal. */
export function planJournalPrefix(memberId: string, userId: number): string {
  return `b24app:${memberId}:u${userId}:`
}
