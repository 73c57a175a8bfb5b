import { createStore, del, get, set, type UseStore } from 'idb-keyval'
import { isFresh, packReportData, unpackReportData, wrapForCache, type CacheEnvelope, type PackedReportData, type ReportData } from '@/domain/reports'

/**
 * The report data kept in the browser's IndexedDB (100,000 deals are too big for localStorage),
 * one entry per portal + user + field map, the deals packed into columns (`packReportData`) so
 * the browser's copy into storage does not freeze the page. Any storage failure (private mode,
 * quota) only means no cache: the page reads again.
 */
let store: UseStore | null = null
function db(): UseStore {
  store ??= createStore('b24-sales-widgets-reports', 'cache')
  return store
}

export async function loadCached(key: string, now: number): Promise<CacheEnvelope<ReportData> | null> {
  try {
    const entry = await get<CacheEnvelope<PackedReportData>>(key, db())
    return isFresh(entry, key, now) ? { ...entry!, data: unpackReportData(entry!.data) } : null
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
