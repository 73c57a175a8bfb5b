import { createStore, del, get, set, type UseStore } from 'idb-keyval'
// Module by module, not the reports barrel: the deals worker stores the cache and bundles only this.
import { isFresh, wrapForCache, type CacheEnvelope } from '@/domain/reports/cache'
import type { PackedReportData } from '@/domain/reports/cache-pack'

/**
 * The report data kept in the browser's IndexedDB (100,000 deals are too big for localStorage),
 * one entry per portal + user + field map, the deals packed into columns (`packReportData`, done
 * by the deals worker) so the browser's copy into storage does not freeze the page. The page
 * unpacks what it loads a piece at a time (`unpackInTasks`). Any storage failure (private mode,
 * quota) only means no cache: the page reads again.
 */
let store: UseStore | null = null
function db(): UseStore {
  store ??= createStore('b24-sales-widgets-reports', 'cache')
  return store
}

export async function loadCached(key: string, now: number): Promise<CacheEnvelope<PackedReportData> | null> {
  try {
    const entry = await get<CacheEnvelope<PackedReportData>>(key, db())
    return entry && isFresh(entry, key, now) ? entry : null
  } catch {
    return null
  }
}

export async function saveCached(key: string, data: PackedReportData, now: number): Promise<void> {
  try {
    await set(key, wrapForCache(key, data, now), db())
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
