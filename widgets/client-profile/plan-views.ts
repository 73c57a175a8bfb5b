import { computed } from 'vue'
import { planKind, type ProfilePlanKind } from '@/domain/client-profile'
import type { WritePlan } from '@/domain/write-plan'
import type { WritePlans } from '@/stores/write-plans'

/**
 * The company's write plans seen by one part of the tab (the profile form, the status, the
 * history): each shows its own running write, wait and unfinished plans next to its own
 * button, through the shared WritePlanStatus.
 */
export function plansOfKind(plans: WritePlans, kind: ProfilePlanKind | ProfilePlanKind[]): WritePlans {
  const kinds = Array.isArray(kind) ? kind : [kind]
  const mine = (plan: WritePlan | null) => plan !== null && kinds.includes(planKind(plan)!)
  const running = computed(() => (mine(plans.running.value) ? plans.running.value : null))
  const view = {
    ...plans,
    running,
    wait: computed(() => (running.value ? plans.wait.value : null)),
    unfinished: computed(() => plans.unfinished.value.filter(mine)),
  }
  // Read-only refs in place of the shared ones: WritePlanStatus only reads `.value`.
  return view as unknown as WritePlans
}
