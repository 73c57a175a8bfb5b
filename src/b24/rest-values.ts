import { z } from 'zod/mini'

/**
 * Pieces every REST DTO parser reads with: legacy methods send numbers as strings, empty
 * values as null, and lists as arrays or as `{id: row}` objects.
 */

/** A record ID: `"12"` and `12` both read as 12. */
export const restId = z.coerce.number().check(z.int(), z.nonnegative())

/** A text value: null or absent reads as ''. */
export const restText = z.pipe(
  z.transform((value: unknown) => (value === null || value === undefined ? '' : String(value))),
  z.string(),
)

/** A REST list as an array. */
export function rowsOf(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw
  if (raw && typeof raw === 'object') return Object.values(raw)
  return []
}
