import { answer, DealsEngine, type EngineRequest } from './deals-engine'
import { answerCache, isCacheRequest, type CacheRequest } from './deals-cache'
import { DealsReads, type ReadRequest } from './deals-read'

/** Everything the page may ask of the deals worker. */
export type WorkerRequest = EngineRequest | ReadRequest | CacheRequest

const isReadRequest = (request: WorkerRequest): request is ReadRequest => request.op === 'read' || request.op === 'grant' || request.op === 'abort'

/**
 * The deals worker's message handler around one engine (deals.worker.ts runs it; tests run it in
 * a stand-in Worker): the deals read, the cache, and the engine's own questions.
 */
export function serveDeals(post: (message: unknown, transfer?: Transferable[]) => void): (request: WorkerRequest) => void {
  const engine = new DealsEngine()
  const reads = new DealsReads(engine, (message) => post(message))
  return (request) => {
    if (isReadRequest(request)) return reads.handle(request)
    if (isCacheRequest(request)) {
      void answerCache(engine, request).then(({ reply, transfer }) => post(reply, transfer))
      return
    }
    const { reply, transfer } = answer(engine, request)
    post(reply, transfer)
  }
}
