import { useStorage } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import type { Ref } from 'vue'
import { toGatewayError } from '@/b24/gateway'
import type { GatewayError } from '@/b24/gateway'
import { changedFields, compareForSave, editDraft, isDirty, rebaseDraft, resolveConflicts, startDraft } from '@/domain/drafts'
import type { ConflictChoice, Draft, SaveComparison, ServerVersion } from '@/domain/drafts'
import {
  addItem as addListItem,
  choosePlaceLevel,
  duplicateItem as duplicateListItem,
  itemsFromRows,
  moveItemBy,
  removeItem as removeListItem,
  rowsFingerprint,
  rowsOfItems,
  rowsSettled,
  saleSavePlan,
  salePlanKeys,
  summaryLines,
  updateItem as updateListItem,
  validateSale,
} from '@/domain/sale'
import type { ItemKind, ItemPatch, PlaceLevel, RowKindGuess, SaleKindCode } from '@/domain/sale'
import { stepState, withStep } from '@/domain/write-plan'
import type { WritePlan } from '@/domain/write-plan'
import { useAppContext } from '@/stores/app-context'
import { newPlanId, useRecordPlans } from '@/stores/record-plans'
import { loadSaleScreen, readFreshSale } from './data'
import type { FreshSale, SaleScreen } from './data'
import { parseSaleDraft, saleDraftKey } from './draft-storage'
import { newItemId } from './item-id'
import type { SaleValues } from './sale-values'

export type SaleNotice =
  | 'saved'
  | 'nothing-to-save'
  | 'theirs-changed'
  | 'taken-unknown'
  /** The deal has rows no item describes and the manager has not said what to do with them. */
  | 'rows-undecided'
  /** An unfinished save was overtaken by another save of the deal: dropped, the draft kept. */
  | 'plan-outdated'
  /** The deal moved again while saving after a merge: the manager compares once more. */
  | 'changed-again'
  | null

export interface SaleConflict {
  comparison: Extract<SaveComparison<SaleValues>, { kind: 'conflict' }>
  server: ServerVersion<SaleValues>
}

const withoutDecision = ({ rowsDecision: _decision, ...values }: SaleValues): SaleValues => values

