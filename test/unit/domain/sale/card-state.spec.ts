// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  dealRowsOf,
  guessRowKind,
  itemsFromRows,
  readSaleRecord,
  rowsFingerprint,
  rowsOfItems,
  rowsSettled,
  saleCardState,
  salePlanKeys,
  saleSavePlan,
  serializeSaleItems,
  type DealRow,
  type SaleItem,
} from '@/domain/sale'
import { SALE_FIELDS } from '@/domain/fields/sale'
import { directory, objectItem, serviceItem } from './fixtures'

// Rows as crm.deal.productrows.get returns them (b24restdocs api-reference/crm/deals/crm-deal-productrows-get.md).

const items: SaleItem[] = [objectItem('a', {}, 100_000_007, 3), serviceItem('b', '3pl', 'PICKING', 20, 2)]
const written = rowsOfItems(items, directory)
/** Deal 37 of the demo: one row entered in Bitrix24 before the tab existed. */
const legacyRow: DealRow = { name: 'Низкотемпературный склад, зона А, пом. 12 (3 года)', priceMinor: 160_000_000, quantity: 3 }
const marker = (replaces: DealRow[]) => ({ save: 'p1', rows: rowsFingerprint(written), replaces: rowsFingerprint(replaces) })

describe('sale card state', () => {
  it('reads REST rows (strings or numbers) exactly and refuses one that does not read', () => {
    expect(dealRowsOf([{ PRODUCT_NAME: 'x', PRICE: '1600000.00', QUANTITY: '3' }, { PRICE: 0.1, QUANTITY: 1 }])).toEqual([
      { name: 'x', priceMinor: 160_000_000, quantity: 3 },
      { name: '', priceMinor: 10, quantity: 1 },
    ])
    expect(dealRowsOf([{ PRICE: 'много', QUANTITY: 1 }])).toBeNull()
  })

  it('is consistent when the rows are the ones the marker wrote and the amount follows them', () => {
    expect(saleCardState({ items, marker: marker([]), rows: written, opportunityMinor: 100_000_027 })).toEqual({ kind: 'consistent' })
    expect(saleCardState({ items: [], marker: null, rows: [], opportunityMinor: 1_000 })).toEqual({ kind: 'consistent' })
  })

  it('is unfinished when the items are saved and the rows are still the ones that save replaces (or the amount lags)', () => {
    expect(saleCardState({ items, marker: marker([legacyRow]), rows: [legacyRow], opportunityMinor: 480_000_000 })).toEqual({ kind: 'unfinished', save: 'p1' })
    expect(saleCardState({ items, marker: marker([]), rows: written, opportunityMinor: 5 })).toEqual({ kind: 'unfinished', save: 'p1' })
    // Items saved before markers existed, rows not yet written.
    expect(saleCardState({ items, marker: null, rows: [], opportunityMinor: 0 })).toEqual({ kind: 'unfinished', save: null })
  })

  it('shows rows no item describes as foreign: deal 37’s 4 800 000 row before any sale, a row added later in Bitrix24', () => {
    expect(saleCardState({ items: [], marker: null, rows: [legacyRow], opportunityMinor: 480_000_000 })).toEqual({
      kind: 'foreign',
      rows: [legacyRow],
      fingerprint: rowsFingerprint([legacyRow]),
    })
    const added: DealRow = { name: 'Доставка', priceMinor: 5_000, quantity: 2 }
    const state = saleCardState({ items, marker: marker([]), rows: [...written, added], opportunityMinor: 100_010_027 })
    expect(state).toMatchObject({ kind: 'foreign', rows: [added] })
    // Items written by someone else without rows: matched by money, the rest is foreign.
    expect(saleCardState({ items: items.slice(0, 1), marker: null, rows: written, opportunityMinor: 100_000_027 })).toMatchObject({ kind: 'foreign', rows: [written[1]] })
  })

  it('lets a save replace foreign rows only after a decision about exactly those rows', () => {
    const state = saleCardState({ items: [], marker: null, rows: [legacyRow], opportunityMinor: 480_000_000 })
    expect(rowsSettled(state, null)).toBe(false)
    expect(rowsSettled(state, { fingerprint: rowsFingerprint([legacyRow]), choice: 'replace' })).toBe(true)
    expect(rowsSettled(state, { fingerprint: rowsFingerprint([{ ...legacyRow, quantity: 2 }]), choice: 'replace' })).toBe(false)
    expect(rowsSettled({ kind: 'consistent' }, null)).toBe(true)
  })

  it('fingerprints names, prices and quantities in order', () => {
    const other: DealRow = { name: 'b', priceMinor: 1, quantity: 1 }
    const one: DealRow = { name: 'a', priceMinor: 1, quantity: 1 }
    expect(rowsFingerprint([one, other])).not.toBe(rowsFingerprint([other, one]))
    expect(rowsFingerprint([one])).toBe(rowsFingerprint([{ ...one, name: ' a ' }]))
    expect(rowsFingerprint([one])).not.toBe(rowsFingerprint([{ ...one, priceMinor: 2 }]))
  })

  it('takes rows in as items: the whole amount as price, the name as volume, the term from the name, a guessed service', () => {
    const rows: DealRow[] = [legacyRow, { name: 'Маркировка (1 год)', priceMinor: 60_000_000, quantity: 1 }]
    const guesses = rows.map(guessRowKind)
    expect(guesses).toEqual([{ kind: 'object', service: '' }, { kind: '3pl', service: 'LABELLING' }])
    expect(itemsFromRows(rows, guesses, ['n1', 'n2'])).toEqual([
      { id: 'n1', kind: 'object', objectType: '', zone: '', sector: '', place: '', volume: legacyRow.name, termYears: 3, priceMinor: 480_000_000 },
      { id: 'n2', kind: '3pl', service: 'LABELLING', volume: 'Маркировка (1 год)', termYears: 1, priceMinor: 60_000_000 },
    ])
    // Taken as another kind than guessed: the service is left to choose.
    expect(itemsFromRows(rows.slice(1), [{ kind: 'ved', service: '' }], ['n3'])[0]).toMatchObject({ kind: 'ved', service: '' })
  })
})

