import type { WritePlan } from '@/domain/write-plan'

/**
 * Where plans are kept between their steps: the tab keeps them in the browser per portal and
 * user, the runner in its embedded store. A plan is saved before each request that may write,
 * so whatever happens to the process, the next start knows what was sent.
 */
export interface PlanJournal {
  save(plan: WritePlan): Promise<void>
  /** Unfinished plans, oldest first; of one scope when given. */
  list(scope?: string): Promise<WritePlan[]>
  remove(id: string): Promise<void>
}

export function memoryJournal(): PlanJournal & { plans: Map<string, WritePlan> } {
  const plans = new Map<string, WritePlan>()
  return {
    plans,
    async save(plan) {
      plans.set(plan.id, structuredClone(plan))
    },
    async list(scope) {
      return [...plans.values()].filter((plan) => scope === undefined || plan.scope === scope).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    },
    async remove(id) {
      plans.delete(id)
    },
  }
}
