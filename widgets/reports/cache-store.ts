import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import { isFresh, packReportData, unpackDeals, wrapForCache, type CacheEnvelope, type PackedReportData, type ReportData } from '@/domain/reports'
import { nextTask } from './data'

/**
 * The report data kept in the browser's IndexedDB (100,000 deals are too big for localStorage),
 * one entry per portal + user + field map, the deals packed into columns (`packReportData`) so
 * the browser's copy into storage does not freeze the page. Any storage failure (private mode,
 * quota) only means no cache: the page reads again.
 */
const UNPACK_CHUNK = 10_000

let store: UseStore | null = null
function db(): UseStore {
  store ??= createStore('b24-sales-widgets-reports', 'cache')
  return store
}

export async function loadCached(key: string, now: number): Promise<CacheEnvelope<ReportData> | null> {
  try {
    const entry = await get<CacheEnvelope<PackedReportData>>(key, db())
    if (!entry || !isFresh(entry, key, now)) return null
    // In pieces of 10,000, a task each: unpacking 100,000 deals at once held the page.
    const packed = entry.data.deals
    const deals: ReportData['deals'] = []
    for (let from = 0; from < packed.count; from += UNPACK_CHUNK) {
      if (from > 0) await nextTask()
      deals.push(...unpackDeals(packed, from, Math.min(packed.count, from + UNPACK_CHUNK)))
    }
    return { ...entry, data: { ...entry.data, deals } }
  } catch {
    return null
  }
}

export async function saveCached(key: string, data: ReportData, now: number): Promise<void> {
  try {
    await set(key, wrapForCache(key, packReportData(data), now), db())
  } catch {
    // no cache this time
  }
}

export async function dropCached(key: string): Promise<void> {
  try {
    await del(key, db())
  } catch {
    // nothing to drop
  }
}
