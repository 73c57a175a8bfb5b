import type { AjaxResult, B24Frame } from '@bitrix24/b24jssdk'
import { toGatewayError } from './errors'
import type { GatewayError } from './errors'

export type Params = Record<string, unknown>

export interface BatchReply {
  /** Each successful command's `result`, by name. */
  results: Record<string, unknown>
  /** Each failed command's error, by name. */
  errors: Record<string, GatewayError>
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

export function frameTransport(b24: B24Frame): RestTransport {
  return {
    async call(method, params) {
      const reply = await b24.actions.v2.call.make<unknown>({ method, params })
      if (!reply.isSuccess) throw toGatewayError(firstError(reply))
      return reply.getData()?.result
    },
    async batch(commands, { halt }) {
      const reply = await b24.actions.v2.batch.make<unknown>({
        calls: commands,
        options: { isHaltOnError: halt, returnAjaxResult: true },
      })
      const rows = (reply.getData() ?? {}) as Record<string, AjaxResult<unknown>>
      const results: Record<string, unknown> = {}
      for (const [name, row] of Object.entries(rows)) {
        if (row.isSuccess) results[name] = row.getData()?.result
      }
      const errors: Record<string, GatewayError> = {}
      for (const [name, error] of Object.entries(reply.getErrorsByKey())) {
        if (!(name in commands)) throw toGatewayError(error) // the envelope itself failed
        errors[name] = toGatewayError(error)
      }
      return { results, errors }
    },
  }
}
