// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { contractApproverFor, parseApprovalSettings, serializeApprovalSettings } from '@/domain/approvals'

describe('approval settings (admin-only app option)', () => {
  it('round-trips', () => {
    const settings = { contractApprovers: { '0': 6, '1': 2 }, tripApprover: 6, accountant: 7 }
    expect(parseApprovalSettings(serializeApprovalSettings(settings))).toEqual(settings)
    expect(parseApprovalSettings(settings)).toEqual(settings)
    expect(contractApproverFor(settings, 1)).toBe(2)
    expect(contractApproverFor(settings, 5)).toBeNull()
  })

  it('falls back to "nobody" for missing or broken parts, never to "anybody"', () => {
    expect(parseApprovalSettings(undefined)).toEqual({ contractApprovers: {}, tripApprover: null, accountant: null })
    expect(parseApprovalSettings('{not json')).toEqual({ contractApprovers: {}, tripApprover: null, accountant: null })
    expect(parseApprovalSettings([])).toEqual({ contractApprovers: {}, tripApprover: null, accountant: null })
    expect(
      parseApprovalSettings({ contractApprovers: { '0': '6', x: 3, '2': 0, '3': 'abc' }, tripApprover: '6', accountant: -7 }),
    ).toEqual({ contractApprovers: { '0': 6 }, tripApprover: 6, accountant: null })
    expect(parseApprovalSettings({ contractApprovers: 'oops', tripApprover: 6 })).toEqual({
      contractApprovers: {},
      tripApprover: 6,
      accountant: null,
    })
  })
})
