import { useStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Ref } from 'vue'
import { toGatewayError } from '@/b24/gateway'
import type { GatewayError } from '@/b24/gateway'
import { changedFields, compareForSave, editDraft, isDirty, resolveConflicts, startDraft } from '@/domain/drafts'
import type { ConflictChoice, Draft, SaveComparison, ServerVersion } from '@/domain/drafts'
import {
  addItem as addListItem,
  choosePlaceLevel,
  duplicateItem as duplicateListItem,
  moveItemBy,
  removeItem as removeListItem,
  summaryLines,
  updateItem as updateListItem,
  validateSale,
} from '@/domain/sale'
import type { ItemKind, ItemPatch, PlaceLevel, SaleKindCode } from '@/domain/sale'
import { useAppContext } from '@/stores/app-context'
import { loadSaleScreen, readFreshSale, writeSale } from './data'
import type { FreshSale, SaleScreen } from './data'
import { parseSaleDraft, saleDraftKey } from './draft-storage'
import { newItemId } from './item-id'
import type { SaleValues } from './sale-values'
import { amountsConsistent } from './save-plan'

export type SaleNotice = 'saved' | 'nothing-to-save' | 'theirs-changed' | 'taken-unknown' | null

export interface SaleConflict {
  comparison: Extract<SaveComparison<SaleValues>, { kind: 'conflict' }>
  server: ServerVersion<SaleValues>
}

/**
 * The «Продажа» tab: the deal's sale as read (one batch), the user's draft on top of
 * it (kept in browser storage until saved or discarded), validation, and a save that
 * re-reads the deal first so nobody's change is overwritten unseen.
 */
