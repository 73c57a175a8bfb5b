import { GatewayError, classifyError } from './errors'
import { phpQuery } from './php-query'
import type { BatchReply, Params } from './transport'

/*
 * The `batch` method on the wire (b24restdocs settings/how-to-call-rest-api/batch.md):
 * `cmd` holds `method?query` strings (PHP bracket form), the reply holds `result` and
 * `result_error` by command name. The SDK 2.2.0 reads a legacy per-command error
 * (`{error: "", error_description: "Access denied."}`) as a success with no data, so the
 * app reads `result_error` itself: every entry there is a failed command.
 */

export function encodeBatchCommands(commands: Record<string, [string, Params]>): Record<string, string> {
  return Object.fromEntries(Object.entries(commands).map(([name, [method, params]]) => [name, `${method}?${phpQuery(params)}`]))
}

interface WireError {
  error?: unknown
  error_description?: unknown
}

function toCommandError(raw: unknown, method: string): GatewayError {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as WireError
  const code = String(body.error ?? '')
  const description = String(body.error_description ?? '')
  return new GatewayError(classifyError(code, 0, description), code, description, 0, method)
}

/** The method of a command as sent (`[method, params]`), '' for anything else. */
const methodOf = (command: unknown): string => (Array.isArray(command) && typeof command[0] === 'string' ? command[0] : '')

/** PHP sends an empty array as `[]` and a keyed one as an object: both read as name → value. */
function byName(raw: unknown): Record<string, unknown> {
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((value, index) => [String(index), value]))
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
}

export function decodeBatchReply(commands: Record<string, unknown>, raw: unknown): BatchReply {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as { result?: unknown; result_error?: unknown; result_total?: unknown }
  const values = byName(body.result)
  const failures = byName(body.result_error)
  const counted = byName(body.result_total)
  const results: Record<string, unknown> = {}
  const errors: Record<string, GatewayError> = {}
  const totals: Record<string, number> = {}
  for (const name of Object.keys(commands)) {
    if (name in failures) errors[name] = toCommandError(failures[name], methodOf(commands[name]))
    else if (name in values) results[name] = values[name]
    const total = Number(counted[name])
    if (name in results && counted[name] !== undefined && Number.isInteger(total) && total >= 0) totals[name] = total
  }
  return Object.keys(totals).length ? { results, errors, totals } : { results, errors }
}
