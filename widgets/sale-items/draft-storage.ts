import { draftStorageKey, readStoredDraft } from '@/domain/drafts'
import type { Draft } from '@/domain/drafts'
import { z } from 'zod/mini'
import { readSaleItems, SALE_KINDS } from '@/domain/sale'
import type { SaleValues } from './sale-values'

/** One draft per portal (member_id), user and deal: two portals or users on one browser never mix. */
export function saleDraftKey(memberId: string, dealId: number, userId: number): string {
  return `${memberId || 'portal'}:${draftStorageKey('deal', dealId, userId)}:sale`
}

const decisionSchema = z.nullish(z.object({ fingerprint: z.string(), choice: z.enum(['take', 'replace']) }))

/** Values read back from storage, checked like the deal's own field (the items schema). */
function toSaleValues(values: Record<string, unknown>): SaleValues | null {
  const kind = values.kind === null ? null : SALE_KINDS.find((entry) => entry.code === values.kind)?.code
  if (kind === undefined) return null
  const items = readSaleItems(JSON.stringify({ v: 1, items: values.items }))
  const decision = decisionSchema.safeParse(values.rowsDecision)
  if (!items.ok || !decision.success) return null
  return decision.data ? { kind, items: items.items, rowsDecision: decision.data } : { kind, items: items.items }
}

/** A stored draft of this key, or null when missing, broken or someone else's. */
export function parseSaleDraft(text: string | null, key: string): Draft<SaleValues> | null {
  const draft = readStoredDraft(text, key)
  if (!draft) return null
  const base = toSaleValues(draft.base.values)
  const edited = toSaleValues(draft.edited)
  return base && edited ? { ...draft, base: { values: base, dateModify: draft.base.dateModify }, edited } : null
}
