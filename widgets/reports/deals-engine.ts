// Module by module, not the reports barrel: the worker's bundle holds only what it runs.
import { packDeals, unpackDeals, type PackedDeals } from '@/domain/reports/cache-pack'
import type { ReportFieldMap } from '@/domain/reports/fields'
import { figuresBuilder, type DealFigures, type FiguresRequest } from '@/domain/reports/figures'
import { reportContext, type ReportData } from '@/domain/reports/model'
import { toReportDeal } from '@/domain/reports/normalize'
import type { RawDealRow, ReportDeal } from '@/domain/reports/types'

/** The report data but its deals: users, departments, pipelines, overdue tasks. */
export type ReportMetaData = Omit<ReportData, 'deals'>

/** A figures request as it crosses to the worker: plain data, the moment and currency fixed. */
export interface FiguresQuery extends FiguresRequest {
  now: number
  currency: string
}

/**
 * The deals' side of the report page that runs in the Web Worker (deals.worker.ts), or on the
 * page's thread when there is none: typing the deals as the read hands them over, packing them
 * into columns (for the page and the cache), and the deals tab's figures. Only src/domain code.
 */
export class DealsEngine {
  deals: ReportDeal[] = []
  private meta: ReportMetaData = { users: [], departments: [], pipelines: [], overdue: [], readAt: 0 }

  reset(): void {
    this.deals = []
  }

  addRows(rows: readonly RawDealRow[], fields?: ReportFieldMap): void {
    for (const row of rows) this.deals.push(toReportDeal(row, fields))
  }

  load(packed: PackedDeals): void {
    this.deals = unpackDeals(packed)
  }

  /** All deals packed, or those `from` (inclusive) `to` (exclusive). */
  pack(from?: number, to?: number): PackedDeals {
    return packDeals(from === undefined ? this.deals : this.deals.slice(from, to))
  }

  setMeta(meta: ReportMetaData): void {
    this.meta = meta
  }

  /** A builder for the figures: fed all deals at once in the worker, a piece at a time on the page. */
  figuresBuilder(query: FiguresQuery) {
    return figuresBuilder(query, reportContext({ ...this.meta, deals: this.deals }, query.now, query.currency))
  }

  figures(query: FiguresQuery): DealFigures {
    const builder = this.figuresBuilder(query)
    builder.add(this.deals)
    return builder.result()
  }
}

/** What the page asks of the worker; `id` pairs a reply with its question. */
export type EngineRequest =
  | { id: number; op: 'reset' }
  | { id: number; op: 'rows'; rows: RawDealRow[]; fields?: ReportFieldMap }
  | { id: number; op: 'pack'; from?: number; to?: number }
  | { id: number; op: 'meta'; meta: ReportMetaData }
  | { id: number; op: 'figures'; query: FiguresQuery }

export type EngineReply = { id: number; ok: true; value?: unknown } | { id: number; ok: false; message: string }

/** The buffers of packed deals, handed over rather than copied. */
export const packedBuffers = (packed: PackedDeals): ArrayBuffer[] =>
  [packed.numbers, packed.flags, packed.stage, packed.currency, packed.textLengths].map((array) => array.buffer as ArrayBuffer)

/** One request against an engine: the worker's whole message handler, and testable without a worker. */
export function answer(engine: DealsEngine, request: EngineRequest): { reply: EngineReply; transfer: ArrayBuffer[] } {
  try {
    switch (request.op) {
      case 'reset':
        engine.reset()
        break
      case 'rows':
        engine.addRows(request.rows, request.fields)
        break
      case 'meta':
        engine.setMeta(request.meta)
        break
      case 'pack': {
        const packed = engine.pack(request.from, request.to)
        return { reply: { id: request.id, ok: true, value: packed }, transfer: packedBuffers(packed) }
      }
      case 'figures':
        return { reply: { id: request.id, ok: true, value: engine.figures(request.query) }, transfer: [] }
    }
    return { reply: { id: request.id, ok: true }, transfer: [] }
  } catch (error) {
    return { reply: { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }, transfer: [] }
  }
}
