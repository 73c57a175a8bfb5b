// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseMoney } from '@/domain/money'
import {
  dealAmountFields,
  describeItem,
  formatTerm,
  placeKeysOf,
  planSaleSave,
  productRowsTotalMinor,
  readSaleItems,
  saleTotals,
  serializeSaleItems,
  summaryLines,
  takenPlaces,
  toProductRows,
  type SaleItem,
} from '@/domain/sale'
import { directory, objectItem, serviceItem } from './fixtures'

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

/** A fixed pseudo-random sequence, so the «many odd prices» case is the same on every run. */
function* lcg(seed: number) {
  let state = seed
  for (;;) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    yield state
  }
}

describe('totals «услуга/площадь, сумма, срок» (S3)', () => {
  const items: SaleItem[] = [
    objectItem('a', { objectType: 'LOW_TEMP_COMPLEX', zone: 'Z1', sector: 'S1', place: 'P101' }, 1_000_000_00, 3), // 100,5 м²
    objectItem('b', { objectType: 'LOW_TEMP_COMPLEX', zone: 'Z1', sector: 'S1', place: 'P102' }, 1_500_000_01, 1), // 200,5 м²
    serviceItem('c', 'ved', 'TEMP_STORAGE', 33_333, 2),
    serviceItem('d', 'ved', 'VETERINARY', 66_667, 2),
    serviceItem('e', '3pl', 'PACKING', 1, 5),
  ]

  it('adds per kind and overall', () => {
    const totals = saleTotals(items, directory)
    expect(totals.byKind.object).toEqual({
      kind: 'object',
      count: 2,
      sumMinor: 2_500_000_01,
      areaM2: 301,
      services: ['Низкотемпературный производственно - складской комплекс'],
      termMinYears: 1,
      termMaxYears: 3,
    })
    expect(totals.byKind.ved).toMatchObject({ count: 2, sumMinor: 100_000, areaM2: null, services: ['Склад временного хранения', 'Ветеринарный контроль'], termMinYears: 2, termMaxYears: 2 })
    expect(totals.byKind['3pl']).toMatchObject({ count: 1, sumMinor: 1, termMinYears: 5, termMaxYears: 5 })
    expect(totals.overall).toMatchObject({ count: 5, sumMinor: 2_501_000_02, areaM2: 301, termMinYears: 1, termMaxYears: 5 })
  })

  it('writes the summary lines in Russian and English', () => {
    expect(summaryLines(items, directory, 'RUB').map(plain)).toEqual([
      'Объекты: 2 места, 301 м², 2 500 000,01 ₽, 1–3 года',
      'Услуги ВЭД: Склад временного хранения, Ветеринарный контроль, 1 000,00 ₽, 2 года',
      'Услуги 3PL: Упаковка, 0,01 ₽, 5 лет',
      'Итого: 5 позиций, 301 м², 2 501 000,02 ₽, 1–5 лет',
    ])
    expect(summaryLines(items, directory, 'USD', 'en')).toEqual([
      'Objects: 2 places, 301 m², $2,500,000.01, 1–3 years',
      'Customs (VED) services: Temporary storage warehouse, Veterinary control, $1,000.00, 2 years',
      '3PL services: Packing, $0.01, 5 years',
      'Total: 5 items, 301 m², $2,501,000.02, 1–5 years',
    ])
    expect(summaryLines([], directory, 'RUB').map(plain)).toEqual(['Итого: 0 позиций, 0,00 ₽, —'])
  })

  it('describes one item', () => {
    expect(plain(describeItem(objectItem('x', { sector: 'S2', place: 'P201' }, 123_45, 1), directory, 'RUB'))).toBe(
      'Таможня / Зона СВХ / Сектор 2 / Склад 201 (500 м²), 123,45 ₽, 1 год',
    )
  })

  it('adds areas without float drift', () => {
    const custom = structuredClone(directory)
    const places = custom.objectTypes.find((type) => type.code === 'CUSTOMS')!.zones[0]!.sectors[0]!.places
    places[0]!.areaM2 = 0.1
    places[1]!.areaM2 = 0.2
    const totals = saleTotals([objectItem('a'), objectItem('b', { place: 'P102' })], custom)
    expect(totals.overall.areaM2).toBe(0.3)
  })

  it('says years the Russian way', () => {
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => formatTerm(n, n))).toEqual([
      '1 год', '2 года', '4 года', '5 лет', '11 лет', '12 лет', '14 лет', '21 год', '22 года', '25 лет', '101 год', '111 лет',
    ])
    expect(formatTerm(1, 1, 'en')).toBe('1 year')
    expect(formatTerm(null, null)).toBe('—')
  })
})

