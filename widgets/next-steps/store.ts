import { useNow } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { toGatewayError } from '@/b24/gateway'
import type { GatewayError } from '@/b24/gateway'
import { dealFieldsScope, dealTasksScope, evaluateDeal, keyFieldsPlan, stageTasksPlan, stagesMissingOnPortal } from '@/domain/playbook'
import type { DealEvaluation } from '@/domain/playbook'
import { finishedSteps, planProgress, type WritePlan } from '@/domain/write-plan'
import { useAppContext } from '@/stores/app-context'
import { newPlanId, useRecordPlans } from '@/stores/record-plans'
import { loadDealScreen, performedKeysOf } from '@/b24/deal-screen/data'
import type { DealScreen } from '@/b24/deal-screen/data'
import { enumMapsFrom } from '@/b24/deal-screen/deal-fields'
import { toDealPeople, toDealSnapshot } from '@/b24/deal-screen/evaluation-input'
import { playbookFromOptions } from '@/b24/deal-screen/playbook-option'
import { stageTask } from '@/b24/deal-screen/tasks'
import { toNextStepsView } from './view-model'
import { PAID_AMOUNT_FIELD } from '@/domain/fields/next-steps'

export type FieldsOutcome = 'done' | 'conflict' | 'incomplete'

/**
 * The «Следующий шаг» tab of one deal: the screen read in one batch, the playbook's verdict
 * recomputed every second (deadlines count live), and the tab's actions.
 */
