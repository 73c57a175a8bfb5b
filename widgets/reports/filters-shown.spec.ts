// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { COMMITTEE_VIEWS, REPORT_TABS } from '@/domain/reports/report-view'
import { shownFilters } from './filters-shown'

describe('the period and pipeline filters a report applies', () => {
  it('shows on the committee tab only what its report follows', () => {
    expect(Object.fromEntries(COMMITTEE_VIEWS.map((view) => [view, shownFilters('committee', view)]))).toEqual({
      steps: { period: false, pipeline: false },
      objects: { period: true, pipeline: true },
      leads: { period: true, pipeline: false },
      communications: { period: false, pipeline: false },
    })
  })

  it('keeps the other tabs as they were: no period on the yearly and plans tabs, the funnel its own pipeline', () => {
    expect(Object.fromEntries(REPORT_TABS.filter((tab) => tab !== 'committee').map((tab) => [tab, shownFilters(tab, 'steps')]))).toEqual({
      deals: { period: true, pipeline: true },
      meeting: { period: true, pipeline: true },
      yearly: { period: false, pipeline: true },
      funnel: { period: true, pipeline: false },
      plans: { period: false, pipeline: true },
      trends: { period: true, pipeline: true },
    })
  })
})
