// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  changedFields,
  compareForSave,
  draftStorageKey,
  editDraft,
  isDirty,
  readStoredDraft,
  rebaseDraft,
  resolveConflicts,
  sameValue,
  startDraft,
  type ServerVersion,
} from '@/domain/drafts'

interface Company extends Record<string, unknown> {
  TITLE: string
  UF_CRM_KOS_INN: string
  UF_CRM_KOS_ADDRESS: string
  UF_CRM_KOS_TURNOVER: number | null
  PHONE: { VALUE: string }[]
}

const base: ServerVersion<Company> = {
  values: { TITLE: 'Экор', UF_CRM_KOS_INN: '', UF_CRM_KOS_ADDRESS: 'Москва', UF_CRM_KOS_TURNOVER: null, PHONE: [{ VALUE: '+7 495 000-00-01' }] },
  dateModify: '2026-05-07T10:00:00+03:00',
}
const key = draftStorageKey('company', 12, 5)
const at = '2026-05-07T10:05:00Z'

function theirs(patch: Partial<Company>): ServerVersion<Company> {
  return { values: { ...base.values, ...patch }, dateModify: '2026-05-07T10:03:00+03:00' }
}

describe('drafts', () => {
  it('starts clean, as a copy the edits cannot leak into', () => {
    const draft = startDraft(key, base, at)
    expect(key).toBe('kos-draft:company:12:u5')
    expect(isDirty(draft)).toBe(false)
    draft.edited.PHONE.push({ VALUE: 'x' })
    expect(base.values.PHONE).toHaveLength(1)
  })

  it('tracks the fields the user changed', () => {
    const draft = editDraft(startDraft(key, base, at), { UF_CRM_KOS_INN: '7707083893', TITLE: 'Экор' }, at)
    expect(isDirty(draft)).toBe(true)
    expect(changedFields(draft.base.values, draft.edited)).toEqual(['UF_CRM_KOS_INN'])
  })

  it('saves only my fields when nobody else changed anything', () => {
    const draft = editDraft(startDraft(key, base, at), { UF_CRM_KOS_INN: '7707083893' }, at)
    expect(compareForSave(draft, base)).toEqual({ kind: 'save', patch: { UF_CRM_KOS_INN: '7707083893' }, theirsChanged: [] })
  })

  it('merges without a conflict when someone else changed other fields', () => {
    const draft = editDraft(startDraft(key, base, at), { UF_CRM_KOS_INN: '7707083893' }, at)
    expect(compareForSave(draft, theirs({ TITLE: 'Экор-М', PHONE: [{ VALUE: '+7 495 000-00-02' }] }))).toEqual({
      kind: 'save',
      patch: { UF_CRM_KOS_INN: '7707083893' },
      theirsChanged: ['TITLE', 'PHONE'],
    })
  })

  it('reports a conflict per field both changed differently, with base, theirs and mine', () => {
    const draft = editDraft(startDraft(key, base, at), { UF_CRM_KOS_ADDRESS: 'Москва, Косино', UF_CRM_KOS_INN: '7707083893', UF_CRM_KOS_TURNOVER: 5 }, at)
    const comparison = compareForSave(draft, theirs({ UF_CRM_KOS_ADDRESS: 'Москва, Лухмановская', UF_CRM_KOS_TURNOVER: 5 }))
    expect(comparison).toEqual({
      kind: 'conflict',
      conflicts: [{ field: 'UF_CRM_KOS_ADDRESS', base: 'Москва', theirs: 'Москва, Лухмановская', mine: 'Москва, Косино' }],
      // The same new value on both sides is no conflict and needs no write.
      patch: { UF_CRM_KOS_INN: '7707083893' },
      theirsChanged: ['UF_CRM_KOS_ADDRESS', 'UF_CRM_KOS_TURNOVER'],
    })
    if (comparison.kind !== 'conflict') return
    expect(resolveConflicts(comparison, { UF_CRM_KOS_ADDRESS: 'mine' })).toEqual({ UF_CRM_KOS_INN: '7707083893', UF_CRM_KOS_ADDRESS: 'Москва, Косино' })
    expect(resolveConflicts(comparison, { UF_CRM_KOS_ADDRESS: 'theirs' })).toEqual({ UF_CRM_KOS_INN: '7707083893' })
    expect(() => resolveConflicts(comparison, {})).toThrow()
  })

  it('compares arrays and objects by value', () => {
    const draft = editDraft(startDraft(key, base, at), { PHONE: [{ VALUE: '+7 495 000-00-09' }] }, at)
    const comparison = compareForSave(draft, theirs({ PHONE: [{ VALUE: '+7 495 000-00-02' }] }))
    expect(comparison.kind).toBe('conflict')
    const same = editDraft(startDraft(key, base, at), { PHONE: [{ VALUE: '+7 495 000-00-01' }] }, at)
    expect(compareForSave(same, base)).toEqual({ kind: 'nothing-to-save', theirsChanged: [] })
  })

  it('has nothing to save when only someone else changed things', () => {
    expect(compareForSave(startDraft(key, base, at), theirs({ TITLE: 'Другое' }))).toEqual({ kind: 'nothing-to-save', theirsChanged: ['TITLE'] })
  })

  it('rebases unsaved edits on the new server version, keeping my typing in conflicts', () => {
    const draft = editDraft(startDraft(key, base, at), { UF_CRM_KOS_INN: '7707083893', UF_CRM_KOS_ADDRESS: 'Моё' }, at)
    const server = theirs({ TITLE: 'Экор-М', UF_CRM_KOS_ADDRESS: 'Их' })
    const rebased = rebaseDraft(draft, server, at)
    expect(rebased.base).toEqual(server)
    expect(rebased.edited).toEqual({ ...server.values, UF_CRM_KOS_INN: '7707083893', UF_CRM_KOS_ADDRESS: 'Моё' })
    expect(compareForSave(rebased, server)).toEqual({
      kind: 'save',
      patch: { UF_CRM_KOS_INN: '7707083893', UF_CRM_KOS_ADDRESS: 'Моё' },
      theirsChanged: [],
    })
  })

  it('reads a stored draft back, refusing broken text and other records', () => {
    const draft = editDraft(startDraft(key, base, at), { UF_CRM_KOS_INN: '1' }, at)
    expect(readStoredDraft(JSON.stringify(draft), key)).toEqual(draft)
    expect(readStoredDraft(JSON.stringify(draft), draftStorageKey('company', 13, 5))).toBeNull()
    expect(readStoredDraft('{oops', key)).toBeNull()
    expect(readStoredDraft(JSON.stringify({ key }), key)).toBeNull()
    expect(readStoredDraft(null, key)).toBeNull()
  })

  it('treats null and undefined alike and NaN as itself', () => {
    expect(sameValue(null, undefined)).toBe(true)
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true)
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameValue([1, 2], [2, 1])).toBe(false)
    expect(sameValue({ a: [1] }, { a: 1 })).toBe(false)
    expect(sameValue('1', 1)).toBe(false)
    expect(sameValue(0, null)).toBe(false)
  })
})
