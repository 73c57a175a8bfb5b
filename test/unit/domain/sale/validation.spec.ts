// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { lookupMessage } from '@/domain/client-profile'
import { parsePriceInput, parseTermInput, PRICE_MAX_MINOR, saleMessages, validateSale, VOLUME_MAX_LENGTH, type SaleDraft } from '@/domain/sale'
import { directory, objectItem, serviceItem } from './fixtures'

const reported = new Set<string>()

function errorsOf(sale: SaleDraft, taken = new Map<string, number>()) {
  const result = validateSale(sale, { directory, takenPlaces: taken })
  const errors = result.ok ? {} : result.errors
  Object.values(errors).forEach((key) => reported.add(key))
  return errors
}

const sale = (...items: SaleDraft['items']): SaleDraft => ({ kind: 'CONTRACT', items })

describe('sale validation', () => {
  it('accepts a complete sale of all three kinds', () => {
    expect(errorsOf(sale(objectItem('a'), serviceItem('b', 'ved', 'VETERINARY'), serviceItem('c', '3pl', 'MERCURY', 1)))).toEqual({})
  })

  it('needs a sale kind and at least one item', () => {
    expect(errorsOf({ kind: null, items: [] })).toEqual({ kind: 'kosSale.kindRequired', items: 'kosSale.itemsRequired' })
  })

  it('checks term and price of every item', () => {
    expect(errorsOf(sale(objectItem('a', {}, null, null)))).toEqual({
      'items.0.termYears': 'kosSale.termRequired',
      'items.0.priceMinor': 'kosSale.priceRequired',
    })
    expect(errorsOf(sale(objectItem('a', {}, -1, 1.5)))).toEqual({
      'items.0.termYears': 'kosSale.termWhole',
      'items.0.priceMinor': 'kosSale.priceNegative',
    })
    expect(errorsOf(sale(objectItem('a', {}, 0.5, 0)))).toEqual({
      'items.0.termYears': 'kosSale.termMin',
      'items.0.priceMinor': 'kosSale.priceInvalid',
    })
    expect(errorsOf(sale(objectItem('a', {}, 0, 100)))).toEqual({
      'items.0.termYears': 'kosSale.termMax',
      'items.0.priceMinor': 'kosSale.priceZero',
    })
    expect(errorsOf(sale(objectItem('a', {}, 100_000_000_000_001, 99)))).toEqual({ 'items.0.priceMinor': 'kosSale.priceTooHigh' })
    expect(errorsOf(sale(objectItem('a', {}, 1, 1)))).toEqual({})
    expect(errorsOf(sale(objectItem('a', {}, PRICE_MAX_MINOR, 1)))).toEqual({})
  })

  it('caps the sale total, the volume text and the items field’s size (a 64 KB text column on the portal)', () => {
    const half = 60_000_000_000_000
    expect(errorsOf(sale(objectItem('a', {}, half), serviceItem('b', 'ved', 'VETERINARY', half)))).toEqual({ items: 'kosSale.totalTooHigh' })
    expect(errorsOf(sale({ ...serviceItem('a', 'ved', 'VETERINARY'), volume: 'я'.repeat(100_000) }))).toEqual({ 'items.0.volume': 'kosSale.volumeTooLong' })
    expect(errorsOf(sale({ ...serviceItem('a', 'ved', 'VETERINARY'), volume: 'я'.repeat(VOLUME_MAX_LENGTH) }))).toEqual({})
    const many = Array.from({ length: 40 }, (_, index) => ({ ...serviceItem(`s${index}`, '3pl', 'PACKING'), volume: 'ж'.repeat(VOLUME_MAX_LENGTH) }))
    expect(errorsOf(sale(...many))).toEqual({ items: 'kosSale.itemsTooLarge' })
    expect(errorsOf(sale(...many.slice(0, 30)))).toEqual({})
  })

  it('needs the fields of each kind', () => {
    expect(errorsOf(sale({ ...serviceItem('a', 'ved', ''), volume: ' ' }))).toEqual({
      'items.0.service': 'kosSale.required',
      'items.0.volume': 'kosSale.required',
    })
    expect(errorsOf(sale(serviceItem('a', 'ved', 'PACKING')))).toEqual({ 'items.0.service': 'kosSale.unknownValue' })
    expect(errorsOf(sale(serviceItem('a', '3pl', 'VETERINARY')))).toEqual({ 'items.0.service': 'kosSale.unknownValue' })
    expect(errorsOf(sale(objectItem('a', { objectType: '' })))).toEqual({ 'items.0.objectType': 'kosSale.required' })
    expect(errorsOf(sale(objectItem('a', { zone: '' })))).toEqual({ 'items.0.zone': 'kosSale.required' })
    expect(errorsOf(sale(objectItem('a', { sector: '' })))).toEqual({ 'items.0.sector': 'kosSale.required' })
    expect(errorsOf(sale(objectItem('a', { place: '' })))).toEqual({ 'items.0.place': 'kosSale.required' })
  })

  it('refuses a path that does not exist in the directory, at the first wrong level', () => {
    expect(errorsOf(sale(objectItem('a', { objectType: 'MOON' })))).toEqual({ 'items.0.objectType': 'kosSale.unknownValue' })
    expect(errorsOf(sale(objectItem('a', { zone: 'Z2' })))).toEqual({ 'items.0.zone': 'kosSale.unknownValue' })
    expect(errorsOf(sale(objectItem('a', { sector: 'S7' })))).toEqual({ 'items.0.sector': 'kosSale.unknownValue' })
    expect(errorsOf(sale(objectItem('a', { place: 'P105' })))).toEqual({ 'items.0.place': 'kosSale.unknownValue' })
  })

  it('refuses a place twice in the deal and a place taken by another active deal', () => {
    expect(errorsOf(sale(objectItem('a'), objectItem('b')))).toEqual({ 'items.1.place': 'kosSale.placeTwice' })
    const taken = new Map([['CUSTOMS/Z1/S1/P102', 77]])
    expect(errorsOf(sale(objectItem('a'), objectItem('b', { place: 'P102' })), taken)).toEqual({ 'items.1.place': 'kosSale.placeTaken' })
  })
})

