import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  applyStatusAction,
  describeStatus,
  fitStatusToSector,
  historyEventToComment,
  validateHistoryEvent,
  validateProfileForm,
  type ClientStatus,
  type FieldErrors,
  type HistoryEvent,
  type ProfileForm,
  type StatusAction,
  type StatusRefusal,
} from '@/domain/client-profile'
import {
  compareForSave,
  editDraft,
  resolveConflicts,
  startDraft,
  type ConflictChoice,
  type FieldValues,
  type SaveComparison,
  type ServerVersion,
} from '@/domain/drafts'
import { useAppContext } from '@/stores/app-context'
import { useRecordDraft } from '@/stores/draft-storage'
import { useGatewayRequests } from '@/stores/gateway-requests'
import { loadProfileScreen, readCompanyNow, writeHistoryComment, writeProfile, writeStatusChange, type ProfileScreen } from './data'
import type { CompanyRow } from './dto'
import {
  companyToValues,
  companyUpdateFields,
  planContactOps,
  sectorOfCompany,
  statusLogOf,
  statusOfCompany,
  statusUpdateFields,
  valuesToForm,
  formToValues,
  type ProfileExtras,
} from './values'

export type ConflictComparison = Extract<SaveComparison<FieldValues>, { kind: 'conflict' }>

/** The «Профиль клиента» tab: the company as the portal has it, the user's draft over it, and the actions. */
export const useClientProfileStore = defineStore('clientProfile', () => {
  const app = useAppContext()
  const screen = shallowRef<ProfileScreen | null>(null)
  const { loading, busy, error, load: loadWith, act } = useGatewayRequests()
  const errors = ref<FieldErrors>({})
  const conflict = shallowRef<ConflictComparison | null>(null)
  const notice = ref<'saved' | 'nothing' | 'statusChanged' | 'historyAdded' | null>(null)
  const refusal = ref<StatusRefusal | null>(null)
  const storage = useRecordDraft<FieldValues>(() => app.frame, 'company')

  const companyId = computed(() => app.context?.entityId ?? null)

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

  async function load(): Promise<void> {
    const id = companyId.value
    if (id === null) return
    await loadWith(async () => {
      const loaded = await loadProfileScreen(app.requireGateway(), id)
      storage.open(id, loaded.me)
      screen.value = loaded
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
  }

  function replaceCompany(company: CompanyRow, contacts: ProfileScreen['contacts']): void {
    if (screen.value) screen.value = { ...screen.value, company, contacts }
  }

  /**
   * Save: validate what was typed, read the company as it is now, compare three ways.
   * Someone else's change to a field I also changed stops the save and shows both
   * (`conflict`); `choices` then says which one wins for each field.
   */
  async function save(choices?: Partial<Record<string, ConflictChoice>>): Promise<void> {
    const draft = storage.draft.value
    const current = screen.value
    const id = companyId.value
    if (!draft || !current || id === null) {
      notice.value = 'nothing'
      return
    }
    const year = new Date().getFullYear()
    const mine = validateProfileForm(valuesToForm(draft.edited).form, year)
    if (!mine.ok) {
      errors.value = mine.errors
      return
    }
    errors.value = {}
    await act(async () => {
      const gateway = app.requireGateway()
      const now = await readCompanyNow(gateway, id)
      replaceCompany(now.company, now.contacts)
      const server: ServerVersion<FieldValues> = {
        values: companyToValues(now.company, now.contacts, current.enums),
        dateModify: now.company.dateModify,
      }
      const comparison = compareForSave(draft, server)
      let patch: Partial<FieldValues>
      if (comparison.kind === 'conflict') {
        if (!choices) {
          conflict.value = comparison
          return
        }
        patch = resolveConflicts(comparison, choices)
      } else if (comparison.kind === 'nothing-to-save') {
        storage.clear()
        notice.value = 'nothing'
        return
      } else {
        patch = comparison.patch
      }
      conflict.value = null
      // What is written: the portal's values with my changes on top, validated as a whole.
      const merged = valuesToForm({ ...server.values, ...patch })
      const checked = validateProfileForm(merged.form, year)
      if (!checked.ok) {
        errors.value = checked.errors
        return
      }
      const changed = Object.keys(patch)
      const fields = companyUpdateFields(checked.value, changed, current.enums, now.company, merged.extras)
      // A new sector may put the client on the other ladder: its status restarts at «Новый», recorded.
      const fitted = changed.includes('sector') ? fitStatusToSector(statusOfCompany(now.company, current.enums), context(checked.value.sector as ProfileForm['sector'])) : null
      if (fitted) Object.assign(fields, statusUpdateFields(fitted.status, statusLogOf(now.company), fitted.record, current.enums))
      const contacts = changed.includes('contacts') && checked.value.contacts ? planContactOps(checked.value.contacts, now.contacts) : null
      const kept = contacts ? now.contacts.map((row) => row.id).filter((id) => !contacts.unlink.includes(id)) : []
      await writeProfile(gateway, id, fields, contacts, kept, now.company.assignedById || current.me)
      storage.clear()
      await reloadCompany()
      notice.value = 'saved'
    })
  }

  function cancelConflict(): void {
    conflict.value = null
  }

  function context(sector: ProfileForm['sector'], remark?: string) {
    return { sector, by: screen.value?.me ?? 0, at: new Date().toISOString(), remark }
  }

  async function reloadCompany(): Promise<void> {
    if (companyId.value === null) return
    const now = await readCompanyNow(app.requireGateway(), companyId.value)
    replaceCompany(now.company, now.contacts)
  }

  /** A status step, applied to the status the portal holds now, recorded in the log and the timeline. */
  async function changeStatus(action: StatusAction, remark?: string): Promise<void> {
    const current = screen.value
    const id = companyId.value
    if (!current || id === null) return
    refusal.value = null
    await act(async () => {
      const gateway = app.requireGateway()
      const now = await readCompanyNow(gateway, id)
      replaceCompany(now.company, now.contacts)
      const sector = sectorOfCompany(now.company, current.enums)
      const from = statusOfCompany(now.company, current.enums)
      const result = applyStatusAction(from, action, context(sector, remark))
      if (!result.ok) {
        refusal.value = result.reason
        return
      }
      const fields = statusUpdateFields(result.status, statusLogOf(now.company), result.record, current.enums)
      const lines = [`Статус клиента: ${describeStatus(from, sector)} → ${describeStatus(result.status, sector)}`]
      if (result.record.remark) lines.push(`Замечания: ${result.record.remark}`)
      await writeStatusChange(gateway, id, fields, lines.join('\n'))
      await reloadAll()
      notice.value = 'statusChanged'
    })
  }

  /** Reloads everything but keeps the draft (it lives in storage, not in the screen). */
  async function reloadAll(): Promise<void> {
    if (companyId.value === null) return
    screen.value = await loadProfileScreen(app.requireGateway(), companyId.value)
  }

  /** Adds a communication history event; returns field errors when it is not valid (nothing is sent then). */
  async function addHistoryEvent(event: HistoryEvent, files: [string, string][]): Promise<FieldErrors | null> {
    const id = companyId.value
    if (id === null) return null
    const checked = validateHistoryEvent({ ...event, files: files.map(([name]) => name) })
    if (!checked.ok) return checked.errors
    const done = await act(async () => {
      await writeHistoryComment(app.requireGateway(), id, historyEventToComment(checked.value), files)
      await reloadAll()
      notice.value = 'historyAdded'
    })
    // The form keeps what was typed when the comment was not written: the caller sees the failure.
    if (!done) throw error.value
    return null
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
  }
})
