import type { ReportFieldMap } from './fields'

/**
 * Cache policy of the report data. A repeated open within the TTL shows the cached figures with
 * «обновлено N минут назад» and a refresh button instead of reading 100,000 deals again. The key
 * holds the portal, the user (rights differ per user) and the field map, so nothing leaks
 * between them. Storage (IndexedDB) is the widget's; this is only the rule.
 */
export const REPORT_CACHE_TTL_MS = 15 * 60_000
/** 2: deals carry `invoiceAt` (receivables apart from the open pipeline, issue 15); 3: deals packed (`cache-pack.ts`). */
export const REPORT_CACHE_VERSION = 3

export interface CacheEnvelope<T> {
  key: string
  version: number
  savedAt: number
  data: T
}

export function reportCacheKey(parts: { domain: string; userId: number; fields: ReportFieldMap }): string {
  const f = parts.fields
  return ['reports', parts.domain, parts.userId, f.paid, f.scansReceived, f.originalsReceived, f.paymentDue ?? '', f.invoiceDate ?? ''].join('|')
}

export function wrapForCache<T>(key: string, data: T, now: number): CacheEnvelope<T> {
  return { key, version: REPORT_CACHE_VERSION, savedAt: now, data }
}

/** Usable: same key, same version, not older than the TTL and not from the future (clock moved). */
export function isFresh(entry: CacheEnvelope<unknown> | undefined | null, key: string, now: number, ttlMs = REPORT_CACHE_TTL_MS): boolean {
  if (!entry || entry.key !== key || entry.version !== REPORT_CACHE_VERSION) return false
  const age = now - entry.savedAt
  return age >= 0 && age <= ttlMs
}
