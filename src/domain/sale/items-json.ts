import { z } from 'zod'
import type { SaleItem } from './items'

/*
 * The structured items live in a deal string field as versioned JSON:
 *   {"v":1,"items":[{"id":"…","kind":"object",…,"priceMinor":15000050}]}
 * Money stays in integer kopecks so nothing is lost on the way; the shape is checked
 * on every read.
 */

export const SALE_ITEMS_FORMAT_VERSION = 1

const common = {
  id: z.string().min(1),
  volume: z.string(),
  termYears: z.number().nullable(),
  priceMinor: z.number().int().nullable(),
}

const itemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('object'), objectType: z.string(), zone: z.string(), sector: z.string(), place: z.string(), ...common }),
  z.object({ kind: z.literal('ved'), service: z.string(), ...common }),
  z.object({ kind: z.literal('3pl'), service: z.string(), ...common }),
])

const storedSchema = z.object({ v: z.literal(SALE_ITEMS_FORMAT_VERSION), items: z.array(itemSchema) })

export function serializeSaleItems(items: readonly SaleItem[]): string {
  return JSON.stringify({ v: SALE_ITEMS_FORMAT_VERSION, items })
}

export type SaleItemsRead =
  | { ok: true; items: SaleItem[] }
  | { ok: false; reason: 'invalid-json' | 'unsupported-version' | 'invalid-shape' }

/** An empty field means a deal without items yet. */
export function readSaleItems(text: string | null | undefined): SaleItemsRead {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, items: [] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'invalid-json' }
  }
  if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== SALE_ITEMS_FORMAT_VERSION) {
    return { ok: false, reason: 'unsupported-version' }
  }
  const result = storedSchema.safeParse(value)
  return result.success ? { ok: true, items: result.data.items } : { ok: false, reason: 'invalid-shape' }
}
