import type { ReportData } from './model'
import type { ReportDeal, StageSemantic } from './types'

/**
 * The deals as the cache stores them: columns of typed arrays and a few long strings instead of
 * 100,000 objects. IndexedDB copies what it stores (structured clone) on the page's thread; 100,000
 * deal objects took 2.8 s there (one frozen task at the end of every read, issue 15), typed arrays
 * and long strings copy as blocks of memory. Packing and unpacking are single loops over the deals.
 */
export interface PackedDeals {
  count: number
  /** per deal: id, categoryId, assignedById, companyId, amount, paid, createdAt, closeAt, dueAt, invoiceAt */
  numbers: Float64Array
  /** per deal: semantic (0 P, 1 S, 2 F) | scans received << 2 | originals received << 3 */
  flags: Uint8Array
  /** per deal: index into `stageIds` / `currencies` */
  stage: Uint32Array
  currency: Uint32Array
  stageIds: string[]
  currencies: string[]
  /** titles and ISO dates one after another; per deal the length of each */
  text: string
  textLengths: Uint32Array
}

const NUMBERS = ['id', 'categoryId', 'assignedById', 'companyId', 'amount', 'paid', 'createdAt', 'closeAt', 'dueAt', 'invoiceAt'] as const
const TEXTS = ['title', 'createdIso', 'closeIso'] as const
const SEMANTICS: readonly StageSemantic[] = ['P', 'S', 'F']

function dictionary(): { index(value: string): number; values: string[] } {
  const values: string[] = []
  const byValue = new Map<string, number>()
  return {
    values,
    index(value) {
      let index = byValue.get(value)
      if (index === undefined) {
        index = values.length
        values.push(value)
        byValue.set(value, index)
      }
      return index
    },
  }
}

export function packDeals(deals: readonly ReportDeal[]): PackedDeals {
  const count = deals.length
  const numbers = new Float64Array(count * NUMBERS.length)
  const flags = new Uint8Array(count)
  const stage = new Uint32Array(count)
  const currency = new Uint32Array(count)
  const textLengths = new Uint32Array(count * TEXTS.length)
  const stages = dictionary()
  const currencies = dictionary()
  const parts: string[] = []
  deals.forEach((deal, i) => {
    NUMBERS.forEach((field, f) => (numbers[i * NUMBERS.length + f] = deal[field]))
    flags[i] = SEMANTICS.indexOf(deal.semantic) | (deal.scansReceived ? 4 : 0) | (deal.originalsReceived ? 8 : 0)
    stage[i] = stages.index(deal.stageId)
    currency[i] = currencies.index(deal.currency)
    TEXTS.forEach((field, f) => {
      parts.push(deal[field])
      textLengths[i * TEXTS.length + f] = deal[field].length
    })
  })
  return { count, numbers, flags, stage, currency, stageIds: stages.values, currencies: currencies.values, text: parts.join(''), textLengths }
}

/** The deals `from` (inclusive) `to` (exclusive), so a caller can unpack 100,000 in pieces. */
export function unpackDeals(packed: PackedDeals, from = 0, to = packed.count): ReportDeal[] {
  const deals: ReportDeal[] = new Array(Math.max(0, to - from))
  let offset = 0
  for (let k = 0; k < from * TEXTS.length; k++) offset += packed.textLengths[k]!
  const nextText = (i: number, f: number) => {
    const length = packed.textLengths[i * TEXTS.length + f]!
    const text = packed.text.slice(offset, offset + length)
    offset += length
    return text
  }
  for (let i = from; i < to; i++) {
    const n = (f: number) => packed.numbers[i * NUMBERS.length + f]!
    const flags = packed.flags[i]!
    deals[i - from] = {
      id: n(0),
      categoryId: n(1),
      assignedById: n(2),
      companyId: n(3),
      amount: n(4),
      paid: n(5),
      createdAt: n(6),
      closeAt: n(7),
      dueAt: n(8),
      invoiceAt: n(9),
      semantic: SEMANTICS[flags & 3] ?? 'P',
      scansReceived: (flags & 4) !== 0,
      originalsReceived: (flags & 8) !== 0,
      stageId: packed.stageIds[packed.stage[i]!] ?? '',
      currency: packed.currencies[packed.currency[i]!] ?? '',
      title: nextText(i, 0),
      createdIso: nextText(i, 1),
      closeIso: nextText(i, 2),
    }
  }
  return deals
}

/** What the cache keeps: the report data with its deals packed. */
export type PackedReportData = Omit<ReportData, 'deals'> & { deals: PackedDeals }

export function packReportData(data: ReportData): PackedReportData {
  return { ...data, deals: packDeals(data.deals) }
}

export function unpackReportData(data: PackedReportData): ReportData {
  return { ...data, deals: unpackDeals(data.deals) }
}
