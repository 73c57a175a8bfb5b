import { z } from 'zod/mini'
import { sameValue } from './same-value'

/*
 * A draft is what a manager typed, kept (in browser storage) until it is saved or
 * discarded, with the server values it started from. Saving compares three versions,
 * field by field: base (server when editing began), theirs (server now), mine (edited):
 *   - only mine changed          → send it;
 *   - only theirs changed        → keep theirs, nothing to send;
 *   - both changed, same value   → nothing to send;
 *   - both changed, differently  → conflict: the merge UI shows base, theirs and mine.
 */

export type FieldValues = Record<string, unknown>

export interface ServerVersion<T extends FieldValues> {
  values: T
  /** The record's DATE_MODIFY when read; null for a record not saved yet. */
  dateModify: string | null
}

export interface Draft<T extends FieldValues> {
  /** Which record and user it belongs to (draftStorageKey). */
  key: string
  base: ServerVersion<T>
  edited: T
  /** ISO moment of the last edit. */
  updatedAt: string
}

export function draftStorageKey(entity: 'company' | 'lead' | 'deal', id: number, userId: number): string {
  return `kos-draft:${entity}:${id}:u${userId}`
}

export function startDraft<T extends FieldValues>(key: string, server: ServerVersion<T>, at: string): Draft<T> {
  return { key, base: structuredClone(server), edited: structuredClone(server.values), updatedAt: at }
}

export function editDraft<T extends FieldValues>(draft: Draft<T>, patch: Partial<T>, at: string): Draft<T> {
  return { ...draft, edited: { ...draft.edited, ...patch }, updatedAt: at }
}

/** Fields whose values differ between two versions, in the order of their keys. */
export function changedFields<T extends FieldValues>(from: T, to: T): (keyof T & string)[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])] as (keyof T & string)[]
  return keys.filter((key) => !sameValue(from[key], to[key]))
}

export function isDirty<T extends FieldValues>(draft: Draft<T>): boolean {
  return changedFields(draft.base.values, draft.edited).length > 0
}

export interface FieldConflict<T extends FieldValues> {
  field: keyof T & string
  base: unknown
  theirs: unknown
  mine: unknown
}

export type SaveComparison<T extends FieldValues> =
  | { kind: 'nothing-to-save'; theirsChanged: (keyof T & string)[] }
  /** `patch` holds only the fields to send; `theirsChanged` were kept as the server has them. */
  | { kind: 'save'; patch: Partial<T>; theirsChanged: (keyof T & string)[] }
  /** `patch` holds the non-conflicting fields; each conflict needs a choice (resolveConflicts). */
  | { kind: 'conflict'; conflicts: FieldConflict<T>[]; patch: Partial<T>; theirsChanged: (keyof T & string)[] }

export function compareForSave<T extends FieldValues>(draft: Draft<T>, server: ServerVersion<T>): SaveComparison<T> {
  const mineChanged = changedFields(draft.base.values, draft.edited)
  const theirsChanged = changedFields(draft.base.values, server.values)
  const patch: Partial<T> = {}
  const conflicts: FieldConflict<T>[] = []
  for (const field of mineChanged) {
    const mine = draft.edited[field]
    const theirs = server.values[field]
    if (sameValue(mine, theirs)) continue
    if (theirsChanged.includes(field)) conflicts.push({ field, base: draft.base.values[field], theirs, mine })
    else patch[field] = mine
  }
  if (conflicts.length > 0) return { kind: 'conflict', conflicts, patch, theirsChanged }
  if (Object.keys(patch).length === 0) return { kind: 'nothing-to-save', theirsChanged }
  return { kind: 'save', patch, theirsChanged }
}

export type ConflictChoice = 'mine' | 'theirs'

/** The patch after the merge UI: every conflict must have a choice. */
export function resolveConflicts<T extends FieldValues>(
  comparison: Extract<SaveComparison<T>, { kind: 'conflict' }>,
  choices: Partial<Record<keyof T & string, ConflictChoice>>,
): Partial<T> {
  const patch: Partial<T> = { ...comparison.patch }
  for (const conflict of comparison.conflicts) {
    const choice = choices[conflict.field]
    if (choice === undefined) throw new Error(`No choice for the conflicting field ${conflict.field}`)
    if (choice === 'mine') patch[conflict.field] = conflict.mine as T[keyof T & string]
  }
  return patch
}

/**
 * After a successful save or a reload from the server: the new server version becomes
 * the base, and edits not yet saved stay on top of it. Typing is never dropped: a field
 * in conflict keeps the user's value (so it now reads as the user's change against theirs).
 */
export function rebaseDraft<T extends FieldValues>(draft: Draft<T>, server: ServerVersion<T>, at: string): Draft<T> {
  const edited = structuredClone(server.values)
  const comparison = compareForSave(draft, server)
  if (comparison.kind !== 'nothing-to-save') Object.assign(edited, comparison.patch)
  if (comparison.kind === 'conflict') for (const conflict of comparison.conflicts) edited[conflict.field] = conflict.mine as T[keyof T & string]
  return { key: draft.key, base: structuredClone(server), edited, updatedAt: at }
}

const storedDraftSchema = z.object({
  key: z.string().check(z.minLength(1)),
  base: z.object({ values: z.record(z.string(), z.unknown()), dateModify: z.nullable(z.string()) }),
  edited: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
})

/** A draft read back from storage, or null when it is missing, broken or someone else's. */
export function readStoredDraft(text: string | null, expectedKey: string): Draft<FieldValues> | null {
  if (!text) return null
  try {
    const parsed = storedDraftSchema.safeParse(JSON.parse(text))
    return parsed.success && parsed.data.key === expectedKey ? parsed.data : null
  } catch {
    return null
  }
}
