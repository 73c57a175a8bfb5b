import { GatewayError, type GatewayErrorKind } from '@/b24/gateway'
import { newPlan, planProgress, setStep } from '@/domain/write-plan'
import type { PlanText, StepFailure, WritePlan } from '@/domain/write-plan'
import { useAppContext } from '@/stores/app-context'
import { newPlanId, useRecordPlans } from '@/stores/record-plans'

/*
 * A settings save as a write plan: one app.option.set step (b24restdocs
 * api-reference/common/settings/app-option-set.md: it writes the value under its key, so sending
 * it again is safe). The plan gives the save what every write has: the countdown while the portal
 * is busy, a cancel, the unfinished save listed with «Повторить», «Сохранено» only when done.
 */

/** Unfinished saves of one option are listed under it; `app-options` holds saves made without a section of their own. */
export const optionScope = (option: string) => `app-option:${option}`

/**
 * `app.option.set` (admin only) or `user.option.set` (the user's own option of this app: b24restdocs
 * api-reference/common/settings/user-option-set.md, the same overwrite of the keys given).
 */
export type OptionMethod = 'app.option.set' | 'user.option.set'

export function optionPlan(input: { planId: string; scope: string; option: string; value: unknown; title: PlanText; now: Date; method?: OptionMethod }): WritePlan {
  return newPlan({
    id: input.planId,
    scope: input.scope,
    title: input.title,
    now: input.now,
    meta: { option: input.option, value: input.value },
    steps: [setStep(`${input.planId}-option`, input.method ?? 'app.option.set', { options: { [input.option]: input.value } }, { ru: 'Настройка на портале', en: 'Setting on the portal' })],
  })
}

/** Why a plan stopped, as the error the screens already know how to tell. */
export function planFailure(plan: WritePlan): GatewayError {
  const failure = planProgress(plan, 'ru').failure ?? (plan.meta?.lastError as StepFailure | undefined)
  const kinds: readonly string[] = ['access', 'notFound', 'limit', 'network', 'expired', 'conflict']
  const kind = failure && kinds.includes(failure.kind) ? (failure.kind as GatewayErrorKind) : 'unknown'
  return new GatewayError(kind, failure?.code ?? '', failure?.description ?? '')
}

export interface OptionWritesDeps {
  scope: string
  /** The current user (the journal is per user); null when it cannot be read. */
  whoAmI: () => Promise<number | null>
  /** A save is done: the page shows the new value. */
  onDone: (option: string, value: unknown) => void
  /** Which options: the app's (default) or the current user's own. */
  method?: OptionMethod
}

/**
 * Saves of app options under one scope. Opening lists the scope's unfinished saves (the browser's
 * journal only: nothing is sent); `save` and `resume` resolve to the plan, done or not.
 */
export function useOptionWrites(deps: OptionWritesDeps) {
  const app = useAppContext()
  const plans = useRecordPlans(() => app.frame, () => app.requireGateway())
  let opened: Promise<boolean> | null = null

  function open(): Promise<boolean> {
    opened ??= deps.whoAmI().then(async (me) => {
      if (me === null) return false
      await plans.open(me, deps.scope)
      return true
    })
    return opened
  }

  function settle(plan: WritePlan): WritePlan {
    if (plan.status === 'done' && typeof plan.meta?.option === 'string') deps.onDone(plan.meta.option, plan.meta.value)
    return plan
  }

  async function save(option: string, value: unknown, title: PlanText): Promise<WritePlan> {
    if (!(await open())) throw new GatewayError('unknown', 'NO_USER', 'The current user could not be read')
    // An earlier unfinished save of this option is superseded: repeating it later would put the older value back.
    for (const older of plans.unfinished.value.filter((plan) => plan.meta?.option === option)) await plans.discard(older.id)
    return settle(await plans.run(optionPlan({ planId: newPlanId(), scope: deps.scope, option, value, title, now: new Date(), method: deps.method })))
  }

  async function resume(planId: string): Promise<WritePlan | null> {
    const plan = await plans.resume(planId)
    return plan ? settle(plan) : null
  }

  return { plans, open, save, resume }
}
