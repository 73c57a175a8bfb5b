// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { packDeals, packReportData, toReportDeal, unpackDeals, unpackReportData, type ReportData } from '@/domain/reports'
import { generateDeals, NOW } from './generated-data'

// The report cache writes 100,000 deals into IndexedDB, which copies them on the page's thread
// (structured clone). As objects that copy froze the page for 2.8 s (issue 15, measured on the
// sandbox); packed into typed-array columns and a few long strings it is a copy of memory blocks.
const deals = generateDeals(5000, 11).map((row) => toReportDeal(row))
deals[0] = { ...deals[0]!, title: 'Сделка «кавычки» "и" 🚚 эмодзи', closeIso: '', closeAt: Number.NaN, invoiceAt: Date.parse('2026-03-01T00:00:00+03:00') }
deals[1] = { ...deals[1]!, title: '', stageId: '', currency: 'USD', semantic: 'F', scansReceived: true, originalsReceived: false }

describe('packed deals for the report cache', () => {
  it('unpack gives back every deal field for field (NaN dates, empty and non-ASCII texts included)', () => {
    expect(unpackDeals(packDeals(deals))).toEqual(deals)
    expect(unpackDeals(packDeals([]))).toEqual([])
  })

  it('unpacks in pieces: any range gives the same deals as the whole', () => {
    const packed = packDeals(deals)
    const pieces = [0, 1, 1700, 1701, 4999, 5000].slice(1).map((to, index, ends) => unpackDeals(packed, index === 0 ? 0 : ends[index - 1]!, to))
    expect(pieces.flat()).toEqual(deals)
  })

  it('holds no object or string per deal: columns and dictionaries only', () => {
    const packed = packDeals(deals)
    for (const value of Object.values(packed)) {
      if (Array.isArray(value)) expect(value.length).toBeLessThan(50) // stage and currency dictionaries
      else expect(typeof value === 'number' || typeof value === 'string' || ArrayBuffer.isView(value)).toBe(true)
    }
  })

  it('the whole report data survives a structured clone (what IndexedDB does) packed', () => {
    const data: ReportData = { deals, users: [{ id: 3, name: 'Вера', departmentIds: [4] }], departments: [], pipelines: [], overdue: [], readAt: NOW }
    expect(unpackReportData(structuredClone(packReportData(data)))).toEqual(data)
  })
})
