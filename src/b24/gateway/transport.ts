import type { B24Frame } from '@bitrix24/b24jssdk'
import { decodeBatchReply, encodeBatchCommands } from './batch-wire'
import { toGatewayError } from './errors'
import type { GatewayError } from './errors'

export type Params = Record<string, unknown>

export interface BatchReply {
  /** Each successful command's `result`, by name. */
  results: Record<string, unknown>
  /** Each failed command's error, by name. */
  errors: Record<string, GatewayError>
  /** A list command's `total` (the batch's `result_total`), by name, when the portal counted it. */
  totals?: Record<string, number>
}

/**
 * The two REST shapes the gateway builds on. The frame implementation below goes
 * through `b24.actions.v2.*`; tests pass a fake.
 */
export interface RestTransport {
  /** Resolves the method's `result`; rejects with the SDK's error (or a GatewayError). */
  call(method: string, params: Params): Promise<unknown>
  /** One HTTP request; per-command failures come back in `errors`. */
  batch(commands: Record<string, [string, Params]>, options: { halt: boolean }): Promise<BatchReply>
}

function firstError(result: { getErrors(): IterableIterator<Error> }): Error | undefined {
  for (const error of result.getErrors()) return error
  return undefined
}

/** What the transport needs of an SDK client: B24Frame in the tab, B24Hook or B24OAuth in Node. */
export type SdkClient = Pick<B24Frame, 'actions'>

/** One REST v2 call through the SDK: its `AjaxResult`, success or the portal's error. */
export type SdkCall = (method: string, params: Params) => Promise<{ isSuccess: boolean; getData(): unknown; getErrors(): IterableIterator<Error> }>

/** The gateway's transport over an SDK call: a client's `actions.v2.call.make`, or an `HttpV2` of its own (the report worker). */
export function sdkTransport(send: SdkCall): RestTransport {
  const resultOf = (reply: Awaited<ReturnType<SdkCall>>) => (reply.getData() as { result?: unknown } | undefined)?.result
  return {
    async call(method, params) {
      const reply = await send(method, params)
      if (!reply.isSuccess) throw toGatewayError(firstError(reply))
      return resultOf(reply)
    },
    async batch(commands, { halt }) {
      // Sent as a plain call of `batch` and decoded here: see batch-wire.ts for why.
      const reply = await send('batch', { halt: halt ? 1 : 0, cmd: encodeBatchCommands(commands) })
      if (!reply.isSuccess) throw toGatewayError(firstError(reply))
      return decodeBatchReply(commands, resultOf(reply))
    },
  }
}

export function frameTransport(b24: SdkClient): RestTransport {
  return sdkTransport((method, params) => b24.actions.v2.call.make<unknown>({ method, params }))
}
