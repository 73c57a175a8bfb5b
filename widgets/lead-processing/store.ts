import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { FieldErrors } from '@/domain/client-profile'
import { editDraft, startDraft, type FieldValues } from '@/domain/drafts'
import {
  defaultTransitionInput,
  nextLeadStatus,
  planConversion,
  planLeadTransition,
  type ConversionRefusal,
  type LeadStatusCode,
  type LeadTransitionRefusal,
  type NotificationRefusal,
  type TransitionInput,
} from '@/domain/lead-processing'
import { useAppContext } from '@/stores/app-context'
import { useRecordDraft } from '@/stores/draft-storage'
import { useGatewayRequests } from '@/stores/gateway-requests'
import { findConvertedCompany, loadLeadScreen, readLeadNow, sendNewLeadNotification, writeConversion, writeTransition, type LeadScreen } from './data'
import { isWebFormLead, leadData, leadUpdateFields, objectTypeOf, processingOf } from './lead-model'
import { startNewLeadEvents } from './new-lead-events'
import { isLeadAnnounced, personName, planLeadAnnouncement } from './new-lead-notice'
import { transitionComment } from './transition-text'

/** The «Обработка лида» tab: the lead's processing state, the next step's form (kept as a draft), conversion, L3 notification. */
export const useLeadProcessingStore = defineStore('leadProcessing', () => {
  const app = useAppContext()
  const screen = shallowRef<LeadScreen | null>(null)
  const { loading, busy, error, load: loadWith, act } = useGatewayRequests()
  const errors = ref<FieldErrors>({})
  const refusal = ref<LeadTransitionRefusal | ConversionRefusal | 'changed-meanwhile' | null>(null)
  const notification = ref<{ sent: boolean; refusal: NotificationRefusal | null }>({ sent: false, refusal: null })
  const convertedCompanyId = ref<number | null>(null)
  const storage = useRecordDraft<FieldValues>(() => app.frame, 'lead')

  const leadId = computed(() => app.context?.entityId ?? null)
  const processing = computed(() => (screen.value ? processingOf(screen.value.lead, screen.value.enums) : null))
  const next = computed<LeadStatusCode | null>(() => (processing.value ? nextLeadStatus(processing.value.status) : null))
  const objectType = computed(() => (screen.value ? objectTypeOf(screen.value.lead, screen.value.enums, screen.value.directory) : null))

  /** The next step's inputs: the stored draft, else the defaults (today's date). */
  const input = computed<TransitionInput>(() => {
    const stored = storage.draft.value
    if (stored && stored.edited.to === next.value) return stored.edited as TransitionInput
    if (!processing.value || !next.value) return {}
    return defaultTransitionInput(processing.value, next.value, new Date())
  })

  const alreadyNotified = computed(() => (screen.value ? isLeadAnnounced(screen.value) : false))
  let newLeadEventsStarted = false

  async function load(): Promise<void> {
    const id = leadId.value
    if (id === null) return
    await loadWith(async () => {
      const loaded = await loadLeadScreen(app.requireGateway(), id)
      storage.open(id, loaded.me)
      screen.value = loaded
      const clientField = Object.entries(loaded.lead.uf).find(([key]) => key === 'UF_CRM_KOS_CLIENT')?.[1]
      convertedCompanyId.value = clientField ? Number(/(\d+)$/.exec(String(clientField))?.[1] ?? 0) || null : null
      // A web-form lead that is already «Новый» and nobody was told yet: tell them now (L3).
      if (isWebFormLead(loaded.lead) && processing.value?.status === 'NEW' && !alreadyNotified.value) await notify()
    })
    // Once per tab, after this lead's own check (so the two never announce it together): an admin's
    // tab also collects the other new leads from the offline queue (event.offline.* are admin-only).
    if (!newLeadEventsStarted) {
      newLeadEventsStarted = true
      startNewLeadEvents(app.gateway, app.context?.isAdmin === true)
    }
  }

  function editInput(patch: TransitionInput): void {
    if (!storage.key.value || !next.value) return
    const now = new Date().toISOString()
    const base = { ...input.value, to: next.value } as FieldValues
    const draft = storage.draft.value && storage.draft.value.edited.to === next.value ? storage.draft.value : startDraft(storage.key.value, { values: base, dateModify: null }, now)
    storage.write(editDraft(draft, patch as FieldValues, now))
  }

  /** L3: plan from the lead, the recipients map and the department heads, then send once. */
  async function notify(): Promise<void> {
    const current = screen.value
    if (!current || alreadyNotified.value) return
    const plan = planLeadAnnouncement(current)
    if (!plan.ok) {
      notification.value = { sent: false, refusal: plan.reason }
      return
    }
    await sendNewLeadNotification(app.requireGateway(), current.lead.id, plan.plan, (id) => personName(current, id))
    notification.value = { sent: true, refusal: null }
    screen.value = await loadLeadScreen(app.requireGateway(), current.lead.id)
  }

  /** One step forward with exactly what L2 asks; refused (nothing sent) when something is missing. */
  async function advance(): Promise<void> {
    const current = screen.value
    const from = processing.value
    const to = next.value
    const id = leadId.value
    if (!current || !from || !to || id === null) return
    refusal.value = null
    const planned = planLeadTransition(from, to, input.value)
    if (!planned.ok) {
      if (planned.reason === 'invalid-input') errors.value = planned.errors
      else refusal.value = planned.reason
      return
    }
    errors.value = {}
    await act(async () => {
      const gateway = app.requireGateway()
      // Someone else moved the lead since it was loaded: show the lead as it is now instead.
      const now = await readLeadNow(gateway, id)
      if (processingOf(now, current.enums).status !== from.status) {
        refusal.value = 'changed-meanwhile'
        screen.value = await loadLeadScreen(gateway, id)
        return
      }
      await writeTransition(gateway, id, leadUpdateFields(planned.next, current.enums, current.statusIds), transitionComment(from, planned.next))
      storage.clear()
      screen.value = await loadLeadScreen(gateway, id)
      if (from.status === 'REQUEST' && to === 'NEW') await notify()
    })
  }

  /** L4: the company (and contact) from the lead, once, however often the button is pressed. */
  async function convert(): Promise<void> {
    const current = screen.value
    const state = processing.value
    if (!current || !state) return
    refusal.value = null
    const planned = planConversion(leadData(current.lead, objectType.value), state, new Date())
    if (!planned.ok) {
      refusal.value = planned.reason
      return
    }
    await act(async () => {
      const gateway = app.requireGateway()
      const leadFields = leadUpdateFields(state, current.enums, current.statusIds)
      const { record } = await gateway.createOnce(
        `kos-lead-${current.lead.id}`,
        () => writeConversion(gateway, planned.plan, current.companyEnums, leadFields),
        () => findConvertedCompany(gateway, current.lead.id),
      )
      convertedCompanyId.value = record
      screen.value = await loadLeadScreen(gateway, current.lead.id)
    })
  }

  return {
    screen,
    loading,
    busy,
    error,
    errors,
    refusal,
    notification,
    convertedCompanyId,
    leadId,
    processing,
    next,
    objectType,
    input,
    alreadyNotified,
    load,
    editInput,
    advance,
    convert,
    notify,
  }
})
