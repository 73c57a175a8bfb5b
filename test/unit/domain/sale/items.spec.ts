// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  addItem,
  choosePlaceLevel,
  duplicateItem,
  moveItem,
  moveItemBy,
  newItem,
  readSaleItems,
  removeItem,
  serializeSaleItems,
  updateItem,
  type SaleItem,
} from '@/domain/sale'
import { objectItem, serviceItem } from './fixtures'

const ids = (items: readonly SaleItem[]) => items.map((item) => item.id)

describe('item list operations', () => {
  it('adds empty items of each kind at the end', () => {
    let items = addItem([], 'object', 'a')
    items = addItem(items, 'ved', 'b')
    items = addItem(items, '3pl', 'c')
    expect(items).toEqual([
      { id: 'a', kind: 'object', objectType: '', zone: '', sector: '', place: '', volume: '', termYears: null, priceMinor: null },
      { id: 'b', kind: 'ved', service: '', volume: '', termYears: null, priceMinor: null },
      { id: 'c', kind: '3pl', service: '', volume: '', termYears: null, priceMinor: null },
    ])
    expect(() => addItem(items, 'ved', 'a')).toThrow()
  })

  it('edits one item without touching the others', () => {
    const items = [serviceItem('a', 'ved', 'VETERINARY'), serviceItem('b', '3pl', 'PACKING')]
    const edited = updateItem(items, 'b', { service: 'LABELLING', priceMinor: 1, termYears: 5, volume: 'x' })
    expect(edited[0]).toBe(items[0])
    expect(edited[1]).toEqual({ id: 'b', kind: '3pl', service: 'LABELLING', volume: 'x', termYears: 5, priceMinor: 1 })
    // An object has no service: the key is ignored for it.
    expect(updateItem([objectItem('o')], 'o', { service: 'X', termYears: 3 })[0]).toEqual(objectItem('o', {}, 100_000, 3))
  })

  it('empties the later levels when an earlier one changes (dependent selects)', () => {
    const items = [objectItem('o', { objectType: 'LOW_TEMP_COMPLEX', zone: 'Z2', sector: 'S1', place: 'P103' })]
    expect(choosePlaceLevel(items, 'o', 'zone', 'Z1')[0]).toMatchObject({ objectType: 'LOW_TEMP_COMPLEX', zone: 'Z1', sector: '', place: '' })
    expect(choosePlaceLevel(items, 'o', 'objectType', 'PHARMACY')[0]).toMatchObject({ objectType: 'PHARMACY', zone: '', sector: '', place: '' })
    expect(choosePlaceLevel(items, 'o', 'place', 'P104')[0]).toMatchObject({ zone: 'Z2', sector: 'S1', place: 'P104' })
    // Choosing the same value keeps the rest.
    expect(choosePlaceLevel(items, 'o', 'zone', 'Z2')[0]).toBe(items[0])
  })

  it('duplicates right after the original with a new id', () => {
    const items = [objectItem('a'), serviceItem('b', 'ved', 'VETERINARY'), objectItem('c')]
    const copied = duplicateItem(items, 'b', 'b2')
    expect(ids(copied)).toEqual(['a', 'b', 'b2', 'c'])
    expect({ ...copied[2]!, id: 'b' }).toEqual(items[1])
    expect(() => duplicateItem(items, 'a', 'c')).toThrow()
    expect(ids(duplicateItem(items, 'zzz', 'new'))).toEqual(['a', 'b', 'c'])
  })

  it('reorders by position and by step, clamped at the ends', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => objectItem(id))
    expect(ids(moveItem(items, 'a', 2))).toEqual(['b', 'c', 'a', 'd'])
    expect(ids(moveItem(items, 'd', 0))).toEqual(['d', 'a', 'b', 'c'])
    expect(ids(moveItem(items, 'b', 99))).toEqual(['a', 'c', 'd', 'b'])
    expect(ids(moveItem(items, 'b', -5))).toEqual(['b', 'a', 'c', 'd'])
    expect(ids(moveItemBy(items, 'c', -1))).toEqual(['a', 'c', 'b', 'd'])
    expect(ids(moveItemBy(items, 'c', 1))).toEqual(['a', 'b', 'd', 'c'])
    expect(ids(moveItemBy(items, 'a', -1))).toEqual(['a', 'b', 'c', 'd'])
    expect(ids(moveItemBy(items, 'x', 1))).toEqual(['a', 'b', 'c', 'd'])
  })

  it('removes by id', () => {
    const items = ['a', 'b', 'c'].map((id) => objectItem(id))
    expect(ids(removeItem(items, 'b'))).toEqual(['a', 'c'])
    expect(ids(removeItem(items, 'x'))).toEqual(['a', 'b', 'c'])
  })
})

describe('items stored as JSON in the deal field', () => {
  it('round-trips every kind exactly, money in kopecks', () => {
    const items: SaleItem[] = [objectItem('a', {}, 12_345_678_901), serviceItem('b', 'ved', 'TEMP_STORAGE', 1), newItem('3pl', 'c')]
    const text = serializeSaleItems(items)
    expect(JSON.parse(text)).toEqual({ v: 1, items })
    expect(readSaleItems(text)).toEqual({ ok: true, items })
  })

  it('reads an empty field as no items', () => {
    expect(readSaleItems(null)).toEqual({ ok: true, items: [] })
    expect(readSaleItems('  ')).toEqual({ ok: true, items: [] })
  })

  it('refuses broken JSON, other versions and wrong shapes', () => {
    expect(readSaleItems('{"v":1,')).toEqual({ ok: false, reason: 'invalid-json' })
    expect(readSaleItems('{"v":2,"items":[]}')).toEqual({ ok: false, reason: 'unsupported-version' })
    expect(readSaleItems('[1,2]')).toEqual({ ok: false, reason: 'unsupported-version' })
    expect(readSaleItems('{"v":1,"items":[{"id":"a","kind":"boat"}]}')).toEqual({ ok: false, reason: 'invalid-shape' })
    const fractional = serializeSaleItems([serviceItem('a', 'ved', 'VETERINARY')]).replace('"priceMinor":50000', '"priceMinor":500.5')
    expect(readSaleItems(fractional)).toEqual({ ok: false, reason: 'invalid-shape' })
  })
})