// Row fields and OPPORTUNITY recalculation: api-reference/crm/deals/crm-deal-productrows-set.md and
// api-reference/crm/universal/product-rows/crm-item-productrow-set.md (b24restdocs).
describe('product rows equal the total', () => {
  it('maps each item to a free-text row of its whole price', () => {
    const rows = toProductRows([objectItem('a', {}, 150_000_50, 3), serviceItem('b', '3pl', 'MERCURY', 99, 1)], directory)
    expect(rows).toEqual([
      { PRODUCT_ID: 0, PRODUCT_NAME: 'Таможня / Зона СВХ / Сектор 1 / Склад 101, срок 3 года', PRICE: 150000.5, QUANTITY: 1, DISCOUNT_TYPE_ID: 1, DISCOUNT_SUM: 0, TAX_INCLUDED: 'N', SORT: 10 },
      { PRODUCT_ID: 0, PRODUCT_NAME: 'Учёт в системе «Меркурий», срок 1 год', PRICE: 0.99, QUANTITY: 1, DISCOUNT_TYPE_ID: 1, DISCOUNT_SUM: 0, TAX_INCLUDED: 'N', SORT: 20 },
    ])
  })

  it('keeps Σ PRICE × QUANTITY = total to the kopeck for 1000 odd prices, through JSON as REST sends it', () => {
    const random = lcg(42)
    const priceTexts = Array.from({ length: 1000 }, () => {
      const rubles = random.next().value! % 10_000_000
      const kopecks = random.next().value! % 100
      return `${rubles},${String(kopecks).padStart(2, '0')}`
    })
    const items = priceTexts.map((text, index) => serviceItem(`i${index}`, '3pl', 'CUSTODY', parseMoney(text), 1))
    // The expected sum from the decimal texts alone, in BigInt, independent of the code under test.
    const expected = priceTexts.reduce((sum, text) => sum + BigInt(text.replace(',', '')), 0n)

    const total = saleTotals(items, directory).overall.sumMinor
    expect(BigInt(total)).toBe(expected)

    const rows = JSON.parse(JSON.stringify(toProductRows(items, directory))) as { PRICE: number; QUANTITY: number }[]
    expect(BigInt(productRowsTotalMinor(rows))).toBe(expected)
    // The float sum a naive implementation would send drifts; ours does not.
    const { OPPORTUNITY } = dealAmountFields(total, 'RUB')
    expect(parseMoney(OPPORTUNITY)).toBe(total)

    const stored = readSaleItems(serializeSaleItems(items))
    expect(stored.ok && saleTotals(stored.items, directory).overall.sumMinor).toBe(total)
  })

  it('reads rows back as REST returns them (strings)', () => {
    expect(productRowsTotalMinor([{ PRICE: '100.10', QUANTITY: '3' }, { PRICE: '0.01', QUANTITY: '1.0000' }])).toBe(30031)
    expect(() => productRowsTotalMinor([{ PRICE: 'x', QUANTITY: 1 }])).toThrow()
  })

  it('writes the deal amount fields', () => {
    expect(dealAmountFields(250_100_002, 'RUB')).toEqual({ OPPORTUNITY: 2501000.02, CURRENCY_ID: 'RUB', IS_MANUAL_OPPORTUNITY: 'N' })
  })
})

describe('taken places (S4)', () => {
  const holding = (dealId: number, semantic: 'P' | 'S' | 'F', ...places: string[]) => ({
    dealId,
    semantic,
    items: places.map((place, index) => objectItem(`${dealId}-${index}`, { place })),
  })

  it('marks places of other deals in work or won, not of lost ones, and never the current deal', () => {
    const taken = takenPlaces(
      [holding(10, 'P', 'P101'), holding(11, 'S', 'P102'), holding(12, 'F', 'P201'), holding(13, 'P', 'P202'), holding(9, 'P', 'P101')],
      13,
    )
    expect([...taken.entries()].sort()).toEqual([
      ['CUSTOMS/Z1/S1/P101', 9],
      ['CUSTOMS/Z1/S1/P102', 11],
    ])
  })

  it('lists the place keys a deal holds once each, ignoring services and unfinished paths', () => {
    expect(placeKeysOf([objectItem('a'), objectItem('b'), objectItem('c', { place: '' }), serviceItem('d', 'ved', 'VETERINARY')])).toEqual([
      'CUSTOMS/Z1/S1/P101',
    ])
  })
})

describe('save plan', () => {
  it('derives JSON, summary, place keys, rows and amount that agree', () => {
    const items = [objectItem('a', {}, 333_33, 2), serviceItem('b', '3pl', 'PICKING', 666_67, 1)]
    const plan = planSaleSave(items, directory, 'RUB')
    expect(readSaleItems(plan.itemsJson)).toEqual({ ok: true, items })
    expect(plan.placeKeys).toEqual(['CUSTOMS/Z1/S1/P101'])
    expect(plan.amount).toEqual({ OPPORTUNITY: 1000, CURRENCY_ID: 'RUB', IS_MANUAL_OPPORTUNITY: 'N' })
    expect(productRowsTotalMinor(plan.productRows)).toBe(100_000)
    expect(plain(plan.summary).split('\n').at(-1)).toBe('Итого: 2 позиции, 500 м², 1 000,00 ₽, 1–2 года')
  })
})
