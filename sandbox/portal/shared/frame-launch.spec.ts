// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { buildFrameLaunch } from './frame-launch'

// How the portal opens a handler: reference §1.1; POST fields from b24restdocs api-reference/widgets/crm/detail-tab.md.
describe('buildFrameLaunch', () => {
  const input = {
    portalOrigin: 'http://localhost:4000',
    handler: 'http://localhost:5173/app/?x=1',
    lang: 'en',
    sid: 'abc123',
    tokens: { AUTH_ID: 'tok', AUTH_EXPIRES: 3600, REFRESH_ID: 'ref' },
    memberId: 'mem',
    placement: 'CRM_DEAL_DETAIL_TAB',
    placementOptions: { ID: '7' },
    inSlider: false,
  }

  it('names the iframe host|0|sid and posts the portal fields to the handler with its query', () => {
    const launch = buildFrameLaunch(input)
    expect(launch.name).toBe('localhost:4000|0|abc123')
    const action = new URL(launch.action)
    expect(action.origin + action.pathname).toBe('http://localhost:5173/app/')
    expect(Object.fromEntries(action.searchParams)).toEqual({ x: '1', DOMAIN: 'localhost:4000', PROTOCOL: '0', LANG: 'en', APP_SID: 'abc123' })
    expect(Object.fromEntries(launch.fields)).toEqual({
      AUTH_ID: 'tok',
      AUTH_EXPIRES: '3600',
      REFRESH_ID: 'ref',
      member_id: 'mem',
      status: 'L',
      PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
      PLACEMENT_OPTIONS: '{"ID":"7"}',
    })
    expect(launch.appOrigin).toBe('http://localhost:5173')
  })

  it('posts SERVER_ENDPOINT, APPLICATION_TOKEN and APPLICATION_SCOPE after the tokens, as detail-tab.md shows', () => {
    const launch = buildFrameLaunch({ ...input, serverEndpoint: 'http://localhost:4000/rest/', applicationToken: 'f'.repeat(32), scope: ['crm', 'placement'] })
    expect(launch.fields.map(([name]) => name)).toEqual([
      'AUTH_ID', 'AUTH_EXPIRES', 'REFRESH_ID', 'SERVER_ENDPOINT', 'APPLICATION_TOKEN', 'APPLICATION_SCOPE', 'member_id', 'status', 'PLACEMENT', 'PLACEMENT_OPTIONS',
    ])
    expect(Object.fromEntries(launch.fields)).toMatchObject({ SERVER_ENDPOINT: 'http://localhost:4000/rest/', APPLICATION_TOKEN: 'f'.repeat(32), APPLICATION_SCOPE: 'crm,placement' })
  })

  it('leaves PLACEMENT_OPTIONS out when there are none', () => {
    const launch = buildFrameLaunch({ ...input, placement: 'DEFAULT', placementOptions: {} })
    expect(launch.fields.map(([name]) => name)).not.toContain('PLACEMENT_OPTIONS')
  })
})
