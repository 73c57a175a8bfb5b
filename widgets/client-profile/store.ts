import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import { GatewayError } from '@/b24/gateway'
import {
  applyStatusAction,
  canChangeHistoryEvent,
  companyScope,
  describeStatus,
  fitStatusToSector,
  historyChangePlan,
  historyChangeToComment,
  historyEventPlan,
  historyEventToComment,
  localIsoDate,
  newContactKey,
  planKind,
  profileSavePlan,
  remarksSchema,
  sourceTextSchema,
  statusChangeLanded,
  statusChangePlan,
  stoppedByConflict,
  validateAttachments,
  validateHistoryEvent,
  validateProfileForm,
  validateWith,
  withCompanyUpdateDone,
  withLostDeleteDone,
  writtenSteps,
  type ClientStatus,
  type ContactPerson,
  type FieldErrors,
  type HistoryEvent,
  type ProfileForm,
  type StatusAction,
  type StatusRefusal,
} from '@/domain/client-profile'
import { CLIENT_PROFILE_FIELDS as F } from '@/domain/fields/client-profile'
import {
  compareForSave,
  editDraft,
  rebaseDraft,
  resolveConflicts,
  sameValue,
  startDraft,
  type ConflictChoice,
  type Draft,
  type FieldValues,
  type SaveComparison,
  type ServerVersion,
} from '@/domain/drafts'
import { stepState, type StepFailure, type WritePlan } from '@/domain/write-plan'
import { useAppContext } from '@/stores/app-context'
import { useRecordDraft } from '@/stores/draft-storage'
import { useGatewayRequests } from '@/stores/gateway-requests'
import { newPlanId, useRecordPlans } from '@/stores/record-plans'
import { loadProfileScreen, readCompanyNow, type ProfileScreen } from './data'
import type { CompanyRow } from './dto'
import { toBase64Pairs, type PendingAttachment } from './files'
import type { HistoryItem } from './history-view'
import { plansOfKind } from './plan-views'
import {
  companyToValues,
  companyUpdateFields,
  companyWithFields,
  planContactOps,
  sectorOfCompany,
  statusLogOf,
  statusOfCompany,
  statusUpdateFields,
  valuesToForm,
  formToValues,
  legacyPositionClear,
  type ProfileExtras,
} from './values'

export type ConflictComparison = Extract<SaveComparison<FieldValues>, { kind: 'conflict' }>

/** Refusals a repeat cannot fix: the plan is dropped (nothing of it was written) and the reason shown. */
const FINAL_REFUSALS = new Set(['access', 'notFound'])

/** How often a save re-reads the company when it moved between the read and the write. */
const SAVE_ATTEMPTS = 3

type PlanOutcome = 'done' | 'moved' | 'refused' | 'unfinished'

/** A stopped plan's failure as the error the screen shows. */
function errorOf(failure: StepFailure | undefined): GatewayError {
  const kind = (failure?.kind ?? 'unknown') as GatewayError['kind']
  return new GatewayError(kind, failure?.code ?? '', failure?.description ?? '')
}

function failureOf(plan: WritePlan): StepFailure | undefined {
  for (const step of plan.steps) {
    const error = stepState(plan, step.key).error
    if (error) return error
  }
  return plan.meta?.lastError as StepFailure | undefined
}

/** The company's moved version, told as a conflict. */
const MOVED = new GatewayError('conflict', 'VERSION_MOVED', '')

