import type { Params } from '../../../core/types'

/** Small readers for request parameters (keys arrive in any case from PHP-style form bodies). */

export function param(params: Params, name: string): unknown {
  if (name in params) return params[name]
  const lower = name.toLowerCase()
  for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === lower) return v
  return undefined
}

export function positiveId(value: unknown): number | null {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A list parameter that may arrive as an array or as a PHP-style indexed object. */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (isObject(value)) return Object.values(value)
  if (value === undefined || value === null || value === '') return []
  return [value]
}

export function isYes(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || String(value).toUpperCase() === 'Y' || value === 'true'
}
