import { RestError } from '../core/errors'
import { ListPage, type Params } from '../core/types'
import { parseQueryString } from './body'
import { errorBody, type TimeInfo } from './envelope'

/** `committed`: the store write a top-level call started when its handlers were done (see RestInvoker). */
export type Outcome = ({ ok: true; value: unknown; time: TimeInfo } | { ok: false; error: RestError }) & { committed?: Promise<void> }
export type RunOne = (method: string, params: Params) => Promise<Outcome>

export const BATCH_MAX = 50

export interface BatchResult {
  result: unknown
  result_error: unknown
  result_total: unknown
  result_next: unknown
  result_time: unknown
}

const isTrue = (value: unknown) => value === true || value === 1 || ['1', 'true', 'y', 'Y'].includes(String(value))

/** `method?query` → method name and qs-decoded params (`user.current?` → no params). */
export function parseCommand(command: string): { method: string; params: Params } {
  const at = command.indexOf('?')
  const method = (at < 0 ? command : command.slice(0, at)).trim()
  const query = at < 0 ? '' : command.slice(at + 1)
  return { method, params: query ? parseQueryString(query) : {} }
}

const REFERENCE = /\$result((?:\[[^[\]]*\])+)/g

function lookup(results: Map<string, unknown>, path: string[]): unknown {
  const [key, ...rest] = path
  if (key === undefined || !results.has(key)) return undefined
  let value = results.get(key)
  for (const segment of rest) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[segment]
  }
  return value
}

/**
 * Replaces `$result[key][field][0]…` with values of earlier commands. A string that is one whole
 * reference takes the value as it is (an array stays an array); inside longer text it is
 * stringified. Unresolved references stay as written.
 */
export function resolveReferences(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = value.match(/^\$result((?:\[[^[\]]*\])+)$/)
    if (whole) {
      const found = lookup(results, segments(whole[1]!))
      return found === undefined ? value : found
    }
    return value.replace(REFERENCE, (text, path: string) => {
      const found = lookup(results, segments(path))
      if (found === undefined || found === null) return found === null ? '' : text
      return typeof found === 'object' ? JSON.stringify(found) : String(found)
    })
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results)]))
  }
  return value
}

function segments(path: string): string[] {
  return [...path.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)
}

/** PHP's json_encode of an array: keys 0..n-1 in order → a JSON list, anything else → an object; empty → []. */
function phpArray(entries: Array<[string, unknown]>, numbered: boolean): unknown {
  if (entries.length === 0) return []
  if (numbered && entries.every(([key], index) => key === String(index))) return entries.map(([, v]) => v)
  return Object.fromEntries(entries)
}

/**
 * The `batch` method (b24restdocs `settings/how-to-call-rest-api/batch.md`): up to 50 commands
 * run in order, each with its own errors; `halt` stops at the first error.
 */
export async function runBatch(params: Params, runOne: RunOne): Promise<BatchResult> {
  const cmd = params.cmd
  const numbered = Array.isArray(cmd)
  const commands: Array<[string, unknown]> = Array.isArray(cmd)
    ? cmd.map((command, index) => [String(index), command])
    : cmd && typeof cmd === 'object'
      ? Object.entries(cmd)
      : []
  if (commands.length > BATCH_MAX) {
    throw new RestError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', `Max batch length exceeded (${BATCH_MAX})`)
  }
  const halt = isTrue(params.halt)
  const results = new Map<string, unknown>()
  const ok: Array<[string, unknown]> = []
  const failed: Array<[string, unknown]> = []
  const totals: Array<[string, unknown]> = []
  const nexts: Array<[string, unknown]> = []
  const times: Array<[string, unknown]> = []

  for (const [key, command] of commands) {
    const { method, params: raw } = parseCommand(String(command ?? ''))
    const outcome = await runOne(method, resolveReferences(raw, results) as Params)
    if (!outcome.ok) {
      failed.push([key, errorBody(outcome.error)])
      if (halt) break
      continue
    }
    const value = outcome.value instanceof ListPage ? outcome.value.result : outcome.value
    results.set(key, value)
    ok.push([key, value === undefined ? null : value])
    if (outcome.value instanceof ListPage) {
      totals.push([key, outcome.value.total])
      if (outcome.value.next !== undefined) nexts.push([key, outcome.value.next])
    }
    times.push([key, outcome.time])
  }

  return {
    result: phpArray(ok, numbered),
    result_error: phpArray(failed, numbered),
    result_total: phpArray(totals, numbered),
    result_next: phpArray(nexts, numbered),
    result_time: phpArray(times, numbered),
  }
}