/**
 * The «Продажа» tab: the deal's sale as read (one batch), the user's draft on top of
 * it (kept in browser storage until a save is done or the draft discarded), validation,
 * and a save that re-reads the deal, refuses to drop product rows nobody decided about,
 * and writes as a plan (domain/sale/save-plan.ts) guarded by the deal's DATE_MODIFY.
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
  /** The deal's writes as plans; its unfinished ones are listed on open, resumed only on «Повторить». */
  const plans = markRaw(useRecordPlans(() => app.frame, () => app.requireGateway()))
  let storage: Ref<string | null> | null = null

  const dealId = computed(() => app.context?.entityId ?? null)
  const values = computed<SaleValues>(() => draft.value?.edited ?? screen.value?.values ?? { kind: null, items: [] })
  const dirty = computed(() => draft.value !== null && isDirty(draft.value))
  const directory = computed(() => screen.value?.directory ?? null)
  const currency = computed(() => screen.value?.deal.currency ?? 'RUB')
  const taken = computed(() => screen.value?.taken ?? new Map<string, number>())
  const busy = computed(() => saving.value || plans.busy.value)

  /** Rows of the deal no item describes, while the manager has not decided about them. */
  const foreignRows = computed(() => {
    const card = screen.value?.card
    return card?.kind === 'foreign' && !rowsSettled(card, values.value.rowsDecision) ? card.rows : []
  })
  const rowsDecision = computed(() => values.value.rowsDecision ?? null)
  /** The card is half-saved and this browser has no plan to finish it (another browser, user or a lost journal). */
  const cardUnfinished = computed(() => screen.value?.card.kind === 'unfinished' && plans.unfinished.value.length === 0 && !plans.busy.value)

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

  const scope = (id: number) => `deal:${id}`

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
        if (changedFields(withoutDecision(stored.base.values), loaded.values).length > 0) notice.value = 'theirs-changed'
      } else {
        persist(null)
      }
      if (loaded.taken === null && notice.value === null) notice.value = 'taken-unknown'
      // Listing reads only this browser's journal: opening the tab writes nothing.
      await plans.open(loaded.userId, scope(dealId.value))
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
    if (notice.value === 'saved' || notice.value === 'nothing-to-save' || notice.value === 'rows-undecided') notice.value = null
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

  /** The deal's undescribed rows become items (price, name as volume, term), each of the kind chosen for it. */
  function takeRows(kinds: readonly RowKindGuess[]): void {
    const card = screen.value?.card
    if (card?.kind !== 'foreign') return
    const taken = itemsFromRows(card.rows, kinds, card.rows.map(() => newItemId()))
    edit({ items: [...items(), ...taken], rowsDecision: { fingerprint: card.fingerprint, choice: 'take' } })
  }

  /** The manager knowingly lets the save replace the rows shown (they are not in the sale). */
  function replaceRows(): void {
    const card = screen.value?.card
    if (card?.kind === 'foreign') edit({ rowsDecision: { fingerprint: card.fingerprint, choice: 'replace' } })
  }

  function undoReplace(): void {
    if (rowsDecision.value?.choice === 'replace') edit({ rowsDecision: null })
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

  /** The screen after a fresh read: the card as it is now, the draft base untouched. */
  function showFresh(fresh: FreshSale): void {
    const { taken: takenNow, ...card } = fresh
    screen.value = { ...screen.value!, ...card, taken: takenNow }
  }

  async function save(): Promise<void> {
    const loaded = screen.value
    if (!loaded || dealId.value === null || busy.value) return
    showErrors.value = true
    saveError.value = null
    // Rows shown as not in the sale: nothing is sent until the manager says what to do with them.
    notice.value = foreignRows.value.length > 0 ? 'rows-undecided' : null
    if (!validation.value?.ok || notice.value === 'rows-undecided') return
    saving.value = true
    try {
      await saveFresh(1)
    } catch (raw) {
      saveError.value = toGatewayError(raw)
    } finally {
      saving.value = false
    }
  }

  /** Reads the deal again, compares, and writes; `retries`: how often a moved version may be compared again. */
  async function saveFresh(retries: number): Promise<void> {
    const loaded = screen.value!
    const fresh = await readFreshSale(app.requireGateway(), dealId.value!, loaded.kindItemIds)
    showFresh(fresh)
    // Someone may have sold a place meanwhile: the errors now show it, nothing is sent.
    if (!validFor(values.value, fresh.taken)) return
    const server: ServerVersion<SaleValues> = { values: fresh.values, dateModify: fresh.deal.dateModify }
    const current = draft.value ?? startDraft('', { values: loaded.values, dateModify: loaded.deal.dateModify }, new Date().toISOString())
    const comparison = compareForSave({ ...current, base: { ...current.base, values: withoutDecision(current.base.values) } }, server)
    if (comparison.kind === 'conflict') {
      conflict.value = { comparison, server }
      return
    }
    const final: SaleValues = comparison.kind === 'save' ? { ...fresh.values, ...comparison.patch } : fresh.values
    if (!rowsSettled(fresh.card, final.rowsDecision)) {
      // Rows appeared (or changed) in Bitrix24 since the tab showed them: shown now, nothing sent.
      notice.value = 'rows-undecided'
      return
    }
    const nothingChanged = changedFields(withoutDecision(final), fresh.values).length === 0
    if (nothingChanged && fresh.card.kind === 'consistent') {
      persist(null)
      notice.value = 'nothing-to-save'
      return
    }
    if (!validFor(final, fresh.taken)) {
      // Their change merged with ours does not validate: show it as the draft to fix.
      persist({ key: draft.value?.key ?? '', base: server, edited: final, updatedAt: new Date().toISOString() })
      return
    }
    const plan = saleSavePlan({
      planId: newPlanId(),
      dealId: dealId.value!,
      dateModify: fresh.deal.dateModify,
      kindItemId: final.kind === null ? '' : (loaded.kindItemIds[final.kind] ?? ''),
      items: final.items,
      directory: loaded.directory,
      currency: fresh.deal.currency,
      replaces: rowsFingerprint(fresh.rows),
      now: new Date(),
    })
    await finish(await plans.run({ ...plan, meta: { ...plan.meta, values: withoutDecision(final) } }), retries)
  }

  /**
   * After a plan ran: done → the deal holds the sale (the only case that says «Сохранено»);
   * stopped by its version check → either our own first write landed before a lost reply
   * (the items carry this plan's marker: the check is ours, the plan goes on), or someone
   * changed the deal (the plan is dropped and the save compares again); anything else
   * stays unfinished with «Повторить», the draft kept.
   */
  async function finish(result: WritePlan, retries: number): Promise<void> {
    if (result.status === 'done') return saved(result)
    const keys = salePlanKeys(result.id)
    if (stepState(result, keys.check).error?.kind !== 'conflict') return
    const fresh = await readFreshSale(app.requireGateway(), dealId.value!, screen.value!.kindItemIds)
    showFresh(fresh)
    if (fresh.marker?.save === result.id) {
      const checked = withStep(withStep(result, keys.check, { status: 'done', value: dealId.value!, attempts: stepState(result, keys.check).attempts }), keys.deal, {
        status: 'done',
        value: true,
        attempts: stepState(result, keys.deal).attempts,
      })
      return finish(await plans.run(checked), retries)
    }
    await plans.discard(result.id)
    if (retries > 0) return saveFresh(retries - 1)
    notice.value = 'changed-again'
  }

  async function saved(result: WritePlan): Promise<void> {
    // Older unfinished saves of this deal are overtaken: this one wrote the whole sale after reading the deal.
    for (const older of plans.unfinished.value.filter((plan) => plan.id !== result.id)) await plans.discard(older.id)
    const loaded = screen.value!
    // The plan may come from the reactive list of unfinished ones: its values are copied out as plain data.
    const written = JSON.parse(JSON.stringify(result.meta?.values)) as SaleValues
    screen.value = { ...loaded, values: written, card: { kind: 'consistent' }, rows: rowsOfItems(written.items, loaded.directory) }
    // Edits made after this save started stay as a draft on top of what was written.
    const rest = draft.value ? rebaseDraft({ ...draft.value, base: { ...draft.value.base, values: withoutDecision(draft.value.base.values) } }, { values: written, dateModify: null }, new Date().toISOString()) : null
    persist(rest && changedFields(withoutDecision(rest.edited), written).length > 0 ? { ...rest, edited: withoutDecision(rest.edited) } : null)
    showErrors.value = false
    notice.value = 'saved'
  }

  /**
   * «Повторить» on an unfinished save. When its first write is done, the deal must still
   * carry it (this plan's marker); if another save overtook it, finishing it would write
   * stale rows, so it is dropped and the draft kept. Otherwise its version check runs again.
   */
  async function resume(planId: string): Promise<void> {
    const plan = plans.unfinished.value.find((candidate) => candidate.id === planId)
    if (!plan || busy.value || !screen.value) return
    saving.value = true
    saveError.value = null
    try {
      if (stepState(plan, salePlanKeys(planId).deal).status === 'done') {
        const fresh = await readFreshSale(app.requireGateway(), dealId.value!, screen.value.kindItemIds)
        showFresh(fresh)
        if (fresh.marker?.save !== planId) {
          await plans.discard(planId)
          notice.value = 'plan-outdated'
          return
        }
      }
      const result = await plans.resume(planId)
      if (result) await finish(result, 1)
    } catch (raw) {
      saveError.value = toGatewayError(raw)
    } finally {
      saving.value = false
    }
  }

  /** After the merge view: every conflicting field chose mine or theirs; then the save runs again. */
  async function resolveConflict(choices: Partial<Record<string, ConflictChoice>>): Promise<void> {
    const open = conflict.value
    if (!open || !draft.value) return
    const patch = resolveConflicts(open.comparison, choices)
    const decision = draft.value.edited.rowsDecision
    persist({ key: draft.value.key, base: open.server, edited: { ...open.server.values, ...patch, ...(decision ? { rowsDecision: decision } : {}) }, updatedAt: new Date().toISOString() })
    conflict.value = null
    notice.value = null
    await save()
  }

  return {
    status, loadError, screen, draft, values, dirty, directory, currency, taken, validation, errors, summary,
    showErrors, saving, saveError, conflict, notice, dealId, plans, busy, foreignRows, rowsDecision, cardUnfinished,
    load, setKind, addItem, updateItem, choosePlace, duplicateItem, moveItem, removeItem, takeRows, replaceRows, undoReplace,
    discard, save, resume, resolveConflict,
  }
})
