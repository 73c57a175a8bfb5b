import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { findStepRecord } from '@/b24/write-plan'
import { leadData, objectTypeOf } from '@/b24/lead-notice'
import type { FieldErrors } from '@/domain/client-profile'
import { editDraft, startDraft, type FieldValues } from '@/domain/drafts'
import {
  afterLandedUpdate,
  assumeStarted,
  awaitsAnnouncement,
  bitrixLeadStatusId,
  conversionPlan,
  defaultTransitionInput,
  holdsStep,
  isLeadAnnounced,
  leadScope,
  leadStepPlan,
  nextLeadStatus,
  planConversion,
  planLeadAnnouncement,
  planLeadTransition,
  type ConversionRefusal,
  type LeadProcessing,
  type LeadStatusCode,
  type LeadTransitionRefusal,
  type NotificationRefusal,
  type TransitionInput,
} from '@/domain/lead-processing'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import { planProgress, stepState, type WritePlan } from '@/domain/write-plan'
import { useAppContext } from '@/stores/app-context'
import { useRecordDraft } from '@/stores/draft-storage'
import { useGatewayRequests } from '@/stores/gateway-requests'
import { newPlanId, useRecordPlans } from '@/stores/record-plans'
import { conversionInput, loadLeadScreen, type LeadScreen } from './data'
import { leadUpdateFields, processingOf } from './lead-model'
import { transitionComment } from './transition-text'

/** A status step whose lead update has not gone through (a plan left with only its comment is not one). */
const updateNotDone = (plan: WritePlan) =>
  plan.meta?.kind === 'lead-step' && plan.steps.some((step) => step.key === `${plan.id}-lead`) && stepState(plan, `${plan.id}-lead`).status !== 'done'

/** The plan stopped at its compare-and-set: someone changed the lead since it was read. */
const stoppedOnConflict = (plan: WritePlan) => plan.status !== 'done' && planProgress(plan, 'ru').failure?.kind === 'conflict'

/** L3 as the tab shows it: the notice went out, the runner will send it, or why nobody can be told. */
export type LeadNoticeView = { state: 'sent' } | { state: 'pending' } | { state: 'refused'; reason: NotificationRefusal }

