import { unpackDeals, type DealFigures, type PackedDeals, type RawDealRow, type ReportDeal, type ReportFieldMap } from '@/domain/reports'
import { DealsEngine, type EngineReply, type EngineRequest, type FiguresQuery, type ReportMetaData } from './deals-engine'
import { nextTask, TASK_CHUNK } from './tasks'

/**
 * The report page's deals off its thread (issue 15: reading 100,000 deals froze the page 0.5–1.5 s
 * several times). The read hands each batch of raw rows over as it arrives; the worker types them,
 * packs them into columns once the read is done (the page unpacks those a piece at a time, and the
 * cache stores them as they are), and works out the deals tab's figures for each filter. Without a
 * Worker (unit tests in node, a browser that refuses one) the same engine runs on the page's
 * thread, its long loops cut into pieces of 10,000 deals with a pause between them.
 */
export interface DealsWorker {
  /** Forget the deals (a new read). */
  reset(): void
  /** A batch of raw `crm.deal.list` rows, in ID order. */
  addRows(rows: RawDealRow[], fields?: ReportFieldMap): void
  /** The deals added, packed; `deals` when they are at hand already (no worker). */
  pack(): Promise<{ packed: PackedDeals; deals?: ReportDeal[] }>
  /** Deals from the cache: the packed columns and the page's unpacked copy. */
  adopt(packed: PackedDeals, deals: ReportDeal[]): void
  setMeta(meta: ReportMetaData): void
  figures(query: FiguresQuery): Promise<DealFigures>
  dispose(): void
}

type Ask = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never

class WorkerDeals implements DealsWorker {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private failure: Error | null = null

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<EngineReply>) => {
      const reply = event.data
      const waiting = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (!waiting) return
      if (reply.ok) waiting.resolve(reply.value)
      else waiting.reject(new Error(reply.message))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      this.failure = new Error(event.message || 'the report worker stopped')
      for (const waiting of this.pending.values()) waiting.reject(this.failure)
      this.pending.clear()
    }
  }

  private ask<T>(request: Ask, transfer: Transferable[] = []): Promise<T> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.worker.postMessage({ ...request, id }, transfer)
    })
  }

  /** Requests whose answer nobody awaits: a failure shows at the next awaited one. */
  private tell(request: Ask): void {
    this.ask(request).catch((error: unknown) => (this.failure ??= error instanceof Error ? error : new Error(String(error))))
  }

  reset(): void {
    this.failure = null
    this.tell({ op: 'reset' })
  }

  addRows(rows: RawDealRow[], fields?: ReportFieldMap): void {
    this.tell({ op: 'rows', rows, fields })
  }

  async pack(): Promise<{ packed: PackedDeals }> {
    return { packed: await this.ask<PackedDeals>({ op: 'pack' }) }
  }

  adopt(packed: PackedDeals): void {
    this.tell({ op: 'load', packed })
  }

  setMeta(meta: ReportMetaData): void {
    this.tell({ op: 'meta', meta })
  }

  figures(query: FiguresQuery): Promise<DealFigures> {
    return this.ask<DealFigures>({ op: 'figures', query })
  }

  dispose(): void {
    this.worker.terminate()
  }
}

/** No worker: the engine on the page's thread, the figures a piece at a time. */
export class InThreadDeals implements DealsWorker {
  private readonly engine = new DealsEngine()

  reset(): void {
    this.engine.reset()
  }

  addRows(rows: RawDealRow[], fields?: ReportFieldMap): void {
    this.engine.addRows(rows, fields)
  }

  async pack(): Promise<{ packed: PackedDeals; deals: ReportDeal[] }> {
    return { packed: this.engine.pack(), deals: this.engine.deals }
  }

  adopt(_packed: PackedDeals, deals: ReportDeal[]): void {
    this.engine.deals = deals
  }

  setMeta(meta: ReportMetaData): void {
    this.engine.setMeta(meta)
  }

  async figures(query: FiguresQuery): Promise<DealFigures> {
    const deals = this.engine.deals
    const builder = this.engine.figuresBuilder(query)
    for (let from = 0; from < deals.length; from += TASK_CHUNK) {
      if (from > 0) await nextTask()
      builder.add(deals, from, Math.min(deals.length, from + TASK_CHUNK))
    }
    return builder.result()
  }

  dispose(): void {
    this.engine.reset()
  }
}

/** The worker when the browser gives one, the page's thread otherwise. */
export function createDealsWorker(): DealsWorker {
  if (typeof Worker === 'undefined') return new InThreadDeals()
  try {
    return new WorkerDeals(new Worker(new URL('./deals.worker.ts', import.meta.url), { type: 'module', name: 'report-deals' }))
  } catch {
    return new InThreadDeals()
  }
}

/** Packed deals back into objects, 10,000 a task, so 100,000 do not hold the page. */
export async function unpackInTasks(packed: PackedDeals): Promise<ReportDeal[]> {
  const deals: ReportDeal[] = []
  for (let from = 0; from < packed.count; from += TASK_CHUNK) {
    if (from > 0) await nextTask()
    deals.push(...unpackDeals(packed, from, Math.min(packed.count, from + TASK_CHUNK)))
  }
  return deals
}
