// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { defaultObjectsDirectory } from '@/domain/sale'
import type { SaleItem } from '@/domain/sale'
import { parseSaleDraft, saleDraftKey } from './draft-storage'
import { directoryFromOption, takenFromRows } from './sale-values'

// Shapes: b24restdocs api-reference/crm/deals/crm-deal-list.md (multiple UF as an array, STAGE_SEMANTIC_ID P/S/F),
// crm-deal-productrows-get.md (PRICE/QUANTITY as strings), common/settings/app-option-get.md (unknown key → null).

const item: SaleItem = { id: 'a', kind: 'object', objectType: 'CUSTOMS', zone: 'Z1', sector: 'S1', place: 'P101', volume: '', termYears: 2, priceMinor: 12_345 }

describe('takenFromRows', () => {
  it('keeps places of active and won deals, frees lost ones, never blocks the deal itself, skips unreadable keys', () => {
    const taken = takenFromRows(
      [
        { ID: '5', STAGE_SEMANTIC_ID: 'S', places: ['CUSTOMS/Z1/S1/P101'] },
        { ID: '6', STAGE_SEMANTIC_ID: 'F', places: ['CUSTOMS/Z1/S1/P102'] },
        { ID: '9', STAGE_SEMANTIC_ID: 'P', places: ['CUSTOMS/Z1/S2/P201', 'broken'] },
        { ID: '40', STAGE_SEMANTIC_ID: 'P', places: ['CUSTOMS/Z1/S2/P202'] },
      ],
      40,
    )
    expect([...taken]).toEqual([['CUSTOMS/Z1/S1/P101', 5], ['CUSTOMS/Z1/S2/P201', 9]])
  })
})

describe('directoryFromOption', () => {
  it('uses the default directory when unset and flags one that does not read', () => {
    expect(directoryFromOption(null).source).toBe('default')
    expect(directoryFromOption('{"version":2}')).toMatchObject({ source: 'invalid', directory: defaultObjectsDirectory() })
    const own = { version: 1, objectTypes: [{ code: 'X', label: { ru: 'Икс' }, department: 'VED', zones: [] }] }
    expect(directoryFromOption(JSON.stringify(own))).toEqual({ source: 'option', directory: own })
  })
})

describe('stored drafts', () => {
  const key = saleDraftKey('m1', 40, 3)
  const draft = { key, base: { values: { kind: null, items: [] }, dateModify: null }, edited: { kind: 'LOI', items: [item] }, updatedAt: '2026-01-01T00:00:00Z' }

  it('are keyed by portal, deal and user', () => {
    expect(new Set([key, saleDraftKey('m2', 40, 3), saleDraftKey('m1', 41, 3), saleDraftKey('m1', 40, 4)]).size).toBe(4)
  })

  it('read back only when the key matches and the values keep their shape', () => {
    expect(parseSaleDraft(JSON.stringify(draft), key)?.edited).toEqual({ kind: 'LOI', items: [item] })
    expect(parseSaleDraft(JSON.stringify(draft), saleDraftKey('m1', 40, 4))).toBeNull()
    expect(parseSaleDraft(JSON.stringify({ ...draft, edited: { kind: 'LOI', items: [{ ...item, priceMinor: 'много' }] } }), key)).toBeNull()
    expect(parseSaleDraft(JSON.stringify({ ...draft, edited: { kind: 'RENT', items: [] } }), key)).toBeNull()
  })

  it('keep the manager’s answer about the deal’s rows, and drop a draft whose answer does not read', () => {
    const rowsDecision = { fingerprint: '1-abc', choice: 'replace' }
    expect(parseSaleDraft(JSON.stringify({ ...draft, edited: { ...draft.edited, rowsDecision } }), key)?.edited).toEqual({ kind: 'LOI', items: [item], rowsDecision })
    expect(parseSaleDraft(JSON.stringify({ ...draft, edited: { ...draft.edited, rowsDecision: { fingerprint: 'x', choice: 'drop' } } }), key)).toBeNull()
  })
})
