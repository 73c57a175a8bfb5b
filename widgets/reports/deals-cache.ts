import type { CacheEnvelope, PackedReportData } from '@/domain/reports'
import { dropCached, loadCached, saveCached } from './cache-store'
import { packedBuffers, type DealsEngine, type EngineReply, type ReportMetaData } from './deals-engine'

/**
 * The report cache kept by the deals worker: IndexedDB copies what it stores and loads on the
 * thread that asks, and for 100,000 deals that copy held the page ~0.25 s (issue 15). The worker
 * stores its own deals, and on a load keeps them and hands the page their columns.
 */
export type CacheRequest =
  | { id: number; op: 'cache-load'; key: string; now: number }
  | { id: number; op: 'cache-save'; key: string; meta: ReportMetaData; now: number }
  | { id: number; op: 'cache-drop'; key: string }

export const isCacheRequest = (request: { op: string }): request is CacheRequest => request.op.startsWith('cache-')

export type CachedReport = CacheEnvelope<PackedReportData>

export async function answerCache(engine: DealsEngine, request: CacheRequest): Promise<{ reply: EngineReply; transfer: ArrayBuffer[] }> {
  try {
    return await carryOut(engine, request)
  } catch (error) {
    return { reply: { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }, transfer: [] }
  }
}

async function carryOut(engine: DealsEngine, request: CacheRequest): Promise<{ reply: EngineReply; transfer: ArrayBuffer[] }> {
  switch (request.op) {
    case 'cache-load': {
      const entry = await loadCached(request.key, request.now)
      if (!entry) return { reply: { id: request.id, ok: true, value: null }, transfer: [] }
      const { deals, ...meta } = entry.data
      engine.load(deals)
      engine.setMeta(meta)
      return { reply: { id: request.id, ok: true, value: entry }, transfer: packedBuffers(deals) }
    }
    case 'cache-save':
      await saveCached(request.key, { ...request.meta, deals: engine.pack() }, request.now)
      break
    case 'cache-drop':
      await dropCached(request.key)
      break
  }
  return { reply: { id: request.id, ok: true }, transfer: [] }
}
