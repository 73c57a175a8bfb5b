import { AjaxError } from '@bitrix24/b24jssdk'
import { createGateway, GatewayError, sdkTransport, toGatewayError, type GatewayErrorKind, type Params } from '@/b24/gateway'
import { grantHttp } from '@/b24/rest-grant/grant-http'
import type { RestGrant } from '@/b24/rest-grant/grant'
import type { ReportFieldMap } from '@/domain/reports/fields'
import type { RawDealRow } from '@/domain/reports/types'
import type { DealsEngine } from './deals-engine'

/**
 * The deals read inside the report worker (issue 15: a batch of 2,500 deals parsed, logged and
 * handed over on the page's thread held it 150–430 ms, forty times a read). The worker calls REST
 * through the SDK's own client with the frame's grant, so the replies are parsed there and the
 * rows go straight into the engine; the page only hears how far the read is.
 */

/** Which list to read, by ID keyset, as the gateway's readAll takes it. */
export interface DealsReadOrder {
  method: string
  params: Params
  idKey: string
  cursorKey: string
  fields?: ReportFieldMap
}

/** A GatewayError as it crosses between threads (a class does not). */
export interface PlainFailure {
  kind: GatewayErrorKind
  code: string
  description: string
  status: number
  method: string
}

/** Page → worker: start a read; answer a read's call for a fresh grant; stop a read. */
export type ReadRequest =
  | { id: number; op: 'read'; order: DealsReadOrder; grant: RestGrant }
  | { id: number; op: 'grant'; grant: RestGrant | null; failure?: PlainFailure }
  | { id: number; op: 'abort' }

/** Worker → page while a read runs (its end is the usual reply with the same id). */
export type ReadEvent = { id: number; event: 'progress'; rows: number } | { id: number; event: 'request' } | { id: number; event: 'refresh' }

export const plainFailure = (error: GatewayError): PlainFailure => ({
  kind: error.kind,
  code: error.code,
  description: error.description,
  status: error.status,
  method: error.method,
})

export const fromPlainFailure = (failure: PlainFailure): GatewayError =>
  new GatewayError(failure.kind, failure.code, failure.description, failure.status, failure.method)

export type ReadReply = { id: number; ok: true; value: number } | { id: number; ok: false; message: string; failure: PlainFailure }

interface Running {
  abort: AbortController
  granted: ((grant: RestGrant) => void) | null
  refused: ((error: Error) => void) | null
}

/**
 * The page could not renew the grant: the read ends as the portal's own refusal would (an
 * AjaxError, which the SDK passes on as it is), «expired» unless the page knew better.
 */
function refusal(failure: PlainFailure | undefined): AjaxError {
  return new AjaxError({
    code: failure?.code || 'NO_AUTH_FOUND',
    description: failure?.description || 'the page could not renew the REST grant',
    status: failure?.status || 401,
    requestInfo: { method: failure?.method ?? '' },
    originalError: null,
  })
}

/** The reads a worker runs: each feeds the engine and tells the page its progress and its requests. */
export class DealsReads {
  private readonly running = new Map<number, Running>()

  constructor(
    private readonly engine: DealsEngine,
    private readonly post: (message: ReadEvent | ReadReply) => void,
  ) {}

  handle(request: ReadRequest): void {
    if (request.op === 'read') {
      void this.read(request.id, request.order, request.grant)
      return
    }
    const running = this.running.get(request.id)
    if (!running) return
    if (request.op === 'abort') running.abort.abort()
    else if (request.grant) running.granted?.(request.grant)
    else running.refused?.(refusal(request.failure))
  }

  private async read(id: number, order: DealsReadOrder, grant: RestGrant): Promise<void> {
    const running: Running = { abort: new AbortController(), granted: null, refused: null }
    this.running.set(id, running)
    const refresh = () =>
      new Promise<RestGrant>((resolve, reject) => {
        running.granted = resolve
        running.refused = reject
        this.post({ id, event: 'refresh' })
      })
    try {
      const http = grantHttp(grant, refresh)
      http.ajaxClient.interceptors.request.use((config) => {
        this.post({ id, event: 'request' })
        return config
      })
      const gateway = createGateway(sdkTransport((method, params) => http.call(method, params)))
      this.engine.reset()
      let rows = 0
      await gateway.readAll<RawDealRow>(order.method, order.params, {
        idKey: order.idKey,
        cursorKey: order.cursorKey,
        signal: running.abort.signal,
        onRows: (batch) => this.engine.addRows(batch, order.fields),
        onProgress: (count) => this.post({ id, event: 'progress', rows: (rows = count) }),
      })
      this.post({ id, ok: true, value: rows })
    } catch (raw) {
      const error = running.abort.signal.aborted ? new GatewayError('unknown', 'ABORTED', 'the read was stopped') : toGatewayError(raw)
      this.post({ id, ok: false, message: error.message, failure: plainFailure(error) })
    } finally {
      this.running.delete(id)
    }
  }
}
