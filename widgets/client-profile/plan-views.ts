import { computed } from 'vue'
import { planKind, type ProfilePlanKind } from '@/domain/client-profile'
import type { WritePlan } from '@/domain/write-plan'
import type { WritePlans } from '@/stores/write-plans'

/**
 * The company's write plans seen by one part of the tab (the profile form, the status, the
 * history): each shows its own running write, wait and unfinished plans next to its own
 * button, through the shared WritePlanStatus.
 *
 * `held` names the plan the tab still follows after its run returned: a run that stopped on
 * its check (the tab's own update got there before a lost reply) is looked into — the company
 * read — and then finished by the tab itself. Until then it shows as writing, not as
 * «Не завершено» with «Повторить» (which would vanish under the user's click, or start a
 * second run of the same plan).
 */
export function plansOfKind(plans: WritePlans, kind: ProfilePlanKind | ProfilePlanKind[], held: () => string | null = () => null): WritePlans {
  const kinds = Array.isArray(kind) ? kind : [kind]
  const mine = (plan: WritePlan | null) => plan !== null && kinds.includes(planKind(plan)!)
  const followed = computed(() => {
    const id = held()
    return id === null ? null : (plans.unfinished.value.find((plan) => plan.id === id && mine(plan)) ?? null)
  })
  const running = computed(() => (mine(plans.running.value) ? plans.running.value : followed.value))
  const view = {
    ...plans,
    running,
    wait: computed(() => (mine(plans.running.value) ? plans.wait.value : null)),
    unfinished: computed(() => plans.unfinished.value.filter((plan) => mine(plan) && plan.id !== followed.value?.id)),
    busy: computed(() => plans.busy.value || followed.value !== null),
  }
  // Read-only refs in place of the shared ones: WritePlanStatus only reads `.value`.
  return view as unknown as WritePlans
}
