// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { buildInitData, type InitDataInput } from './init-data'

// Field set and types: reference §2.4 (SDK frame/b24.ts, auth.ts, options.ts, placement.ts);
// PLACEMENT_OPTIONS {ID} for CRM tabs: b24restdocs api-reference/widgets/crm/detail-tab.md.
const base: InitDataInput = {
  portalOrigin: 'http://localhost:4000',
  lang: 'ru',
  tokens: { AUTH_ID: 'a1', AUTH_EXPIRES: 3600, REFRESH_ID: 'r1' },
  memberId: 'm'.repeat(32),
  isAdmin: true,
  appOptions: { theme: 'dark' },
  userOptions: undefined,
  placement: 'CRM_DEAL_DETAIL_TAB',
  placementOptions: { ID: 42 },
  installMode: false,
}

describe('buildInitData', () => {
  it('gives every field the SDK reads, typed as the portal types them', () => {
    expect(buildInitData(base)).toEqual({
      DOMAIN: 'localhost:4000',
      PROTOCOL: 0,
      PATH: '/rest/',
      LANG: 'ru',
      AUTH_ID: 'a1',
      AUTH_EXPIRES: '3600',
      REFRESH_ID: 'r1',
      MEMBER_ID: 'm'.repeat(32),
      IS_ADMIN: true,
      APP_OPTIONS: { theme: 'dark' },
      USER_OPTIONS: {},
      PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
      PLACEMENT_OPTIONS: { ID: '42' },
      INSTALL: false,
      FIRST_RUN: false,
    })
  })

  it('opens in install mode before installFinish', () => {
    const data = buildInitData({ ...base, installMode: true, placement: 'DEFAULT', placementOptions: {} })
    expect(data.INSTALL).toBe(true)
    expect(data.FIRST_RUN).toBe(true)
    expect(data.PLACEMENT_OPTIONS).toBe('')
  })

  it('derives PROTOCOL 1 for an https portal and keeps option objects separate from the store', () => {
    const appOptions = { a: 1 }
    const data = buildInitData({ ...base, portalOrigin: 'https://localhost:4443', appOptions })
    expect(data.PROTOCOL).toBe(1)
    expect(data.DOMAIN).toBe('localhost:4443')
    data.APP_OPTIONS.a = 2
    expect(appOptions.a).toBe(1)
  })
})
