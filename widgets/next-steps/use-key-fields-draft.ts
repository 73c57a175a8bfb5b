import { useStorage } from '@vueuse/core'
import { computed, shallowRef } from 'vue'
import type { Ref } from 'vue'
import { PLAYBOOK_FIELD_KEYS } from '@/domain/fields/playbook'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { LocalizedText } from '@/domain/fields/types'
import { changedFields, compareForSave, draftStorageKey, readStoredDraft, resolveConflicts, startDraft, editDraft } from '@/domain/drafts'
import type { ConflictChoice, Draft, FieldConflict, SaveComparison, ServerVersion } from '@/domain/drafts'
import type { DealDto } from '@/b24/deal-screen/dto'
import { readPlaybookFields, toFormValues, toRestFields, validateForm } from '@/b24/deal-screen/deal-fields'
import type { EnumMaps, FormValues } from '@/b24/deal-screen/deal-fields'

/** Server values of all playbook fields in form shape, and the deal's DATE_MODIFY. */
export function serverVersion(deal: DealDto, maps: EnumMaps): ServerVersion<FormValues> {
  return { values: toFormValues(readPlaybookFields(deal, maps), PLAYBOOK_FIELD_KEYS), dateModify: deal.DATE_MODIFY ?? null }
}

/** What became of a write of key fields (the store's plan). */
export type WriteOutcome = 'done' | 'conflict' | 'incomplete'

export type SaveOutcome = 'saved' | 'invalid' | 'conflict' | 'nothing' | 'incomplete'

export interface KeyFieldsDraftOptions {
  /** `member:deal:id:uUser`, or null until the deal and user are known. */
  storageKey: Ref<string | null>
  server: Ref<ServerVersion<FormValues> | null>
  maps: Ref<EnumMaps>
  currency: Ref<string>
  /** Reads the deal as it is now (to compare versions after a write found it changed). */
  readServer: () => Promise<ServerVersion<FormValues>>
  /** Writes crm.deal.update fields onto the deal version `dateModify` (compare-and-set). */
  write: (fields: Record<string, unknown>, dateModify: string) => Promise<WriteOutcome>
  /** Finishes an unfinished write of these fields («Повторить»). */
  resume: (planId: string) => Promise<WriteOutcome>
  storage?: Storage
}

/** How often a save follows the deal when others keep changing other fields meanwhile. */
const REBASES = 3

export function draftKey(memberId: string, dealId: number, userId: number): string {
  return `${memberId}:${draftStorageKey('deal', dealId, userId)}`
}

/**
 * The in-place fields as a draft kept in browser storage until saved or discarded: a reload
 * keeps what was typed, and a save that would overwrite someone else's change stops and
 * shows both versions to merge (src/domain/drafts).
 */
export function useKeyFieldsDraft(options: KeyFieldsDraftOptions) {
  const stored = useStorage<string | null>(() => options.storageKey.value ?? 'next-steps:none', null, options.storage, {
    serializer: { read: (v) => v, write: (v) => v ?? '' },
  })
  const conflicts = shallowRef<FieldConflict<FormValues>[]>([])
  const errors = shallowRef<Partial<Record<PlaybookFieldKey, LocalizedText>>>({})
  const saving = shallowRef(false)
  /** The comparison the merge view shows, and the deal's version it was made against. */
  let pending: { comparison: Extract<SaveComparison<FormValues>, { kind: 'conflict' }>; server: ServerVersion<FormValues> } | null = null

  const draft = computed<Draft<FormValues> | null>(() => {
    if (!options.storageKey.value) return null
    return (readStoredDraft(stored.value, options.storageKey.value) as Draft<FormValues> | null) ?? null
  })

  /** What the form shows: the draft's values, else the server's. */
  const values = computed<FormValues>(() => draft.value?.edited ?? options.server.value?.values ?? {})
  const dirty = computed(() => (draft.value ? changedFields(draft.value.base.values, draft.value.edited).length > 0 : false))

  function edit(key: PlaybookFieldKey, value: string | boolean): void {
    if (!options.storageKey.value || !options.server.value) return
    const current = draft.value ?? startDraft(options.storageKey.value, options.server.value, new Date().toISOString())
    stored.value = JSON.stringify(editDraft(current, { [key]: value }, new Date().toISOString()))
    errors.value = { ...errors.value, [key]: undefined }
  }

  function discard(): void {
    stored.value = null
    conflicts.value = []
    errors.value = {}
    pending = null
  }

  /** Writes `patch` onto version `dateModify`; when the deal moved, compares and follows it (or stops at a conflict). */
  async function attempt(current: Draft<FormValues>, patch: FormValues, dateModify: string, rebases: number): Promise<SaveOutcome> {
    const rest = toRestFields(patch, options.maps.value, options.currency.value)
    if (!rest.ok) {
      errors.value = rest.errors
      return 'invalid'
    }
    if (Object.keys(rest.fields).length === 0) {
      discard()
      return 'nothing'
    }
    const outcome = await options.write(rest.fields, dateModify)
    if (outcome === 'done') {
      discard()
      return 'saved'
    }
    if (outcome === 'incomplete') return 'incomplete'
    // Someone changed the deal since this draft's version: nothing was written. Compare with it now.
    const server = await options.readServer()
    const comparison = compareForSave(current, server)
    if (comparison.kind === 'conflict' || rebases <= 0) {
      pending = comparison.kind === 'conflict' ? { comparison, server } : null
      conflicts.value = comparison.kind === 'conflict' ? comparison.conflicts : []
      return 'conflict'
    }
    if (comparison.kind === 'nothing-to-save') {
      // The deal holds every value this user typed: their own update landed (its reply was lost) or someone typed the same.
      discard()
      return 'saved'
    }
    return attempt(current, comparison.patch, server.dateModify ?? '', rebases - 1)
  }

  /** Validates, then writes what this user changed onto the version the draft started from. */
  async function save(): Promise<SaveOutcome> {
    const current = draft.value
    if (!current) return 'nothing'
    const changed = changedFields(current.base.values, current.edited) as PlaybookFieldKey[]
    const found = validateForm(current.edited, changed)
    errors.value = found
    if (Object.keys(found).length > 0) return 'invalid'
    saving.value = true
    try {
      const patch = Object.fromEntries(changed.map((key) => [key, current.edited[key]])) as FormValues
      return await attempt(current, patch, current.base.dateModify ?? '', REBASES)
    } finally {
      saving.value = false
    }
  }

  /** After the merge: the deal's version becomes the draft's base with the chosen values on top, and it is saved. */
  async function resolve(choices: Partial<Record<string, ConflictChoice>>): Promise<SaveOutcome> {
    if (!pending || !options.storageKey.value) return 'nothing'
    const at = new Date().toISOString()
    const merged = resolveConflicts(pending.comparison, choices)
    stored.value = JSON.stringify(editDraft(startDraft(options.storageKey.value, pending.server, at), merged, at))
    conflicts.value = []
    pending = null
    return save()
  }

  /** «Повторить» on an unfinished write: done → the draft goes; the deal moved → compared as on save. */
  async function resume(planId: string): Promise<SaveOutcome> {
    saving.value = true
    let outcome: WriteOutcome
    try {
      outcome = await options.resume(planId)
    } finally {
      saving.value = false
    }
    if (outcome === 'done') {
      discard()
      return 'saved'
    }
    return outcome === 'conflict' ? save() : 'incomplete'
  }

  return { draft, values, dirty, errors, conflicts, saving, edit, discard, save, resolve, resume }
}
