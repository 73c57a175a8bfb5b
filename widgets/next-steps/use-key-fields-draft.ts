import { useStorage } from '@vueuse/core'
import { computed, shallowRef } from 'vue'
import type { Ref } from 'vue'
import { PLAYBOOK_FIELD_KEYS } from '@/domain/fields/playbook'
import type { PlaybookFieldKey } from '@/domain/fields/playbook'
import type { LocalizedText } from '@/domain/fields/types'
import { changedFields, compareForSave, draftStorageKey, readStoredDraft, resolveConflicts, startDraft, editDraft } from '@/domain/drafts'
import type { ConflictChoice, Draft, FieldConflict, ServerVersion } from '@/domain/drafts'
import type { DealDto } from './dto'
import { readPlaybookFields, toFormValues, toRestFields, validateForm } from './deal-fields'
import type { EnumMaps, FormValues } from './deal-fields'

/** Server values of all playbook fields in form shape, and the deal's DATE_MODIFY. */
export function serverVersion(deal: DealDto, maps: EnumMaps): ServerVersion<FormValues> {
  return { values: toFormValues(readPlaybookFields(deal, maps), PLAYBOOK_FIELD_KEYS), dateModify: deal.DATE_MODIFY ?? null }
}

export interface KeyFieldsDraftOptions {
  /** `member:deal:id:uUser`, or null until the deal and user are known. */
  storageKey: Ref<string | null>
  server: Ref<ServerVersion<FormValues> | null>
  maps: Ref<EnumMaps>
  currency: Ref<string>
  /** Reads the deal as it is now (for the conflict check). */
  readServer: () => Promise<ServerVersion<FormValues>>
  /** Sends crm.deal.update fields. */
  write: (fields: Record<string, unknown>) => Promise<void>
  storage?: Storage
}

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
  let pendingComparison: Extract<ReturnType<typeof compareForSave<FormValues>>, { kind: 'conflict' }> | null = null

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
    pendingComparison = null
  }

  async function send(patch: FormValues): Promise<void> {
    if (Object.keys(patch).length > 0) await options.write(toRestFields(patch, options.maps.value, options.currency.value))
    discard()
  }

  /** Validates, compares with the server now, and writes only what this user changed. */
  async function save(): Promise<'saved' | 'invalid' | 'conflict' | 'nothing'> {
    const current = draft.value
    if (!current) return 'nothing'
    const found = validateForm(current.edited, changedFields(current.base.values, current.edited) as PlaybookFieldKey[])
    errors.value = found
    if (Object.keys(found).length > 0) return 'invalid'
    saving.value = true
    try {
      const comparison = compareForSave(current, await options.readServer())
      if (comparison.kind === 'conflict') {
        pendingComparison = comparison
        conflicts.value = comparison.conflicts
        return 'conflict'
      }
      if (comparison.kind === 'nothing-to-save') {
        discard()
        return 'nothing'
      }
      await send(comparison.patch)
      return 'saved'
    } finally {
      saving.value = false
    }
  }

  /** After the merge: every conflicting field gets the chosen version. */
  async function resolve(choices: Partial<Record<string, ConflictChoice>>): Promise<void> {
    if (!pendingComparison) return
    saving.value = true
    try {
      await send(resolveConflicts(pendingComparison, choices))
    } finally {
      saving.value = false
    }
  }

  return { draft, values, dirty, errors, conflicts, saving, edit, discard, save, resolve }
}
