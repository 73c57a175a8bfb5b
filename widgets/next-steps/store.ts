import { useNow } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { toGatewayError } from '@/b24/gateway'
import type { GatewayError } from '@/b24/gateway'
import { evaluateDeal } from '@/domain/playbook'
import type { DealEvaluation } from '@/domain/playbook'
import { useAppContext } from '@/stores/app-context'
import { createStageTasks, loadDealScreen, performedKeysOf, removeDuplicateTasks, runAutoActions, sendNotifications } from './data'
import type { CreateTasksResult, DealScreen } from './data'
import { enumMapsFrom } from './deal-fields'
import { toDealPeople, toDealSnapshot } from './evaluation-input'
import { playbookFromOptions } from './playbook-option'
import { duplicateTaskIds } from './tasks'
import { toNextStepsView } from './view-model'
import { PAID_AMOUNT_FIELD } from '@/domain/fields/next-steps'

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
  const creating = ref(false)
  /** Reads and actions in flight (a read with its follow-ups counts once). */
  const busy = ref(0)
  /** Completed reads of the screen (with their follow-ups): tests and the UI wait on it. */
  const loads = ref(0)
  const createResult = shallowRef<CreateTasksResult | null>(null)
  const actionError = shallowRef<GatewayError | null>(null)
  /** Automatic actions tried in this tab, so a failing one is not repeated in a loop. */
  const attemptedAuto = new Set<string>()
  /** When the screen was last read: the verdict never runs on a clock older than the data. */
  const readAt = ref(0)
  const clock = computed(() => new Date(Math.max(now.value.getTime(), readAt.value)))

  const playbook = computed(() => (screen.value ? playbookFromOptions(screen.value.options) : null))
  const enumMaps = computed(() => enumMapsFrom(screen.value?.userFields ?? []))
  const snapshot = computed(() => (screen.value ? toDealSnapshot(screen.value, enumMaps.value) : null))
  const header = computed(() => (screen.value ? toNextStepsView(screen.value.deal, screen.value.stages, screen.value.responsible ? [screen.value.responsible] : [], PAID_AMOUNT_FIELD) : null))

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

  /** Automatic actions and notifications the verdict asks for and this tab has not tried yet. */
  const pendingAuto = computed(() => {
    const e = evaluation.value
    if (!e) return []
    return [...e.autoActions.map((a) => a.key), ...e.notificationsDue.map((n) => n.key)].filter((key) => !attemptedAuto.has(key))
  })

  // A reminder falls due while the tab is open: carry it out without waiting for a reload.
  watch(pendingAuto, (keys) => {
    if (keys.length > 0 && busy.value === 0 && !creating.value && dealId.value !== null) void settleNow()
  })

  async function settleNow(): Promise<void> {
    busy.value++
    try {
      await settle(1)
    } finally {
      busy.value--
      loads.value++
    }
  }

  async function load(id: number, settleRound = 0): Promise<void> {
    dealId.value = id
    loading.value = true
    busy.value++
    error.value = null
    try {
      screen.value = await loadDealScreen(app.requireGateway(), id)
      readAt.value = Date.now()
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      loading.value = false
    }
    try {
      // A few rounds at most: each round fixes what the previous read showed.
      if (settleRound < 3) await settle(settleRound + 1)
    } finally {
      busy.value--
      if (settleRound === 0) loads.value++
    }
  }

  /** What the portal should already show by itself: late task copies removed, automatic moves done. */
  async function settle(round: number): Promise<void> {
    if (!screen.value || dealId.value === null) return
    const gateway = app.requireGateway()
    try {
      if (duplicateTaskIds(screen.value.tasks).length > 0) {
        await removeDuplicateTasks(gateway, screen.value.tasks)
        return await load(dealId.value, round)
      }
      const actions = (evaluation.value?.autoActions ?? []).filter((a) => !attemptedAuto.has(a.key))
      if (actions.length > 0) {
        actions.forEach((a) => attemptedAuto.add(a.key))
        await runAutoActions(gateway, dealId.value, actions, screen.value.stages)
        return await load(dealId.value, round)
      }
      const due = (evaluation.value?.notificationsDue ?? []).filter((n) => !attemptedAuto.has(n.key))
      if (due.length > 0) {
        due.forEach((n) => attemptedAuto.add(n.key))
        await sendNotifications(gateway, screen.value.deal, due)
        return await load(dealId.value, round)
      }
    } catch (raw) {
      actionError.value = toGatewayError(raw)
    }
  }

  async function reload(): Promise<void> {
    if (dealId.value !== null) await load(dealId.value)
  }

  /** One click: the stage's tasks in Bitrix24, never twice (N4). */
  async function createTasks(): Promise<void> {
    const toCreate = evaluation.value?.tasksToCreate ?? []
    if (creating.value || dealId.value === null || !snapshot.value || toCreate.length === 0) return
    creating.value = true
    actionError.value = null
    try {
      createResult.value = await createStageTasks(app.requireGateway(), dealId.value, toCreate, evaluation.value?.responsibleId ?? snapshot.value.responsibleId)
    } catch (raw) {
      actionError.value = toGatewayError(raw)
    } finally {
      creating.value = false
    }
    await reload()
  }

  return { dealId, screen, loading, busy, loads, error, creating, createResult, actionError, now, playbook, enumMaps, snapshot, header, evaluation, load, reload, createTasks }
})
