// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { denialOf, placementInterface } from './placement-interface'

// reference §1.1 (denied commands), b24restdocs api-reference/widgets/ui-interaction/crm-card.md (reloadData).
describe('placement interface', () => {
  it('denies setTitle/setScroll/reloadWindow outside DEFAULT and resizeWindow in sliders', () => {
    expect(denialOf('DEFAULT', 'setTitle', false)).toBeNull()
    expect(denialOf('CRM_DEAL_DETAIL_TAB', 'setTitle', false)).toMatch(/denied/)
    expect(denialOf('LEFT_MENU', 'reloadWindow', false)).toMatch(/denied/)
    expect(denialOf('CRM_DEAL_DETAIL_TAB', 'resizeWindow', false)).toBeNull()
    expect(denialOf('DEFAULT', 'resizeWindow', true)).toMatch(/slider/)
  })

  it('offers reloadData in CRM card tabs only', () => {
    expect(placementInterface('CRM_LEAD_DETAIL_TAB')).toEqual({ command: ['reloadData'], event: [] })
    expect(placementInterface('DEFAULT')).toEqual({ command: [], event: [] })
  })
})
