import { unpackDeals, type PackedDeals } from '@/domain/reports/cache-pack'
import type { ReportFieldMap } from '@/domain/reports/fields'
import type { DealFigures } from '@/domain/reports/figures'
import type { RawDealRow, ReportDeal } from '@/domain/reports/types'
import { toGatewayError } from '@/b24/gateway'
import type { RestGrantSource } from '@/b24/rest-grant/grant'
import { dropCached, loadCached, saveCached } from './cache-store'
import type { CacheFound } from './deals-cache'
import { DealsEngine, type EngineReply, type FiguresQuery, type ReportMetaData } from './deals-engine'
import type { WorkerRequest } from './deals-service'
import { fromPlainFailure, plainFailure, type DealsReadOrder, type ReadEvent, type ReadReply, type ReadRequest } from './deals-read'
import { nextTask } from '@/ui/next-task'
import { TASK_CHUNK } from './tasks'

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
  /**
   * The deals added (or loaded from the cache) as the page's own objects: from a worker 10,000 a
   * time, each slice packed there and unpacked here in a task of its own.
   */
  pageDeals(): Promise<ReportDeal[]>
  /** The report's meta data from the cache (null when none or stale); the deals then come by pageDeals. */
  loadCache(key: string, now: number): Promise<CacheFound | null>
  /** Stores the deals added with this meta data. */
  saveCache(key: string, meta: ReportMetaData, now: number): Promise<void>
  dropCache(key: string): Promise<void>
  setMeta(meta: ReportMetaData): void
  figures(query: FiguresQuery): Promise<DealFigures>
  /**
   * The whole read done by the worker itself, with the page's REST grant (see deals-read.ts);
   * resolves to the number of deals read. Absent where there is no worker.
   */
  readDeals?(order: DealsReadOrder, options: ReadDealsOptions): Promise<number>
  dispose(): void
}

export interface ReadDealsOptions {
  grants: RestGrantSource
  signal?: AbortSignal
  onProgress?: (rows: number) => void
  /** Each HTTP request the worker sends (the page's request counter counts them). */
  onRequest?: () => void
}

type Ask = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

class WorkerDeals implements DealsWorker {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  private readonly events = new Map<number, (event: ReadEvent) => void>()
  private failure: Error | null = null

  constructor(private readonly worker: Worker) {
    worker.onmessage = (message: MessageEvent<EngineReply | ReadReply | ReadEvent>) => {
      const reply = message.data
      if ('event' in reply) return this.events.get(reply.id)?.(reply)
      const waiting = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (!waiting) return
      if (reply.ok) waiting.resolve(reply.value)
      else waiting.reject('failure' in reply ? fromPlainFailure(reply.failure) : new Error(reply.message))
    }
    worker.onerror = (event) => {
      event.preventDefault()
      this.failure = new Error(event.message || 'the report worker stopped')
      for (const waiting of this.pending.values()) waiting.reject(this.failure)
      this.pending.clear()
    }
  }

  private ask<T>(request: Ask, transfer: Transferable[] = [], id = this.nextId++): Promise<T> {
    if (this.failure) return Promise.reject(this.failure)
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

  async pageDeals(): Promise<ReportDeal[]> {
    const deals: ReportDeal[] = []
    for (let from = 0; ; from += TASK_CHUNK) {
      if (from > 0) await nextTask()
      const slice = await this.ask<PackedDeals>({ op: 'pack', from, to: from + TASK_CHUNK })
      for (const deal of unpackDeals(slice)) deals.push(deal)
      if (slice.count < TASK_CHUNK) return deals
    }
  }

  loadCache(key: string, now: number): Promise<CacheFound | null> {
    return this.ask<CacheFound | null>({ op: 'cache-load', key, now })
  }

  saveCache(key: string, meta: ReportMetaData, now: number): Promise<void> {
    return this.ask({ op: 'cache-save', key, meta, now })
  }

  dropCache(key: string): Promise<void> {
    return this.ask({ op: 'cache-drop', key })
  }

  setMeta(meta: ReportMetaData): void {
    this.tell({ op: 'meta', meta })
  }

  figures(query: FiguresQuery): Promise<DealFigures> {
    return this.ask<DealFigures>({ op: 'figures', query })
  }

  async readDeals(order: DealsReadOrder, options: ReadDealsOptions): Promise<number> {
    options.signal?.throwIfAborted()
    const grant = await options.grants.current()
    const id = this.nextId++
    const send = (request: ReadRequest) => this.worker.postMessage(request)
    const stop = () => send({ id, op: 'abort' })
    this.events.set(id, (event) => {
      if (event.event === 'progress') options.onProgress?.(event.rows)
      else if (event.event === 'request') options.onRequest?.()
      else
        options.grants.refresh().then(
          (fresh) => send({ id, op: 'grant', grant: fresh }),
          (error: unknown) => send({ id, op: 'grant', grant: null, failure: plainFailure(toGatewayError(error)) }),
        )
    })
    options.signal?.addEventListener('abort', stop, { once: true })
    try {
      return await this.ask<number>({ op: 'read', order, grant }, [], id)
    } finally {
      this.events.delete(id)
      options.signal?.removeEventListener('abort', stop)
      options.signal?.throwIfAborted()
    }
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

  async pageDeals(): Promise<ReportDeal[]> {
    return this.engine.deals
  }

  async loadCache(key: string, now: number): Promise<CacheFound | null> {
    const entry = await loadCached(key, now)
    if (!entry) return null
    const { deals: packed, ...meta } = entry.data
    this.engine.deals = await unpackInTasks(packed)
    this.engine.setMeta(meta)
    return { meta, savedAt: entry.savedAt }
  }

  async saveCache(key: string, meta: ReportMetaData, now: number): Promise<void> {
    await saveCached(key, { ...meta, deals: this.engine.pack() }, now)
  }

  dropCache(key: string): Promise<void> {
    return dropCached(key)
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
