/** Small pure helpers for the benchmark's summary. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export interface RunResult {
  rows: number
  requests: number
  wallMs: number
  /** peak JS heap of the tab during the read, bytes */
  peakHeap: number
  /** JS heap before the read started, bytes */
  baseHeap: number
}

export interface Summary {
  runs: number
  rows: number
  requests: number
  wallMs: number
  peakHeapMb: number
  heapGrowthMb: number
}

export function summarize(runs: readonly RunResult[]): Summary {
  const mb = (bytes: number) => bytes / 1024 / 1024
  return {
    runs: runs.length,
    rows: median(runs.map((r) => r.rows)),
    requests: median(runs.map((r) => r.requests)),
    wallMs: median(runs.map((r) => r.wallMs)),
    peakHeapMb: mb(median(runs.map((r) => r.peakHeap))),
    heapGrowthMb: mb(median(runs.map((r) => r.peakHeap - r.baseHeap))),
  }
}

/**
 * Scales the SDK helper's measured slice to N rows. Requests: the helper's own formula ⌊N/50⌋+1
 * (one page per request). Time: the slice as measured, plus every further request at the slower
 * of its measured average and the portal's drain interval (1/drainRate: once the burst is used
 * up, no request can go faster than the bucket drains).
 */
export function extrapolateSdk(slice: Summary, rows: number, drainRate = 2): { requests: number; wallMs: number; peakHeapMb: number } {
  const requests = Math.floor(rows / 50) + 1
  const perRequestMs = Math.max(slice.wallMs / Math.max(1, slice.requests), 1000 / drainRate)
  const scale = rows / Math.max(1, slice.rows)
  return {
    requests,
    wallMs: slice.wallMs + Math.max(0, requests - slice.requests) * perRequestMs,
    peakHeapMb: slice.peakHeapMb + slice.heapGrowthMb * (scale - 1),
  }
}

export function table(rows: ReadonlyArray<readonly (string | number)[]>): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))
  const widths = text[0]!.map((_, column) => Math.max(...text.map((row) => row[column]!.length)))
  return text.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n')
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—'
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
