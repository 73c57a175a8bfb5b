/// <reference lib="webworker" />
import { answer, DealsEngine, type EngineRequest } from './deals-engine'

/** The report page's worker: the deals, typed, packed and aggregated off the page's thread. */
const engine = new DealsEngine()
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { reply, transfer } = answer(engine, event.data)
  scope.postMessage(reply, transfer)
}
