import { GatewayError } from './errors'
import type { BatchReply, Params } from './transport'

/** One REST call of a screen's batch and how to turn its raw `result` into a typed value. */
export interface ScreenCommand<T> {
  method: string
  params: Params
  parse: (raw: unknown) => T
}

export function command<T>(method: string, params: Params, parse: (raw: unknown) => T): ScreenCommand<T> {
  return { method, params, parse }
}

export type ScreenCommands = Record<string, ScreenCommand<unknown>>

type ValueOf<C> = C extends ScreenCommand<infer T> ? T : never

export interface ScreenResult<C extends ScreenCommands> {
  /** The parsed value, or throws that command's GatewayError. */
  value<K extends keyof C & string>(name: K): ValueOf<C[K]>
  /** The parsed value, or undefined when that command failed. */
  optional<K extends keyof C & string>(name: K): ValueOf<C[K]> | undefined
  errors: Partial<Record<keyof C & string, GatewayError>>
  /** A list command's `total` (rows the caller may read), or undefined when not counted or failed. */
  total?(name: keyof C & string): number | undefined
}

export const MAX_BATCH_COMMANDS = 50

export function toBatchCommands(commands: ScreenCommands): Record<string, [string, Params]> {
  const names = Object.keys(commands)
  if (names.length === 0 || names.length > MAX_BATCH_COMMANDS) {
    throw new RangeError(`A screen batch holds 1–${MAX_BATCH_COMMANDS} commands, got ${names.length}`)
  }
  return Object.fromEntries(names.map((name) => [name, [commands[name]!.method, commands[name]!.params]]))
}

/** Parses each command's result; a parse failure becomes that command's error, not the screen's. */
export function toScreenResult<C extends ScreenCommands>(commands: C, reply: BatchReply): ScreenResult<C> {
  const values: Record<string, unknown> = {}
  const errors: Record<string, GatewayError> = {}
  for (const name of Object.keys(commands)) {
    const failed = reply.errors[name]
    if (failed) {
      errors[name] = failed
    } else if (name in reply.results) {
      try {
        values[name] = commands[name]!.parse(reply.results[name])
      } catch (error) {
        errors[name] = new GatewayError('unknown', 'BAD_SHAPE', `${name}: ${String(error)}`)
      }
    } else {
      errors[name] = new GatewayError('unknown', 'NOT_RUN', `${name}: not run (an earlier command failed)`)
    }
  }
  return {
    errors: errors as ScreenResult<C>['errors'],
    value(name) {
      if (errors[name]) throw errors[name]
      return values[name] as never
    },
    optional(name) {
      return values[name] as never
    },
    total(name) {
      return name in values ? reply.totals?.[name] : undefined
    },
  }
}
