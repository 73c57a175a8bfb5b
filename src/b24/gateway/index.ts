import { createOnce } from './create-once'
import type { CreateOnceResult } from './create-once'
import { toGatewayError } from './errors'
import { buildKeysetBatch, collectKeysetPages, PAGES_PER_BATCH } from './keyset'
import type { KeysetOptions } from './keyset'
import { withRetry } from './retry'
import type { RetryPolicy, Sleep } from './retry'
import { toBatchCommands, toScreenResult } from './screen'
import type { ScreenCommands, ScreenResult } from './screen'
import type { BatchReply, Params, RestTransport } from './transport'

export { GatewayError, toGatewayError, classifyError } from './errors'
export type { GatewayErrorKind } from './errors'
export { command } from './screen'
export { joinOffsetPages, offsetPageCommands, OFFSET_PAGE_SIZE } from './offset-pages'
export type { ScreenCommand, ScreenCommands, ScreenResult } from './screen'
export type { BatchReply, Params, RestTransport } from './transport'
export { frameTransport, sdkTransport } from './transport'
export type { SdkCall } from './transport'
export { idempotencyTag } from './create-once'

export interface ReadAllOptions<T = unknown> extends KeysetOptions {
  /** Rows read so far, after each batch request. */
  onProgress?: (rowsRead: number) => void
  signal?: AbortSignal
  /** Start after this ID (0: from the beginning). */
  afterId?: number
  /**
   * Each batch request's rows as they arrive; with it the rows are handed over, not kept, and
   * readAll resolves to an empty list (the report page passes 100,000 deals on to its worker).
   */
  onRows?: (rows: T[]) => void
}

export interface Gateway {
  /** The raw calls, for write plans (src/b24/write-plan), which do their own retrying. */
  transport: RestTransport
  /** One method call; reads are retried on 503/429/network, writes only with `retry: true`. */
  call<T>(method: string, params?: Params, options?: { retry?: boolean; parse?: (raw: unknown) => T }): Promise<T>
  /** Everything a screen shows, in one batch request; per-command results and errors. */
  loadScreen<C extends ScreenCommands>(commands: C): Promise<ScreenResult<C>>
  /**
   * Sends a screen's batch now, before its screen asks for it: the first `loadScreen` of the
   * same commands takes this reply instead of sending its own. Reads only.
   */
  prime(commands: ScreenCommands): void
  /** All rows of a list method by ID keyset, 50 pages per batch request. */
  readAll<T>(method: string, params: Params, options?: ReadAllOptions<T>): Promise<T[]>
  /** Creates a record once per key (see create-once.ts). */
  createOnce<T>(key: string, create: (key: string) => Promise<T>, find: (key: string) => Promise<T | null>): Promise<CreateOnceResult<T>>
}

export interface GatewayOptions {
  retry?: RetryPolicy
  sleep?: Sleep
}

const READ_METHOD = /\.(get|list|fields|current|info|status|items\.get)$|^(user\.get|profile|server\.time|app\.option\.get|user\.option\.get|placement\.get|placement\.list|department\.get)$/

/** A method that changes nothing, so repeating it is always safe. */
export function isReadMethod(method: string): boolean {
  return READ_METHOD.test(method)
}

const everyRead = (commands: ScreenCommands) => Object.values(commands).every((c) => isReadMethod(c.method))

export function createGateway(transport: RestTransport, options: GatewayOptions = {}): Gateway {
  const retrying = <T>(attempt: () => Promise<T>, signal?: AbortSignal) =>
    withRetry(attempt, { policy: options.retry, sleep: options.sleep, signal })

  // Batches sent ahead by `prime`, by their wire form; each is taken once.
  const primed = new Map<string, Promise<BatchReply>>()
  const wireKey = (batch: Record<string, [string, Params]>) => JSON.stringify(batch)

  return {
    transport,
    async call<T>(method: string, params: Params = {}, callOptions: { retry?: boolean; parse?: (raw: unknown) => T } = {}) {
      const once = async () => {
        const raw = await transport.call(method, params)
        return callOptions.parse ? callOptions.parse(raw) : (raw as T)
      }
      const retry = callOptions.retry ?? isReadMethod(method)
      if (retry) return retrying(once)
      try {
        return await once()
      } catch (error) {
        throw toGatewayError(error)
      }
    },

    prime(commands) {
      if (!everyRead(commands)) throw new Error('Only reads are sent ahead of their screen')
      const batch = toBatchCommands(commands)
      const reply = transport.batch(batch, { halt: false })
      reply.catch(() => undefined) // its screen sees the failure (and retries) when it takes it
      primed.set(wireKey(batch), reply)
    },

    async loadScreen(commands) {
      const batch = toBatchCommands(commands)
      const key = wireKey(batch)
      let ahead = primed.get(key)
      primed.delete(key)
      const send = () => {
        const reply = ahead ?? transport.batch(batch, { halt: false })
        ahead = undefined
        return reply
      }
      const reply = everyRead(commands) ? await retrying(send) : await send().catch((error: unknown) => { throw toGatewayError(error) })
      return toScreenResult(commands, reply)
    },

    async readAll<T>(method: string, params: Params, readOptions: ReadAllOptions<T> = {}) {
      const pages = readOptions.pagesPerBatch ?? PAGES_PER_BATCH
      const rows: T[] = []
      let count = 0
      let afterId = readOptions.afterId ?? 0
      for (;;) {
        readOptions.signal?.throwIfAborted()
        const batch = buildKeysetBatch(method, params, afterId, readOptions)
        const reply = await retrying(() => transport.batch(batch, { halt: false }), readOptions.signal)
        const chunk = collectKeysetPages<T>(reply, afterId, pages, readOptions)
        count += chunk.rows.length
        if (readOptions.onRows) readOptions.onRows(chunk.rows)
        else rows.push(...chunk.rows)
        readOptions.onProgress?.(count)
        if (chunk.done) return rows
        afterId = chunk.lastId
      }
    },

    createOnce(key, create, find) {
      return createOnce(key, create, find, { policy: options.retry, sleep: options.sleep })
    },
  }
}
