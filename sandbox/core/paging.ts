import { ListPage } from './types'

export const PAGE_SIZE = 50

/** Reads `start` as the portal does: missing/invalid → 0; -1 disables counting. */
export function parseStart(raw: unknown): number {
  const n = Number(raw ?? 0)
  if (n === -1) return -1
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
}

/**
 * Cuts one page of 50 out of already filtered and ordered rows.
 * `start = -1`: no COUNT, `total: 0` and no `next` (b24restdocs `settings/performance/huge-data.md`).
 * `wrap` builds the `result` value, e.g. `(items) => ({ items })` for crm.item.list.
 */
export function pageOf<T, R = unknown>(
  rows: Iterable<T>,
  startRaw: unknown,
  map: (row: T) => R,
  wrap: (items: R[]) => unknown = (items) => items,
): ListPage {
  const start = parseStart(startRaw)
  const items: R[] = []
  if (start === -1) {
    for (const row of rows) {
      items.push(map(row))
      if (items.length === PAGE_SIZE) break
    }
    return new ListPage(wrap(items), 0)
  }
  let index = 0
  for (const row of rows) {
    if (index >= start && items.length < PAGE_SIZE) items.push(map(row))
    index++
  }
  const next = start + PAGE_SIZE < index ? start + PAGE_SIZE : undefined
  return new ListPage(wrap(items), index, next)
}