/** The «Профиль клиента» tab: the company as the portal has it, the user's draft over it, and the actions. */
export const useClientProfileStore = defineStore('clientProfile', () => {
  const app = useAppContext()
  const screen = shallowRef<ProfileScreen | null>(null)
  const { loading, busy: acting, error, load: loadWith, act } = useGatewayRequests()
  const errors = ref<FieldErrors>({})
  const conflict = shallowRef<ConflictComparison | null>(null)
  const notice = ref<'saved' | 'nothing' | 'statusChanged' | 'historyAdded' | 'historyChanged' | 'historyRemoved' | null>(null)
  const refusal = ref<StatusRefusal | null>(null)
  /** Why the last save, status change or history event was not written (the plan was dropped). */
  const saveError = shallowRef<GatewayError | null>(null)
  const statusError = shallowRef<GatewayError | null>(null)
  const historyError = shallowRef<GatewayError | null>(null)
  /** Why the last edit or delete of a history event was not made (nothing of it was written). */
  const historyChangeError = shallowRef<GatewayError | null>(null)
  /** Counts history events that reached the portal (the form empties itself on a change). */
  const historyDone = ref(0)
  const storage = useRecordDraft<FieldValues>(() => app.frame, 'company')
  // Raw: the refs inside stay refs for WritePlanStatus (a store would unwrap them).
  const plans = markRaw(useRecordPlans(() => app.frame, () => app.requireGateway()))
  /** The plan last run or resumed: while its action still goes on (it may read and go on with it), it is not offered as stopped. */
  const following = ref<string | null>(null)
  const held = () => (acting.value ? following.value : null)
  const planViews = markRaw({
    save: plansOfKind(plans, 'profile-save', held),
    status: plansOfKind(plans, 'status-change', held),
    history: plansOfKind(plans, ['history-event', 'history-change'], held),
  })

  const companyId = computed(() => app.context?.entityId ?? null)
  const busy = computed(() => acting.value || plans.busy.value)
  const pending = (kind: ReturnType<typeof planKind>) => plans.unfinished.value.some((plan) => planKind(plan) === kind)
  /** An unfinished save of this company: «Повторить» finishes it; a new save would write over it. */
  const savePending = computed(() => pending('profile-save'))
  const historyPending = computed(() => pending('history-event'))
  const historyChangePending = computed(() => pending('history-change'))

  const serverVersion = computed<ServerVersion<FieldValues> | null>(() => {
    const current = screen.value
    if (!current) return null
    return { values: companyToValues(current.company, current.contacts, current.enums), dateModify: current.company.dateModify }
  })

  /** What the form shows: the draft when there is one, else the portal's values. */
  const values = computed<FieldValues | null>(() => storage.draft.value?.edited ?? serverVersion.value?.values ?? null)
  const form = computed(() => (values.value ? valuesToForm(values.value) : null))
  const hasDraft = computed(() => storage.draft.value !== null)

  const status = computed<ClientStatus | null>(() => (screen.value ? statusOfCompany(screen.value.company, screen.value.enums) : null))
  const savedSector = computed(() => (screen.value ? sectorOfCompany(screen.value.company, screen.value.enums) : null))
  const statusLog = computed(() => (screen.value ? statusLogOf(screen.value.company) : []))

  /** Opens the tab: one batch read, then the company's unfinished plans are listed (nothing is written). */
  async function load(): Promise<void> {
    const id = companyId.value
    if (id === null) return
    await loadWith(async () => {
      const loaded = await loadProfileScreen(app.requireGateway(), id)
      storage.open(id, loaded.me)
      screen.value = loaded
      await plans.open(loaded.me, companyScope(id))
    })
  }

  /** Every keystroke: the draft (started from the portal's values) takes the new form. */
  function edit(next: ProfileForm, extras: ProfileExtras): void {
    const server = serverVersion.value
    if (!server || !storage.key.value) return
    const now = new Date().toISOString()
    const draft = storage.draft.value ?? startDraft(storage.key.value, server, now)
    storage.write(editDraft(draft, formToValues(next, extras), now))
    notice.value = null
  }

  function discard(): void {
    storage.clear()
    errors.value = {}
    conflict.value = null
    saveError.value = null
  }

  function replaceCompany(company: CompanyRow, contacts: ProfileScreen['contacts']): void {
    if (screen.value) screen.value = { ...screen.value, company, contacts }
  }

  /** Runs a plan; a plan that could not even start (the journal is full) rejects like a failed request. */
  function run(plan: WritePlan): Promise<WritePlan> {
    following.value = plan.id
    return plans.run(plan)
  }

  /** A stopped plan that nothing can finish (no rights, the company is gone) and that wrote nothing is dropped. */
  async function dropRefused(plan: WritePlan): Promise<GatewayError | null> {
    const failure = failureOf(plan)
    if (!failure || !FINAL_REFUSALS.has(failure.kind) || writtenSteps(plan).length > 0) return null
    await plans.discard(plan.id)
    return errorOf(failure)
  }

  /** Field errors of the whole draft, or null: the profile form and the contact source. */
  function draftErrors(draft: Draft<FieldValues>, year: number): FieldErrors | null {
    const { form: typed, extras } = valuesToForm(draft.edited)
    const checked = validateProfileForm(typed, year)
    const source = validateWith(sourceTextSchema, extras.source)
    const found = { ...(checked.ok ? {} : checked.errors), ...(source.ok ? {} : { source: source.errors[''] ?? Object.values(source.errors)[0]! }) }
    return Object.keys(found).length > 0 ? found : null
  }

  /**
   * Save: validate what was typed, read the company as it is now and compare three ways.
   * Someone else's change to a field I also changed stops the save and shows both
   * (`conflict`); `choices` then says which one wins for each field. The write itself is a
   * plan guarded by the version just read: when the company moves before the write lands,
   * nothing is written and the comparison runs again on the new version.
   */
  async function save(choices?: Partial<Record<string, ConflictChoice>>): Promise<void> {
    const draft = storage.draft.value
    const current = screen.value
    const id = companyId.value
    if (!draft || !current || id === null) {
      notice.value = 'nothing'
      return
    }
    if (savePending.value) return
    const year = new Date().getFullYear()
    const invalid = draftErrors(draft, year)
    errors.value = invalid ?? {}
    saveError.value = null
    if (invalid) return
    await act(async () => {
      let pick = choices
      for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
        const outcome = await saveOnce(id, current, pick, attempt > 0, year)
        if (outcome !== 'moved') return
        // The company moved between the read and the write: compare again on the new version.
        pick = undefined
      }
      saveError.value = MOVED
    })
  }

  async function saveOnce(id: number, current: ProfileScreen, choices: Partial<Record<string, ConflictChoice>> | undefined, retried: boolean, year: number): Promise<PlanOutcome | 'stopped'> {
    const draft = storage.draft.value
    if (!draft) return 'stopped'
    const gateway = app.requireGateway()
    const now = await readCompanyNow(gateway, id)
    replaceCompany(now.company, now.contacts)
    const server: ServerVersion<FieldValues> = { values: companyToValues(now.company, now.contacts, current.enums), dateModify: now.company.dateModify }
    const comparison = compareForSave(draft, server)
    let patch: Partial<FieldValues>
    if (comparison.kind === 'conflict') {
      const unchosen = !choices || comparison.conflicts.some((item) => choices[item.field] === undefined)
      if (unchosen) {
        conflict.value = comparison
        return 'stopped'
      }
      patch = resolveConflicts(comparison, choices!)
    } else if (comparison.kind === 'nothing-to-save') {
      // After a write that moved the company itself, the portal already holds what was typed.
      storage.clear()
      conflict.value = null
      notice.value = retried ? 'saved' : 'nothing'
      return 'done'
    } else {
      patch = comparison.patch
    }
    conflict.value = null
    // What is written: the portal's values with my changes on top, validated as a whole.
    const merged = valuesToForm({ ...server.values, ...patch })
    const checked = validateProfileForm(merged.form, year)
    if (!checked.ok) {
      errors.value = checked.errors
      return 'stopped'
    }
    const changed = Object.keys(patch)
    const fields = companyUpdateFields(checked.value, changed, current.enums, now.company, merged.extras)
    // A new sector may put the client on the other ladder: its status restarts at «Новый», recorded.
    const fitted = changed.includes('sector') ? fitStatusToSector(statusOfCompany(now.company, current.enums), context(checked.value.sector as ProfileForm['sector'])) : null
    if (fitted) Object.assign(fields, statusUpdateFields(fitted.status, statusLogOf(now.company), fitted.record, current.enums))
    const contactsChanged = changed.includes('contacts') || changed.includes('shown.position')
    const contacts = contactsChanged && checked.value.contacts ? planContactOps(checked.value.contacts, now.contacts, checked.value.shown.position) : null
    // Contacts alone still go through the guarded company update: the ФИО tick, written as it is.
    if (Object.keys(fields).length === 0) fields[F.showContacts.fieldName] = checked.value.shown.contacts ? 1 : 0
    // What the company reads like once the update is in: a repeat that finds it there knows the write was its own.
    const expected = companyToValues(companyWithFields(now.company, fields), now.contacts, current.enums)
    const expect = Object.fromEntries(Object.entries(expected).filter(([key, value]) => key !== 'contacts' && !sameValue(value, server.values[key])))
    const planId = newPlanId()
    const plan = profileSavePlan({
      planId,
      companyId: id,
      dateModify: now.company.dateModify,
      fields,
      contacts: {
        add: contacts?.add ?? [],
        update: contacts?.update ?? [],
        relink: contacts && contacts.unlink.length > 0 ? now.contacts.map((row) => row.id).filter((contactId) => !contacts.unlink.includes(contactId)) : null,
      },
      afterContacts: legacyPositionClear(checked.value, changed, now.company) ?? undefined,
      assignedById: now.company.assignedById || current.me,
      now: new Date(),
      meta: { edited: draft.edited, expect },
    })
    return afterSave(await run(plan))
  }

  /**
   * The save's check refused the company's version. When the company holds what the guarded
   * update writes, the update was the save's own (it got there, its reply did not): the plan
   * goes on after it. Otherwise someone else moved the company.
   */
  async function ownUpdateLanded(plan: WritePlan): Promise<boolean> {
    const current = screen.value
    const id = companyId.value
    if (!current || id === null) return false
    const now = await readCompanyNow(app.requireGateway(), id)
    replaceCompany(now.company, now.contacts)
    const actual = companyToValues(now.company, now.contacts, current.enums)
    const expect = (plan.meta?.expect ?? null) as FieldValues | null
    return expect !== null && Object.entries(expect).every(([key, value]) => sameValue(actual[key], value))
  }

  /** What a save plan's end means for the screen: «Сохранено» only when every step is done. */
  async function afterSave(plan: WritePlan): Promise<PlanOutcome> {
    if (plan.status === 'done') {
      await finishSaved(plan)
      return 'done'
    }
    if (stoppedByConflict(plan)) {
      const id = companyId.value
      if (id !== null && (await ownUpdateLanded(plan))) return afterSave(await run(withCompanyUpdateDone(plan, id)))
      // Nothing after the check ran: the plan is replaced by a new comparison (and a new plan or the merge view).
      await plans.discard(plan.id)
      return 'moved'
    }
    const refused = await dropRefused(plan)
    if (refused) {
      saveError.value = refused
      return 'refused'
    }
    return 'unfinished'
  }

  /** The saved draft is gone; what was typed after the plan started stays, on top of the new version. */
  async function finishSaved(plan: WritePlan): Promise<void> {
    const current = screen.value
    const id = companyId.value
    if (!current || id === null) return
    const now = await readCompanyNow(app.requireGateway(), id)
    replaceCompany(now.company, now.contacts)
    const draft = storage.draft.value
    if (draft) {
      if (sameValue(draft.edited, plan.meta?.edited)) storage.clear()
      else keepDraftOver(now.company, now.contacts, { ...draft.edited, contacts: withCreatedContacts(draft.edited.contacts, plan) })
    }
    errors.value = {}
    notice.value = 'saved'
  }

  /** New persons of the draft that the plan created get their contact's ID (so a later save does not add them again). */
  function withCreatedContacts(value: unknown, plan: WritePlan): unknown {
    if (!Array.isArray(value)) return value
    return (value as ContactPerson[]).map((person) => {
      if (person.contactId !== null) return person
      const created = stepState(plan, newContactKey(plan.id, person.key))
      return created.status === 'done' && typeof created.value === 'number' ? { ...person, contactId: created.value, key: `c${created.value}` } : person
    })
  }

  function cancelConflict(): void {
    conflict.value = null
  }

  function context(sector: ProfileForm['sector'], remark?: string) {
    return { sector, by: screen.value?.me ?? 0, at: new Date().toISOString(), remark }
  }

  /** A status step, applied to the status the portal holds now, recorded in the log and the timeline. */
  async function changeStatus(action: StatusAction, remark?: string): Promise<void> {
    const current = screen.value
    const id = companyId.value
    // One change at a time: a second press while the first is written would apply it twice.
    if (!current || id === null || busy.value) return
    refusal.value = null
    statusError.value = null
    notice.value = null
    if (remark !== undefined) {
      const checked = validateWith(remarksSchema, remark)
      if (!checked.ok) {
        errors.value = { ...errors.value, remarks: Object.values(checked.errors)[0]! }
        return
      }
    }
    await act(async () => {
      const gateway = app.requireGateway()
      const now = await readCompanyNow(gateway, id)
      replaceCompany(now.company, now.contacts)
      const sector = sectorOfCompany(now.company, current.enums)
      const from = statusOfCompany(now.company, current.enums)
      const result = applyStatusAction(from, action, context(sector, remark?.trim() || undefined))
      if (!result.ok) {
        refusal.value = result.reason
        return
      }
      const fields = statusUpdateFields(result.status, statusLogOf(now.company), result.record, current.enums)
      // A remark belongs to this change (its log record and comment): the block empties and hides after it.
      if (result.record.remark) Object.assign(fields, { [F.remarks.fieldName]: '', [F.showRemarks.fieldName]: 0 })
      const lines = [`Статус клиента: ${describeStatus(from, sector)} → ${describeStatus(result.status, sector)}`]
      if (result.record.remark) lines.push(`Замечания: ${result.record.remark}`)
      const plan = statusChangePlan({
        planId: newPlanId(),
        companyId: id,
        dateModify: now.company.dateModify,
        fields,
        comment: lines.join('\n'),
        move: {
          ru: `${describeStatus(from, sector, 'ru')} → ${describeStatus(result.status, sector, 'ru')}`,
          en: `${describeStatus(from, sector, 'en')} → ${describeStatus(result.status, sector, 'en')}`,
        },
        record: result.record,
        now: new Date(),
      })
      await afterStatus(await run(plan))
    })
  }

  async function afterStatus(plan: WritePlan): Promise<void> {
    const id = companyId.value
    if (plan.status === 'done') {
      await reloadAll()
      if ((plan.meta?.record as { remark?: string } | undefined)?.remark) forgetRemark()
      notice.value = 'statusChanged'
      return
    }
    if (stoppedByConflict(plan) && id !== null) {
      const now = await readCompanyNow(app.requireGateway(), id)
      replaceCompany(now.company, now.contacts)
      // Its own update landed before a lost reply: only the comment is left to write.
      if (statusChangeLanded(plan, statusLogOf(now.company))) return afterStatus(await run(withCompanyUpdateDone(plan, id)))
      await plans.discard(plan.id)
      statusError.value = MOVED
      await reloadAll()
      return
    }
    const refused = await dropRefused(plan)
    if (refused) {
      statusError.value = refused
      await reloadAll()
    }
  }

  /** The draft's remark went with a status change: the draft keeps the rest, on the version just read. */
  function forgetRemark(): void {
    const draft = storage.draft.value
    const current = screen.value
    if (!draft || !current) return
    keepDraftOver(current.company, current.contacts, { ...draft.edited, remarks: '', remarksShown: false })
  }

  /** The draft with `edited` rebased on the company as it is now; gone when nothing of it differs. */
  function keepDraftOver(company: CompanyRow, contacts: ProfileScreen['contacts'], edited: FieldValues): void {
    const draft = storage.draft.value
    const current = screen.value
    if (!draft || !current) return
    const server = { values: companyToValues(company, contacts, current.enums), dateModify: company.dateModify }
    const rebased = rebaseDraft({ ...draft, edited }, server, new Date().toISOString())
    if (sameValue(rebased.edited, server.values)) storage.clear()
    else storage.write(rebased)
  }

  /** Reloads everything but keeps the draft (it lives in storage, not in the screen). */
  async function reloadAll(): Promise<void> {
    if (companyId.value === null) return
    screen.value = await loadProfileScreen(app.requireGateway(), companyId.value)
  }

  /**
   * Adds a communication history event. Field errors come back when it is not valid (nothing
   * is sent then); `done` when the portal holds it; `kept` when it did not get there (the form
   * keeps it, the unfinished write is listed with «Повторить» or the reason is shown).
   */
  async function addHistoryEvent(event: HistoryEvent, attachments: PendingAttachment[]): Promise<FieldErrors | 'done' | 'kept'> {
    const id = companyId.value
    if (id === null || historyPending.value) return 'kept'
    historyError.value = null
    notice.value = null
    const checked = validateHistoryEvent({ ...event, files: attachments.map((file) => file.name) }, localIsoDate(new Date()))
    const files = validateAttachments(attachments)
    if (!checked.ok || files) return { ...(checked.ok ? {} : checked.errors), ...files }
    let outcome: 'done' | 'kept' = 'kept'
    await act(async () => {
      const plan = historyEventPlan({ planId: newPlanId(), companyId: id, comment: historyEventToComment(checked.value), files: await toBase64Pairs(attachments), now: new Date() })
      outcome = (await afterHistory(await run(plan))) ? 'done' : 'kept'
    })
    return outcome
  }

  async function afterHistory(plan: WritePlan): Promise<boolean> {
    if (plan.status === 'done') {
      await reloadAll()
      notice.value = 'historyAdded'
      historyDone.value++
      return true
    }
    const refused = await dropRefused(plan)
    if (refused) historyError.value = refused
    return false
  }

  /**
   * Edits (`next`) or deletes (`null`) a history event: only its author may (others are not
   * offered it; the portal refuses them too). The change, then its record (who, when, what it
   * was), as one plan. Field errors when the edit is not valid (nothing is sent); `done` when the
   * portal holds the change; `kept` when it did not get there.
   */
  async function changeHistoryEvent(item: HistoryItem, next: HistoryEvent | null): Promise<FieldErrors | 'done' | 'kept'> {
    const id = companyId.value
    const me = screen.value?.me ?? 0
    if (id === null || historyChangePending.value) return 'kept'
    historyChangeError.value = null
    notice.value = null
    if (!canChangeHistoryEvent(item, me)) {
      historyChangeError.value = new GatewayError('access', 'NOT_AUTHOR', '')
      return 'kept'
    }
    let afterText: string | undefined
    if (next) {
      const checked = validateHistoryEvent({ ...next, files: item.event.files }, localIsoDate(new Date()))
      if (!checked.ok) return checked.errors
      // The comment keeps the tag of the write that made it.
      afterText = historyEventToComment(checked.value) + (/\n\[b24app:[^\]]*\]$/.exec(item.raw)?.[0] ?? '')
    }
    let outcome: 'done' | 'kept' = 'kept'
    await act(async () => {
      const record = historyChangeToComment(next ? 'edited' : 'deleted', item.id, item.raw)
      const plan = historyChangePlan({ planId: newPlanId(), companyId: id, eventId: item.id, beforeText: item.raw, record, afterText, now: new Date() })
      outcome = (await afterHistoryChange(await run(plan))) ? 'done' : 'kept'
    })
    return outcome
  }

  async function afterHistoryChange(plan: WritePlan): Promise<boolean> {
    const lostDelete = withLostDeleteDone(plan)
    if (lostDelete) return afterHistoryChange(await run(lostDelete))
    if (plan.status === 'done') {
      await reloadAll()
      notice.value = plan.meta?.action === 'deleted' ? 'historyRemoved' : 'historyChanged'
      return true
    }
    const refused = await dropRefused(plan)
    if (refused) historyChangeError.value = refused
    return false
  }

  /** «Повторить» on an unfinished plan: its done steps stay done, the rest is sent (a create is looked up first). */
  async function resume(planId: string): Promise<void> {
    const plan = plans.unfinished.value.find((candidate) => candidate.id === planId)
    const id = companyId.value
    const current = screen.value
    if (!plan || id === null || !current) return
    saveError.value = null
    statusError.value = null
    historyError.value = null
    historyChangeError.value = null
    await act(async () => {
      following.value = planId
      const result = await plans.resume(planId)
      if (!result) return
      switch (planKind(result)) {
        case 'profile-save': {
          let outcome = await afterSave(result)
          // The company moved under the repeat (or under its own earlier write): compare again, never a false conflict.
          for (let attempt = 0; outcome === 'moved' && attempt < SAVE_ATTEMPTS; attempt++) {
            const next = await saveOnce(id, current, undefined, true, new Date().getFullYear())
            outcome = next === 'stopped' ? 'unfinished' : next
          }
          if (outcome === 'moved') saveError.value = MOVED
          return
        }
        case 'status-change':
          return afterStatus(result)
        case 'history-event':
          await afterHistory(result)
          return
        case 'history-change':
          await afterHistoryChange(result)
          return
        default:
          await reloadAll()
      }
    })
  }

  return {
    screen,
    loading,
    busy,
    error,
    errors,
    conflict,
    notice,
    refusal,
    saveError,
    statusError,
    historyError,
    historyChangeError,
    historyChangePending,
    historyDone,
    savePending,
    historyPending,
    plans,
    planViews,
    form,
    hasDraft,
    status,
    savedSector,
    statusLog,
    companyId,
    load,
    edit,
    discard,
    save,
    cancelConflict,
    changeStatus,
    addHistoryEvent,
    changeHistoryEvent,
    resume,
  }
})
