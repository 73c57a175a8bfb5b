import { z } from 'zod/mini'
import type { SaleItem } from './items'

/*
 * The structured items live in a deal string field as versioned JSON:
 *   {"v":1,"items":[{"id":"…","kind":"object",…,"priceMinor":15000050}]}
 * Money stays in integer kopecks so nothing is lost on the way; the shape is checked
 * on every read.
 */

export const SALE_ITEMS_FORMAT_VERSION = 1

const common = {
  id: z.string().check(z.minLength(1)),
  volume: z.string(),
  termYears: z.nullable(z.number()),
  priceMinor: z.nullable(z.number().check(z.int())),
}

const itemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('object'), objectType: z.string(), zone: z.string(), sector: z.string(), place: z.string(), ...common }),
  z.object({ kind: z.literal('ved'), service: z.string(), ...common }),
  z.object({ kind: z.literal('3pl'), service: z.string(), ...common }),
])

/**
 * Written by a save together with the items (card-state.ts): which save wrote them, the
 * fingerprint of the product rows they make, and of the rows that save replaces. A card
 * whose rows carry `rows` is consistent; one still carrying `replaces` is a save cut short.
 */
export interface SaleSaveMarker {
  save: string
  rows: string
  replaces: string
}

const markerSchema = z.object({ save: z.string(), rows: z.string(), replaces: z.string() })

const storedSchema = z.object({ v: z.literal(SALE_ITEMS_FORMAT_VERSION), items: z.array(itemSchema), saved: z.optional(markerSchema) })

export function serializeSaleItems(items: readonly SaleItem[], marker?: SaleSaveMarker): string {
  return JSON.stringify(marker ? { v: SALE_ITEMS_FORMAT_VERSION, items, saved: marker } : { v: SALE_ITEMS_FORMAT_VERSION, items })
}

export type SaleItemsRead =
  | { ok: true; items: SaleItem[] }
  | { ok: false; reason: 'invalid-json' | 'unsupported-version' | 'invalid-shape' }

/** An empty field means a deal without items yet. */
export function readSaleItems(text: string | null | undefined): SaleItemsRead {
  const read = readSaleRecord(text)
  return read.ok ? { ok: true, items: read.items } : read
}

export type SaleRecordRead =
  | { ok: true; items: SaleItem[]; marker: SaleSaveMarker | null }
  | { ok: false; reason: 'invalid-json' | 'unsupported-version' | 'invalid-shape' }

/** The items and the marker of the save that wrote them (null: written before markers, or by someone else). */
export function readSaleRecord(text: string | null | undefined): SaleRecordRead {
  if (text === null || text === undefined || text.trim() === '') return { ok: true, items: [], marker: null }
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
  return result.success ? { ok: true, items: result.data.items, marker: result.data.saved ?? null } : { ok: false, reason: 'invalid-shape' }
}
