import { z } from 'zod/mini'
import type { StatusChangeRecord } from './status-transitions'

/*
 * The status history (P6 «every change is recorded with who and when») kept as a JSON
 * array in a company field, newest last. Unreadable text is not thrown away silently:
 * the reader says so and the caller decides (show a warning, start a new log).
 */

const statusSchema = z.object({ level: z.string(), subStatus: z.nullable(z.string()), inactive: z.boolean() })
const recordSchema = z.object({
  from: statusSchema,
  to: statusSchema,
  action: z.looseObject({ type: z.string() }),
  by: z.number().check(z.int()),
  at: z.string(),
  remark: z.optional(z.string()),
})

export type StatusLogRead = { ok: true; records: StatusChangeRecord[] } | { ok: false; reason: 'invalid-json' | 'invalid-shape' }

export function readStatusLog(text: string | null | undefined): StatusLogRead {
  if (!text || text.trim() === '') return { ok: true, records: [] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'invalid-json' }
  }
  const parsed = z.array(recordSchema).safeParse(value)
  return parsed.success ? { ok: true, records: parsed.data as StatusChangeRecord[] } : { ok: false, reason: 'invalid-shape' }
}

/** How many records the field keeps: older ones are dropped (the timeline keeps the full story). */
export const STATUS_LOG_LIMIT = 200

/**
 * How long the field's text may grow: the portal keeps a string user field in a TEXT column
 * of 65,535 bytes (limits.ts); the log stays under 60,000 bytes of UTF-8.
 */
export const STATUS_LOG_MAX_BYTES = 60_000

/** Bytes of a text in UTF-8, as the database stores it. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
  }
  return bytes
}

export function appendStatusLog(records: readonly StatusChangeRecord[], record: StatusChangeRecord, limit = STATUS_LOG_LIMIT, maxBytes = STATUS_LOG_MAX_BYTES): string {
  let kept = [...records, record].slice(-limit)
  let text = JSON.stringify(kept)
  // The oldest records go first; the newest one always stays.
  while (utf8Length(text) > maxBytes && kept.length > 1) {
    kept = kept.slice(1)
    text = JSON.stringify(kept)
  }
  return text
}