export const useSaleStore = defineStore('saleItems', () => {
  const app = useAppContext()
  const status = ref<'idle' | 'loading' | 'ready' | 'failed'>('idle')
  const loadError = shallowRef<GatewayError | null>(null)
  const screen = shallowRef<SaleScreen | null>(null)
  const draft = shallowRef<Draft<SaleValues> | null>(null)
  const showErrors = ref(false)
  const saving = ref(false)
  const saveError = shallowRef<GatewayError | null>(null)
  const conflict = shallowRef<SaleConflict | null>(null)
  const notice = ref<SaleNotice>(null)
  let storage: Ref<string | null> | null = null

  const dealId = computed(() => app.context?.entityId ?? null)
  const values = computed<SaleValues>(() => draft.value?.edited ?? screen.value?.values ?? { kind: null, items: [] })
  const dirty = computed(() => draft.value !== null && isDirty(draft.value))
  const directory = computed(() => screen.value?.directory ?? null)
  const currency = computed(() => screen.value?.deal.currency ?? 'RUB')
  const taken = computed(() => screen.value?.taken ?? new Map<string, number>())

  const validation = computed(() =>
    directory.value ? validateSale({ kind: values.value.kind, items: values.value.items }, { directory: directory.value, takenPlaces: taken.value }) : null,
  )
  /** Field path → message key, shown once the user tried to save. */
  const errors = computed<Record<string, string>>(() => (showErrors.value && validation.value && !validation.value.ok ? validation.value.errors : {}))
  const summary = computed(() => (directory.value ? summaryLines(values.value.items, directory.value, currency.value, app.locale) : []))

  function persist(next: Draft<SaleValues> | null): void {
    draft.value = next
    if (storage) storage.value = next ? JSON.stringify(next) : null
  }

  function memberId(): string {
    const auth = app.frame?.auth.getAuthData()
    return auth ? auth.member_id : ''
  }

  async function load(): Promise<void> {
    if (dealId.value === null) return
    status.value = 'loading'
    loadError.value = null
    try {
      const loaded = await loadSaleScreen(app.requireGateway(), dealId.value)
      screen.value = loaded
      const key = saleDraftKey(memberId(), dealId.value, loaded.userId)
      storage = useStorage<string | null>(key, null, localStorage)
      const stored = parseSaleDraft(storage.value, key)
      // A draft that changes nothing is dropped; one that does stays on its own base, so a save compares three ways.
      if (stored && isDirty(stored)) {
        draft.value = stored
        if (changedFields(stored.base.values, loaded.values).length > 0) notice.value = 'theirs-changed'
      } else {
        persist(null)
      }
      if (loaded.taken === null && notice.value === null) notice.value = 'taken-unknown'
      status.value = 'ready'
    } catch (raw) {
      loadError.value = toGatewayError(raw)
      status.value = 'failed'
    }
  }

  function edit(patch: Partial<SaleValues>): void {
    const loaded = screen.value
    if (!loaded || dealId.value === null) return
    const now = new Date().toISOString()
    const base = draft.value ?? startDraft(saleDraftKey(memberId(), dealId.value, loaded.userId), { values: loaded.values, dateModify: loaded.deal.dateModify }, now)
    persist(editDraft(base, patch, now))
    if (notice.value === 'saved' || notice.value === 'nothing-to-save') notice.value = null
  }

  const items = () => values.value.items

  function setKind(kind: SaleKindCode | null): void {
    edit({ kind })
  }
  function addItem(kind: ItemKind): string {
    const id = newItemId()
    edit({ items: addListItem(items(), kind, id) })
    return id
  }
  function updateItem(id: string, patch: ItemPatch): void {
    edit({ items: updateListItem(items(), id, patch) })
  }
  function choosePlace(id: string, level: PlaceLevel, code: string): void {
    edit({ items: choosePlaceLevel(items(), id, level, code) })
  }
  function duplicateItem(id: string): string {
    const copyId = newItemId()
    edit({ items: duplicateListItem(items(), id, copyId) })
    return copyId
  }
  function moveItem(id: string, delta: number): void {
    edit({ items: moveItemBy(items(), id, delta) })
  }
  function removeItem(id: string): void {
    edit({ items: removeListItem(items(), id) })
  }

  function discard(): void {
    persist(null)
    conflict.value = null
    showErrors.value = false
    saveError.value = null
    notice.value = null
  }

  function validFor(valuesToCheck: SaleValues, takenNow: Map<string, number>): boolean {
    if (!directory.value) return false
    return validateSale({ kind: valuesToCheck.kind, items: valuesToCheck.items }, { directory: directory.value, takenPlaces: takenNow }).ok
  }

  async function save(): Promise<void> {
    const loaded = screen.value
    if (!loaded || dealId.value === null || saving.value) return
    showErrors.value = true
    saveError.value = null
    if (!validation.value?.ok) return
    saving.value = true
    try {
      const gateway = app.requireGateway()
      const fresh = await readFreshSale(gateway, dealId.value, loaded.kindItemIds)
      screen.value = { ...loaded, taken: fresh.taken }
      // Someone may have sold a place meanwhile: the errors now show it, nothing is sent.
      if (!validFor(values.value, fresh.taken)) return
      const server: ServerVersion<SaleValues> = { values: fresh.values, dateModify: fresh.deal.dateModify }
      const current = draft.value ?? startDraft('', { values: loaded.values, dateModify: loaded.deal.dateModify }, new Date().toISOString())
      const comparison = compareForSave(current, server)
      if (comparison.kind === 'conflict') {
        conflict.value = { comparison, server }
        return
      }
      const final: SaleValues = comparison.kind === 'save' ? { ...fresh.values, ...comparison.patch } : fresh.values
      await finishSave(fresh, final, comparison.kind === 'nothing-to-save')
    } catch (raw) {
      saveError.value = toGatewayError(raw)
    } finally {
      saving.value = false
    }
  }

  async function finishSave(fresh: FreshSale, final: SaleValues, nothingChanged: boolean): Promise<void> {
    const loaded = screen.value!
    // Nothing of ours differs, but rows or amount may still lag behind the items (an earlier save cut short).
    if (nothingChanged && amountsConsistent(final, fresh.rows, fresh.deal.opportunity)) {
      screen.value = { ...loaded, deal: fresh.deal, values: final }
      persist(null)
      notice.value = 'nothing-to-save'
      return
    }
    if (!validFor(final, fresh.taken)) {
      // Their change merged with ours does not validate: show it as the draft to fix.
      persist({ key: draft.value?.key ?? '', base: { values: fresh.values, dateModify: fresh.deal.dateModify }, edited: final, updatedAt: new Date().toISOString() })
      return
    }
    await writeSale(app.requireGateway(), dealId.value!, final, { directory: loaded.directory, currency: fresh.deal.currency, kindItemIds: loaded.kindItemIds })
    screen.value = { ...loaded, deal: fresh.deal, values: final }
    persist(null)
    showErrors.value = false
    notice.value = 'saved'
  }

  /** After the merge view: every conflicting field chose mine or theirs; then the save runs again. */
  async function resolveConflict(choices: Partial<Record<string, ConflictChoice>>): Promise<void> {
    const open = conflict.value
    if (!open || !draft.value) return
    const patch = resolveConflicts(open.comparison, choices)
    persist({ key: draft.value.key, base: open.server, edited: { ...open.server.values, ...patch }, updatedAt: new Date().toISOString() })
    conflict.value = null
    notice.value = null
    await save()
  }

  return {
    status, loadError, screen, draft, values, dirty, directory, currency, taken, validation, errors, summary,
    showErrors, saving, saveError, conflict, notice, dealId,
    load, setKind, addItem, updateItem, choosePlace, duplicateItem, moveItem, removeItem, discard, save, resolveConflict,
  }
})