describe('typed inputs', () => {
  it('reads prices and terms as typed', () => {
    expect(parsePriceInput('150 000,50')).toEqual({ ok: true, value: 15_000_050 })
    expect(parsePriceInput('1000000.07')).toEqual({ ok: true, value: 100_000_007 })
    expect(parsePriceInput('1\u00a0000\u202f000,7')).toEqual({ ok: true, value: 100_000_070 })
    expect(parsePriceInput('1 000 000 000 000')).toEqual({ ok: true, value: PRICE_MAX_MINOR })
    expect(parseTermInput(' 3 ')).toEqual({ ok: true, value: 3 })
    expect(parseTermInput('2,0')).toEqual({ ok: true, value: 2 })
    for (const [parsed, key] of [
      [parsePriceInput(' '), 'kosSale.priceRequired'],
      [parsePriceInput('сто'), 'kosSale.priceInvalid'],
      [parsePriceInput('-1'), 'kosSale.priceNegative'],
      [parsePriceInput('0'), 'kosSale.priceZero'],
      [parsePriceInput('0,00'), 'kosSale.priceZero'],
      [parsePriceInput('1e5'), 'kosSale.priceInvalid'],
      [parsePriceInput('1E+5'), 'kosSale.priceInvalid'],
      [parsePriceInput('0x10'), 'kosSale.priceInvalid'],
      [parsePriceInput('1,000,000'), 'kosSale.priceInvalid'],
      [parsePriceInput('Infinity'), 'kosSale.priceInvalid'],
      [parsePriceInput('12 34,5 6'), 'kosSale.priceInvalid'],
      [parsePriceInput('0,005'), 'kosSale.priceKopecks'],
      [parsePriceInput('1 000 000 000 000,01'), 'kosSale.priceTooHigh'],
      [parsePriceInput('1' + '0'.repeat(30)), 'kosSale.priceTooHigh'],
      [parseTermInput('100'), 'kosSale.termMax'],
      [parseTermInput('1e1'), 'kosSale.termWhole'],
      [parseTermInput(''), 'kosSale.termRequired'],
      [parseTermInput('2,5'), 'kosSale.termWhole'],
      [parseTermInput('3 года'), 'kosSale.termWhole'],
      [parseTermInput('0'), 'kosSale.termMin'],
    ] as const) {
      expect(parsed).toEqual({ ok: false, message: key })
      reported.add(key)
    }
  })
})

describe('sale message texts', () => {
  it('has both languages for every key, and every key is reported by some path', () => {
    const keys = Object.keys(saleMessages.ru.kosSale).sort()
    expect(Object.keys(saleMessages.en.kosSale).sort()).toEqual(keys)
    for (const key of reported) {
      expect(lookupMessage(saleMessages.ru, key), key).toBeTruthy()
      expect(lookupMessage(saleMessages.en, key), key).toBeTruthy()
    }
    expect([...reported].sort()).toEqual(keys.map((key) => `kosSale.${key}`).sort())
  })
})
