import type { B24Frame } from '@bitrix24/b24jssdk'
import { useStorage } from '@vueuse/core'
import { computed, ref, type Ref } from 'vue'
import { draftStorageKey, readStoredDraft, type Draft, type FieldValues } from '@/domain/drafts'

/** The portal's member_id: drafts of two portals in one browser never mix. */
export function memberIdOf(frame: B24Frame | null): string {
  try {
    const auth = frame?.auth.getAuthData()
    return auth && auth.member_id ? auth.member_id : 'local'
  } catch {
    return 'local'
  }
}

/** localStorage key of one user's draft of one record on one portal. */
export function draftKey(memberId: string, entity: 'company' | 'lead', entityId: number, userId: number): string {
  return `b24app:${memberId}:${draftStorageKey(entity, entityId, userId)}`
}

/**
 * A draft kept in browser storage (`useStorage`), so what was typed survives a reload,
 * a closed card or a failed save until it is saved or discarded. `key` is null until
 * the user is known; nothing is read or written then.
 */
export function useDraftStorage<T extends FieldValues>(key: Ref<string | null>) {
  const text = useStorage<string>(computed(() => key.value ?? 'b24app:no-draft'), '', localStorage, { listenToStorageChanges: true })

  const draft = computed<Draft<T> | null>(() => (key.value ? (readStoredDraft(text.value, key.value) as Draft<T> | null) : null))

  function write(value: Draft<T>): void {
    if (key.value) text.value = JSON.stringify(value)
  }

  function clear(): void {
    if (key.value) text.value = ''
  }

  return { draft, write, clear }
}

/**
 * The draft of one record of `entity` by the current user on this portal: nothing until `open`
 * names the record and the user (the screen's load knows them); `key` is the draft's storage key.
 */
export function useRecordDraft<T extends FieldValues>(frame: () => B24Frame | null, entity: 'company' | 'lead') {
  const key = ref<string | null>(null)
  const storage = useDraftStorage<T>(key)

  function open(entityId: number, userId: number): void {
    key.value = draftKey(memberIdOf(frame()), entity, entityId, userId)
  }

  return { key, open, ...storage }
}
