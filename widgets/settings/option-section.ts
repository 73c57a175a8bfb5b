import { ref, shallowRef } from 'vue'
import { toGatewayError, type GatewayError } from '@/b24/gateway'
import type { PlanText, WritePlan } from '@/domain/write-plan'
import { useKeptFocus } from '@/ui/kept-focus'
import { optionScope, useOptionWrites } from './option-write'
import { useSettingsStore } from './store'

/**
 * One settings section's save of its app option: the plan's status to show beside the button
 * (`plans`), «Сохранено» only when the plan is done (`saved`), a failure that stopped it before
 * any plan ran (`failure`). The section's unfinished saves are listed when it opens. The focus
 * stays on the section's save button through the save (the kit disables it meanwhile).
 */
export function useOptionSection(option: string, title: PlanText) {
  const settings = useSettingsStore()
  const writes = useOptionWrites({ scope: optionScope(option), whoAmI: settings.whoAmI, onDone: settings.stored })
  void writes.open()
  useKeptFocus(() => writes.plans.busy.value)
  const saved = ref(false)
  const failure = shallowRef<GatewayError | null>(null)

  async function run(task: () => Promise<WritePlan | null>): Promise<boolean> {
    saved.value = false
    failure.value = null
    try {
      saved.value = (await task())?.status === 'done'
    } catch (raw) {
      failure.value = toGatewayError(raw)
    }
    return saved.value
  }

  return {
    plans: writes.plans,
    saved,
    failure,
    save: (value: unknown) => run(() => writes.save(option, value, title)),
    resume: (planId: string) => run(() => writes.resume(planId)),
  }
}
