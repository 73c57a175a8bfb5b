import { describe, expect, it } from 'vitest'
import { drillDown, groupDeals, reportContext, toReportDeal, toReportUser, totalsOf, type ReportData } from '@/domain/reports'
import { generateDeals, NOW, USERS } from './generated-data'

// What a head chases after a win: the scans and the originals that have not arrived yet.
const raw = generateDeals(2000, 17)
const data: ReportData = { deals: raw.map((row) => toReportDeal(row)), users: USERS.map(toReportUser), departments: [], pipelines: [], overdue: [], readAt: NOW }
const ctx = reportContext(data, NOW)
const yes = (value: unknown) => value === '1' || value === 1 || value === 'Y' || value === true

describe('documents columns count what is missing on won deals', () => {
  const totals = totalsOf(data.deals, ctx)

  it('won deals without scans and without originals, counted independently from the raw rows', () => {
    const won = raw.filter((r) => r.STAGE_SEMANTIC_ID === 'S')
    expect(totals.scansMissing).toBe(won.filter((r) => !yes(r.UF_CRM_LMS_SCANS_RECEIVED)).length)
    expect(totals.originalsMissing).toBe(won.filter((r) => !yes(r.UF_CRM_LMS_ORIGINALS_RECEIVED)).length)
    expect(totals.originalsMissing).toBeGreaterThan(0)
    expect(totals.originalsMissing).toBeLessThan(won.length)
  })

  it('each figure opens exactly its deals, and the groups add up to the total', () => {
    expect(drillDown(data.deals, { measure: 'originalsMissing' }, ctx)).toHaveLength(totals.originalsMissing)
    expect(drillDown(data.deals, { measure: 'scansMissing' }, ctx)).toHaveLength(totals.scansMissing)
    const groups = groupDeals(data.deals, 'manager', ctx)
    expect(groups.reduce((s, g) => s + g.totals.originalsMissing, 0)).toBe(totals.originalsMissing)
  })
})