/** The «Обработка лида» tab: the lead's processing state, the next step's form (kept as a draft), conversion, whether L3's notice went out. */
export const useLeadProcessingStore = defineStore('leadProcessing', () => {
  const app = useAppContext()
  const screen = shallowRef<LeadScreen | null>(null)
  const { loading, busy, error, load: loadWith, act } = useGatewayRequests()
  const errors = ref<FieldErrors>({})
  const refusal = ref<LeadTransitionRefusal | ConversionRefusal | 'changed-meanwhile' | 'lead-changed' | null>(null)
  /** The client made from the lead: the lead's «Созданный клиент» field (set as the conversion's last step). */
  const convertedCompanyId = computed(() => {
    const field = screen.value?.lead.uf[L.company.fieldName]
    return field ? Number(/(\d+)$/.exec(String(field))?.[1] ?? 0) || null : null
  })
  const storage = useRecordDraft<FieldValues>(() => app.frame, 'lead')
  /** The lead's writes as plans: the step and the conversion; unfinished ones listed on open. */
  const plans = markRaw(useRecordPlans(() => app.frame, () => app.requireGateway()))
  /** The last write finished (its success text may be shown). */
  const done = ref<'step' | 'conversion' | null>(null)

  const leadId = computed(() => app.context?.entityId ?? null)
  const processing = computed(() => (screen.value ? processingOf(screen.value.lead, screen.value.enums) : null))
  const next = computed<LeadStatusCode | null>(() => (processing.value ? nextLeadStatus(processing.value.status) : null))
  const objectType = computed(() => (screen.value ? objectTypeOf(screen.value.lead, screen.value.enums.objectType, screen.value.directory) : null))

  /** The next step's inputs: the stored draft, else the defaults (today's date). */
  const input = computed<TransitionInput>(() => {
    const stored = storage.draft.value
    if (stored && stored.edited.to === next.value) return stored.edited as TransitionInput
    if (!processing.value || !next.value) return {}
    return defaultTransitionInput(processing.value, next.value, new Date())
  })

  /**
   * Read-only: the runner sends the notice when the lead arrives (runner/handlers/lead.ts); the
   * marker comment its plan leaves on the lead says it went out.
   */
  const notice = computed<LeadNoticeView | null>(() => {
    const current = screen.value
    if (!current || !processing.value) return null
    if (isLeadAnnounced(current.lead.id, current.comments.map((comment) => comment.text))) return { state: 'sent' }
    if (!awaitsAnnouncement({ sourceId: current.lead.sourceId, status: processing.value.status, announced: false })) return null
    const lead = leadData(current.lead, objectType.value)
    const planned = planLeadAnnouncement({ lead, recipients: current.recipients, directory: current.directory, people: current.people, departments: current.departments })
    return planned.ok ? { state: 'pending' } : { state: 'refused', reason: planned.reason }
  })

  async function load(): Promise<void> {
    const id = leadId.value
    if (id === null) return
    await loadWith(async () => {
      const loaded = await loadLeadScreen(app.requireGateway(), id)
      storage.open(id, loaded.me)
      // Listing the lead's unfinished writes only reads the browser's journal; nothing is resumed unasked.
      await plans.open(loaded.me, leadScope(id))
      screen.value = loaded
    })
  }

  function editInput(patch: TransitionInput): void {
    if (!storage.key.value || !next.value) return
    const now = new Date().toISOString()
    const base = { ...input.value, to: next.value } as FieldValues
    const draft = storage.draft.value && storage.draft.value.edited.to === next.value ? storage.draft.value : startDraft(storage.key.value, { values: base, dateModify: null }, now)
    storage.write(editDraft(draft, patch as FieldValues, now))
  }

  /** One step forward with exactly what L2 asks; refused (nothing sent) when something is missing. */
  async function advance(): Promise<void> {
    const from = processing.value
    const to = next.value
    if (!screen.value || !from || !to || leadId.value === null || plans.busy.value) return
    refusal.value = null
    done.value = null
    const planned = planLeadTransition(from, to, input.value, new Date())
    if (!planned.ok) {
      if (planned.reason === 'invalid-input') errors.value = planned.errors
      else refusal.value = planned.reason
      return
    }
    errors.value = {}
    await act(() => writeStep(from, planned.next, true))
  }

  /** The step as a plan on the lead as it was read; a change meanwhile is looked at before anything more is written. */
  async function writeStep(from: LeadProcessing, to: LeadProcessing, mayRetry: boolean): Promise<void> {
    const current = screen.value!
    const plan = leadStepPlan({
      planId: newPlanId(),
      leadId: current.lead.id,
      dateModify: current.lead.dateModify,
      from: from.status,
      next: to,
      fields: leadUpdateFields(to, current.enums, current.statusIds),
      comment: transitionComment(from, to),
      now: new Date(),
    })
    // An earlier step that stopped before its update is superseded by this one (same form, newer version).
    for (const older of plans.unfinished.value.filter(updateNotDone)) await plans.discard(older.id)
    const result = await plans.run(plan)
    if (stoppedOnConflict(result)) return afterConflict(result, mayRetry ? (now) => writeStep(now, { ...to }, false) : null)
    await afterStep(result)
  }

  /**
   * The step's check found the lead changed, so the update did not go out this time. Read the lead:
   * if it holds the step (this user's own update landed and only its reply was lost), finish the
   * rest; if it moved elsewhere, show it; if someone edited something else, go onto the new version
   * once (`retry`). What the user typed stays the draft until the step is done.
   */
  async function afterConflict(result: WritePlan, retry: ((now: LeadProcessing) => Promise<void>) | null): Promise<void> {
    screen.value = await loadLeadScreen(app.requireGateway(), leadId.value!)
    const now = processing.value
    if (now && holdsStep(now, result)) return afterStep(await plans.run(afterLandedUpdate(result)))
    await plans.discard(result.id)
    if (!now || now.status !== result.meta?.from) refusal.value = 'changed-meanwhile'
    else if (retry) await retry(now)
    else refusal.value = 'lead-changed'
  }

  async function afterStep(result: WritePlan): Promise<void> {
    const id = leadId.value!
    // The draft is dropped only once the lead holds the step; otherwise «Повторить» finishes it.
    if (result.status === 'done') {
      storage.clear()
      done.value = 'step'
    }
    screen.value = await loadLeadScreen(app.requireGateway(), id)
  }

  /** L4: the company (and contact) from the lead, once, however often the button is pressed. */
  async function convert(): Promise<void> {
    const current = screen.value
    const state = processing.value
    if (!current || !state || plans.busy.value) return
    refusal.value = null
    done.value = null
    const planned = planConversion(leadData(current.lead, objectType.value), state, new Date())
    if (!planned.ok) {
      refusal.value = planned.reason
      return
    }
    await act(async () => {
      const leadStatus = bitrixLeadStatusId('PROCESSED', 'CONVERT', current.statusIds)
      let plan = conversionPlan(conversionInput(planned.plan, current.companyEnums, leadStatus, new Date()))
      // This lead's unfinished conversion is finished rather than started again.
      const unfinished = plans.unfinished.value.find((candidate) => candidate.id === plan.id)
      if (unfinished) plan = unfinished
      // A company made by an earlier attempt (another browser, a lost journal) is found by its key:
      // then every record of the plan is looked up before anything is made.
      else if ((await findStepRecord(app.requireGateway().transport, plan.steps[0]!)) !== null) plan = assumeStarted(plan)
      await afterConversion(await plans.run(plan))
    })
  }

  async function afterConversion(result: WritePlan): Promise<void> {
    if (result.status === 'done') done.value = 'conversion'
    screen.value = await loadLeadScreen(app.requireGateway(), leadId.value!)
  }

  /** «Повторить» on an unfinished write of this lead: finishes it, never doubling what is done. */
  async function resume(planId: string): Promise<void> {
    const plan = plans.unfinished.value.find((candidate) => candidate.id === planId)
    if (!plan || plans.busy.value) return
    refusal.value = null
    done.value = null
    await act(async () => {
      const result = (await plans.resume(planId))!
      if (plan.meta?.kind === 'lead-conversion') return afterConversion(result)
      if (stoppedOnConflict(result)) return afterConflict(result, null)
      await afterStep(result)
    })
  }

  /** A conversion of this lead waits to be finished: «Повторить» does it, a new one is not offered. */
  const conversionPending = computed(() => plans.unfinished.value.some((plan) => plan.meta?.kind === 'lead-conversion'))

  return {
    plans,
    done,
    conversionPending,
    resume,
    screen,
    loading,
    busy,
    error,
    errors,
    refusal,
    notice,
    convertedCompanyId,
    leadId,
    processing,
    next,
    objectType,
    input,
    load,
    editInput,
    advance,
    convert,
  }
})
