/// <reference lib="webworker" />
import { serveDeals, type WorkerRequest } from './deals-service'

/** The report page's worker: the deals read, typed, packed, cached and aggregated off the page's thread. */
const scope = self as unknown as DedicatedWorkerGlobalScope
const serve = serveDeals((message, transfer = []) => scope.postMessage(message, transfer))

scope.onmessage = (event: MessageEvent<WorkerRequest>) => serve(event.data)