export const useNextStepsStore = defineStore('nextSteps', () => {
  const app = useAppContext()
  const now = useNow({ interval: 1000 })
  const dealId = ref<number | null>(null)
  const screen = shallowRef<DealScreen | null>(null)
  const loading = ref(false)
  const error = shallowRef<GatewayError | null>(null)
  /** Reads and actions in flight (a read with its follow-ups counts once). */
  const busy = ref(0)
  /** Completed reads of the screen (with their follow-ups): tests and the UI wait on it. */
  const loads = ref(0)
  /** How many tasks the last «Поставить задачи» made (shown only when its plan is done). */
  const createResult = shallowRef<{ created: number } | null>(null)
  /** The tab's writes as plans: the stage's tasks, and the key fields (compare-and-set on the deal). */
  const taskPlans = markRaw(useRecordPlans(() => app.frame, () => app.requireGateway()))
  const fieldPlans = markRaw(useRecordPlans(() => app.frame, () => app.requireGateway()))
  /** A write of this tab is running. */
  const creating = computed(() => taskPlans.busy.value || fieldPlans.busy.value)
  const creatingTasks = computed(() => taskPlans.busy.value)
  const actionError = shallowRef<GatewayError | null>(null)
  /** When the screen was last read: the verdict never runs on a clock older than the data. */
  const readAt = ref(0)
  const clock = computed(() => new Date(Math.max(now.value.getTime(), readAt.value)))

  const playbook = computed(() => (screen.value ? playbookFromOptions(screen.value.options) : null))
  const enumMaps = computed(() => enumMapsFrom(screen.value?.userFields ?? []))
  const snapshot = computed(() => (screen.value ? toDealSnapshot(screen.value, enumMaps.value) : null))
  const header = computed(() => (screen.value ? toNextStepsView(screen.value.deal, screen.value.stages, screen.value.responsible ? [screen.value.responsible] : [], PAID_AMOUNT_FIELD) : null))

  /** Stages the playbook names for the deal's pipeline that the portal's pipeline lacks: their rules never apply, so the tab says so. */
  const missingStages = computed(() =>
    screen.value && snapshot.value && playbook.value ? stagesMissingOnPortal(playbook.value.playbook, { name: snapshot.value.pipelineName, stages: screen.value.stages.map((stage) => stage.NAME) }) : [],
  )

  const evaluation = computed<DealEvaluation | null>(() => {
    if (!screen.value || !snapshot.value || !playbook.value) return null
    return evaluateDeal({
      playbook: playbook.value.playbook,
      deal: snapshot.value,
      tasks: screen.value.tasks,
      people: toDealPeople(screen.value),
      performedActionKeys: performedKeysOf(screen.value.deal),
      now: clock.value,
    })
  })

  /**
   * Reads the deal and lists this user's unfinished writes of it. Opening the tab writes
   * nothing: moves, notices, reminders and clean-ups are the runner's (runner/handlers/deal.ts).
   */
  async function load(id: number): Promise<void> {
    dealId.value = id
    loading.value = true
    busy.value++
    error.value = null
    try {
      screen.value = await loadDealScreen(app.requireGateway(), id)
      readAt.value = Date.now()
      // Listing this deal's unfinished writes reads only the browser's journal; they resume on «Повторить».
      if (screen.value.userId !== null) {
        await taskPlans.open(screen.value.userId, dealTasksScope(id))
        await fieldPlans.open(screen.value.userId, dealFieldsScope(id))
      }
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      loading.value = false
      busy.value--
      loads.value++
    }
  }

  async function reload(): Promise<void> {
    if (dealId.value !== null) await load(dealId.value)
  }

  /** One click: the stage's tasks in Bitrix24 as one plan, never twice (N4). */
  async function createTasks(): Promise<void> {
    const toCreate = evaluation.value?.tasksToCreate ?? []
    const id = dealId.value
    if (creating.value || id === null || !snapshot.value || toCreate.length === 0) return
    actionError.value = null
    createResult.value = null
    const responsible = evaluation.value?.responsibleId ?? snapshot.value.responsibleId
    const plan = stageTasksPlan({ planId: newPlanId(), dealId: id, tasks: toCreate.map((task) => stageTask(id, task, responsible)), now: new Date() })
    // The new plan holds every task still missing: an older unfinished one repeated later would make copies.
    await discardAll(taskPlans)
    await finishTasks(() => taskPlans.run(plan))
  }

  async function discardAll(plans: typeof taskPlans): Promise<void> {
    for (const older of [...plans.unfinished.value]) await plans.discard(older.id)
  }

  /** «Повторить» on an unfinished task plan: the tasks already made are found by their keys. */
  async function resumeTasks(planId: string): Promise<void> {
    if (creating.value) return
    actionError.value = null
    createResult.value = null
    await finishTasks(() => taskPlans.resume(planId))
  }

  /** Runs the task plan, then reads the deal again whatever came of it (what was made shows). */
  async function finishTasks(run: () => Promise<WritePlan | null>): Promise<void> {
    try {
      const result = await run()
      if (result?.status === 'done') createResult.value = { created: finishedSteps(result).length }
    } catch (raw) {
      actionError.value = toGatewayError(raw)
    }
    await reload()
  }

  /**
   * Writes key fields onto the deal version the user started from: 'done', 'conflict' (someone
   * changed the deal: nothing written, the plan dropped so the form compares versions), or
   * 'incomplete' (kept for «Повторить»; the form keeps the draft).
   */
  async function writeFields(fields: Record<string, unknown>, dateModify: string): Promise<FieldsOutcome> {
    const id = dealId.value
    if (id === null || creating.value) return 'incomplete'
    // The draft holds every change not yet saved: an older unfinished save is superseded by this one.
    await discardAll(fieldPlans)
    return fieldsOutcome(await fieldPlans.run(keyFieldsPlan({ planId: newPlanId(), dealId: id, dateModify, fields, now: new Date() })))
  }

  async function resumeFields(planId: string): Promise<FieldsOutcome> {
    if (creating.value) return 'incomplete'
    const result = await fieldPlans.resume(planId)
    return result ? fieldsOutcome(result) : 'incomplete'
  }

  async function fieldsOutcome(result: WritePlan): Promise<FieldsOutcome> {
    if (result.status === 'done') return 'done'
    if (planProgress(result, 'ru').failure?.kind === 'conflict') {
      await fieldPlans.discard(result.id)
      return 'conflict'
    }
    return 'incomplete'
  }

  return {
    dealId,
    screen,
    loading,
    busy,
    loads,
    error,
    creating,
    creatingTasks,
    createResult,
    actionError,
    now,
    playbook,
    missingStages,
    enumMaps,
    snapshot,
    header,
    evaluation,
    taskPlans,
    fieldPlans,
    load,
    reload,
    createTasks,
    resumeTasks,
    writeFields,
    resumeFields,
  }
})