describe('sale save plan', () => {
  const plan = saleSavePlan({
    planId: 'p9',
    dealId: 37,
    dateModify: '2026-01-01T10:00:00+03:00',
    kindItemId: '12',
    items,
    directory,
    currency: 'RUB',
    replaces: rowsFingerprint([legacyRow]),
    now: new Date('2026-01-02T00:00:00Z'),
  })
  const keys = salePlanKeys('p9')

  it('checks the version, then writes the fields (items with the marker), then the rows; only the update depends on the check', () => {
    expect(plan.scope).toBe('deal:37')
    expect(plan.steps.map((step) => [step.key, step.method, step.kind])).toEqual([
      [keys.check, 'crm.deal.list', 'check'],
      [keys.deal, 'crm.deal.update', 'set'],
      [keys.rows, 'crm.deal.productrows.set', 'set'],
    ])
    expect(plan.steps[0]!.params).toEqual({ filter: { ID: 37, '=DATE_MODIFY': '2026-01-01T10:00:00+03:00' }, select: ['ID'] })
    expect(plan.steps[1]!.params.id).toEqual({ $step: keys.check })
    expect(plan.steps[2]!.params.id).toBe(37)
  })

  it('writes the kind item, the places, an automatic amount and rows whose fingerprint the marker holds', () => {
    const fields = plan.steps[1]!.params.fields as Record<string, unknown>
    expect(fields).toMatchObject({ [SALE_FIELDS.kind.fieldName]: '12', [SALE_FIELDS.places.fieldName]: ['CUSTOMS/Z1/S1/P101'], IS_MANUAL_OPPORTUNITY: 'N', CURRENCY_ID: 'RUB' })
    const read = readSaleRecord(fields[SALE_FIELDS.items.fieldName] as string)
    expect(read).toEqual({ ok: true, items, marker: { save: 'p9', rows: rowsFingerprint(written), replaces: rowsFingerprint([legacyRow]) } })
    const rows = plan.steps[2]!.params.rows as { PRICE: number; QUANTITY: number; PRODUCT_NAME: string }[]
    expect(rowsFingerprint(dealRowsOf(rows)!)).toBe(rowsFingerprint(written))
    // Each prefix reads back: after the fields only, the card is unfinished; after the rows, consistent.
    expect(saleCardState({ items, marker: read.ok ? read.marker : null, rows: [legacyRow], opportunityMinor: 480_000_000 }).kind).toBe('unfinished')
    expect(saleCardState({ items, marker: read.ok ? read.marker : null, rows: dealRowsOf(rows)!, opportunityMinor: 100_000_027 }).kind).toBe('consistent')
  })

  it("clears the places with [''] and keeps the older items text readable without a marker", () => {
    const empty = saleSavePlan({ planId: 'p0', dealId: 1, dateModify: null, kindItemId: '', items: [], directory, currency: 'RUB', replaces: rowsFingerprint([]), now: new Date() })
    expect(empty.steps.map((step) => step.kind)).toEqual(['set', 'set'])
    expect((empty.steps[0]!.params.fields as Record<string, unknown>)[SALE_FIELDS.places.fieldName]).toEqual([''])
    expect(readSaleRecord(serializeSaleItems(items))).toEqual({ ok: true, items, marker: null })
  })
})
