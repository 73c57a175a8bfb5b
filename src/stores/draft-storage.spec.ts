import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { startDraft } from '@/domain/drafts'
import { useRecordDraft } from './draft-storage'

afterEach(() => localStorage.clear())

describe('useRecordDraft', () => {
  it('keeps nothing until the record is opened, then keeps the draft under that user’s key', async () => {
    const record = useRecordDraft(() => null, 'lead')
    expect(record.key.value).toBeNull()
    expect(record.draft.value).toBeNull()

    record.open(15, 3)
    // No frame: drafts of the local portal.
    const key = 'b24app:local:kos-draft:lead:15:u3'
    expect(record.key.value).toBe(key)
    await nextTick()
    const draft = startDraft(key, { values: { to: 'NEW' }, dateModify: null }, '2026-01-01T00:00:00Z')
    record.write(draft)
    await nextTick()
    expect(JSON.parse(localStorage.getItem(key) ?? 'null')).toEqual(draft)
    expect(record.draft.value?.edited).toEqual({ to: 'NEW' })

    // Another record has no draft; the first one's stays until it is cleared.
    record.open(16, 3)
    await nextTick()
    expect(record.draft.value).toBeNull()
    record.open(15, 3)
    await nextTick()
    expect(record.draft.value?.edited).toEqual({ to: 'NEW' })
    record.clear()
    await nextTick()
    expect(record.draft.value).toBeNull()
    expect(localStorage.getItem(key) ?? '').toBe('')
  })
})
