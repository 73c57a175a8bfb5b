import { dropCached, loadCached, saveCached } from './cache-store'
import { type DealsEngine, type EngineReply, type ReportMetaData } from './deals-engine'

/**
 * The report cache kept by the deals worker: IndexedDB copies what it stores and loads on the
 * thread that asks, and for 100,000 deals that copy held the page ~0.25 s (issue 15). The worker
 * stores its own deals, and on a load keeps them; the page asks for them as after a read.
 */
export type CacheRequest =
  | { id: number; op: 'cache-load'; key: string; now: number }
  | { id: number; op: 'cache-save'; key: string; meta: ReportMetaData; now: number }
  | { id: number; op: 'cache-drop'; key: string }

export const isCacheRequest = (request: { op: string }): request is CacheRequest => request.op.startsWith('cache-')

/** A cache entry found: its meta data and when it was read; the deals stay in the worker. */
export interface CacheFound {
  meta: ReportMetaData
  savedAt: number
}

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
      const found: CacheFound = { meta, savedAt: entry.savedAt }
      return { reply: { id: request.id, ok: true, value: found }, transfer: [] }
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
